// SPDX-License-Identifier: BSL-1.0
// UNION, INTERSECT and EXCEPT on a server, over data with NULLs and duplicates, each compared with
// the rows of the same query written by hand; a NULL in any member makes the column optional.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "same_rows.hpp"

using namespace shop;
using select_test::rows_of;

TEST_CASE("union, intersect and except give the rows hand-written SQL gives") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto all_notes =
      pgdsl::union_all(select(orders.user_id, orders.note).from(orders).where(orders.total > 6),
                       select(users.id, users.email).from(users).where(users.score.is_null()))
          .order_by(orders.user_id, orders.note.desc().nulls_last())
          .limit(6)
          .offset(1);
  static_assert(std::is_same_v<pgdsl::at_t<1, decltype(all_notes)::result_columns>::value_type,
                               std::optional<std::string>>);
  CHECK(rows_of(db.execute(all_notes)) ==
        rows_of(db.query<std::int64_t, std::optional<std::string>>(
            "SELECT user_id, note FROM orders WHERE total > 6 UNION ALL "
            "SELECT id, email FROM users WHERE score IS NULL "
            "ORDER BY user_id, note DESC NULLS LAST LIMIT 6 OFFSET 1")));

  const auto buyers_and_scorers =
      pgdsl::union_(select(orders.user_id).from(orders),
                    select(users.id).from(users).where(users.score > 5.0))
          .order_by(orders.user_id.desc());
  const auto both = pgdsl::intersect(select(orders.user_id).from(orders),
                                     select(users.id).from(users).where(users.score > 5.0))
                        .order_by(orders.user_id);
  const auto without_paid =
      pgdsl::except_(select(users.id).from(users),
                     select(orders.user_id).from(orders).where(orders.status == "paid"))
          .order_by(users.id);
  const auto repeated =
      pgdsl::except_all(select(orders.user_id).from(orders), select(users.id).from(users))
          .order_by(orders.user_id);
  CHECK(rows_of(db.execute(buyers_and_scorers)) ==
        rows_of(db.query<std::int64_t>("SELECT user_id FROM orders UNION SELECT id FROM users "
                                       "WHERE score > 5.0 ORDER BY user_id DESC")));
  CHECK(rows_of(db.execute(both)) ==
        rows_of(db.query<std::int64_t>("SELECT user_id FROM orders INTERSECT SELECT id FROM users "
                                       "WHERE score > 5.0 ORDER BY user_id")));
  CHECK(rows_of(db.execute(without_paid)) ==
        rows_of(db.query<std::int64_t>("SELECT id FROM users EXCEPT SELECT user_id FROM orders "
                                       "WHERE status = 'paid' ORDER BY id")));
  CHECK(rows_of(db.execute(repeated)) ==
        rows_of(db.query<std::int64_t>(
            "SELECT user_id FROM orders EXCEPT ALL SELECT id FROM users ORDER BY user_id")));
  CHECK(rows_of(db.execute(repeated)).size() == 3);  // users 1 (twice) and 3 ordered again
  CHECK(rows_of(db.execute(buyers_and_scorers)).size() == 5);
}
