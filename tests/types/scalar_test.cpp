// SPDX-License-Identifier: BSL-1.0
// Binary encoding of bool, int2/int4/int8 and float4/float8: exact wire bytes, edge values and
// random round trips.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "support/catch.hpp"

#include "pgdsl/types/boolean.hpp"
#include "pgdsl/types/floating.hpp"
#include "pgdsl/types/integer.hpp"
#include "support.hpp"

using pgdsl::encode_to_string;
using pgdsl::type_traits;
using pgdsl::test::hex_bytes;
using pgdsl::test::round_trip;

TEST_CASE("bool is one byte, 1 for true and 0 for false") {
  CHECK(encode_to_string(true) == hex_bytes("01"));
  CHECK(encode_to_string(false) == hex_bytes("00"));
  CHECK(type_traits<bool>::decode(hex_bytes("01")) == true);
  CHECK(type_traits<bool>::decode(hex_bytes("00")) == false);
}

TEST_CASE("bool decoding rejects data that is not exactly one byte") {
  CHECK_THROWS_AS(type_traits<bool>::decode(""), pgdsl::decode_error);
  CHECK_THROWS_AS(type_traits<bool>::decode(hex_bytes("0100")), pgdsl::decode_error);
}

TEST_CASE("integers are big-endian two's complement of their width") {
  CHECK(encode_to_string(std::int16_t{0x0102}) == hex_bytes("0102"));
  CHECK(encode_to_string(std::int16_t{-2}) == hex_bytes("fffe"));
  CHECK(encode_to_string(std::int32_t{0x01020304}) == hex_bytes("01020304"));
  CHECK(encode_to_string(std::int32_t{-1}) == hex_bytes("ffffffff"));
  CHECK(encode_to_string(std::int64_t{0x0102030405060708}) == hex_bytes("0102030405060708"));
  CHECK(encode_to_string(std::numeric_limits<std::int64_t>::min()) ==
        hex_bytes("8000000000000000"));
  CHECK(type_traits<std::int32_t>::decode(hex_bytes("80000000")) ==
        std::numeric_limits<std::int32_t>::min());
}

TEMPLATE_TEST_CASE("integer minimum, maximum, zero and -1 round-trip", "", std::int16_t,
                   std::int32_t, std::int64_t, long long) {
  using limits = std::numeric_limits<TestType>;
  for (TestType value : {limits::min(), limits::max(), TestType{0}, TestType{-1}, TestType{1}})
    CHECK(round_trip(value) == value);
}

TEMPLATE_TEST_CASE("random integers round-trip", "", std::int16_t, std::int32_t, std::int64_t) {
  std::mt19937_64 random(pgdsl::test::random_seed);
  std::uniform_int_distribution<TestType> values(std::numeric_limits<TestType>::min(),
                                                 std::numeric_limits<TestType>::max());
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    const TestType value = values(random);
    REQUIRE(round_trip(value) == value);
  }
}

TEST_CASE("integers map to the PostgreSQL type of their width and accept only it") {
  STATIC_REQUIRE(type_traits<std::int16_t>::sql_name == "int2");
  STATIC_REQUIRE(type_traits<std::int32_t>::type_oid == pgdsl::oids::int4);
  STATIC_REQUIRE(type_traits<std::int64_t>::array_oid == pgdsl::oids::int8_array);
  STATIC_REQUIRE(type_traits<long long>::sql_name == "int8");
  STATIC_REQUIRE(!type_traits<std::int64_t>::accepts(pgdsl::oids::int4));
  STATIC_REQUIRE(!type_traits<std::int32_t>::accepts(pgdsl::oids::int8));
  STATIC_REQUIRE(type_traits<std::int32_t>::accepts(pgdsl::oids::int4));
}

TEST_CASE("integer decoding rejects a wrong length instead of reading garbage") {
  CHECK_THROWS_AS(type_traits<std::int64_t>::decode(hex_bytes("00000001")), pgdsl::decode_error);
  CHECK_THROWS_WITH(type_traits<std::int32_t>::decode(hex_bytes("0001")),
                    "cannot decode int4: expected 4 bytes of binary data, got 2");
}

TEST_CASE("floats are their IEEE 754 bits in network order") {
  CHECK(encode_to_string(1.0f) == hex_bytes("3f800000"));
  CHECK(encode_to_string(-2.5) == hex_bytes("c004000000000000"));
  CHECK(encode_to_string(std::numeric_limits<double>::infinity()) == hex_bytes("7ff0000000000000"));
  CHECK(type_traits<float>::decode(hex_bytes("ff800000")) ==
        -std::numeric_limits<float>::infinity());
}

TEMPLATE_TEST_CASE("NaN, infinities, -0.0 and the extremes of floats keep their bits", "", float,
                   double) {
  using limits = std::numeric_limits<TestType>;
  for (TestType value : {limits::quiet_NaN(), -limits::quiet_NaN(), limits::infinity(),
                         -limits::infinity(), TestType{-0.0}, limits::min(), limits::max(),
                         limits::lowest(), limits::denorm_min(), limits::epsilon()}) {
    const TestType back = round_trip(value);
    using bits = std::conditional_t<sizeof(TestType) == 4, std::uint32_t, std::uint64_t>;
    CHECK(std::bit_cast<bits>(back) == std::bit_cast<bits>(value));
  }
  CHECK(std::isnan(round_trip(limits::quiet_NaN())));
}

TEMPLATE_TEST_CASE("random float bit patterns round-trip exactly", "", float, double) {
  using bits = std::conditional_t<sizeof(TestType) == 4, std::uint32_t, std::uint64_t>;
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    const auto pattern = static_cast<bits>(random());
    const auto value = std::bit_cast<TestType>(pattern);
    REQUIRE(std::bit_cast<bits>(round_trip(value)) == pattern);
  }
}
