// SPDX-License-Identifier: BSL-1.0
// Every supported type through db.execute() and back: a static statement "SELECT $1" binds the
// value in binary and reads the server's binary answer, with each type's edge values (min/max,
// NaN and infinities, empty and non-ASCII text, NUL bytes in bytea, infinite timestamps, empty
// arrays and NULL elements) and NULL through std::optional; then the same values through a table.
#include "support/catch.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "support/database.hpp"
#include "support/statements.hpp"
#include "types/random_values.hpp"

using pgdsl::type_list;
using pgdsl::test::column;
using pgdsl::test::statement;

namespace {

template <class T>
using echo_statement = statement<"SELECT $1", type_list<column<"echo", "value", T>>, T>;

// Sends `value` as $1 of a static statement and returns what the server sent back.
template <class T>
T echo(pgdsl::connection& db, const T& value) {
  return db.execute(echo_statement<T>{{value}}).scalar();
}

template <class T>
void check_round_trips(pgdsl::connection& db, const std::vector<T>& values) {
  for (const T& value : values) {
    CHECK(echo(db, value) == value);
    CHECK(echo(db, std::optional<T>(value)) == std::optional<T>(value));
  }
  CHECK_FALSE(echo(db, std::optional<T>()).has_value());
}

template <class Int>
std::vector<Int> integer_edges() {
  return {std::numeric_limits<Int>::min(), Int{-1}, Int{0}, Int{1},
          std::numeric_limits<Int>::max()};
}

}  // namespace

TEST_CASE("booleans and integers round-trip at their limits") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  check_round_trips<bool>(db, {true, false});
  check_round_trips(db, integer_edges<std::int16_t>());
  check_round_trips(db, integer_edges<std::int32_t>());
  check_round_trips(db, integer_edges<std::int64_t>());
}

TEST_CASE("floating point round-trips, NaN and infinities included") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  constexpr double inf = std::numeric_limits<double>::infinity();
  check_round_trips<double>(
      db, {0.0, -0.0, 1.5, -inf, inf, std::numeric_limits<double>::min(),
           std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()});
  check_round_trips<float>(db, {0.0F, 3.25F, std::numeric_limits<float>::lowest(),
                                std::numeric_limits<float>::infinity()});
  CHECK(std::isnan(echo(db, std::numeric_limits<double>::quiet_NaN())));
  CHECK(std::isnan(echo(db, std::numeric_limits<float>::quiet_NaN())));
}

TEST_CASE("text round-trips: empty, non-ASCII and long") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  check_round_trips<std::string>(
      db, {"", "plain", "Grüße, 世界, 🐘", std::string(100000, 'x'), "quote ' and \" and \\"});
}

TEST_CASE("bytea round-trips every byte, NUL included") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::bytea all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<std::byte>(b));
  check_round_trips<pgdsl::bytea>(db, {pgdsl::bytea{}, all_bytes});
}

TEST_CASE("timestamps and dates round-trip, infinities included") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  using std::chrono::microseconds;
  check_round_trips<pgdsl::timestamptz>(
      db,
      {pgdsl::timestamptz{microseconds{0}}, pgdsl::timestamptz{microseconds{1'700'000'000'123'456}},
       pgdsl::timestamptz{microseconds{-62'135'596'800'000'000}},  // 0001-01-01
       pgdsl::timestamptz_infinity, pgdsl::timestamptz_minus_infinity});
  check_round_trips<pgdsl::timestamp>(
      db, {pgdsl::timestamp{microseconds{946'684'800'000'000}}, pgdsl::timestamp_infinity,
           pgdsl::timestamp_minus_infinity});
  check_round_trips<pgdsl::date>(
      db, {pgdsl::date{std::chrono::days{0}}, pgdsl::date{std::chrono::days{-719'162}},
           pgdsl::date_infinity, pgdsl::date_minus_infinity});
}

TEST_CASE("uuid, numeric and json round-trip") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  check_round_trips<pgdsl::uuid>(db, {pgdsl::uuid::parse("00000000-0000-0000-0000-000000000000"),
                                      pgdsl::uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                                      pgdsl::uuid::parse("ffffffff-ffff-ffff-ffff-ffffffffffff")});
  check_round_trips<pgdsl::numeric>(
      db, {pgdsl::numeric(0), pgdsl::numeric::parse("-12345678901234567890.000000000001"),
           pgdsl::numeric::parse("0.0001"), pgdsl::numeric::parse("1e100"),
           pgdsl::numeric::infinity(), pgdsl::numeric::minus_infinity()});
  CHECK(echo(db, pgdsl::numeric::nan()).to_string() == "NaN");
  check_round_trips<pgdsl::json>(db, {pgdsl::json{R"({"b": 1,  "a": [true, null]})"}});
  CHECK(echo(db, pgdsl::jsonb{R"({"b": 1,  "a": 2})"}).text == R"({"a": 2, "b": 1})");
}

TEST_CASE("arrays round-trip: empty, with NULL elements, of text") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  check_round_trips<std::vector<std::int32_t>>(db, {{}, {1, -2, 3}});
  check_round_trips<std::vector<std::optional<std::int64_t>>>(db,
                                                              {{std::nullopt, 7, std::nullopt}});
  check_round_trips<std::vector<std::string>>(db, {{"", "ä", "comma, and \"quote\""}});
}

TEST_CASE("values written to a table read back equal through static statements") {
  pgdsl::test::database fixture;
  fixture.run(
      "CREATE TABLE samples (i int8, d float8, t text, b bytea, ts timestamptz, n numeric, "
      "a int4[])");
  using row_columns =
      type_list<column<"samples", "i", std::int64_t>, column<"samples", "d", double>,
                column<"samples", "t", std::string>, column<"samples", "b", pgdsl::bytea>,
                column<"samples", "ts", pgdsl::timestamptz>, column<"samples", "n", pgdsl::numeric>,
                column<"samples", "a", std::vector<std::int32_t>>>;
  const auto big = std::numeric_limits<std::int64_t>::max();
  const pgdsl::bytea bytes{std::byte{0}, std::byte{255}};
  const auto ts = pgdsl::timestamptz_infinity;
  const auto n = pgdsl::numeric::parse("3.14159265358979323846264338327950288");
  const std::vector<std::int32_t> a{1, 2, 3};
  auto& db = fixture.db();
  db.execute(
      statement<"INSERT INTO samples VALUES ($1, $2, $3, $4, $5, $6, $7)", type_list<>,
                std::int64_t, double, std::string, pgdsl::bytea, pgdsl::timestamptz, pgdsl::numeric,
                std::vector<std::int32_t>>{{big, -0.5, std::string("Ω"), bytes, ts, n, a}});
  const auto [i, d, t, b, when, num, arr] =
      db.execute(statement<"SELECT i, d, t, b, ts, n, a FROM samples", row_columns>{}).one();
  CHECK(i == big);
  CHECK(d == -0.5);
  CHECK(t == "Ω");
  CHECK(b == bytes);
  CHECK(when == ts);
  CHECK(num == n);
  CHECK(arr == a);
}

TEST_CASE("1,000 random values per type round-trip through prepared statements") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  std::mt19937_64 random(20240601);
  auto tx = db.begin();  // one transaction: the point is the values, not 6,000 commits
  for (int i = 0; i < 1000; ++i) {
    const auto integer = static_cast<std::int64_t>(random());
    REQUIRE(echo(db, integer) == integer);
    const double real = std::bit_cast<double>(random());
    if (!std::isnan(real)) REQUIRE(echo(db, real) == real);
    const std::string text = pgdsl::test::random_utf8(random);
    REQUIRE(echo(db, text) == text);
    const auto [literal, printed] = pgdsl::test::random_decimal(random, 30);
    REQUIRE(echo(db, pgdsl::numeric::parse(literal)).to_string() == printed);
    const pgdsl::timestamptz when{pgdsl::test::random_microseconds(random)};
    REQUIRE(echo(db, when) == when);
    const pgdsl::date day = pgdsl::test::random_date(random);
    REQUIRE(echo(db, day) == day);
  }
  tx.commit();
}
