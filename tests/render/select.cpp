// SPDX-License-Identifier: BSL-1.0
// Golden SQL of SELECT and its clauses. Compiling this file is passing; the render_prepare test
// then sends every statement named here to a real server.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using render_check::renders_as;

namespace {

[[maybe_unused]] void the_design_example(const std::string& email) {
  auto q = select(users.id, users.username)
               .from(users)
               .where(users.email == email && users.score > 10.0)
               .order_by(users.created_at.desc())
               .limit(10);
  static_assert(renders_as<decltype(q)>(R"(SELECT "users"."id", "users"."username" FROM "users" )"
                                        R"(WHERE ("users"."email" = $1 AND "users"."score" > $2) )"
                                        R"(ORDER BY "users"."created_at" DESC LIMIT $3)"));
  static_assert(decltype(q)::param_count == 3);
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::string, double, std::int64_t>>);
}

[[maybe_unused]] void selects_every_column_of_a_table() {
  auto q = select(all_of(users)).from(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id", "users"."username", "users"."email", "users"."created_at", )"
      R"("users"."score" FROM "users")"));
}

[[maybe_unused]] void selects_distinct_values() {
  auto q = select_distinct(orders.status).from(orders);
  static_assert(renders_as<decltype(q)>(R"(SELECT DISTINCT "orders"."status" FROM "orders")"));
}

[[maybe_unused]] void joins_three_tables() {
  auto q = select(users.username, order_items.product)
               .from(users)
               .join(orders)
               .on(orders.user_id == users.id)
               .join(order_items)
               .on(order_items.order_id == orders.id)
               .where(orders.status == "paid");
  static_assert(
      renders_as<decltype(q)>(R"(SELECT "users"."username", "order_items"."product" FROM "users" )"
                              R"(JOIN "orders" ON "orders"."user_id" = "users"."id" )"
                              R"(JOIN "order_items" ON "order_items"."order_id" = "orders"."id" )"
                              R"(WHERE "orders"."status" = $1)"));
}

[[maybe_unused]] void left_right_full_and_cross_joins() {
  auto left =
      select(users.id, orders.id).from(users).left_join(orders).on(orders.user_id == users.id);
  static_assert(renders_as<decltype(left)>(
      R"(SELECT "users"."id", "orders"."id" FROM "users" LEFT JOIN "orders" ON "orders"."user_id" = "users"."id")"));
  auto right =
      select(users.id, orders.id).from(users).right_join(orders).on(orders.user_id == users.id);
  static_assert(renders_as<decltype(right)>(
      R"(SELECT "users"."id", "orders"."id" FROM "users" RIGHT JOIN "orders" ON "orders"."user_id" = "users"."id")"));
  auto full =
      select(users.id, orders.id).from(users).full_join(orders).on(orders.user_id == users.id);
  static_assert(renders_as<decltype(full)>(
      R"(SELECT "users"."id", "orders"."id" FROM "users" FULL JOIN "orders" ON "orders"."user_id" = "users"."id")"));
  auto cross = select(users.id, events.id).from(users).cross_join(events);
  static_assert(renders_as<decltype(cross)>(
      R"(SELECT "users"."id", "events"."id" FROM "users" CROSS JOIN "events")"));
  auto comma = select(users.id, events.id).from(users, events);
  static_assert(
      renders_as<decltype(comma)>(R"(SELECT "users"."id", "events"."id" FROM "users", "events")"));
}

[[maybe_unused]] void self_join_through_an_alias() {
  constexpr auto boss = employees.as<"boss">();
  auto q = select(employees.name, boss[employees.name].as<"boss_name">())
               .from(employees)
               .left_join(boss)
               .on(employees.manager_id == boss[employees.id]);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "employees"."name", "boss"."name" AS "boss_name" FROM "employees" )"
      R"(LEFT JOIN "employees" AS "boss" ON "employees"."manager_id" = "boss"."id")"));
}

[[maybe_unused]] void groups_and_filters_groups() {
  auto q =
      select(orders.user_id, pgdsl::count().as<"orders">(), pgdsl::sum(orders.total).as<"spent">())
          .from(orders)
          .group_by(orders.user_id)
          .having(pgdsl::count() > 2)
          .order_by(pgdsl::sum(orders.total).desc().nulls_last(), orders.user_id.asc());
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "orders"."user_id", count(*) AS "orders", sum("orders"."total") AS "spent" )"
      R"(FROM "orders" GROUP BY "orders"."user_id" HAVING count(*) > $1 )"
      R"(ORDER BY sum("orders"."total") DESC NULLS LAST, "orders"."user_id" ASC)"));
}

[[maybe_unused]] void orders_with_nulls_first_and_pages() {
  auto q =
      select(users.id).from(users).order_by(users.score.asc().nulls_first()).limit(20).offset(40);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" ORDER BY "users"."score" ASC NULLS FIRST LIMIT $1 OFFSET $2)"));
}

[[maybe_unused]] void locks_rows() {
  auto update_lock = select(orders.id).from(orders).where(orders.status == "new").for_update();
  static_assert(renders_as<decltype(update_lock)>(
      R"(SELECT "orders"."id" FROM "orders" WHERE "orders"."status" = $1 FOR UPDATE)"));
  auto queue = select(orders.id).from(orders).limit(1).for_update().skip_locked();
  static_assert(renders_as<decltype(queue)>(
      R"(SELECT "orders"."id" FROM "orders" LIMIT $1 FOR UPDATE SKIP LOCKED)"));
  auto share = select(orders.id).from(orders).for_share().nowait();
  static_assert(
      renders_as<decltype(share)>(R"(SELECT "orders"."id" FROM "orders" FOR SHARE NOWAIT)"));
}

[[maybe_unused]] void clauses_render_in_sql_order_whatever_the_call_order() {
  auto q = select(users.id).from(users).limit(5).order_by(users.id).where(users.score > 1.0);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE "users"."score" > $1 ORDER BY "users"."id" LIMIT $2)"));
  static_assert(std::is_same_v<decltype(q)::param_types, pgdsl::type_list<double, std::int64_t>>);
}

[[maybe_unused]] void selects_without_from() {
  auto q = select(pgdsl::now());
  static_assert(renders_as<decltype(q)>(R"(SELECT now())"));
}

[[maybe_unused]] void quotes_identifiers_with_embedded_quotes() {
  auto q = select(weird.col).from(weird).where(weird.col > 1);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "we""ird"."col""umn" FROM "we""ird" WHERE "we""ird"."col""umn" > $1)"));
}

}  // namespace

namespace {

[[maybe_unused]] void a_named_base_query_is_refined_without_changing() {
  const auto base = select(users.id).from(users);
  auto first = base.where(users.id == 1);
  auto second = base.order_by(users.id).limit(3);
  static_assert(renders_as<decltype(base)>(R"(SELECT "users"."id" FROM "users")"));
  static_assert(
      renders_as<decltype(first)>(R"(SELECT "users"."id" FROM "users" WHERE "users"."id" = $1)"));
  static_assert(renders_as<decltype(second)>(
      R"(SELECT "users"."id" FROM "users" ORDER BY "users"."id" LIMIT $1)"));
}

}  // namespace

namespace {

// docs/queries.md, "Optional parts": one statement whose WHERE a bound flag switches off.
[[maybe_unused]] void an_optional_condition_is_switched_by_a_bound_value(bool filter_by_score,
                                                                        double min_score) {
  auto q = select(users.id).from(users).where(!filter_by_score || users.score > min_score);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ($1 OR "users"."score" > $2))"));
  static_assert(std::is_same_v<decltype(q)::param_types, pgdsl::type_list<bool, double>>);
}

}  // namespace
