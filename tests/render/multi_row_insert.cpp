// SPDX-License-Identifier: BSL-1.0
// Multi-row VALUES from a run-time range: the one statement rendered at run time. Its text is
// checked here, and registered for the server check like every golden statement.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "render_check.hpp"

using namespace shop;

namespace {

std::vector<std::tuple<std::string, std::string>> rows_of_two() {
  return {{"ann", "a@x"}, {"ben", "b@x"}};
}

// Registered when the program starts, like the static statements, so the server check sees it
// whatever order the test cases run in.
[[maybe_unused]] const bool multi_row_insert_registered = [] {
  const std::vector<std::tuple<std::string, std::string, std::optional<double>>> rows{
      {"a", "a@x", 1.5}, {"b", "b@x", std::nullopt}};
  const auto q =
      pgdsl::insert_into(users).columns(users.username, users.email, users.score).values(rows);
  render_check::registry().push_back({std::string(q.sql), {25, 25, 701, 25, 25, 701}, {}});
  const auto upsert = pgdsl::insert_into(users)
                          .columns(users.username, users.email)
                          .values(rows_of_two())
                          .on_conflict(users.username)
                          .do_update(users.email = excluded(users.email), users.score = 0.5);
  render_check::registry().push_back({std::string(upsert.sql), {25, 25, 25, 25, 701}, {}});
  return true;
}();

}  // namespace

TEST_CASE("a multi-row insert numbers its placeholders row by row") {
  const std::vector<std::tuple<std::string, std::string>> rows{
      {"ann", "a@x"}, {"ben", "b@x"}, {"cy", "c@x"}};
  const auto q = pgdsl::insert_into(users).columns(users.username, users.email).values(rows);
  CHECK(q.sql ==
        R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2), ($3, $4), ($5, $6))");
  CHECK(q.param_count() == 6);
  std::vector<std::string> bound;
  q.bind([&](const std::string& value) { bound.push_back(value); });
  CHECK(bound == std::vector<std::string>{"ann", "a@x", "ben", "b@x", "cy", "c@x"});
}

TEST_CASE("a multi-row insert keeps each value's own type and NULLs") {
  const std::vector<std::tuple<int, std::optional<std::string>>> rows{{1, "x"}, {2, std::nullopt}};
  const auto q = pgdsl::insert_into(events).columns(events.id, events.note).values(rows);
  static_assert(
      std::is_same_v<decltype(q)::row_type, std::tuple<std::int32_t, std::optional<std::string>>>);
  CHECK(q.sql == R"(INSERT INTO "events" ("id", "note") VALUES ($1, $2), ($3, $4))");
}

TEST_CASE("a multi-row insert takes ON CONFLICT after values(), its parameters after the rows'") {
  const auto q = pgdsl::insert_into(users)
                     .columns(users.username, users.email)
                     .values(rows_of_two())
                     .on_conflict(users.username)
                     .do_update(users.email = excluded(users.email), users.score = 0.5);
  CHECK(q.sql ==
        R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2), ($3, $4) ON CONFLICT )"
        R"(("username") DO UPDATE SET "email" = "excluded"."email", "score" = $5)");
  CHECK(q.param_count() == 5);
  std::vector<std::string> bound;
  q.bind([&](const auto& value) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, double>)
      bound.push_back(std::to_string(value));
    else
      bound.push_back(std::string(value));
  });
  CHECK(bound == std::vector<std::string>{"ann", "a@x", "ben", "b@x", "0.500000"});

  const auto nothing = pgdsl::insert_into(users)
                           .columns(users.username, users.email)
                           .values(rows_of_two())
                           .on_conflict_do_nothing();
  CHECK(nothing.sql ==
        R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING)");
}

TEST_CASE("ON CONFLICT on the column list reaches every statement values() builds") {
  const auto upsert = pgdsl::insert_into(users)
                          .columns(users.username, users.email)
                          .on_conflict(users.username)
                          .do_nothing();
  const auto q = upsert.values(rows_of_two());
  CHECK(q.sql ==
        R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2), ($3, $4) ON CONFLICT )"
        R"(("username") DO NOTHING)");
  const std::vector<std::tuple<std::string, std::string>> one{{"cy", "c@x"}};
  CHECK(upsert.values(one).sql ==
        R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2) ON CONFLICT ("username") DO NOTHING)");
}
