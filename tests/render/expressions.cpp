// SPDX-License-Identifier: BSL-1.0
// Golden SQL of expressions: operators and their parentheses, predicates, functions, CASE, CAST,
// literals. Compiling this file is passing; render_prepare sends each statement to a server.
#include <cstdint>
#include <string>
#include <vector>

#include "render_check.hpp"

using namespace shop;
using render_check::renders_as;

namespace {

[[maybe_unused]] void comparison_operators() {
  auto q = select(users.id).from(users).where(users.id == 1 && users.id != 2 && users.id < 3 &&
                                              users.id <= 4 && users.id > 5 && users.id >= 6);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ((((("users"."id" = $1 AND "users"."id" <> $2) )"
      R"(AND "users"."id" < $3) AND "users"."id" <= $4) AND "users"."id" > $5) AND "users"."id" >= $6))"));
}

[[maybe_unused]] void a_value_on_the_left_keeps_its_place() {
  auto q = select(users.id).from(users).where(42 == users.id || 1.5 < users.score);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ($1 = "users"."id" OR $2 < "users"."score"))"));
  static_assert(std::is_same_v<decltype(q)::param_types, pgdsl::type_list<std::int32_t, double>>);
}

[[maybe_unused]] void and_or_not_nest_with_parentheses() {
  auto q = select(users.id).from(users).where(!(users.id == 1) &&
                                              (users.score > 2.0 || users.email == "x"));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE (NOT ("users"."id" = $1) AND )"
      R"(("users"."score" > $2 OR "users"."email" = $3)))"));
}

[[maybe_unused]] void arithmetic_and_text_concatenation() {
  auto q = select((order_items.unit_price * order_items.quantity).as<"line_total">(),
                  (users.score + 1) / 2, users.id % 7, -users.score,
                  (users.username + " <" + users.email + ">").as<"label">())
               .from(order_items)
               .cross_join(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT ("order_items"."unit_price" * "order_items"."quantity") AS "line_total", )"
      R"((("users"."score" + $1) / $2), ("users"."id" % $3), (- "users"."score"), )"
      R"(((("users"."username" || $4) || "users"."email") || $5) AS "label" )"
      R"(FROM "order_items" CROSS JOIN "users")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<0, columns>::value_type, pgdsl::numeric>);
  static_assert(std::is_same_v<pgdsl::at_t<1, columns>::value_type, std::optional<double>>);
  static_assert(std::is_same_v<pgdsl::at_t<2, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<pgdsl::at_t<4, columns>::value_type, std::string>);
}

[[maybe_unused]] void like_and_ilike() {
  auto q = select(users.id).from(users).where(
      users.email.like("%@example.com") && users.username.not_like("adm%") &&
      users.email.ilike("%@EXAMPLE.COM") && users.username.not_ilike("ROOT"));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ((("users"."email" LIKE $1 AND )"
      R"("users"."username" NOT LIKE $2) AND "users"."email" ILIKE $3) AND )"
      R"("users"."username" NOT ILIKE $4))"));
}

[[maybe_unused]] void contains_starts_with_ends_with_bind_an_escaped_pattern(
    const std::string& search) {
  auto q = select(users.id).from(users).where(
      users.email.contains(search) && users.username.starts_with("a_") &&
      users.email.ends_with(std::string_view("%.org")) && users.username.icontains(search) &&
      users.username.istarts_with("x") && users.email.iends_with("y"));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ((((("users"."email" LIKE $1 AND )"
      R"("users"."username" LIKE $2) AND "users"."email" LIKE $3) AND )"
      R"("users"."username" ILIKE $4) AND "users"."username" ILIKE $5) AND "users"."email" ILIKE $6))"));
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::string, std::string, std::string, std::string,
                                                std::string, std::string>>);
}

[[maybe_unused]] void in_and_not_in_over_a_list_bind_one_array(
    const std::vector<std::int64_t>& ids) {
  auto q = select(users.id).from(users).where(
      users.id.in(ids) && users.username.not_in(std::vector<std::string>{"root"}));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ("users"."id" = ANY($1) AND "users"."username" <> ALL($2)))"));
  static_assert(
      std::is_same_v<decltype(q)::param_types,
                     pgdsl::type_list<std::vector<std::int64_t>, std::vector<std::string>>>);
}

[[maybe_unused]] void in_and_not_in_over_a_fixed_list_bind_each_value(std::int64_t first) {
  auto q = select(users.id).from(users).where(users.id.in(first, 2, std::int16_t{3}) &&
                                              users.username.not_in("root", std::string("admin")) &&
                                              users.score.in(1.5) &&
                                              users.id.in(pgdsl::lit<7>, users.id + 1));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ((("users"."id" IN ($1, $2, $3) AND )"
      R"("users"."username" NOT IN ($4, $5)) AND "users"."score" IN ($6)) AND )"
      R"("users"."id" IN (7, ("users"."id" + $7))))"));
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::int64_t, std::int32_t, std::int16_t,
                                                std::string, std::string, double, std::int32_t>>);
  // No list can hold NULL without making the result nullable: x IN (1, NULL) is NULL for x = 2.
  static_assert(!pgdsl::nullable_v<decltype(users.id.in(1, 2))>);
  static_assert(pgdsl::nullable_v<decltype(users.score.in(1.0, 2.0))>);
}

[[maybe_unused]] void between_null_checks_and_distinct_from() {
  auto q = select(users.id).from(users).where(
      users.score.between(1.0, 2.0) && users.id.not_between(10, 20) && users.score.is_null() &&
      users.email.is_not_null() && users.score.is_distinct_from(3.0) &&
      users.score.is_not_distinct_from(4.0));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ((((("users"."score" BETWEEN $1 AND $2 AND )"
      R"("users"."id" NOT BETWEEN $3 AND $4) AND "users"."score" IS NULL) AND )"
      R"("users"."email" IS NOT NULL) AND "users"."score" IS DISTINCT FROM $5) AND )"
      R"("users"."score" IS NOT DISTINCT FROM $6))"));
}

[[maybe_unused]] void functions() {
  auto q = select(pgdsl::coalesce(users.score, 0.0), pgdsl::lower(users.email),
                  pgdsl::upper(users.username), pgdsl::length(users.username), pgdsl::now())
               .from(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT coalesce("users"."score", $1), lower("users"."email"), upper("users"."username"), )"
      R"(length("users"."username"), now() FROM "users")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<0, columns>::value_type, double>);
  static_assert(std::is_same_v<pgdsl::at_t<3, columns>::value_type, std::int32_t>);
  static_assert(std::is_same_v<pgdsl::at_t<4, columns>::value_type, pgdsl::timestamptz>);
}

[[maybe_unused]] void aggregates() {
  auto q = select(pgdsl::count(), pgdsl::count(users.score), pgdsl::count_distinct(users.email),
                  pgdsl::sum(order_items.quantity), pgdsl::sum(orders.total),
                  pgdsl::avg(order_items.quantity), pgdsl::avg(users.score),
                  pgdsl::min(users.created_at), pgdsl::max(users.username))
               .from(users)
               .cross_join(orders)
               .cross_join(order_items);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT count(*), count("users"."score"), count(DISTINCT "users"."email"), )"
      R"(sum("order_items"."quantity"), sum("orders"."total"), avg("order_items"."quantity"), )"
      R"(avg("users"."score"), min("users"."created_at"), max("users"."username") )"
      R"(FROM "users" CROSS JOIN "orders" CROSS JOIN "order_items")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<0, columns>::value_type, std::int64_t>);
  static_assert(std::is_same_v<pgdsl::at_t<3, columns>::value_type, std::optional<std::int64_t>>);
  static_assert(std::is_same_v<pgdsl::at_t<4, columns>::value_type, std::optional<pgdsl::numeric>>);
  static_assert(std::is_same_v<pgdsl::at_t<5, columns>::value_type, std::optional<pgdsl::numeric>>);
  static_assert(std::is_same_v<pgdsl::at_t<6, columns>::value_type, std::optional<double>>);
  static_assert(
      std::is_same_v<pgdsl::at_t<7, columns>::value_type, std::optional<pgdsl::timestamptz>>);
}

[[maybe_unused]] void case_when_and_cast() {
  auto q = select(pgdsl::case_when(users.score > 90.0, pgdsl::lit_text<"gold">)
                      .when(users.score > 50.0, pgdsl::lit_text<"silver">)
                      .else_(pgdsl::lit_text<"bronze">)
                      .as<"tier">(),
                  pgdsl::case_when(users.score.is_null(), 0.0).as<"no_else">(),
                  pgdsl::cast<std::int64_t>(users.score), pgdsl::cast<std::string>(users.id))
               .from(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT CASE WHEN "users"."score" > $1 THEN 'gold' WHEN "users"."score" > $2 THEN 'silver' )"
      R"(ELSE 'bronze' END AS "tier", CASE WHEN "users"."score" IS NULL THEN $3 END AS "no_else", )"
      R"(CAST("users"."score" AS int8), CAST("users"."id" AS text) FROM "users")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<0, columns>::value_type, std::string>);
  static_assert(std::is_same_v<pgdsl::at_t<1, columns>::value_type, std::optional<double>>);
  static_assert(std::is_same_v<pgdsl::at_t<2, columns>::value_type, std::optional<std::int64_t>>);
}

[[maybe_unused]] void literals_are_written_into_the_text() {
  auto q = select(users.id).from(users).where(
      users.id > pgdsl::lit<100> && users.username != pgdsl::lit_text<"it's"> &&
      (users.id == 1) == pgdsl::lit<true> && users.id < pgdsl::lit<-5000000000LL>);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ((("users"."id" > 100 AND )"
      R"("users"."username" <> 'it''s') AND ("users"."id" = $1) = TRUE) AND )"
      R"("users"."id" < -5000000000))"));
  static_assert(decltype(q)::param_count == 1);
}

[[maybe_unused]] void numbers_of_different_widths_compare() {
  auto q = select(order_items.product)
               .from(order_items)
               .where(order_items.quantity == std::int64_t{3} && order_items.unit_price > 2.5 &&
                      order_items.quantity < order_items.unit_price);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "order_items"."product" FROM "order_items" WHERE (("order_items"."quantity" = $1 AND )"
      R"("order_items"."unit_price" > $2) AND "order_items"."quantity" < "order_items"."unit_price"))"));
}

}  // namespace

namespace {

[[maybe_unused]] void in_over_an_inline_list() {
  auto q =
      select(users.id).from(users).where(users.id.in({1, 2, 3}) && users.email.not_in({"a", "b"}));
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE ("users"."id" = ANY($1) AND "users"."email" <> ALL($2)))"));
  static_assert(
      std::is_same_v<decltype(q)::param_types,
                     pgdsl::type_list<std::vector<std::int32_t>, std::vector<std::string>>>);
}

}  // namespace
