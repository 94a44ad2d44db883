// SPDX-License-Identifier: BSL-1.0
// Golden SQL of SELECT DISTINCT ON (keys): the keys' values bound before the select list's, and
// the statement's other clauses as in any SELECT. render_prepare PREPAREs each statement.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using pgdsl::at_t;
using render_check::renders_as;

namespace {

[[maybe_unused]] void distinct_on_keeps_the_first_row_of_each_key() {
  auto q = pgdsl::distinct_on(orders.user_id)
               .select(orders.user_id, orders.id, orders.total, orders.note)
               .from(orders)
               .where(orders.status != "void")
               .order_by(orders.user_id, orders.placed_at.desc());
  static_assert(renders_as<decltype(q)>(
      R"(SELECT DISTINCT ON ("orders"."user_id") "orders"."user_id", "orders"."id", "orders"."total", )"
      R"("orders"."note" FROM "orders" WHERE "orders"."status" <> $1 )"
      R"(ORDER BY "orders"."user_id", "orders"."placed_at" DESC)"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<3, columns>::value_type, std::optional<std::string>>);
}

[[maybe_unused]] void distinct_on_expressions_and_a_join() {
  auto q = pgdsl::distinct_on(pgdsl::lower(users.email), users.score)
               .select(users.email, orders.total + 1)
               .from(users)
               .left_join(orders)
               .on(orders.user_id == users.id)
               .order_by(pgdsl::lower(users.email), users.score, orders.total.desc());
  static_assert(renders_as<decltype(q)>(
      R"(SELECT DISTINCT ON (lower("users"."email"), "users"."score") "users"."email", )"
      R"(("orders"."total" + $1) FROM "users" LEFT JOIN "orders" ON "orders"."user_id" = "users"."id" )"
      R"(ORDER BY lower("users"."email"), "users"."score", "orders"."total" DESC)"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<pgdsl::numeric>>);
}

}  // namespace
