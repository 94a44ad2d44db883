// SPDX-License-Identifier: BSL-1.0
// Writes with assignments present only at run time. A dynamic UPDATE (PATCH) sets only the fields
// the request carried: each shape's SQL, dense placeholders, the refusal of an empty SET, and on
// the server every combination of fields compared with the row read back. A dynamic INSERT lists
// only the present columns, the others taking their defaults.
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
struct orders_audit_t : pgdsl::table<"orders_audit"> {
  column<"id", std::int64_t, pgdsl::identity> id;
  column<"note", std::optional<std::string>> note;
};
constexpr orders_audit_t orders_audit{};
}  // namespace

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

TEST_CASE("a dynamic INSERT lists the present columns; the others take their defaults") {
  const auto insert_user = [](const std::string& name, const std::optional<std::string>& email,
                              const std::optional<double>& score) {
    return insert_into(users)
        .set(users.username = name, users.email = email.value_or(name + "@example.com"),
             when(score, [](double s) { return users.score = s; }))
        .returning(users.id);
  };
  CHECK(std::string(insert_user("ann", std::nullopt, 2.0).sql()) ==
        R"(INSERT INTO "users" ("username", "email", "score") VALUES ($1, $2, $3) RETURNING )"
        R"("users"."id")");
  CHECK(std::string(insert_user("ann", std::nullopt, std::nullopt).sql()) ==
        R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2) RETURNING "users"."id")");

  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  auto& db = fixture.db();
  const auto ann = pgdsl::execute_dynamic(db, insert_user("ann", std::nullopt, 2.0)).scalar();
  const auto bob = pgdsl::execute_dynamic(db, insert_user("bob", "b@x", std::nullopt)).scalar();
  CHECK(db.query<std::optional<double>>("SELECT score FROM users WHERE id = $1", ann).scalar() ==
        2.0);
  CHECK(db.query<std::optional<double>>("SELECT score FROM users WHERE id = $1", bob).scalar() ==
        std::nullopt);
  CHECK(db.query<std::string>("SELECT email FROM users WHERE id = $1", bob).scalar() == "b@x");

  // Nothing present: DEFAULT VALUES (a table whose every column has a default or is nullable).
  const auto note = [](const std::optional<std::string>& text) {
    return insert_into(orders_audit).set(when(text, [](const std::string& t) {
      return orders_audit.note = t;
    }));
  };
  CHECK(std::string(note(std::nullopt).sql()) == R"(INSERT INTO "orders_audit" DEFAULT VALUES)");
  fixture.run("CREATE TABLE orders_audit (id bigint GENERATED ALWAYS AS IDENTITY, note text)");
  CHECK(pgdsl::execute_dynamic(db, note(std::nullopt)).rows_affected() == 1);
  CHECK(pgdsl::execute_dynamic(db, note("seen")).rows_affected() == 1);
  CHECK(db.query<std::int64_t>("SELECT count(note) FROM orders_audit").scalar() == 1);
}
