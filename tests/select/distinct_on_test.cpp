// SPDX-License-Identifier: BSL-1.0
// SELECT DISTINCT ON on a server: each user's latest order (NULL notes included), compared with the
// rows of the same query written by hand.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "same_rows.hpp"

using namespace shop;
using select_test::rows_of;

TEST_CASE("distinct_on keeps the first row of each key like hand-written SQL") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto latest = pgdsl::distinct_on(orders.user_id)
                          .select(orders.user_id, orders.id, orders.note)
                          .from(orders)
                          .where(orders.status != "void")
                          .order_by(orders.user_id, orders.placed_at.desc());
  const auto dsl = rows_of(db.execute(latest));
  CHECK(dsl == rows_of(db.query<std::int64_t, std::int64_t, std::optional<std::string>>(
                   "SELECT DISTINCT ON (user_id) user_id, id, note FROM orders "
                   "WHERE status <> 'void' ORDER BY user_id, placed_at DESC")));
  REQUIRE(dsl.size() == 4);
  CHECK(std::get<1>(dsl[0]) == 2);  // user 1's latest order that is not void
  CHECK(std::get<2>(dsl[0]) == std::nullopt);
}
