// SPDX-License-Identifier: BSL-1.0
// Optional joins of a dynamic SELECT, on the server: a search that joins orders only when asked,
// every combination of the join, a filter on users, a filter and a sort key on orders and LIMIT
// executed and compared with the same search written by hand; the join's bound value numbered
// before the base's WHERE; a present part that needs an absent join refused with absent_join
// naming the table, on each path (condition, key, sort_by column, later join).
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

// 12 users, each with (id % 4) orders of totals 10 * id + k, statuses alternating.
void create_orders(pgdsl::test::database& fixture) {
  pgdsl::test::create_shop(fixture);
  fixture.run(
      "INSERT INTO users (username, email, score) SELECT 'user' || i || CASE WHEN i % 3 = 0 THEN "
      "'a' ELSE 'b' END, 'u' || i || CASE WHEN i % 5 = 0 THEN '@y' ELSE '@x' END, i "
      "FROM generate_series(1, 12) i");
  fixture.run(
      "INSERT INTO orders (user_id, status, total) SELECT u, CASE WHEN k % 2 = 0 THEN 'paid' "
      "ELSE 'new' END, 10 * u + k FROM generate_series(1, 12) u, generate_series(1, 3) k "
      "WHERE k <= u % 4");
}

struct order_search {
  bool with_orders = false;           // JOIN orders ON user_id = id AND status = 'paid'
  std::optional<std::string> name;    // users.username ILIKE
  std::optional<std::int64_t> above;  // orders.total > (needs the join)
  bool by_total = false;              // ORDER BY orders.total DESC (needs the join)
  std::optional<std::int64_t> limit;
};

auto search(const order_search& form) {
  return pgdsl::dynamic(select(users.id, users.username).from(users).where(users.email.like("%@x")))
      .join(pgdsl::when(form.with_orders, pgdsl::join(orders).on(orders.user_id == users.id &&
                                                                 orders.status == "paid")))
      .where(pgdsl::when(form.name, [](const std::string& n) { return users.username.ilike(n); }),
             pgdsl::when(form.above, [](std::int64_t t) { return orders.total > t; }))
      .order_by(pgdsl::when(form.by_total, orders.total.desc()), users.id.asc(),
                pgdsl::when(form.with_orders, orders.id.asc()))
      .limit(form.limit);
}

std::string hand_written(const order_search& form) {
  std::string sql = "SELECT users.id, users.username FROM users";
  if (form.with_orders) sql += " JOIN orders ON orders.user_id = users.id AND status = 'paid'";
  sql += " WHERE email LIKE '%@x'";
  if (form.name) sql += " AND username ILIKE '" + *form.name + "'";
  if (form.above) sql += " AND total > " + std::to_string(*form.above);
  sql += " ORDER BY ";
  if (form.by_total) sql += "total DESC, ";
  sql += "users.id";
  if (form.with_orders) sql += ", orders.id";
  if (form.limit) sql += " LIMIT " + std::to_string(*form.limit);
  return sql;
}

order_search form_of_shape(unsigned shape) {
  order_search form;
  form.with_orders = (shape & 1) != 0;
  if (shape & 2) form.name = "%B";
  if (shape & 4) form.above = 40;
  form.by_total = (shape & 8) != 0;
  if (shape & 16) form.limit = 4;
  return form;
}

using rows = std::vector<std::tuple<std::int64_t, std::string>>;

}  // namespace

TEST_CASE("an optional join is in the SQL only when asked, its values numbered where it stands") {
  order_search form;
  form.name = "%b";
  CHECK(std::string(search(form).sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" WHERE "users"."email" LIKE $1 )"
        R"(AND "users"."username" ILIKE $2 ORDER BY "users"."id" ASC)");
  form.with_orders = true;
  form.above = 5;
  form.by_total = true;
  const auto q = search(form);
  CHECK(std::string(q.sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" JOIN "orders" ON )"
        R"(("orders"."user_id" = "users"."id" AND "orders"."status" = $1) WHERE )"
        R"("users"."email" LIKE $2 AND "users"."username" ILIKE $3 AND "orders"."total" > $4 )"
        R"(ORDER BY "orders"."total" DESC, "users"."id" ASC, "orders"."id" ASC)");
  char buffer[512];
  CHECK(q.render_into(buffer, sizeof buffer) == std::string_view(q.sql()));
  // The values in $n order: the join's, the base's, the conditions'.
  std::vector<std::string> values;
  q.bind([&](const auto& value) {
    if constexpr (std::is_convertible_v<decltype(value), std::string_view>)
      values.emplace_back(value);
    else
      values.emplace_back("#");
  });
  CHECK(values == std::vector<std::string>{"paid", "%@x", "%b", "#"});
  // The join is part of the shape: bit 0.
  CHECK((q.shape() & 1) == 1);
  CHECK((search(order_search{}).shape() & 1) == 0);
  CHECK(search(form_of_shape(1)).sql() != search(form_of_shape(0)).sql());
}

TEST_CASE(
    "every combination of an optional join and the parts that use it matches hand-written "
    "SQL") {
  pgdsl::test::database fixture;
  create_orders(fixture);
  auto& db = fixture.db();
  int executed = 0, refused = 0;
  for (unsigned shape = 0; shape < 32; ++shape) {
    const order_search form = form_of_shape(shape);
    INFO("shape " << shape << ": " << hand_written(form));
    if (!form.with_orders && (form.above || form.by_total)) {
      // A filter or key on orders without the join: refused before any SQL exists.
      try {
        (void)search(form);
        FAIL("a part using orders was accepted without its join");
      } catch (const pgdsl::absent_join& e) {
        CHECK(e.table() == "\"orders\"");
        CHECK(std::string(e.what()).find("\"orders\"") != std::string::npos);
        ++refused;
      }
      continue;
    }
    rows expected, got;
    for (const auto& [id, name] :
         db.query<std::int64_t, std::string>(pgdsl::runtime_sql(hand_written(form))))
      expected.emplace_back(id, name);
    for (const auto& [id, name] : pgdsl::execute_dynamic(db, search(form)))
      got.emplace_back(id, name);
    CHECK(got == expected);
    if (shape == 1) CHECK(expected.size() > 4);  // joined rows repeat users: the join is real
    ++executed;
  }
  CHECK(executed == 20);
  CHECK(refused == 12);
  CHECK(db.prepared_statement_count() == 20);
}

TEST_CASE(
    "a sort_by column, a later join or a LEFT JOIN's condition needing an absent join is "
    "refused") {
  const auto base = pgdsl::dynamic(select(users.id).from(users));
  const auto with = [&](bool join_orders, bool join_items) {
    return base.join(
        pgdsl::when(join_orders, pgdsl::left_join(orders).on(orders.user_id == users.id)),
        pgdsl::when(join_items,
                    pgdsl::left_join(order_items).on(order_items.order_id == orders.id)));
  };
  CHECK(std::string(with(true, true).sql()) ==
        R"(SELECT "users"."id" FROM "users" LEFT JOIN "orders" ON "orders"."user_id" = )"
        R"("users"."id" LEFT JOIN "order_items" ON "order_items"."order_id" = "orders"."id")");
  CHECK(std::string(with(false, false).sql()) == R"(SELECT "users"."id" FROM "users")");
  CHECK_THROWS_AS(with(false, true), pgdsl::absent_join);
  CHECK_THROWS_WITH(with(false, true), Catch::Contains("\"orders\""));
  // sort_by: only a chosen column of an absent join's table is refused.
  const auto sorted = [&](bool join_orders, std::string_view spec) {
    return with(join_orders, false).order_by(pgdsl::sort_by(spec, users.username, orders.total));
  };
  CHECK(std::string(sorted(false, "-username").sql()) ==
        R"(SELECT "users"."id" FROM "users" ORDER BY "users"."username" DESC)");
  CHECK_THROWS_AS(sorted(false, "username,total"), pgdsl::absent_join);
  CHECK(std::string(sorted(true, "total").sql()) ==
        R"(SELECT "users"."id" FROM "users" LEFT JOIN "orders" ON "orders"."user_id" = )"
        R"("users"."id" ORDER BY "orders"."total" ASC)");
  // An alias is named as FROM writes it.
  constexpr auto boss = employees.as<"boss">();
  const auto staff = [&](bool with_boss) {
    return pgdsl::dynamic(select(employees.id).from(employees))
        .join(pgdsl::when(with_boss,
                          pgdsl::left_join(boss).on(boss[employees.id] == employees.manager_id)))
        .where(pgdsl::when(std::optional<std::int32_t>(10),
                           [&](std::int32_t s) { return boss[employees.salary] > s; }));
  };
  CHECK_THROWS_WITH(staff(false), Catch::Contains(R"("employees" AS "boss")"));
  CHECK(std::string(staff(true).sql()) ==
        R"(SELECT "employees"."id" FROM "employees" LEFT JOIN "employees" AS "boss" ON )"
        R"("boss"."id" = "employees"."manager_id" WHERE "boss"."salary" > $1)");
}

TEST_CASE("a join that is always there serves parts that are always there") {
  pgdsl::test::database fixture;
  create_orders(fixture);
  auto& db = fixture.db();
  const auto q = pgdsl::dynamic(select(users.id).from(users))
                     .join(pgdsl::join(orders).on(orders.user_id == users.id))
                     .where(orders.total > 100)
                     .order_by(orders.total.desc());
  CHECK(std::string(q.sql()) ==
        R"(SELECT "users"."id" FROM "users" JOIN "orders" ON "orders"."user_id" = "users"."id" )"
        R"(WHERE "orders"."total" > $1 ORDER BY "orders"."total" DESC)");
  std::vector<std::int64_t> got, expected;
  for (auto [id] : pgdsl::execute_dynamic(db, q)) got.push_back(id);
  for (auto [id] : db.query<std::int64_t>(pgdsl::runtime_sql(
           "SELECT users.id FROM users JOIN orders ON user_id = users.id WHERE total > 100 "
           "ORDER BY total DESC")))
    expected.push_back(id);
  CHECK(got == expected);
  CHECK(!got.empty());
}
