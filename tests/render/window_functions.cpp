// SPDX-License-Identifier: BSL-1.0
// Golden SQL of window functions and windows: ranking, offsets, values in the frame, aggregates
// .over(), PARTITION BY / ORDER BY / frames, with PostgreSQL's result types and nullability.
// Compiling this file is passing; render_prepare sends each statement to a server.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using pgdsl::at_t;
using pgdsl::window;
using render_check::renders_as;

namespace {

[[maybe_unused]] void ranking_functions_are_bigint_or_double_and_never_null() {
  const auto by_score = window().partition_by(users.email).order_by(users.score.desc());
  auto q = select(users.id, pgdsl::row_number().over(by_score), pgdsl::rank().over(by_score),
                  pgdsl::dense_rank().over(by_score), pgdsl::percent_rank().over(by_score),
                  pgdsl::cume_dist().over(window()).as<"dist">())
               .from(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id", row_number() OVER (PARTITION BY "users"."email" ORDER BY "users"."score" DESC), )"
      R"(rank() OVER (PARTITION BY "users"."email" ORDER BY "users"."score" DESC), )"
      R"(dense_rank() OVER (PARTITION BY "users"."email" ORDER BY "users"."score" DESC), )"
      R"(percent_rank() OVER (PARTITION BY "users"."email" ORDER BY "users"."score" DESC), )"
      R"(cume_dist() OVER () AS "dist" FROM "users")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<at_t<3, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<at_t<4, columns>::value_type, double>);
  static_assert(at_t<5, columns>::name == "dist");
}

[[maybe_unused]] void lag_without_a_default_is_nullable_and_with_one_is_not() {
  const auto in_order = window().order_by(users.id);
  auto q =
      select(pgdsl::lag(users.username).over(in_order), pgdsl::lead(users.id, 2).over(in_order),
             pgdsl::lag(users.id, 1, 0).over(in_order),
             pgdsl::lead(users.username, 1, "none").over(in_order),
             pgdsl::lag(users.score, 1, 0.0).over(in_order))
          .from(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT lag("users"."username") OVER (ORDER BY "users"."id"), )"
      R"(lead("users"."id", $1) OVER (ORDER BY "users"."id"), )"
      R"(lag("users"."id", $2, $3) OVER (ORDER BY "users"."id"), )"
      R"(lead("users"."username", $4, $5) OVER (ORDER BY "users"."id"), )"
      R"(lag("users"."score", $6, $7) OVER (ORDER BY "users"."id") FROM "users")"));
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::int32_t, std::int32_t, std::int64_t,
                                                std::int32_t, std::string, std::int32_t, double>>);
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<0, columns>::value_type, std::optional<std::string>>);
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<std::int64_t>>);
  static_assert(std::is_same_v<at_t<2, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<at_t<3, columns>::value_type, std::string>);
  static_assert(std::is_same_v<at_t<4, columns>::value_type, std::optional<double>>);
}

[[maybe_unused]] void values_in_the_frame_and_buckets() {
  const auto whole = window()
                         .partition_by(orders.user_id)
                         .order_by(orders.placed_at)
                         .rows_between(pgdsl::unbounded_preceding, pgdsl::unbounded_following);
  auto q = select(pgdsl::first_value(orders.total).over(whole),
                  pgdsl::last_value(orders.note).over(whole),
                  pgdsl::nth_value(orders.total, 2).over(whole),
                  pgdsl::ntile(4).over(window().order_by(orders.total)))
               .from(orders);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT first_value("orders"."total") OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."placed_at" )"
      R"(ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), )"
      R"(last_value("orders"."note") OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."placed_at" )"
      R"(ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), )"
      R"(nth_value("orders"."total", $1) OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."placed_at" )"
      R"(ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), )"
      R"(ntile($2) OVER (ORDER BY "orders"."total") FROM "orders")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<0, columns>::value_type, pgdsl::numeric>);
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<std::string>>);
  static_assert(std::is_same_v<at_t<2, columns>::value_type, std::optional<pgdsl::numeric>>);
  static_assert(std::is_same_v<at_t<3, columns>::value_type, std::int32_t>);
}

[[maybe_unused]] void aggregates_over_windows_with_frames() {
  auto q =
      select(pgdsl::sum(orders.total)
                 .over(window().partition_by(orders.user_id).order_by(orders.placed_at, orders.id)),
             pgdsl::count().over(window().partition_by(orders.user_id)),
             pgdsl::avg(orders.total)
                 .over(window().order_by(orders.id).rows_between(pgdsl::preceding<2>,
                                                                 pgdsl::current_row)),
             pgdsl::max(orders.total)
                 .over(window().order_by(orders.id).range_between(pgdsl::preceding<10>,
                                                                  pgdsl::following<10>)),
             pgdsl::min(orders.total)
                 .over(window()
                           .order_by(orders.status)
                           .groups_between(pgdsl::current_row, pgdsl::following<1>)),
             pgdsl::sum(orders.total).over(window().order_by(orders.id).rows(pgdsl::preceding<3>)),
             pgdsl::count(orders.note)
                 .over(window().order_by(orders.id).range(pgdsl::unbounded_preceding)))
          .from(orders);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT sum("orders"."total") OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."placed_at", "orders"."id"), )"
      R"(count(*) OVER (PARTITION BY "orders"."user_id"), )"
      R"(avg("orders"."total") OVER (ORDER BY "orders"."id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), )"
      R"(max("orders"."total") OVER (ORDER BY "orders"."id" RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING), )"
      R"(min("orders"."total") OVER (ORDER BY "orders"."status" GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING), )"
      R"(sum("orders"."total") OVER (ORDER BY "orders"."id" ROWS 3 PRECEDING), )"
      R"(count("orders"."note") OVER (ORDER BY "orders"."id" RANGE UNBOUNDED PRECEDING) FROM "orders")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<0, columns>::value_type, std::optional<pgdsl::numeric>>);
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::int64_t>);
}

[[maybe_unused]] void window_values_are_numbered_in_order_and_a_window_function_sorts(double low) {
  auto q =
      select(users.id, pgdsl::ntile(3).over(
                           window()
                               .partition_by(users.score > low)
                               .order_by(pgdsl::coalesce(users.score, 0.0).desc().nulls_last())))
          .from(users)
          .where(users.id > 10)
          .order_by(pgdsl::row_number().over(window().order_by(users.username)).desc());
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id", ntile($1) OVER (PARTITION BY "users"."score" > $2 )"
      R"(ORDER BY coalesce("users"."score", $3) DESC NULLS LAST) FROM "users" WHERE "users"."id" > $4 )"
      R"(ORDER BY row_number() OVER (ORDER BY "users"."username") DESC)"));
}

[[maybe_unused]] void the_docs_example() {
  const auto per_user = window().partition_by(orders.user_id).order_by(orders.placed_at);
  auto q = select(orders.id, pgdsl::row_number().over(per_user),
                  pgdsl::sum(orders.total).over(per_user).as<"running_total">(),
                  pgdsl::lag(orders.total).over(per_user),
                  pgdsl::avg(orders.total)
                      .over(window().order_by(orders.id).rows_between(pgdsl::preceding<2>,
                                                                      pgdsl::current_row)))
               .from(orders);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "orders"."id", row_number() OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."placed_at"), )"
      R"(sum("orders"."total") OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."placed_at") AS "running_total", )"
      R"(lag("orders"."total") OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."placed_at"), )"
      R"(avg("orders"."total") OVER (ORDER BY "orders"."id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) )"
      R"(FROM "orders")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<3, columns>::value_type, std::optional<pgdsl::numeric>>);
}

}  // namespace
