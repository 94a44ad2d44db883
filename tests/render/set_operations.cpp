// SPDX-License-Identifier: BSL-1.0
// Golden SQL of UNION [ALL], INTERSECT [ALL] and EXCEPT [ALL]: members joined in order, in
// parentheses when they have clauses of their own, ORDER BY / LIMIT / OFFSET over the whole, $n
// numbered across members. Compiling this file is passing; render_prepare PREPAREs each statement.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using pgdsl::at_t;
using render_check::renders_as;

namespace {

[[maybe_unused]] void union_orders_and_limits_the_whole() {
  auto q = pgdsl::union_(select(users.id, users.username).from(users).where(users.score > 5.0),
                         select(employees.id, employees.name).from(employees))
               .order_by(users.username.desc(), users.id)
               .limit(10)
               .offset(20);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id", "users"."username" FROM "users" WHERE "users"."score" > $1 UNION )"
      R"(SELECT "employees"."id", "employees"."name" FROM "employees" )"
      R"(ORDER BY "username" DESC, "id" LIMIT $2 OFFSET $3)"));
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<double, std::int64_t, std::int64_t>>);
  using columns = decltype(q)::result_columns;
  static_assert(at_t<1, columns>::name == "username");
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::string>);
}

[[maybe_unused]] void every_operator_and_nullability_from_any_member() {
  auto q = pgdsl::union_all(
      select(users.email).from(users),
      pgdsl::intersect(select(orders.note).from(orders), select(events.note).from(events)),
      pgdsl::intersect_all(select(users.username).from(users),
                           select(employees.name).from(employees)),
      pgdsl::except_(select(users.email).from(users), select(orders.status).from(orders)),
      pgdsl::except_all(select(users.email).from(users), select(orders.status).from(orders)));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."email" FROM "users" UNION ALL )"
      R"((SELECT "orders"."note" FROM "orders" INTERSECT SELECT "events"."note" FROM "events") UNION ALL )"
      R"((SELECT "users"."username" FROM "users" INTERSECT ALL SELECT "employees"."name" FROM "employees") UNION ALL )"
      R"((SELECT "users"."email" FROM "users" EXCEPT SELECT "orders"."status" FROM "orders") UNION ALL )"
      R"((SELECT "users"."email" FROM "users" EXCEPT ALL SELECT "orders"."status" FROM "orders"))"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<0, columns>::value_type, std::optional<std::string>>);
}

[[maybe_unused]] void a_member_with_its_own_order_and_limit_is_parenthesized() {
  auto q = pgdsl::union_(select(users.id).from(users).order_by(users.created_at.desc()).limit(3),
                         select(orders.user_id).from(orders).where(orders.total > 100));
  static_assert(renders_as<decltype(q)>(
      R"((SELECT "users"."id" FROM "users" ORDER BY "users"."created_at" DESC LIMIT $1) UNION )"
      R"(SELECT "orders"."user_id" FROM "orders" WHERE "orders"."total" > $2)"));
}

[[maybe_unused]] void a_set_operation_is_a_subquery_too() {
  auto q = select(users.username)
               .from(users)
               .where(users.id.in(pgdsl::except_(
                   select(orders.user_id).from(orders),
                   select(orders.user_id).from(orders).where(orders.status == "void"))));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."username" FROM "users" WHERE "users"."id" IN )"
      R"((SELECT "orders"."user_id" FROM "orders" EXCEPT )"
      R"(SELECT "orders"."user_id" FROM "orders" WHERE "orders"."status" = $1))"));
}

}  // namespace
