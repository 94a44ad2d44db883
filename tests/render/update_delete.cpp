// SPDX-License-Identifier: BSL-1.0
// Golden SQL of UPDATE and DELETE: SET with expressions, FROM / USING, WHERE or all_rows(),
// RETURNING.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using render_check::renders_as;

namespace {

[[maybe_unused]] void updates_with_expressions() {
  auto q = pgdsl::update(employees)
               .set(employees.salary = employees.salary + 100,
                    employees.name = pgdsl::upper(employees.name))
               .where(employees.id == 1);
  static_assert(
      renders_as<decltype(q)>(R"(UPDATE "employees" SET "salary" = ("employees"."salary" + $1), )"
                              R"("name" = upper("employees"."name") WHERE "employees"."id" = $2)"));
}

[[maybe_unused]] void updates_from_another_table_and_returns() {
  auto q = pgdsl::update(orders)
               .set(orders.status = "vip")
               .from(users)
               .where(orders.user_id == users.id && users.score > 90.0)
               .returning(orders.id, orders.status);
  static_assert(renders_as<decltype(q)>(
      R"(UPDATE "orders" SET "status" = $1 FROM "users" WHERE ("orders"."user_id" = "users"."id" )"
      R"(AND "users"."score" > $2) RETURNING "orders"."id", "orders"."status")"));
}

[[maybe_unused]] void updates_every_row_on_purpose() {
  auto q = pgdsl::update(users).set(users.score = std::nullopt).all_rows();
  static_assert(renders_as<decltype(q)>(R"(UPDATE "users" SET "score" = $1)"));
}

[[maybe_unused]] void deletes() {
  auto q = pgdsl::delete_from(order_items).where(order_items.quantity <= 0);
  static_assert(
      renders_as<decltype(q)>(R"(DELETE FROM "order_items" WHERE "order_items"."quantity" <= $1)"));
  auto with_using = pgdsl::delete_from(orders)
                        .using_(users)
                        .where(orders.user_id == users.id && users.email.like("%@spam.example"))
                        .returning(orders.id);
  static_assert(renders_as<decltype(with_using)>(
      R"(DELETE FROM "orders" USING "users" WHERE ("orders"."user_id" = "users"."id" AND )"
      R"("users"."email" LIKE $1) RETURNING "orders"."id")"));
  auto with_subquery = pgdsl::delete_from(events).where(
      events.id.not_in(select(pgdsl::max(events.id)).from(events)));
  static_assert(renders_as<decltype(with_subquery)>(
      R"(DELETE FROM "events" WHERE "events"."id" NOT IN (SELECT max("events"."id") FROM "events"))"));
  auto everything = pgdsl::delete_from(events).all_rows();
  static_assert(renders_as<decltype(everything)>(R"(DELETE FROM "events")"));
}

}  // namespace
