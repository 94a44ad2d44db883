// SPDX-License-Identifier: BSL-1.0
// Golden SQL of derived tables: a subquery in FROM and JOIN under an alias, its columns typed from
// its query, LATERAL joins reading the tables before them, and $n numbered in text order across
// the inner and outer queries. Compiling this file is passing; render_prepare PREPAREs each one.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using pgdsl::at_t;
using render_check::renders_as;

namespace {

template <class Q, class T>
concept can_join_lateral = requires(Q q, T t) {
  std::move(q).join_lateral(t);
};

[[maybe_unused]] void a_derived_table_is_a_subquery_in_from_with_typed_columns() {
  const auto big =
      pgdsl::derived<"big">(select(orders.user_id, (orders.total * 2).as<"doubled">(), orders.note)
                                .from(orders)
                                .where(orders.total > 10));
  auto q = select(big[orders.user_id], big.column<"doubled">(), big[orders.note])
               .from(big)
               .where(big.column<"doubled">() < 500);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "big"."user_id", "big"."doubled", "big"."note" FROM (SELECT "orders"."user_id", )"
      R"(("orders"."total" * $1) AS "doubled", "orders"."note" FROM "orders" WHERE "orders"."total" > $2) )"
      R"(AS "big" WHERE "big"."doubled" < $3)"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<0, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<at_t<1, columns>::value_type, pgdsl::numeric>);
  static_assert(std::is_same_v<at_t<2, columns>::value_type, std::optional<std::string>>);
  static_assert(at_t<1, columns>::name == "doubled");
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::int32_t, std::int32_t, std::int32_t>>);
}

[[maybe_unused]] void a_derived_table_joins_a_table_and_its_values_come_in_text_order() {
  const auto spent =
      pgdsl::derived<"spent">(select(orders.user_id, pgdsl::sum(orders.total).as<"amount">())
                                  .from(orders)
                                  .where(orders.status == "paid")
                                  .group_by(orders.user_id));
  auto q = select(users.username, spent.column<"amount">())
               .from(users)
               .left_join(spent)
               .on(spent[orders.user_id] == users.id && spent.column<"amount">() > 5)
               .where(users.username != "nobody");
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."username", "spent"."amount" FROM "users" LEFT JOIN (SELECT "orders"."user_id", )"
      R"(sum("orders"."total") AS "amount" FROM "orders" WHERE "orders"."status" = $1 GROUP BY )"
      R"("orders"."user_id") AS "spent" ON ("spent"."user_id" = "users"."id" AND "spent"."amount" > $2) )"
      R"(WHERE "users"."username" <> $3)"));
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::string, std::int32_t, std::string>>);
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<pgdsl::numeric>>);
}

[[maybe_unused]] void a_lateral_join_reads_the_tables_before_it() {
  // The two latest orders of each user: the subquery reads "users" of the outer FROM.
  const auto latest = pgdsl::derived<"latest">(select(orders.id, orders.total)
                                                   .from(orders)
                                                   .where(orders.user_id == users.id)
                                                   .order_by(orders.placed_at.desc())
                                                   .limit(2));
  auto inner = select(users.username, latest[orders.id], latest[orders.total])
                   .from(users)
                   .join_lateral(latest)
                   .on(pgdsl::lit<true>)
                   .where(users.score > 1.5);
  static_assert(renders_as<decltype(inner)>(
      R"(SELECT "users"."username", "latest"."id", "latest"."total" FROM "users" JOIN LATERAL )"
      R"((SELECT "orders"."id", "orders"."total" FROM "orders" WHERE "orders"."user_id" = "users"."id" )"
      R"(ORDER BY "orders"."placed_at" DESC LIMIT $1) AS "latest" ON TRUE WHERE "users"."score" > $2)"));

  auto left = select(users.username, latest[orders.total])
                  .from(users)
                  .left_join_lateral(latest)
                  .on(pgdsl::lit<true>);
  static_assert(renders_as<decltype(left)>(
      R"(SELECT "users"."username", "latest"."total" FROM "users" LEFT JOIN LATERAL )"
      R"((SELECT "orders"."id", "orders"."total" FROM "orders" WHERE "orders"."user_id" = "users"."id" )"
      R"(ORDER BY "orders"."placed_at" DESC LIMIT $1) AS "latest" ON TRUE)"));
  using columns = decltype(left)::result_columns;
  static_assert(std::is_same_v<at_t<1, columns>::value_type, std::optional<pgdsl::numeric>>);

  auto cross = select(users.username, latest[orders.id]).from(users).cross_join_lateral(latest);
  static_assert(renders_as<decltype(cross)>(
      R"(SELECT "users"."username", "latest"."id" FROM "users" CROSS JOIN LATERAL )"
      R"((SELECT "orders"."id", "orders"."total" FROM "orders" WHERE "orders"."user_id" = "users"."id" )"
      R"(ORDER BY "orders"."placed_at" DESC LIMIT $1) AS "latest")"));
  // The const& form copies the statement and leaves it as it was.
  const auto named = select(users.id).from(users);
  static_assert(can_join_lateral<decltype(named), decltype(latest)>);
}

[[maybe_unused]] void a_derived_table_of_a_union_is_a_table_too() {
  const auto ids = pgdsl::derived<"ids">(
      pgdsl::union_(select(orders.user_id).from(orders).where(orders.total > 100),
                    select(users.id.as<"user_id">()).from(users).where(users.score > 9.0)));
  auto q = select(pgdsl::count()).from(ids, users).where(ids.column<"user_id">() == users.id);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT count(*) FROM (SELECT "orders"."user_id" FROM "orders" WHERE "orders"."total" > $1 )"
      R"(UNION SELECT "users"."id" AS "user_id" FROM "users" WHERE "users"."score" > $2) AS "ids", )"
      R"("users" WHERE "ids"."user_id" = "users"."id")"));
}

}  // namespace
