// SPDX-License-Identifier: BSL-1.0
// Derived tables on a server: a grouped subquery outer-joined under an alias (users without paid
// orders read NULL), and LATERAL joins that take each user's latest orders, inner and outer; each
// compared with the rows of the same query written by hand.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "same_rows.hpp"

using namespace shop;
using select_test::rows_of;

TEST_CASE("a derived table outer-joined gives the rows hand-written SQL gives") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto spent =
      pgdsl::derived<"spent">(select(orders.user_id, pgdsl::sum(orders.total).as<"amount">(),
                                     pgdsl::max(orders.note).as<"last_note">())
                                  .from(orders)
                                  .where(orders.status == "paid")
                                  .group_by(orders.user_id));
  const auto q = select(users.username, spent.column<"amount">(), spent.column<"last_note">())
                     .from(users)
                     .left_join(spent)
                     .on(spent[orders.user_id] == users.id)
                     .where(users.id < 6)
                     .order_by(users.id);
  const auto dsl = rows_of(db.execute(q));
  CHECK(dsl ==
        rows_of(db.query<std::string, std::optional<pgdsl::numeric>, std::optional<std::string>>(
            "SELECT username, spent.amount, spent.last_note FROM users LEFT JOIN "
            "(SELECT user_id, sum(total) AS amount, max(note) AS last_note FROM orders "
            "WHERE status = 'paid' GROUP BY user_id) AS spent ON spent.user_id = users.id "
            "WHERE users.id < 6 ORDER BY users.id")));
  REQUIRE(dsl.size() == 5);
  CHECK(std::get<1>(dsl[1]) == std::nullopt);  // bob paid nothing
  CHECK(std::get<2>(dsl[3]) == std::string("big"));
}

TEST_CASE("LATERAL joins take each user's latest orders like hand-written SQL") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto latest =
      pgdsl::derived<"latest">(select(orders.id, orders.note)
                                   .from(orders)
                                   .where(orders.user_id == users.id && orders.status != "void")
                                   .order_by(orders.placed_at.desc())
                                   .limit(2));
  const auto inner = select(users.username, latest[orders.id], latest[orders.note])
                         .from(users)
                         .join_lateral(latest)
                         .on(pgdsl::lit<true>)
                         .order_by(users.id, latest[orders.id]);
  const auto dsl = rows_of(db.execute(inner));
  CHECK(dsl == rows_of(db.query<std::string, std::int64_t, std::optional<std::string>>(
                   "SELECT username, latest.id, latest.note FROM users JOIN LATERAL "
                   "(SELECT id, note FROM orders WHERE user_id = users.id AND status <> 'void' "
                   "ORDER BY placed_at DESC LIMIT 2) AS latest ON TRUE "
                   "ORDER BY users.id, latest.id")));
  REQUIRE(dsl.size() == 6);

  const auto outer = select(users.username, latest[orders.id])
                         .from(users)
                         .left_join_lateral(latest)
                         .on(pgdsl::lit<true>)
                         .order_by(users.id, latest[orders.id]);
  const auto with_nulls = rows_of(db.execute(outer));
  CHECK(with_nulls == rows_of(db.query<std::string, std::optional<std::int64_t>>(
                          "SELECT username, latest.id FROM users LEFT JOIN LATERAL "
                          "(SELECT id, note FROM orders WHERE user_id = users.id AND status <> "
                          "'void' ORDER BY placed_at DESC LIMIT 2) AS latest ON TRUE "
                          "ORDER BY users.id, latest.id")));
  REQUIRE(with_nulls.size() == 8);
  CHECK(std::get<1>(with_nulls.back()) == std::nullopt);  // flo has no order
}
