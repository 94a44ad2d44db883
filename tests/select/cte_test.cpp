// SPDX-License-Identifier: BSL-1.0
// WITH on a server: CTEs read as tables (outer-joined, so their columns read as optional), CTEs
// reading CTEs with MATERIALIZED / NOT MATERIALIZED, WITH RECURSIVE over a tree and over a graph
// with a cycle (UNION drops rows already found, so the walk ends); each compared with the rows of
// the same query written by hand.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "same_rows.hpp"

using namespace shop;
using select_test::rows_of;

namespace {

struct tree_t : pgdsl::table<"tree"> {
  column<"id", std::int64_t> id;
  column<"name", std::string> name;
  column<"depth", std::int32_t> depth;
};
constexpr tree_t tree{};

struct edges_t : pgdsl::table<"edges"> {
  column<"src", std::int32_t> src;
  column<"dst", std::int32_t> dst;
};
constexpr edges_t edges{};

struct reached_t : pgdsl::table<"reached"> {
  column<"node", std::int32_t> node;
};
constexpr reached_t reached{};

}  // namespace

TEST_CASE("CTEs are tables typed by their queries and give the rows hand-written SQL gives") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto paid = pgdsl::cte<"paid">(select(orders.user_id, orders.total, orders.note)
                                           .from(orders)
                                           .where(orders.status == "paid"));
  const auto per_user = pgdsl::cte<"per_user">(select(paid[orders.user_id],
                                                      pgdsl::sum(paid[orders.total]).as<"spent">(),
                                                      pgdsl::count(paid[orders.note]).as<"notes">())
                                                   .from(paid)
                                                   .group_by(paid[orders.user_id]))
                            .materialized();
  const auto q = pgdsl::with(paid.not_materialized(), per_user)
                     .select(users.username, per_user.column<"spent">(), per_user.column<"notes">())
                     .from(users)
                     .left_join(per_user)
                     .on(per_user[orders.user_id] == users.id)
                     .order_by(users.id);
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<2, columns>::value_type, std::optional<std::int64_t>>);
  const auto dsl = rows_of(db.execute(q));
  const auto by_hand = rows_of(db.query<std::string, std::optional<pgdsl::numeric>,
                                        std::optional<std::int64_t>>(
      "WITH paid AS NOT MATERIALIZED (SELECT user_id, total, note FROM orders "
      "WHERE status = 'paid'), per_user AS MATERIALIZED (SELECT user_id, sum(total) AS spent, "
      "count(note) AS notes FROM paid GROUP BY user_id) "
      "SELECT username, spent, notes FROM users LEFT JOIN per_user ON per_user.user_id = users.id "
      "ORDER BY users.id"));
  REQUIRE(dsl.size() == 6);
  CHECK(dsl == by_hand);
  CHECK(std::get<1>(dsl[1]) == std::nullopt);  // bob paid nothing
}

TEST_CASE("WITH RECURSIVE walks a tree and a cyclic graph like hand-written SQL") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  fixture.run(
      "INSERT INTO employees (id, name, manager_id) VALUES (1, 'root', NULL), (2, 'a', 1), "
      "(3, 'b', 1), (4, 'a1', 2), (5, 'a1x', 4), (6, 'other root', NULL);"
      "CREATE TABLE edges (src integer NOT NULL, dst integer NOT NULL);"
      "INSERT INTO edges VALUES (1, 2), (2, 3), (3, 1), (3, 4), (5, 6)");
  auto& db = fixture.db();

  const auto walk =
      pgdsl::cte(tree, pgdsl::union_all(select(employees.id, employees.name, pgdsl::lit<0>)
                                            .from(employees)
                                            .where(employees.manager_id.is_null()),
                                        select(employees.id, employees.name, tree.depth + 1)
                                            .from(employees)
                                            .join(tree)
                                            .on(employees.manager_id == tree.id)));
  const auto q = pgdsl::with_recursive(walk)
                     .select(tree.name, tree.depth)
                     .from(tree)
                     .order_by(tree.depth, tree.name);
  const auto dsl = rows_of(db.execute(q));
  CHECK(dsl == rows_of(db.query<std::string, std::int32_t>(
                   "WITH RECURSIVE tree (id, name, depth) AS (SELECT id, name, 0 FROM employees "
                   "WHERE manager_id IS NULL UNION ALL SELECT e.id, e.name, tree.depth + 1 "
                   "FROM employees e JOIN tree ON e.manager_id = tree.id) "
                   "SELECT name, depth FROM tree ORDER BY depth, name")));
  REQUIRE(dsl.size() == 6);
  CHECK(std::get<1>(dsl.back()) == 3);

  const auto from_one = pgdsl::cte(
      reached, pgdsl::union_(select(pgdsl::lit<1>), select(edges.dst).from(edges).join(reached).on(
                                                        edges.src == reached.node)));
  const auto graph =
      pgdsl::with_recursive(from_one).select(reached.node).from(reached).order_by(reached.node);
  const auto nodes = rows_of(db.execute(graph));
  CHECK(nodes ==
        rows_of(db.query<std::int32_t>(
            "WITH RECURSIVE reached (node) AS (SELECT 1 UNION SELECT edges.dst FROM edges "
            "JOIN reached ON edges.src = reached.node) SELECT node FROM reached ORDER BY node")));
  CHECK(nodes.size() == 4);  // 1, 2, 3, 4: the cycle 1-2-3 is walked once
}
