// SPDX-License-Identifier: BSL-1.0
// Window functions on a server, over data with NULLs and ties: ranking, offsets with and without
// defaults, values in a frame, buckets, and aggregates over frames, each compared with the rows of
// the same query written by hand.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "same_rows.hpp"

using namespace shop;
using pgdsl::window;
using select_test::rows_of;

TEST_CASE("ranking and offset window functions give the rows hand-written SQL gives") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto by_score =
      window().partition_by(users.email).order_by(users.score.desc().nulls_last(), users.id);
  const auto q =
      pgdsl::select(users.id, pgdsl::row_number().over(by_score),
                    pgdsl::rank().over(window().order_by(users.score)),
                    pgdsl::dense_rank().over(window().order_by(users.score)),
                    pgdsl::percent_rank().over(window().order_by(users.score)),
                    pgdsl::cume_dist().over(window().order_by(users.score)),
                    pgdsl::ntile(4).over(window().order_by(users.id)),
                    pgdsl::lag(users.score).over(window().order_by(users.id)),
                    pgdsl::lead(users.username, 2, "-").over(window().order_by(users.id)))
          .from(users)
          .order_by(users.id);
  const auto dsl = rows_of(db.execute(q));
  const auto by_hand =
      rows_of(db.query<std::int64_t, std::int64_t, std::int64_t, std::int64_t, double, double,
                       std::int32_t, std::optional<double>, std::string>(
          "SELECT id, row_number() OVER (PARTITION BY email ORDER BY score DESC NULLS LAST, id), "
          "rank() OVER (ORDER BY score), dense_rank() OVER (ORDER BY score), "
          "percent_rank() OVER (ORDER BY score), cume_dist() OVER (ORDER BY score), "
          "ntile(4) OVER (ORDER BY id), lag(score) OVER (ORDER BY id), "
          "lead(username, 2, '-') OVER (ORDER BY id) FROM users ORDER BY id"));
  REQUIRE(dsl.size() == 6);
  CHECK(dsl == by_hand);
  CHECK(std::get<7>(dsl[0]) == std::nullopt);  // lag of the first row
  CHECK(std::get<7>(dsl[2]) == std::nullopt);  // lag of a NULL score
  CHECK(std::get<8>(dsl[5]) == "-");           // lead past the last row: the default
}

TEST_CASE("values in a frame and aggregates over frames give the rows hand-written SQL gives") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto per_user = window().partition_by(orders.user_id).order_by(orders.placed_at);
  const auto whole = per_user.rows_between(pgdsl::unbounded_preceding, pgdsl::unbounded_following);
  const auto q =
      pgdsl::select(
          orders.id, pgdsl::sum(orders.total).over(per_user).as<"running">(),
          pgdsl::count(orders.note).over(per_user), pgdsl::first_value(orders.note).over(whole),
          pgdsl::last_value(orders.total).over(whole),
          pgdsl::nth_value(orders.total, 2).over(whole),
          pgdsl::avg(orders.total)
              .over(window().order_by(orders.id).rows_between(pgdsl::preceding<1>,
                                                              pgdsl::following<1>)),
          pgdsl::max(orders.total)
              .over(window().order_by(orders.id).range_between(pgdsl::preceding<2>,
                                                               pgdsl::current_row)),
          pgdsl::count().over(window()
                                  .order_by(orders.total)
                                  .groups_between(pgdsl::preceding<1>, pgdsl::following<1>)))
          .from(orders)
          .where(orders.status != "void")
          .order_by(orders.id);
  const auto dsl = rows_of(db.execute(q));
  const auto by_hand =
      rows_of(db.query<std::int64_t, std::optional<pgdsl::numeric>, std::int64_t,
                       std::optional<std::string>, pgdsl::numeric, std::optional<pgdsl::numeric>,
                       std::optional<pgdsl::numeric>, std::optional<pgdsl::numeric>, std::int64_t>(
          "SELECT id, sum(total) OVER w, count(note) OVER w, first_value(note) OVER x, "
          "last_value(total) OVER x, nth_value(total, 2) OVER x, "
          "avg(total) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), "
          "max(total) OVER (ORDER BY id RANGE BETWEEN 2 PRECEDING AND CURRENT ROW), "
          "count(*) OVER (ORDER BY total GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) "
          "FROM orders WHERE status <> 'void' "
          "WINDOW w AS (PARTITION BY user_id ORDER BY placed_at), "
          "x AS (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY id"));
  REQUIRE(dsl.size() == 6);
  CHECK(dsl == by_hand);
  CHECK(std::get<5>(dsl[2]) == std::nullopt);  // user 2 has one order: no second value
}
