// SPDX-License-Identifier: BSL-1.0
// pgdsl::nested against the real server: the rendered SQL as a constant, users with 0, 1 and
// many orders in one statement (counted through the query hook), NULLs and text with quotes,
// commas, braces and newlines inside nested rows, every column type of the shop's orders and
// items, and two levels (users -> orders -> items).
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/every_type_table.hpp"
#include "support/shop_schema.hpp"

using namespace shop;
using pgdsl::select;

namespace {

auto users_with_orders() {
  return select(users.username, pgdsl::nested(select(orders.id, orders.total, orders.note)
                                                  .from(orders)
                                                  .where(orders.user_id == users.id)
                                                  .order_by(orders.id.asc()))
                                    .as<"orders">())
      .from(users)
      .order_by(users.id.asc());
}

static_assert(decltype(users_with_orders())::sql ==
              R"(SELECT "users"."username", ARRAY(SELECT ROW("pgdsl_nested".*) FROM )"
              R"((SELECT "orders"."id", "orders"."total", "orders"."note" FROM "orders" )"
              R"(WHERE "orders"."user_id" = "users"."id" ORDER BY "orders"."id" ASC) )"
              R"(AS "pgdsl_nested") AS "orders" FROM "users" ORDER BY "users"."id" ASC)");

using order_tuple = std::tuple<std::int64_t, pgdsl::numeric, std::optional<std::string>>;
static_assert(std::is_same_v<pgdsl::sql_type_t<decltype(pgdsl::nested(
                                 select(orders.id, orders.total, orders.note).from(orders)))>,
                             std::vector<order_tuple>>);

void fill(pgdsl::test::database& fixture) {
  fixture.run(
      "INSERT INTO users (id, username, email) VALUES (1, 'none', 'a'), (2, 'one', 'b'), "
      "(3, 'many', 'c');"
      "INSERT INTO orders (id, user_id, total, note) VALUES "
      "(10, 2, 1.50, NULL), (20, 3, 2, 'say \"hi\", {x}'), (21, 3, 0.001, E'two\\nlines \\\\ ('),"
      "(22, 3, 12345678901234567890.5, '');"
      "INSERT INTO order_items (order_id, product, quantity, unit_price) VALUES "
      "(20, 'a\"b', 1, 0.5), (20, 'c,d', 2, 1), (21, 'e', 3, 2)");
}

}  // namespace

TEST_CASE("nested rows come back per parent in one statement: 0, 1 and many, NULLs, quotes") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fill(fixture);
  auto& db = fixture.db();
  std::size_t statements = 0;
  db.set_query_hook([&](const pgdsl::query_event&) { ++statements; });
  const auto rows = db.execute(users_with_orders()).all();
  CHECK(statements == 1);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][users.username] == "none");
  const std::vector<order_tuple>& none = std::get<1>(rows[0].values());
  CHECK(none.empty());
  const auto& one = std::get<1>(rows[1].values());
  REQUIRE(one.size() == 1);
  CHECK(std::get<0>(one[0]) == 10);
  CHECK(std::get<1>(one[0]).to_string() == "1.50");
  CHECK(std::get<2>(one[0]) == std::nullopt);
  const auto& many = std::get<1>(rows[2].values());
  REQUIRE(many.size() == 3);
  CHECK(std::get<0>(many[0]) == 20);
  CHECK(std::get<2>(many[0]) == "say \"hi\", {x}");
  CHECK(std::get<2>(many[1]) == "two\nlines \\ (");
  CHECK(std::get<1>(many[1]).to_string() == "0.001");
  CHECK(std::get<1>(many[2]).to_string() == "12345678901234567890.5");
  CHECK(std::get<2>(many[2]) == "");
}

TEST_CASE("nested rows map into a struct with a vector member by name") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fill(fixture);
  auto& db = fixture.db();
  struct user_orders {
    std::string username;
    std::vector<order_tuple> orders;
  };
  const auto people = db.execute(users_with_orders()).as<user_orders>();
  REQUIRE(people.size() == 3);
  CHECK(people[2].username == "many");
  CHECK(people[2].orders.size() == 3);
}

TEST_CASE("two levels: users, their orders, each order's items") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fill(fixture);
  auto& db = fixture.db();
  const auto q =
      select(users.id,
             pgdsl::nested(
                 select(orders.id, pgdsl::nested(select(order_items.product, order_items.quantity)
                                                     .from(order_items)
                                                     .where(order_items.order_id == orders.id)
                                                     .order_by(order_items.product.asc()))
                                       .as<"items">())
                     .from(orders)
                     .where(orders.user_id == users.id)
                     .order_by(orders.id.asc()))
                 .as<"orders">())
          .from(users)
          .where(users.id == std::int64_t{3});
  const auto [id, user_orders] = db.execute(q).one();
  CHECK(id == 3);
  REQUIRE(user_orders.size() == 3);
  const auto& [first_id, first_items] = user_orders[0];
  CHECK(first_id == 20);
  REQUIRE(first_items.size() == 2);
  CHECK(first_items[0] == std::tuple<std::string, std::int32_t>{"a\"b", 1});
  CHECK(first_items[1] == std::tuple<std::string, std::int32_t>{"c,d", 2});
  CHECK(std::get<1>(user_orders[1]).size() == 1);
  CHECK(std::get<1>(user_orders[2]).empty());
}

namespace nested_types {
enum class mood { sad, ok, happy };
}
template <>
struct pgdsl::type_traits<nested_types::mood>
    : pgdsl::enum_traits<nested_types::mood, "nested_mood", "sad", "ok", "happy"> {};

namespace nested_types {
using all_types_t = pgdsl::test::every_type_table<"nested_all_types", mood>;
inline constexpr all_types_t t{};

auto every_column() {
  return select(t.id, t.b, t.i2, t.i4, t.i8, t.f4, t.f8, t.num, t.t, t.vc, t.by, t.u, t.j, t.jb,
                t.d, t.ts, t.tstz, t.m, t.ints, t.texts, t.moods, t.vcs, t.nums)
      .from(t)
      .order_by(t.id.asc());
}
}  // namespace nested_types

TEST_CASE("every supported column type, NULL or not, reads the same nested as at top level") {
  using namespace nested_types;
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  auto& db = fixture.db();
  db.execute(pgdsl::create_type<mood>());
  db.execute(pgdsl::create_table(t));
  fixture.run(
      "INSERT INTO users (id, username, email) VALUES (1, 'u', 'e');"
      "INSERT INTO nested_all_types VALUES "
      "(1, true, -32768, 2147483647, -9223372036854775808, 1.5, 1e300, -0.000123, "
      " E'quote \" comma , brace { paren ( backslash \\\\ newline \\n', 'ü€', '\\x00ff'::bytea, "
      " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"k\": [1, \"v\"]}', '{\"a\": null}', "
      " '2024-02-29', '1999-12-31 23:59:59.999999', 'infinity', 'happy', '{1,-2,3}', "
      " '{\"x,y\",NULL,\"\"}', '{sad,ok}', '{ab,\"c d\"}', '{1.5,-2.125}'),"
      "(2, false, 0, NULL, 0, '-Infinity', NULL, 0, '', NULL, '', "
      " '00000000-0000-0000-0000-000000000000', 'null', NULL, '-infinity', "
      " '2000-01-01 00:00:00', '-infinity', 'sad', '{}', NULL, NULL, '{}', '{}')");
  const auto top = db.execute(every_column()).all();
  REQUIRE(top.size() == 2);
  const auto nested_rows =
      db.execute(select(users.id, pgdsl::nested(every_column()).as<"rows">()).from(users)).one();
  const auto& rows = std::get<1>(nested_rows.values());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == top[0].values());
  CHECK(rows[1] == top[1].values());
  CHECK(std::get<3>(rows[1]) == std::nullopt);  // i4 NULL inside a nested row
  CHECK(std::get<8>(rows[0]) == "quote \" comma , brace { paren ( backslash \\ newline \n");
}
