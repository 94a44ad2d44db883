// SPDX-License-Identifier: BSL-1.0
// function<"name", R>(...) on a server: a user-defined function and built-in ones, called with
// columns and bound values, read with the declared types and null rules, and compared with the
// rows of the same query written by hand.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "same_rows.hpp"

using namespace shop;
using select_test::rows_of;

TEST_CASE("function<> calls a user-defined function with bound values like hand-written SQL") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  fixture.run(
      "CREATE FUNCTION discounted(total numeric, pct integer) RETURNS numeric LANGUAGE sql "
      "IMMUTABLE STRICT AS 'SELECT round(total * (100 - pct) / 100, 2)';"
      "CREATE FUNCTION unless_gift(note text) RETURNS text LANGUAGE sql IMMUTABLE "
      "AS 'SELECT nullif(note, ''gift'')'");
  auto& db = fixture.db();

  const auto q =
      pgdsl::select(orders.id, pgdsl::function<"discounted", pgdsl::numeric>(orders.total, 10),
                    pgdsl::function<"unless_gift", std::optional<std::string>>(orders.note))
          .from(orders)
          .where(pgdsl::function<"discounted", pgdsl::numeric>(orders.total, 50) > 5)
          .order_by(orders.id);
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<1, columns>::value_type, pgdsl::numeric>);
  static_assert(std::is_same_v<pgdsl::at_t<2, columns>::value_type, std::optional<std::string>>);

  const auto dsl = rows_of(db.execute(q));
  const auto by_hand = rows_of(db.query<std::int64_t, pgdsl::numeric, std::optional<std::string>>(
      "SELECT id, discounted(total, 10), unless_gift(note) FROM orders "
      "WHERE discounted(total, 50) > 5 ORDER BY id"));
  CHECK(dsl.size() == 5);
  CHECK(dsl == by_hand);
}

TEST_CASE("function<>'s null rule follows the arguments unless declared otherwise") {
  pgdsl::test::database fixture;
  select_test::load_shop(fixture);
  auto& db = fixture.db();

  const auto q =
      pgdsl::select(
          users.id, pgdsl::function<"abs", double>(users.score),
          pgdsl::function<"greatest", double, pgdsl::null_rule::if_all_arguments>(users.score, 3.0),
          pgdsl::function<"md5", std::string>(users.username))
          .from(users)
          .order_by(users.id);
  const auto dsl = rows_of(db.execute(q));
  const auto by_hand = rows_of(db.query<std::int64_t, std::optional<double>, double, std::string>(
      "SELECT id, abs(score), greatest(score, 3.0), md5(username) FROM users ORDER BY id"));
  CHECK(dsl.size() == 6);
  CHECK(dsl == by_hand);
  CHECK(std::get<1>(dsl[1]) == std::nullopt);
  CHECK(std::get<2>(dsl[1]) == 3.0);
}
