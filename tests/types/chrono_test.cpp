// SPDX-License-Identifier: BSL-1.0
// Binary encoding of timestamptz, timestamp and date: microseconds or days since 2000-01-01,
// infinity as max()/min(), range checks on both sides, and random round trips.
#include <chrono>
#include <cstdint>
#include <limits>
#include <random>

#include "support/catch.hpp"

#include "pgdsl/types/chrono.hpp"
#include "random_values.hpp"
#include "support.hpp"

using namespace std::chrono;
using pgdsl::encode_to_string;
using pgdsl::type_traits;
using pgdsl::test::hex_bytes;
using pgdsl::test::round_trip;

namespace {
constexpr std::int64_t epoch_offset_us = 946'684'800'000'000;  // 2000-01-01 in Unix microseconds

std::string be64(std::int64_t value) {
  std::string bytes;
  pgdsl::detail::append_big_endian(bytes, value);
  return bytes;
}
}  // namespace

TEST_CASE("timestamptz is int64 microseconds since 2000-01-01 UTC") {
  const pgdsl::timestamptz y2k = sys_days{2000y / January / 1};
  CHECK(encode_to_string(y2k) == hex_bytes("0000000000000000"));
  CHECK(encode_to_string(pgdsl::timestamptz{}) == hex_bytes("fffca2fec4c82000"));  // 1970-01-01
  const pgdsl::timestamptz leap_day =
      sys_days{2024y / February / 29} + 12h + 34min + 56s + 789012us;
  CHECK(encode_to_string(leap_day) == hex_bytes("0002b58341728614"));
  CHECK(type_traits<pgdsl::timestamptz>::decode(hex_bytes("0002b58341728614")) == leap_day);
}

TEST_CASE("timestamp uses the same count on the local clock") {
  const pgdsl::timestamp leap_day =
      local_days{2024y / February / 29} + 12h + 34min + 56s + 789012us;
  CHECK(encode_to_string(leap_day) == hex_bytes("0002b58341728614"));
  CHECK(round_trip(leap_day) == leap_day);
}

TEST_CASE("date is int32 days since 2000-01-01") {
  CHECK(encode_to_string(pgdsl::date{2000y / January / 1}) == hex_bytes("00000000"));
  CHECK(encode_to_string(pgdsl::date{1970y / January / 1}) == hex_bytes("ffffd533"));
  CHECK(encode_to_string(pgdsl::date{2024y / February / 29}) == hex_bytes("00002279"));
  CHECK(type_traits<pgdsl::date>::decode(hex_bytes("00002279")) == sys_days{2024y / 2 / 29});
}

TEST_CASE("infinity and -infinity are the time points' max() and min()") {
  CHECK(encode_to_string(pgdsl::timestamptz_infinity) == hex_bytes("7fffffffffffffff"));
  CHECK(encode_to_string(pgdsl::timestamptz_minus_infinity) == hex_bytes("8000000000000000"));
  CHECK(encode_to_string(pgdsl::timestamp_infinity) == hex_bytes("7fffffffffffffff"));
  CHECK(encode_to_string(pgdsl::date_infinity) == hex_bytes("7fffffff"));
  CHECK(encode_to_string(pgdsl::date_minus_infinity) == hex_bytes("80000000"));
  CHECK(round_trip(pgdsl::timestamptz_infinity) == pgdsl::timestamptz::max());
  CHECK(round_trip(pgdsl::timestamptz_minus_infinity) == pgdsl::timestamptz::min());
  CHECK(round_trip(pgdsl::timestamp_minus_infinity) == pgdsl::timestamp::min());
  CHECK(round_trip(pgdsl::date_infinity) == pgdsl::date::max());
  CHECK(round_trip(pgdsl::date_minus_infinity) == pgdsl::date::min());
}

TEST_CASE("the first and last instants both sides can hold round-trip") {
  const pgdsl::timestamptz first = sys_days{year{-4713} / November / 24};  // 4714-11-24 BC
  CHECK(round_trip(first) == first);
  const pgdsl::timestamptz last = pgdsl::timestamptz::max() - 1us;  // year 294247
  CHECK(round_trip(last) == last);
  const pgdsl::date first_day{year{-4713} / November / 24};
  CHECK(round_trip(first_day) == first_day);
  const pgdsl::date last_day{days{2'145'031'948 + 10957}};  // 5874897-12-31
  CHECK(round_trip(last_day) == last_day);
}

TEST_CASE("values before 4714 BC or after PostgreSQL's last date are refused, not wrapped") {
  const pgdsl::timestamptz too_early = sys_days{year{-4713} / November / 24} - 1us;
  CHECK_THROWS_AS(encode_to_string(too_early), pgdsl::out_of_range_value);
  CHECK_THROWS_WITH(encode_to_string(pgdsl::timestamp::min() + 1us),
                    Catch::Contains("4714-11-24 BC"));
  CHECK_THROWS_AS(encode_to_string(pgdsl::date{year{-4713} / November / 23}),
                  pgdsl::out_of_range_value);
  CHECK_THROWS_AS(encode_to_string(pgdsl::date{days{2'145'031'949 + 10957}}),
                  pgdsl::out_of_range_value);
  CHECK_THROWS_AS(encode_to_string(pgdsl::date::max() - days{1}), pgdsl::out_of_range_value);
}

TEST_CASE("server timestamps past year 294247 do not fit std::chrono microseconds and throw") {
  // 294276-12-31 23:59:59.999999, PostgreSQL's last timestamp.
  const std::string last_postgres = be64(9'223'371'331'199'999'999);
  CHECK_THROWS_AS(type_traits<pgdsl::timestamptz>::decode(last_postgres),
                  pgdsl::out_of_range_value);
  CHECK_THROWS_AS(type_traits<pgdsl::timestamp>::decode(last_postgres), pgdsl::out_of_range_value);
  // The last value that fits is max() - 1us; max() itself means infinity.
  const std::int64_t last_fitting = std::numeric_limits<std::int64_t>::max() - epoch_offset_us - 1;
  CHECK(type_traits<pgdsl::timestamptz>::decode(be64(last_fitting)) ==
        pgdsl::timestamptz::max() - 1us);
  CHECK_THROWS_AS(type_traits<pgdsl::timestamptz>::decode(be64(last_fitting + 1)),
                  pgdsl::out_of_range_value);
}

TEST_CASE("timestamp data outside PostgreSQL's range or of the wrong length is malformed") {
  CHECK_THROWS_AS(type_traits<pgdsl::timestamptz>::decode(be64(9'223'371'331'200'000'000)),
                  pgdsl::decode_error);
  CHECK_THROWS_AS(type_traits<pgdsl::timestamptz>::decode(be64(-211'813'488'000'000'001)),
                  pgdsl::decode_error);
  CHECK_THROWS_AS(type_traits<pgdsl::timestamptz>::decode(hex_bytes("00000000")),
                  pgdsl::decode_error);
  CHECK_THROWS_AS(type_traits<pgdsl::date>::decode(hex_bytes("7ffffffe")), pgdsl::decode_error);
  CHECK_THROWS_AS(type_traits<pgdsl::date>::decode(hex_bytes("0000000000")), pgdsl::decode_error);
}

TEST_CASE("date-time types share the datetime category") {
  STATIC_REQUIRE(type_traits<pgdsl::timestamptz>::category == pgdsl::type_category::datetime);
  STATIC_REQUIRE(type_traits<pgdsl::timestamp>::category == pgdsl::type_category::datetime);
  STATIC_REQUIRE(type_traits<pgdsl::date>::category == pgdsl::type_category::datetime);
  STATIC_REQUIRE(type_traits<pgdsl::timestamptz>::sql_name == "timestamptz");
  STATIC_REQUIRE(!type_traits<pgdsl::timestamptz>::accepts(pgdsl::oids::timestamp));
}

TEST_CASE("random instants, wall-clock times and dates round-trip") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    const pgdsl::timestamptz instant{pgdsl::test::random_microseconds(random)};
    REQUIRE(round_trip(instant) == instant);
    const pgdsl::timestamp wall_clock{pgdsl::test::random_microseconds(random)};
    REQUIRE(round_trip(wall_clock) == wall_clock);
    const pgdsl::date day = pgdsl::test::random_date(random);
    REQUIRE(round_trip(day) == day);
  }
}
