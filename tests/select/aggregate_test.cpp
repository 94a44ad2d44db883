// SPDX-License-Identifier: BSL-1.0
// The collecting aggregates, FILTER and grouping sets on a server, over orders with NULL notes and
// a user without orders: each compared with the rows of the same query written by hand.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "same_rows.hpp"

using namespace shop;
using select_test::rows_of;

TEST_CASE(
    "string_agg, array_agg, bool_and/bool_or and FILTER give the rows hand-written SQL gives") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto q = select(users.username, pgdsl::string_agg(orders.status, "/").order_by(orders.id),
                        pgdsl::array_agg(orders.note).order_by(orders.id.desc()),
                        pgdsl::array_agg(orders.id, pgdsl::null_elements).order_by(orders.id),
                        pgdsl::bool_and(orders.total >= 10), pgdsl::bool_or(orders.note.is_null()),
                        pgdsl::count(orders.id).filter(orders.status == "paid"))
                     .from(users)
                     .left_join(orders)
                     .on(orders.user_id == users.id)
                     .group_by(users.id, users.username)
                     .order_by(users.id);
  const auto dsl = rows_of(db.execute(q));
  CHECK(dsl ==
        rows_of(db.query<std::string, std::optional<std::string>,
                         std::optional<std::vector<std::optional<std::string>>>,
                         std::optional<std::vector<std::optional<std::int64_t>>>,
                         std::optional<bool>, std::optional<bool>, std::int64_t>(
            "SELECT username, string_agg(o.status, '/' ORDER BY o.id), "
            "array_agg(o.note ORDER BY o.id DESC), array_agg(o.id ORDER BY o.id), "
            "bool_and(o.total >= 10), bool_or(o.note IS NULL), "
            "count(o.id) FILTER (WHERE o.status = 'paid') "
            "FROM users LEFT JOIN orders o ON o.user_id = users.id GROUP BY users.id, username "
            "ORDER BY users.id")));
  REQUIRE(dsl.size() == 6);
  CHECK(std::get<1>(dsl[0]) == std::string("paid/paid/void"));
  CHECK(std::get<2>(dsl[0]) ==
        std::vector<std::optional<std::string>>{std::nullopt, std::nullopt, "gift"});
  CHECK(std::get<4>(dsl[0]) == false);  // ann's void order of 7.25
  CHECK(std::get<6>(dsl[0]) == 2);
  CHECK(std::get<6>(dsl[4]) == 0);  // ed has no order: count() is 0, not NULL
}

TEST_CASE("ROLLUP, CUBE and GROUPING SETS give the subtotal rows hand-written SQL gives") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto rolled =
      select(orders.status, orders.user_id, pgdsl::sum(orders.total),
             pgdsl::grouping(orders.status, orders.user_id))
          .from(orders)
          .group_by(pgdsl::rollup(orders.status, orders.user_id))
          .order_by(orders.status.asc().nulls_last(), orders.user_id.asc().nulls_last());
  const auto dsl = rows_of(db.execute(rolled));
  CHECK(dsl == rows_of(db.query<std::optional<std::string>, std::optional<std::int64_t>,
                                std::optional<pgdsl::numeric>, std::int32_t>(
                   "SELECT status, user_id, sum(total), GROUPING(status, user_id) FROM orders "
                   "GROUP BY ROLLUP (status, user_id) "
                   "ORDER BY status NULLS LAST, user_id NULLS LAST")));
  REQUIRE(dsl.size() == 10);  // 6 (status, user) groups, 3 status subtotals, 1 grand total
  CHECK(std::get<0>(dsl.back()) == std::nullopt);
  CHECK(std::get<3>(dsl.back()) == 3);

  const auto cubed =
      select(orders.status, users.email, pgdsl::count())
          .from(orders)
          .join(users)
          .on(orders.user_id == users.id)
          .group_by(pgdsl::cube(orders.status, users.email))
          .order_by(orders.status.asc().nulls_last(), users.email.asc().nulls_last());
  CHECK(rows_of(db.execute(cubed)) ==
        rows_of(db.query<std::optional<std::string>, std::optional<std::string>, std::int64_t>(
            "SELECT status, email, count(*) FROM orders JOIN users ON orders.user_id = users.id "
            "GROUP BY CUBE (status, email) ORDER BY status NULLS LAST, email NULLS LAST")));

  const auto sets =
      select(orders.user_id, orders.status, pgdsl::count())
          .from(orders)
          .group_by(pgdsl::grouping_sets(pgdsl::grouping_set(orders.user_id),
                                         pgdsl::grouping_set(orders.status), pgdsl::grouping_set()))
          .order_by(orders.user_id.asc().nulls_last(), orders.status.asc().nulls_last());
  CHECK(rows_of(db.execute(sets)) ==
        rows_of(db.query<std::optional<std::int64_t>, std::optional<std::string>, std::int64_t>(
            "SELECT user_id, status, count(*) FROM orders "
            "GROUP BY GROUPING SETS ((user_id), (status), ()) "
            "ORDER BY user_id NULLS LAST, status NULLS LAST")));
}
