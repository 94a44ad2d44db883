// SPDX-License-Identifier: BSL-1.0
// pgdsl::sort_by: ORDER BY keys named at run time ("name,-created_at"), accepted only among the
// columns the program lists. Specs that name anything else are refused with the key; each choice
// renders its own shape; on the server every accepted spec sorts like the same ORDER BY by hand.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

using namespace shop;

namespace {

auto listing(std::string_view spec) {
  return pgdsl::dynamic(select(users.id, users.username).from(users))
      .order_by(pgdsl::sort_by(spec, users.username, users.score, users.email), users.id.asc());
}

std::string refusal(std::string_view spec) {
  try {
    (void)listing(spec);
  } catch (const pgdsl::invalid_sort_key& e) {
    return std::string(e.key()) + " | " + e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("a sort spec chooses among the listed columns, in its order and directions") {
  CHECK(std::string(listing("username,-score").sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" ORDER BY "users"."username" ASC, )"
        R"("users"."score" DESC, "users"."id" ASC)");
  CHECK(std::string(listing(" -email , +username ").sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" ORDER BY "users"."email" DESC, )"
        R"("users"."username" ASC, "users"."id" ASC)");
  CHECK(std::string(listing("").sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" ORDER BY "users"."id" ASC)");
  // Each choice is its own shape; the same choice is the same shape.
  CHECK(listing("username,-score").shape() != listing("-score,username").shape());
  CHECK(listing("username,-score").shape() != listing("username,score").shape());
  CHECK(listing("username, -score").shape() == listing("username,-score").shape());
  CHECK(listing("").shape() != listing("username").shape());
}

TEST_CASE("a sort spec naming anything but a listed column is refused with the key") {
  CHECK(refusal("id") ==
        "id | invalid sort key \"id\": no such column (allowed: username, score, email)");
  CHECK(refusal("username,password") ==
        "password | invalid sort key \"password\": no such column (allowed: username, score, "
        "email)");
  CHECK(refusal("username;DROP TABLE users") != "accepted");
  CHECK(refusal("\"username\"") != "accepted");
  CHECK(refusal("Username") != "accepted");  // names match exactly, as the server's do
  CHECK(refusal("username,-username") ==
        "-username | invalid sort key \"-username\": the column is already a key");
  CHECK(refusal("username,,score") != "accepted");
  CHECK(refusal("username,") != "accepted");
  CHECK(refusal("-") != "accepted");
  CHECK(refusal("username,score,email") == "accepted");
  CHECK(pgdsl::sort_by<2>("username,score", users.username, users.score, users.email).part);
  CHECK_THROWS_WITH(pgdsl::sort_by<2>("username,score,email", users.username, users.score,
                                      users.email),
                    "invalid sort key \"email\": more than 2 keys");
}

TEST_CASE("every accepted sort spec sorts like the same ORDER BY written by hand") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fixture.run(
      "INSERT INTO users (username, email, score) SELECT 'user' || (i * 7 % 30), 'u' || (i % 5) || "
      "'@x', CASE WHEN i % 4 = 0 THEN NULL ELSE (i % 3)::float8 END FROM generate_series(1, 30) i");
  auto& db = fixture.db();
  const std::vector<std::pair<std::string, std::string>> specs{
      {"", ""},
      {"username", "username ASC, "},
      {"-score", "score DESC, "},
      {"score,-email", "score ASC, email DESC, "},
      {"-email,username,score", "email DESC, username ASC, score ASC, "},
  };
  for (const auto& [spec, order] : specs) {
    INFO("spec \"" << spec << "\"");
    std::vector<std::tuple<std::int64_t, std::string>> expected, got;
    for (const auto& [id, name] : db.query<std::int64_t, std::string>(pgdsl::runtime_sql(
             "SELECT id, username FROM users ORDER BY " + order + "id ASC")))
      expected.emplace_back(id, name);
    for (const auto& [id, name] : pgdsl::execute_dynamic(db, listing(spec)))
      got.emplace_back(id, name);
    CHECK(got == expected);
    CHECK(got.size() > 3);
  }
}
