// SPDX-License-Identifier: BSL-1.0
// Columns chosen by name at run time among a descriptor's own: a run-time select list composed
// with pgdsl::sql, run on the server and read by name; names the table lacks are refused.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

using namespace shop;

TEST_CASE("a column looked up by name is the descriptor's own, qualified and quoted") {
  CHECK((pgdsl::sql("") + pgdsl::column_by_name(users, "email")).text() == R"("users"."email")");
  const std::vector<std::string> fields{"username", "score", "id"};
  CHECK(pgdsl::columns_by_name(users, fields).text() ==
        R"("users"."username", "users"."score", "users"."id")");
  try {
    (void)pgdsl::column_by_name(users, "password\"; DROP TABLE users; --");
    FAIL("an unknown name was accepted");
  } catch (const pgdsl::not_a_column& e) {
    CHECK(e.name() == "password\"; DROP TABLE users; --");
    CHECK(std::string(e.what()) ==
          "\"password\"; DROP TABLE users; --\" is not a column of table \"users\" (its columns: "
          "id, username, email, created_at, score)");
  }
  CHECK_THROWS_AS(pgdsl::column_by_name(users, "Email"), pgdsl::not_a_column);  // exact names
  CHECK_THROWS_AS(pgdsl::columns_by_name(orders, fields), pgdsl::not_a_column);
}

TEST_CASE("a select list chosen at run time runs on the server and is read by name") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fixture.run(
      "INSERT INTO users (username, email, score) VALUES ('ann', 'ann@x', 4.5), ('bob', 'bob@x', "
      "NULL)");
  auto& db = fixture.db();
  const std::vector<std::string> fields{"email", "score"};  // ?fields=email,score
  const auto q = pgdsl::sql("SELECT ") + pgdsl::columns_by_name(users, fields) + " FROM " +
                 pgdsl::table_name(users) + " WHERE " + pgdsl::column_by_name(users, "username") +
                 " = ANY(" + pgdsl::param(std::vector<std::string>{"ann", "bob"}) + ") ORDER BY " +
                 pgdsl::column_by_name(users, "username");
  const auto rows = pgdsl::execute_sql(db, q);
  REQUIRE(rows.size() == 2);
  CHECK(rows.column_names() == std::vector<std::string>{"email", "score"});
  CHECK(rows[0].get<std::string>("email") == "ann@x");
  CHECK(rows[0].get<std::optional<double>>("score") == 4.5);
  CHECK(rows[1].get<std::optional<double>>("score") == std::nullopt);
  CHECK_THROWS_AS(rows[0].get<std::string>("username"), pgdsl::no_such_column);
}
