// SPDX-License-Identifier: BSL-1.0
// COPY converts a row value to its column's C++ type under the DSL's assignment rule, and never
// changes a value silently: every pair of numeric types is either refused at compile time
// (checked here with the rule itself), loaded exactly, or, where the conversion narrows, refused
// at run time with out_of_range_value naming the column, loading nothing.
#include "support/catch.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace {

struct numbers_t : pgdsl::table<"numbers"> {
  column<"i2", std::int16_t> i2;
  column<"i4", std::int32_t> i4;
  column<"i8", std::int64_t> i8;
  column<"f4", float> f4;
  column<"f8", double> f8;
  column<"n", pgdsl::numeric> n;
};
constexpr numbers_t numbers{};

using pgdsl::detail::copy_assignable;

// Integers go into every integer, floating-point and numeric column.
static_assert(copy_assignable<std::int16_t, std::int64_t>());
static_assert(copy_assignable<std::int32_t, std::int64_t>());
static_assert(copy_assignable<std::int64_t, std::int16_t>());
static_assert(copy_assignable<std::int32_t, unsigned>());
static_assert(copy_assignable<std::int64_t, std::uint64_t>());
static_assert(copy_assignable<float, std::int64_t>());
static_assert(copy_assignable<double, std::int32_t>());
static_assert(copy_assignable<pgdsl::numeric, std::int64_t>());
// Floating point goes into floating point, never into an integer column.
static_assert(copy_assignable<float, double>());
static_assert(copy_assignable<double, float>());
static_assert(!copy_assignable<std::int16_t, float>());
static_assert(!copy_assignable<std::int32_t, double>());
static_assert(!copy_assignable<std::int64_t, double>());
static_assert(!copy_assignable<std::int64_t, long double>());
// Numeric (decimal) has no conversion to an integer or a float, and none from a float.
static_assert(!copy_assignable<std::int64_t, pgdsl::numeric>());
static_assert(!copy_assignable<double, pgdsl::numeric>());
static_assert(!copy_assignable<pgdsl::numeric, double>());
// Booleans and numbers do not mix.
static_assert(!copy_assignable<bool, int>());
static_assert(!copy_assignable<std::int32_t, bool>());
static_assert(copy_assignable<bool, bool>());

void create_numbers(pgdsl::test::database& fixture) {
  fixture.run(
      "CREATE TABLE numbers (i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, "
      "n numeric)");
}

// Loads one value of type Value into `column` and reads it back as the column's type.
template <class Column, class Value>
auto load_one(pgdsl::connection& db, const Column& column, Value value) {
  using stored = typename Column::value_type;
  db.run_command("TRUNCATE numbers");
  const std::vector<std::tuple<Value>> rows{{value}};
  CHECK(db.copy_into(numbers, pgdsl::columns(column), rows) == 1);
  const std::string sql = "SELECT " + std::string(Column::name.view()) + " FROM numbers";
  return db.query<stored>(pgdsl::runtime_sql(sql)).scalar();
}

// A value that does not fit: refused before anything reaches the table.
template <class Column, class Value>
void refuse_one(pgdsl::connection& db, const Column& column, Value value) {
  db.run_command("TRUNCATE numbers");
  const std::vector<std::tuple<Value>> rows{{Value{}}, {value}};
  std::string message;
  try {
    db.copy_into(numbers, pgdsl::columns(column), rows);
  } catch (const pgdsl::out_of_range_value& refused) {
    message = refused.what();
  }
  CHECK_THAT(message,
             Catch::Contains("does not fit column \"" + std::string(Column::name.view()) + "\""));
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM numbers").scalar() == 0);
}

}  // namespace

TEST_CASE(
    "integers load into every narrower integer column when they fit, and are refused when not") {
  pgdsl::test::database fixture;
  create_numbers(fixture);
  auto& db = fixture.db();
  // Fits: the extremes of each column type, from each wider (or unsigned) type.
  CHECK(load_one(db, numbers.i2, std::int64_t{-32768}) == -32768);
  CHECK(load_one(db, numbers.i2, std::int32_t{32767}) == 32767);
  CHECK(load_one(db, numbers.i2, 7u) == 7);
  CHECK(load_one(db, numbers.i4, std::int64_t{-2147483648}) == -2147483648);
  CHECK(load_one(db, numbers.i4, std::uint32_t{2147483647}) == 2147483647);
  CHECK(load_one(db, numbers.i8, std::uint64_t{9223372036854775807u}) == 9223372036854775807);
  CHECK(load_one(db, numbers.i8, std::int16_t{-5}) == -5);
  CHECK(load_one(db, numbers.i4, std::int16_t{-5}) == -5);
  // Does not fit: one past each end, and unsigned values past the signed maximum.
  refuse_one(db, numbers.i2, std::int32_t{32768});
  refuse_one(db, numbers.i2, std::int64_t{-32769});
  refuse_one(db, numbers.i4, std::int64_t{5'000'000'000});
  refuse_one(db, numbers.i4, std::int64_t{-2147483649});
  refuse_one(db, numbers.i4, std::uint32_t{2147483648u});
  refuse_one(db, numbers.i8, std::uint64_t{9223372036854775808u});
}

TEST_CASE("integers load into floating-point and numeric columns") {
  pgdsl::test::database fixture;
  create_numbers(fixture);
  auto& db = fixture.db();
  CHECK(load_one(db, numbers.f4, std::int32_t{16777216}) == 16777216.0f);
  CHECK(load_one(db, numbers.f8, std::int64_t{9007199254740992}) == 9007199254740992.0);
  CHECK(load_one(db, numbers.f8, std::int16_t{-3}) == -3.0);
  CHECK(load_one(db, numbers.n, std::int64_t{-9223372036854775807}) ==
        pgdsl::numeric(std::int64_t{-9223372036854775807}));
  CHECK(load_one(db, numbers.n, std::int16_t{12}) == pgdsl::numeric(12));
}

TEST_CASE("double loads into a real column unless it is past real's range") {
  pgdsl::test::database fixture;
  create_numbers(fixture);
  auto& db = fixture.db();
  CHECK(load_one(db, numbers.f4, 1.5) == 1.5f);
  CHECK(load_one(db, numbers.f4, 3.0e38) == 3.0e38f);
  CHECK(load_one(db, numbers.f4, std::numeric_limits<double>::infinity()) ==
        std::numeric_limits<float>::infinity());
  CHECK(load_one(db, numbers.f8, 2.5f) == 2.5);
  refuse_one(db, numbers.f4, 1.0e300);
  refuse_one(db, numbers.f4, -3.5e38);
}
