// SPDX-License-Identifier: BSL-1.0
// Golden SQL of WITH: CTEs named by cte<"name">(query) with columns typed from their query,
// MATERIALIZED / NOT MATERIALIZED, a CTE reading an earlier one, and WITH RECURSIVE over a CTE
// declared as a table. Compiling this file is passing; render_prepare PREPAREs each statement.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using pgdsl::at_t;
using render_check::renders_as;

namespace {

struct tree_t : pgdsl::table<"tree"> {
  column<"id", std::int64_t> id;
  column<"name", std::string> name;
  column<"depth", std::int32_t> depth;
};
constexpr tree_t tree{};

[[maybe_unused]] void a_cte_is_a_table_with_the_columns_of_its_query() {
  const auto big = pgdsl::cte<"big_orders">(
      select(orders.id, orders.user_id, (orders.total * 2).as<"doubled">(), orders.note)
          .from(orders)
          .where(orders.total > 10));
  auto q = pgdsl::with(big)
               .select(users.username, big[orders.id], big.column<"doubled">(), big[orders.note])
               .from(users)
               .left_join(big)
               .on(big[orders.user_id] == users.id)
               .where(users.id > 2);
  static_assert(renders_as<decltype(q)>(
      R"(WITH "big_orders" AS (SELECT "orders"."id", "orders"."user_id", ("orders"."total" * $1) AS "doubled", )"
      R"("orders"."note" FROM "orders" WHERE "orders"."total" > $2) )"
      R"(SELECT "users"."username", "big_orders"."id", "big_orders"."doubled", "big_orders"."note" FROM "users" )"
      R"(LEFT JOIN "big_orders" ON "big_orders"."user_id" = "users"."id" WHERE "users"."id" > $3)"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<std::int64_t>>);
  static_assert(std::is_same_v<at_t<2, columns>::value_type, std::optional<pgdsl::numeric>>);
  static_assert(at_t<2, columns>::name == "doubled");
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::int32_t, std::int32_t, std::int32_t>>);
}

[[maybe_unused]] void ctes_read_earlier_ctes_and_say_how_they_are_materialized() {
  const auto paid = pgdsl::cte<"paid">(
      select(orders.user_id, orders.total).from(orders).where(orders.status == "paid"));
  const auto per_user = pgdsl::cte<"per_user">(select(paid[orders.user_id],
                                                      pgdsl::sum(paid[orders.total]).as<"spent">())
                                                   .from(paid)
                                                   .group_by(paid[orders.user_id]))
                            .materialized();
  auto q = pgdsl::with(paid.not_materialized(), per_user)
               .select(per_user[orders.user_id], per_user.column<"spent">())
               .from(per_user)
               .order_by(per_user.column<"spent">().desc());
  static_assert(renders_as<decltype(q)>(
      R"(WITH "paid" AS NOT MATERIALIZED (SELECT "orders"."user_id", "orders"."total" FROM "orders" )"
      R"(WHERE "orders"."status" = $1), "per_user" AS MATERIALIZED (SELECT "paid"."user_id", )"
      R"(sum("paid"."total") AS "spent" FROM "paid" GROUP BY "paid"."user_id") )"
      R"(SELECT "per_user"."user_id", "per_user"."spent" FROM "per_user" ORDER BY "per_user"."spent" DESC)"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<0, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<pgdsl::numeric>>);
}

[[maybe_unused]] void with_recursive_walks_a_tree() {
  const auto walk =
      pgdsl::cte(tree, pgdsl::union_all(select(employees.id, employees.name, pgdsl::lit<0>)
                                            .from(employees)
                                            .where(employees.manager_id.is_null()),
                                        select(employees.id, employees.name, tree.depth + 1)
                                            .from(employees)
                                            .join(tree)
                                            .on(employees.manager_id == tree.id)));
  auto q = pgdsl::with_recursive(walk)
               .select(tree.name, tree.depth)
               .from(tree)
               .order_by(tree.depth, tree.name);
  static_assert(renders_as<decltype(q)>(
      R"(WITH RECURSIVE "tree" ("id", "name", "depth") AS (SELECT "employees"."id", "employees"."name", 0 )"
      R"(FROM "employees" WHERE "employees"."manager_id" IS NULL UNION ALL )"
      R"(SELECT "employees"."id", "employees"."name", ("tree"."depth" + $1) FROM "employees" )"
      R"(JOIN "tree" ON "employees"."manager_id" = "tree"."id") )"
      R"(SELECT "tree"."name", "tree"."depth" FROM "tree" ORDER BY "tree"."depth", "tree"."name")"));
}

[[maybe_unused]] void a_with_query_is_a_set_operation_member_in_parentheses() {
  const auto paid =
      pgdsl::cte<"paid">(select(orders.user_id).from(orders).where(orders.status == "paid"));
  auto q = pgdsl::union_(pgdsl::with(paid).select(paid[orders.user_id]).from(paid),
                         select(users.id).from(users).where(users.score > 9.0));
  static_assert(renders_as<decltype(q)>(
      R"((WITH "paid" AS (SELECT "orders"."user_id" FROM "orders" WHERE "orders"."status" = $1) )"
      R"(SELECT "paid"."user_id" FROM "paid") UNION SELECT "users"."id" FROM "users" WHERE "users"."score" > $2)"));
}

}  // namespace
