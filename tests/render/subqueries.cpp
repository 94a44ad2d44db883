// SPDX-License-Identifier: BSL-1.0
// Golden SQL of subqueries: EXISTS, IN and NOT IN (SELECT ...), scalar subqueries, correlation
// with the enclosing query, and $n numbered across the nesting.
#include <cstdint>
#include <string>

#include "render_check.hpp"

using namespace shop;
using render_check::renders_as;

namespace {

[[maybe_unused]] void exists_with_a_correlated_subquery() {
  auto q =
      select(users.username)
          .from(users)
          .where(users.score > 1.0 && pgdsl::exists(select(orders.id).from(orders).where(
                                          orders.user_id == users.id && orders.status == "paid")));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."username" FROM "users" WHERE ("users"."score" > $1 AND EXISTS )"
      R"((SELECT "orders"."id" FROM "orders" WHERE ("orders"."user_id" = "users"."id" AND )"
      R"("orders"."status" = $2))))"));
}

[[maybe_unused]] void not_exists() {
  auto q = select(users.id).from(users).where(
      !pgdsl::exists(select(orders.id).from(orders).where(orders.user_id == users.id)));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE NOT (EXISTS (SELECT "orders"."id" FROM "orders" )"
      R"(WHERE "orders"."user_id" = "users"."id")))"));
}

[[maybe_unused]] void in_and_not_in_a_subquery() {
  auto q = select(users.id).from(users).where(
      users.id.in(select(orders.user_id).from(orders).where(orders.total > 100)) &&
      users.id.not_in(select(employees.id).from(employees)));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ("users"."id" IN (SELECT "orders"."user_id" )"
      R"(FROM "orders" WHERE "orders"."total" > $1) AND "users"."id" NOT IN )"
      R"((SELECT "employees"."id" FROM "employees")))"));
}

[[maybe_unused]] void scalar_subqueries_as_values() {
  auto above_average =
      select(users.id).from(users).where(users.score > select(pgdsl::avg(users.score)).from(users));
  static_assert(renders_as<decltype(above_average)>(
      R"(SELECT "users"."id" FROM "users" WHERE "users"."score" > )"
      R"((SELECT avg("users"."score") FROM "users"))"));
  auto order_count =
      select(users.username,
             pgdsl::scalar(select(pgdsl::count()).from(orders).where(orders.user_id == users.id))
                 .as<"order_count">())
          .from(users)
          .where(users.id > 10);
  static_assert(renders_as<decltype(order_count)>(
      R"(SELECT "users"."username", (SELECT count(*) FROM "orders" WHERE "orders"."user_id" = )"
      R"("users"."id") AS "order_count" FROM "users" WHERE "users"."id" > $1)"));
  using columns = decltype(order_count)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<1, columns>::value_type, std::optional<std::int64_t>>);
}

[[maybe_unused]] void placeholders_continue_through_nested_queries() {
  auto q = select(users.id).from(users).where(
      users.email == "a" &&
      users.id.in(
          select(orders.user_id)
              .from(orders)
              .where(orders.status == "b" && orders.id.in(select(order_items.order_id)
                                                              .from(order_items)
                                                              .where(order_items.quantity > 3)))) &&
      users.score < 4.0);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE (("users"."email" = $1 AND "users"."id" IN )"
      R"((SELECT "orders"."user_id" FROM "orders" WHERE ("orders"."status" = $2 AND "orders"."id" IN )"
      R"((SELECT "order_items"."order_id" FROM "order_items" WHERE "order_items"."quantity" > $3)))) )"
      R"(AND "users"."score" < $4))"));
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::string, std::string, std::int32_t, double>>);
}

}  // namespace
