// SPDX-License-Identifier: BSL-1.0
// A dynamic UPDATE (PATCH): update(t).set(...) with assignments present only at run time sets
// only the fields the request carried. Each shape's SQL, dense placeholders, the refusal of an
// empty SET, and on the server every combination of fields compared with the row read back.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

using namespace shop;
using pgdsl::when;

namespace {

// What a PATCH /users/{id} request carried: every field optional; a score may be set to null.
struct user_patch {
  std::optional<std::string> email = {};
  std::optional<std::optional<double>> score = {};
  bool touch = false;
};

auto patch_user(std::int64_t id, const user_patch& request) {
  return update(users)
      .set(when(request.email, [](const std::string& e) { return users.email = e; }),
           when(request.score, [](std::optional<double> s) { return users.score = s; }),
           when(request.touch, users.created_at = pgdsl::now()))
      .where(users.id == id);
}

}  // namespace

TEST_CASE("a dynamic UPDATE sets only the present assignments, placeholders dense") {
  CHECK(std::string(patch_user(7, {.email = "a@x", .score = 2.5}).sql()) ==
        R"(UPDATE "users" SET "email" = $1, "score" = $2 WHERE "users"."id" = $3)");
  CHECK(std::string(patch_user(7, {.score = std::optional<double>()}).sql()) ==
        R"(UPDATE "users" SET "score" = $1 WHERE "users"."id" = $2)");
  CHECK(std::string(patch_user(7, {.touch = true}).sql()) ==
        R"(UPDATE "users" SET "created_at" = now() WHERE "users"."id" = $1)");
  CHECK(patch_user(7, {.email = "a@x"}).shape() == 1);
  CHECK(patch_user(7, {.email = "a@x", .touch = true}).shape() == 5);
  const auto returning = patch_user(7, {.email = "a@x"}).returning(users.id, users.email);
  CHECK(std::string(returning.sql()) ==
        R"(UPDATE "users" SET "email" = $1 WHERE "users"."id" = $2 RETURNING "users"."id", )"
        R"("users"."email")");
}

TEST_CASE("a dynamic UPDATE with no assignment present is refused before anything is sent") {
  try {
    (void)patch_user(7, {}).sql();
    FAIL("an empty SET was rendered");
  } catch (const pgdsl::empty_update& e) {
    CHECK(e.table() == R"("users")");
    CHECK(std::string(e.what()).starts_with(R"(UPDATE "users": no assignment is present)"));
  }
}

TEST_CASE("every combination of PATCH fields changes exactly those fields on the server") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  auto& db = fixture.db();
  fixture.run(
      "INSERT INTO users (username, email, score, created_at) VALUES ('ann', 'ann@x', 1.0, "
      "'2020-01-01 00:00:00+00')");
  const auto id = db.query<std::int64_t>("SELECT id FROM users WHERE username = 'ann'").scalar();
  using row = std::tuple<std::string, std::optional<double>, bool>;
  const auto read = [&] {
    return db
        .query<std::string, std::optional<double>, bool>(pgdsl::runtime_sql(
            "SELECT email, score, created_at > '2021-01-01' FROM users WHERE username = 'ann'"))
        .one()
        .values();
  };
  row expected{"ann@x", 1.0, false};
  for (unsigned fields = 1; fields < 8; ++fields) {
    INFO("fields " << fields);
    user_patch request;
    if (fields & 1) request.email = "ann" + std::to_string(fields) + "@x";
    if (fields & 2) request.score = fields % 4 == 2 ? std::optional<double>() : fields * 1.5;
    request.touch = (fields & 4) != 0;
    CHECK(pgdsl::execute_dynamic(db, patch_user(id, request)).rows_affected() == 1);
    if (request.email) std::get<0>(expected) = *request.email;
    if (request.score) std::get<1>(expected) = *request.score;
    if (request.touch) std::get<2>(expected) = true;
    CHECK(read() == expected);
  }
  CHECK(pgdsl::execute_dynamic(db, patch_user(id + 1000, {.email = "nobody@x"})).rows_affected() ==
        0);
  const auto [key, email] =
      pgdsl::execute_dynamic(db, patch_user(id, {.email = "last@x"}).returning(users.id, users.email))
          .one();
  CHECK(key == id);
  CHECK(email == "last@x");
  CHECK_THROWS_AS(pgdsl::execute_dynamic(db, patch_user(id, {})), pgdsl::empty_update);
  CHECK(std::get<0>(read()) == "last@x");
}
