// SPDX-License-Identifier: BSL-1.0
// A user type added by one type_traits specialization (mood.hpp, the example of docs/types.md):
// it satisfies the concepts, encodes to its label and works as an array element.
#include <optional>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include "mood.hpp"
#include "pgdsl/types/array.hpp"
#include "pgdsl/types/text.hpp"
#include "pgdsl/types/wire.hpp"
#include "support.hpp"

using app::mood;
using pgdsl::encode_to_string;
using pgdsl::type_traits;
using pgdsl::test::round_trip;

TEST_CASE("a user enum specialization is a parameter and a result type") {
  STATIC_REQUIRE(pgdsl::parameter_type<mood>);
  STATIC_REQUIRE(pgdsl::result_type<mood>);
  STATIC_REQUIRE(pgdsl::category_v<std::optional<mood>> == pgdsl::type_category::enumeration);
  STATIC_REQUIRE(pgdsl::sql_name_v<mood> == "mood");
}

TEST_CASE("a user enum is sent as its label and read back from it") {
  CHECK(encode_to_string(mood::happy) == "happy");
  for (mood value : {mood::sad, mood::ok, mood::happy}) CHECK(round_trip(value) == value);
  CHECK_THROWS_AS(type_traits<mood>::decode("angry"), pgdsl::decode_error);
  CHECK_THROWS_AS(encode_to_string(static_cast<mood>(7)), pgdsl::out_of_range_value);
}

TEST_CASE("a user enum reads from user-defined types only") {
  STATIC_REQUIRE(type_traits<mood>::accepts(16390));
  STATIC_REQUIRE(!type_traits<mood>::accepts(pgdsl::oids::text));
}

TEST_CASE("arrays of a user enum decode, but are no parameters without a fixed element OID") {
  // Built by hand: the server names the enum's own OID in the array header.
  std::string wire;
  for (std::int32_t word : {1, 1, 16390, 2, 1}) pgdsl::append_big_endian(wire, word);
  pgdsl::append_big_endian(wire, std::int32_t{2});
  wire += "ok";
  pgdsl::append_big_endian(wire, std::int32_t{-1});
  using moods = std::vector<std::optional<mood>>;
  CHECK(type_traits<moods>::decode(wire) == moods{mood::ok, std::nullopt});
  STATIC_REQUIRE(type_traits<moods>::accepts(16391));
  STATIC_REQUIRE(!type_traits<moods>::accepts(pgdsl::oids::text_array));
  // The binary array header must name the element OID, which a user enum does not fix: send the
  // labels as text[] and CAST to mood[]; read with type_traits<moods>::decode or ::text[].
  STATIC_REQUIRE(!pgdsl::parameter_type<moods>);
  STATIC_REQUIRE(!pgdsl::result_type<moods>);
}

TEST_CASE("the public wire helpers write and read network byte order, checking every length") {
  std::string wire;
  pgdsl::append_big_endian(wire, std::int32_t{258});
  pgdsl::append_big_endian(wire, std::int16_t{-2});
  CHECK(wire == std::string("\x00\x00\x01\x02\xff\xfe", 6));
  CHECK(pgdsl::read_big_endian<std::int32_t>(wire, 0) == 258);
  pgdsl::wire_reader reader(wire, "point");
  CHECK(reader.read<std::int32_t>() == 258);
  CHECK_THROWS_AS(reader.read<std::int32_t>(), pgdsl::decode_error);  // only 2 bytes are left
  CHECK(reader.read<std::int16_t>() == -2);
  CHECK_NOTHROW(reader.expect_end());
  CHECK_THROWS_AS(pgdsl::wire_reader(wire, "point").expect_end(), pgdsl::decode_error);
  CHECK_THROWS_AS(pgdsl::expect_length(wire, 8, "int8"), pgdsl::decode_error);
}
