// SPDX-License-Identifier: BSL-1.0
// Golden SQL of the collecting aggregates (string_agg, array_agg, bool_and / bool_or), ORDER BY
// inside an aggregate, FILTER (WHERE ...), and ROLLUP / CUBE / GROUPING SETS with grouping(): their
// text, result types and nullability. Compiling this file is passing; render_prepare PREPAREs each.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "render_check.hpp"

using namespace shop;
using pgdsl::at_t;
using render_check::renders_as;

namespace {

template <class A, class C>
concept can_filter = requires(A a, C c) {
  a.filter(c);
};

[[maybe_unused]] void collecting_aggregates_have_postgresql_result_types() {
  auto q = select(orders.user_id, pgdsl::string_agg(orders.status, ", ").order_by(orders.id.desc()),
                  pgdsl::array_agg(orders.total), pgdsl::array_agg(orders.note).order_by(orders.id),
                  pgdsl::bool_and(orders.total > 10), pgdsl::bool_or(orders.note.is_null()))
               .from(orders)
               .group_by(orders.user_id);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "orders"."user_id", string_agg("orders"."status", $1 ORDER BY "orders"."id" DESC), )"
      R"(array_agg("orders"."total"), array_agg("orders"."note" ORDER BY "orders"."id"), )"
      R"(bool_and("orders"."total" > $2), bool_or("orders"."note" IS NULL) FROM "orders" )"
      R"(GROUP BY "orders"."user_id")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<std::string>>);
  static_assert(
      std::is_same_v<at_t<2, columns>::value_type, std::optional<std::vector<pgdsl::numeric>>>);
  static_assert(std::is_same_v<at_t<3, columns>::value_type,
                               std::optional<std::vector<std::optional<std::string>>>>);
  static_assert(std::is_same_v<at_t<4, columns>::value_type, std::optional<bool>>);
  static_assert(
      std::is_same_v<decltype(q)::param_types, pgdsl::type_list<std::string, std::int32_t>>);
}

[[maybe_unused]] void filter_keeps_the_aggregate_type_and_binds_in_text_order() {
  auto q = select(orders.user_id, pgdsl::count().filter(orders.status == "paid").as<"paid">(),
                  pgdsl::sum(orders.total).filter(orders.total > 15),
                  pgdsl::count(orders.note)
                      .filter(orders.status != "void")
                      .over(pgdsl::window().partition_by(orders.user_id)))
               .from(orders)
               .where(orders.id > 0)
               .group_by(orders.user_id, orders.status, orders.note);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "orders"."user_id", count(*) FILTER (WHERE "orders"."status" = $1) AS "paid", )"
      R"(sum("orders"."total") FILTER (WHERE "orders"."total" > $2), count("orders"."note") FILTER )"
      R"((WHERE "orders"."status" <> $3) OVER (PARTITION BY "orders"."user_id") FROM "orders" )"
      R"(WHERE "orders"."id" > $4 GROUP BY "orders"."user_id", "orders"."status", "orders"."note")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<at_t<2, columns>::value_type, std::optional<pgdsl::numeric>>);
  static_assert(std::is_same_v<at_t<3, columns>::value_type, std::int64_t>);
  static_assert(can_filter<decltype(pgdsl::count()), decltype(orders.total > 1)>);
}

[[maybe_unused]] void rollup_cube_and_grouping_sets_make_grouped_columns_optional() {
  auto rolled = select(orders.status, users.username, pgdsl::sum(orders.total),
                       pgdsl::grouping(orders.status, users.username))
                    .from(orders)
                    .join(users)
                    .on(orders.user_id == users.id)
                    .group_by(pgdsl::rollup(orders.status, users.username))
                    .order_by(orders.status, users.username);
  static_assert(renders_as<decltype(rolled)>(
      R"(SELECT "orders"."status", "users"."username", sum("orders"."total"), GROUPING("orders"."status", )"
      R"("users"."username") FROM "orders" JOIN "users" ON "orders"."user_id" = "users"."id" GROUP BY )"
      R"(ROLLUP ("orders"."status", "users"."username") ORDER BY "orders"."status", "users"."username")"));
  using columns = decltype(rolled)::result_columns;
  static_assert(std::is_same_v<at_t<0, columns>::value_type, std::optional<std::string>>);
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<std::string>>);
  static_assert(std::is_same_v<at_t<3, columns>::value_type, std::int32_t>);

  auto cubed = select(users.email, orders.status, pgdsl::count())
                   .from(orders)
                   .join(users)
                   .on(orders.user_id == users.id)
                   .group_by(pgdsl::cube(users.email, orders.status));
  static_assert(renders_as<decltype(cubed)>(
      R"(SELECT "users"."email", "orders"."status", count(*) FROM "orders" JOIN "users" ON )"
      R"("orders"."user_id" = "users"."id" GROUP BY CUBE ("users"."email", "orders"."status"))"));

  // A plain key next to a grouping set keeps its table's columns as they are.
  auto sets = select(users.username, orders.status, pgdsl::count())
                  .from(orders)
                  .join(users)
                  .on(orders.user_id == users.id)
                  .group_by(users.username, pgdsl::grouping_sets(pgdsl::grouping_set(orders.status),
                                                                 pgdsl::grouping_set()));
  static_assert(renders_as<decltype(sets)>(
      R"(SELECT "users"."username", "orders"."status", count(*) FROM "orders" JOIN "users" ON )"
      R"("orders"."user_id" = "users"."id" GROUP BY "users"."username", GROUPING SETS )"
      R"((("orders"."status"), ()))"));
  using set_columns = decltype(sets)::result_columns;
  static_assert(std::is_same_v<at_t<0, set_columns>::value_type, std::string>);
  static_assert(std::is_same_v<at_t<1, set_columns>::value_type, std::optional<std::string>>);
}

}  // namespace
