// SPDX-License-Identifier: BSL-1.0
// Golden SQL of INSERT: VALUES from set(), DEFAULT VALUES, INSERT ... SELECT, ON CONFLICT,
// RETURNING.
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using render_check::renders_as;

namespace {

[[maybe_unused]] void inserts_from_assignments(const std::string& email) {
  auto q = pgdsl::insert_into(users).set(users.username = "bob", users.email = email);
  static_assert(
      renders_as<decltype(q)>(R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2))"));
  static_assert(decltype(q)::result_columns::size == 0);
}

[[maybe_unused]] void inserts_null_into_a_nullable_column() {
  auto q = pgdsl::insert_into(users).set(users.username = "x", users.email = "y",
                                         users.score = std::nullopt);
  static_assert(renders_as<decltype(q)>(
      R"(INSERT INTO "users" ("username", "email", "score") VALUES ($1, $2, $3))"));
  static_assert(std::is_same_v<pgdsl::at_t<2, decltype(q)::param_types>, std::optional<double>>);
}

[[maybe_unused]] void returns_generated_values() {
  auto q = pgdsl::insert_into(users)
               .set(users.username = "bob", users.email = "b@example.com")
               .returning(users.id, users.created_at);
  static_assert(
      renders_as<decltype(q)>(R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2) )"
                              R"(RETURNING "users"."id", "users"."created_at")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<0, columns>::value_type, std::int64_t>);
}

[[maybe_unused]] void default_values() {
  auto q = pgdsl::insert_into(events).default_values().returning(events.id);
  static_assert(
      renders_as<decltype(q)>(R"(INSERT INTO "events" DEFAULT VALUES RETURNING "events"."id")"));
}

[[maybe_unused]] void insert_select() {
  auto q = pgdsl::insert_into(events)
               .columns(events.note)
               .select(select(users.email).from(users).where(users.score > 5.0));
  static_assert(renders_as<decltype(q)>(
      R"(INSERT INTO "events" ("note") SELECT "users"."email" FROM "users" WHERE "users"."score" > $1)"));
}

[[maybe_unused]] void upserts() {
  auto nothing = pgdsl::insert_into(users)
                     .set(users.username = "bob", users.email = "b@example.com")
                     .on_conflict(users.username)
                     .do_nothing();
  static_assert(renders_as<decltype(nothing)>(
      R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2) ON CONFLICT ("username") DO NOTHING)"));
  auto any_conflict = pgdsl::insert_into(users)
                          .set(users.username = "bob", users.email = "b@example.com")
                          .on_conflict_do_nothing();
  static_assert(renders_as<decltype(any_conflict)>(
      R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2) ON CONFLICT DO NOTHING)"));
  auto upsert = pgdsl::insert_into(users)
                    .set(users.username = "bob", users.email = "b@example.com", users.score = 1.0)
                    .on_conflict(users.username)
                    .do_update(users.email = pgdsl::excluded(users.email),
                               users.score = users.score + pgdsl::excluded(users.score))
                    .returning(users.id);
  static_assert(renders_as<decltype(upsert)>(
      R"(INSERT INTO "users" ("username", "email", "score") VALUES ($1, $2, $3) )"
      R"(ON CONFLICT ("username") DO UPDATE SET "email" = "excluded"."email", )"
      R"("score" = ("users"."score" + "excluded"."score") RETURNING "users"."id")"));
}

[[maybe_unused]] void pgdsl_null_goes_into_a_nullable_column() {
  auto q = pgdsl::insert_into(users).set(users.username = "bob", users.email = "b@example.com",
                                         users.score = pgdsl::null);
  static_assert(renders_as<decltype(q)>(
      R"(INSERT INTO "users" ("username", "email", "score") VALUES ($1, $2, $3))"));
  static_assert(std::is_same_v<decltype(q)::param_types,
                               pgdsl::type_list<std::string, std::string, std::optional<double>>>);
  auto u = pgdsl::update(orders).set(orders.note = pgdsl::null).where(orders.id == 1);
  static_assert(
      renders_as<decltype(u)>(R"(UPDATE "orders" SET "note" = $1 WHERE "orders"."id" = $2)"));
}

[[maybe_unused]] void values_may_be_expressions() {
  auto q = pgdsl::insert_into(orders).set(orders.user_id = 1,
                                          orders.total = pgdsl::cast<pgdsl::numeric>(2.5),
                                          orders.placed_at = pgdsl::now());
  static_assert(renders_as<decltype(q)>(
      R"(INSERT INTO "orders" ("user_id", "total", "placed_at") VALUES ($1, CAST($2 AS numeric), now()))"));
}

}  // namespace
