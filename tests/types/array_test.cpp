// SPDX-License-Identifier: BSL-1.0
// One-dimensional arrays as std::vector: the header and element layout on the wire, empty arrays,
// NULL elements, element types, what decoding refuses, and random round trips.
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include "pgdsl/types/all.hpp"
#include "support.hpp"

using namespace std::string_literals;
using pgdsl::encode_to_string;
using pgdsl::type_traits;
using pgdsl::test::hex_bytes;
using pgdsl::test::round_trip;

TEST_CASE("an int4 array is a one-dimension header followed by length-prefixed elements") {
  CHECK(encode_to_string(std::vector<std::int32_t>{1, 2}) ==
        hex_bytes("00000001 00000000 00000017 00000002 00000001"
                  "00000004 00000001 00000004 00000002"));
}

TEST_CASE("an empty array has zero dimensions and no element data") {
  CHECK(encode_to_string(std::vector<std::int32_t>{}) == hex_bytes("00000000 00000000 00000017"));
  CHECK(round_trip(std::vector<std::int32_t>{}).empty());
  CHECK(round_trip(std::vector<std::optional<std::string>>{}).empty());
}

TEST_CASE("NULL elements set the flag and are sent with length -1") {
  const std::vector<std::optional<std::int32_t>> values{1, std::nullopt};
  CHECK(encode_to_string(values) ==
        hex_bytes("00000001 00000001 00000017 00000002 00000001 00000004 00000001 ffffffff"));
  CHECK(round_trip(values) == values);
  const std::vector<std::optional<std::string>> texts{std::nullopt, ""s, "x"s, std::nullopt};
  CHECK(round_trip(texts) == texts);
}

TEST_CASE("a NULL element read into a non-optional element names the element and the fix") {
  const std::string wire = encode_to_string(std::vector<std::optional<std::int32_t>>{7, {}});
  CHECK_THROWS_AS(type_traits<std::vector<std::int32_t>>::decode(wire), pgdsl::unexpected_null);
  CHECK_THROWS_WITH(type_traits<std::vector<std::int32_t>>::decode(wire),
                    Catch::Contains("array element 1 is NULL") && Catch::Contains("int4") &&
                        Catch::Contains("std::vector<std::optional<...>>"));
}

TEST_CASE("arrays of every mapped element type round-trip") {
  using namespace std::chrono;
  CHECK(round_trip(std::vector<bool>{true, false, true}) == std::vector<bool>{true, false, true});
  const std::vector<double> doubles{1.5, -0.0, 1e308};
  CHECK(round_trip(doubles) == doubles);
  const std::vector<std::string> texts{"", "ü", "a,b", "{\"}"};
  CHECK(round_trip(texts) == texts);
  const std::vector<pgdsl::bytea> blobs{{}, {std::byte{0}, std::byte{1}}};
  CHECK(round_trip(blobs) == blobs);
  const std::vector<pgdsl::numeric> numbers{pgdsl::numeric("1.50"), pgdsl::numeric::nan()};
  CHECK(round_trip(numbers)[0].to_string() == "1.50");
  const std::vector<pgdsl::timestamptz> times{pgdsl::timestamptz_infinity,
                                              sys_days{2024y / 1 / 1} + 1us};
  CHECK(round_trip(times) == times);
  const std::vector<pgdsl::date> dates{pgdsl::date_minus_infinity, sys_days{1999y / 12 / 31}};
  CHECK(round_trip(dates) == dates);
  const std::vector<pgdsl::uuid> ids{pgdsl::uuid{}};
  CHECK(round_trip(ids) == ids);
  const std::vector<pgdsl::jsonb> docs{pgdsl::jsonb{"{}"}, pgdsl::jsonb{"[1]"}};
  CHECK(round_trip(docs) == docs);
}

TEST_CASE("array names, OIDs and accepted server types follow the element") {
  using ints = type_traits<std::vector<std::int32_t>>;
  STATIC_REQUIRE(ints::sql_name == "int4[]");
  STATIC_REQUIRE(ints::type_oid == pgdsl::oids::int4_array);
  STATIC_REQUIRE(ints::category == pgdsl::type_category::array);
  STATIC_REQUIRE(ints::accepts(pgdsl::oids::int4_array));
  STATIC_REQUIRE(!ints::accepts(pgdsl::oids::int8_array));
  STATIC_REQUIRE(!ints::accepts(pgdsl::oids::int4));
  using texts = type_traits<std::vector<std::optional<std::string>>>;
  STATIC_REQUIRE(texts::sql_name == "text[]");
  STATIC_REQUIRE(texts::accepts(pgdsl::oids::varchar_array));
  STATIC_REQUIRE(texts::accepts(pgdsl::oids::name_array));
  STATIC_REQUIRE(!texts::accepts(pgdsl::oids::json_array));
  STATIC_REQUIRE(!pgdsl::parameter_type<std::vector<std::vector<std::int32_t>>>);
  STATIC_REQUIRE(pgdsl::parameter_type<std::vector<std::string_view>>);
  STATIC_REQUIRE(!pgdsl::result_type<std::vector<std::string_view>>);
}

TEST_CASE("text parameters inside arrays are checked for NUL too") {
  CHECK_THROWS_AS(encode_to_string(std::vector<std::string>{"ok", "b\0d"s}), pgdsl::invalid_text);
  CHECK(encode_to_string(std::vector<std::string_view>{"a"}) ==
        hex_bytes("00000001 00000000 00000019 00000001 00000001 00000001 61"));
}

TEST_CASE("multi-dimensional arrays are refused when read into std::vector") {
  const std::string two_by_one = hex_bytes(
      "00000002 00000000 00000017 00000002 00000001 00000001 00000001"
      "00000004 00000001 00000004 00000002");
  CHECK_THROWS_AS(type_traits<std::vector<std::int32_t>>::decode(two_by_one), pgdsl::decode_error);
  CHECK_THROWS_WITH(type_traits<std::vector<std::int32_t>>::decode(two_by_one),
                    Catch::Contains("2 dimensions"));
}

TEST_CASE("an array whose element type differs is a type_mismatch, not garbage") {
  const std::string int8_array = encode_to_string(std::vector<std::int64_t>{1});
  CHECK_THROWS_AS(type_traits<std::vector<std::int32_t>>::decode(int8_array), pgdsl::type_mismatch);
}

TEST_CASE("malformed array data is a decode_error") {
  using ints = type_traits<std::vector<std::int32_t>>;
  CHECK_THROWS_AS(ints::decode(hex_bytes("00000001 00000000")), pgdsl::decode_error);
  CHECK_THROWS_AS(ints::decode(hex_bytes("00000000 00000002 00000017")), pgdsl::decode_error);
  CHECK_THROWS_AS(ints::decode(hex_bytes("00000001 00000000 00000017 00000002 00000001"
                                         "00000004 00000001")),
                  pgdsl::decode_error);  // one element short
  CHECK_THROWS_AS(ints::decode(hex_bytes("00000001 00000000 00000017 00000001 00000001"
                                         "00000002 0001")),
                  pgdsl::decode_error);  // element of the wrong size
  CHECK_THROWS_AS(ints::decode(hex_bytes("00000001 00000000 00000017 7fffffff 00000001")),
                  pgdsl::decode_error);  // absurd length, no data
  CHECK_THROWS_AS(ints::decode(hex_bytes("00000001 00000000 00000017 00000001 00000001"
                                         "fffffffe")),
                  pgdsl::decode_error);  // negative element length
}

TEST_CASE("random arrays with NULL elements round-trip") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    std::vector<std::optional<std::int64_t>> numbers(random() % 20);
    for (auto& n : numbers)
      if (random() % 4 != 0) n = static_cast<std::int64_t>(random());
    REQUIRE(round_trip(numbers) == numbers);
    std::vector<std::string> texts(random() % 10);
    for (auto& t : texts) t = std::to_string(random()) + "é";
    REQUIRE(round_trip(texts) == texts);
  }
}
