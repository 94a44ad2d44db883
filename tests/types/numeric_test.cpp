// SPDX-License-Identifier: BSL-1.0
// pgdsl::numeric: parsing and printing as PostgreSQL does, value equality and order, the exact
// base-10000 wire bytes, numeric's limits, malformed data, and random round trips.
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <type_traits>

#include "support/catch.hpp"

#include "pgdsl/types/numeric.hpp"
#include "random_values.hpp"
#include "support.hpp"

using pgdsl::encode_to_string;
using pgdsl::numeric;
using pgdsl::type_traits;
using pgdsl::test::hex_bytes;
using pgdsl::test::round_trip;

namespace {
std::string decoded_text(const std::string& hex) {
  return type_traits<numeric>::decode(hex_bytes(hex)).to_string();
}

}  // namespace

TEST_CASE("numeric prints the value with its display scale, as PostgreSQL does") {
  CHECK(numeric("1.50").to_string() == "1.50");
  CHECK(numeric("-0.001").to_string() == "-0.001");
  CHECK(numeric("-0.00").to_string() == "0.00");
  CHECK(numeric("007").to_string() == "7");
  CHECK(numeric("1.5e3").to_string() == "1500");
  CHECK(numeric("1.50e-1").to_string() == "0.150");
  CHECK(numeric("12345e-2").to_string() == "123.45");
  CHECK(numeric("0.000e2").to_string() == "0.0");
  CHECK(numeric(" +.5 ").to_string() == "0.5");
  CHECK(numeric("5.").to_string() == "5");
  CHECK(numeric("1.50").scale() == 2);
}

TEST_CASE("numeric reads NaN and the infinities in PostgreSQL's spellings") {
  CHECK(numeric("NaN").is_nan());
  CHECK(numeric("nan").to_string() == "NaN");
  CHECK(numeric("Infinity").to_string() == "Infinity");
  CHECK(numeric("+inf").to_string() == "Infinity");
  CHECK(numeric("-INFINITY").to_string() == "-Infinity");
  CHECK(numeric("-inf").is_negative());
  CHECK(numeric::minus_infinity().is_infinite());
  CHECK_FALSE(numeric::infinity().is_finite());
}

TEST_CASE("numeric refuses text that is not a number") {
  for (auto text : {"", " ", "abc", "1.2.3", "1e", "1e+", "--1", "1 2", ".", "-.", "e5", "0x10",
                    "1,5", "NaN1", "infinit"})
    CHECK_THROWS_AS(numeric(text), pgdsl::invalid_text);
  CHECK_THROWS_WITH(numeric("12abc"), Catch::Contains("invalid numeric \"12abc\""));
}

TEST_CASE("numeric holds every integer exactly") {
  CHECK(numeric(std::numeric_limits<std::int64_t>::min()).to_string() == "-9223372036854775808");
  CHECK(numeric(std::numeric_limits<std::uint64_t>::max()).to_string() == "18446744073709551615");
  CHECK(numeric(0).to_string() == "0");
  const numeric implicit = 42;
  CHECK(implicit == numeric("42.000"));
  STATIC_REQUIRE(std::is_convertible_v<std::uint8_t, numeric>);  // unsigned char is a number
  STATIC_REQUIRE(!std::is_constructible_v<numeric, char>);
  STATIC_REQUIRE(!std::is_constructible_v<numeric, bool>);
}

TEST_CASE("numeric equality is by value and ignores the display scale") {
  CHECK(numeric("1.5") == numeric("1.50"));
  CHECK(numeric("0") == numeric("-0.000"));
  CHECK(numeric("100") == numeric("1e2"));
  CHECK(numeric("1.5") != numeric("1.05"));
  CHECK(numeric("-1") != numeric("1"));
  CHECK(numeric::nan() == numeric::nan());
  CHECK(numeric::nan() != numeric::infinity());
  CHECK(numeric::infinity() != numeric::minus_infinity());
}

TEST_CASE("numeric orders as PostgreSQL does, NaN above Infinity") {
  const numeric ascending[] = {numeric::minus_infinity(),
                               numeric("-100"),
                               numeric("-1.5"),
                               numeric("-0.001"),
                               numeric("0"),
                               numeric("0.0001"),
                               numeric("0.5"),
                               numeric("1"),
                               numeric("9.99"),
                               numeric("10"),
                               numeric("1e20"),
                               numeric::infinity(),
                               numeric::nan()};
  for (std::size_t i = 0; i + 1 < std::size(ascending); ++i) {
    INFO(ascending[i].to_string() << " < " << ascending[i + 1].to_string());
    CHECK(ascending[i] < ascending[i + 1]);
  }
}

TEST_CASE("numeric's wire form is base-10000 digits with weight, sign and display scale") {
  CHECK(encode_to_string(numeric("1.50")) == hex_bytes("0002 0000 0000 0002 0001 1388"));
  CHECK(encode_to_string(numeric("0")) == hex_bytes("0000 0000 0000 0000"));
  CHECK(encode_to_string(numeric("0.00")) == hex_bytes("0000 0000 0000 0002"));
  CHECK(encode_to_string(numeric("-12345.678")) == hex_bytes("0003 0001 4000 0003 0001 0929 1a7c"));
  CHECK(encode_to_string(numeric("10000")) == hex_bytes("0001 0001 0000 0000 0001"));
  CHECK(encode_to_string(numeric("0.0001")) == hex_bytes("0001 ffff 0000 0004 0001"));
  CHECK(encode_to_string(numeric("1e-8")) == hex_bytes("0001 fffe 0000 0008 0001"));
  CHECK(encode_to_string(numeric::nan()) == hex_bytes("0000 0000 c000 0000"));
  CHECK(encode_to_string(numeric::infinity()) == hex_bytes("0000 0000 d000 0000"));
  CHECK(encode_to_string(numeric::minus_infinity()) == hex_bytes("0000 0000 f000 0000"));
}

TEST_CASE("numeric decodes the server's wire form, keeping the display scale") {
  CHECK(decoded_text("0002 0000 0000 0002 0001 1388") == "1.50");
  CHECK(decoded_text("0003 0001 4000 0003 0001 0929 1a7c") == "-12345.678");
  CHECK(decoded_text("0000 0000 0000 0003") == "0.000");
  CHECK(decoded_text("0001 0002 0000 0000 0007") == "700000000");
  CHECK(decoded_text("0001 fffd 0000 000c 0003") == "0.000000000003");
  CHECK(decoded_text("0000 0000 c000 0000") == "NaN");
  CHECK(decoded_text("0000 0000 f000 0000") == "-Infinity");
  // Digits past the display scale are cut, as the server's numeric_recv does.
  CHECK(decoded_text("0002 0000 0000 0002 0001 15b3") == "1.55");
}

TEST_CASE("malformed numeric data is a decode_error") {
  CHECK_THROWS_AS(type_traits<numeric>::decode(hex_bytes("0000 0000 8000 0000")),
                  pgdsl::decode_error);  // no such sign word
  CHECK_THROWS_AS(type_traits<numeric>::decode(hex_bytes("0001 0000 0000 0000 2710")),
                  pgdsl::decode_error);  // digit 10000
  CHECK_THROWS_AS(type_traits<numeric>::decode(hex_bytes("0000 0000 0000 4000")),
                  pgdsl::decode_error);  // scale past 16383
  CHECK_THROWS_AS(type_traits<numeric>::decode(hex_bytes("0002 0000 0000 0000 0001")),
                  pgdsl::decode_error);  // a digit missing
  CHECK_THROWS_AS(type_traits<numeric>::decode(hex_bytes("0000 0000 0000 0000 00")),
                  pgdsl::decode_error);  // trailing byte
  CHECK_THROWS_AS(type_traits<numeric>::decode(hex_bytes("0000 00")), pgdsl::decode_error);
}

TEST_CASE("numeric holds 131072 integer digits and 16383 fraction digits, and no more") {
  const std::string widest(131072, '9');
  CHECK(round_trip(numeric(widest)).to_string() == widest);
  const std::string finest = "0." + std::string(16382, '0') + "1";
  CHECK(round_trip(numeric(finest)).to_string() == finest);
  CHECK(round_trip(numeric("1e131071")) == numeric("1" + std::string(131071, '0')));
  CHECK(round_trip(numeric("-1e-16383")).scale() == 16383);
  CHECK_THROWS_AS(numeric(widest + "0"), pgdsl::out_of_range_value);
  CHECK_THROWS_AS(numeric("1e131072"), pgdsl::out_of_range_value);
  CHECK_THROWS_AS(numeric("1e-16384"), pgdsl::out_of_range_value);
  CHECK_THROWS_AS(numeric("0e-16384"), pgdsl::out_of_range_value);
  CHECK_THROWS_AS(numeric("1e99999999999999999999"), pgdsl::out_of_range_value);
  CHECK(numeric("0e5000000").to_string() == "0");
}

TEST_CASE("numeric edge values round-trip with their scale") {
  for (auto text : {"0", "0.00", "1.50", "-1.50", "0.0001", "9999", "10000", "99999999.99999999",
                    "-0.000000000000000000001", "123456789012345678901234567890.123456789", "NaN",
                    "Infinity", "-Infinity"}) {
    const numeric back = round_trip(numeric(text));
    CHECK(back.to_string() == text);
  }
}

TEST_CASE("random numerics round-trip exactly, digits and scale") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    const auto [literal, printed] = pgdsl::test::random_decimal(random, i % 10 == 0 ? 600 : 30);
    const numeric value(literal);
    REQUIRE(value.to_string() == printed);
    REQUIRE(round_trip(value).to_string() == printed);
  }
}
