// SPDX-License-Identifier: BSL-1.0
// Binary encoding of text, bytea, json/jsonb and uuid: exact wire bytes, NUL refusal, zero-copy
// views, edge values and random round trips.
#include <cstddef>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "support/catch.hpp"

#include "pgdsl/types/bytea.hpp"
#include "pgdsl/types/json.hpp"
#include "pgdsl/types/text.hpp"
#include "pgdsl/types/uuid.hpp"
#include "random_values.hpp"
#include "support.hpp"

using namespace std::string_literals;
using pgdsl::encode_to_string;
using pgdsl::type_traits;
using pgdsl::test::hex_bytes;
using pgdsl::test::round_trip;

TEST_CASE("text is sent as its bytes and read back unchanged") {
  CHECK(encode_to_string("héllo"s) == "h\xC3\xA9llo");
  for (const std::string& value : {""s, "plain"s, "日本語テキスト"s, "emoji 🐘"s, "quote ' \" \\"s})
    CHECK(round_trip(value) == value);
}

TEST_CASE("std::string_view and const char* are text parameters") {
  CHECK(encode_to_string(std::string_view("abc")) == "abc");
  const char* pointer = "def";
  CHECK(encode_to_string(pointer) == "def");
  CHECK(type_traits<const char*>::wire_view(pointer).data() == pointer);
  STATIC_REQUIRE(type_traits<std::string_view>::type_oid == pgdsl::oids::text);
  STATIC_REQUIRE(!pgdsl::result_type<std::string_view>);
  STATIC_REQUIRE(!pgdsl::result_type<const char*>);
}

TEST_CASE("text with a NUL byte is refused before it is sent, saying where the NUL is") {
  const std::string with_nul = "ab\0cd"s;
  CHECK_THROWS_AS(encode_to_string(with_nul), pgdsl::invalid_text);
  CHECK_THROWS_AS(type_traits<std::string>::wire_view(with_nul), pgdsl::invalid_text);
  CHECK_THROWS_AS(encode_to_string(std::string_view(with_nul)), pgdsl::invalid_text);
  CHECK_THROWS_WITH(encode_to_string(with_nul), Catch::Contains("NUL byte (at offset 2 of 5)") &&
                                                    Catch::Contains("cannot hold NUL") &&
                                                    Catch::Contains("pgdsl::bytea"));
}

TEST_CASE("a null const char* is refused with a hint to use std::optional for NULL") {
  const char* null_text = nullptr;
  CHECK_THROWS_WITH(encode_to_string(null_text), Catch::Contains("std::optional"));
}

TEST_CASE("std::string reads text, varchar, bpchar and name but nothing else") {
  using traits = type_traits<std::string>;
  for (pgdsl::oid type :
       {pgdsl::oids::text, pgdsl::oids::varchar, pgdsl::oids::bpchar, pgdsl::oids::name})
    CHECK(traits::accepts(type));
  CHECK_FALSE(traits::accepts(pgdsl::oids::json));
  CHECK_FALSE(traits::accepts(pgdsl::oids::int4));
}

TEST_CASE("random UTF-8 text round-trips") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    const std::string value = pgdsl::test::random_utf8(random);
    REQUIRE(round_trip(value) == value);
  }
}

TEST_CASE("bytea is sent as its bytes, NUL included, and viewed without a copy") {
  const pgdsl::bytea value{std::byte{0}, std::byte{0xFF}, std::byte{0x10}};
  CHECK(encode_to_string(value) == hex_bytes("00ff10"));
  CHECK(type_traits<pgdsl::bytea>::wire_view(value).data() ==
        reinterpret_cast<const char*>(value.data()));
  CHECK(round_trip(value) == value);
  CHECK(round_trip(pgdsl::bytea{}).empty());
  const std::span<const std::byte> span(value);
  CHECK(encode_to_string(span) == hex_bytes("00ff10"));
}

TEST_CASE("random bytea values round-trip") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    pgdsl::bytea value(random() % 64);
    for (auto& b : value) b = static_cast<std::byte>(random());
    REQUIRE(round_trip(value) == value);
  }
}

TEST_CASE("json is sent as its text and jsonb with a leading version byte 1") {
  const pgdsl::json doc{R"({"a": [1, 2]})"};
  CHECK(encode_to_string(doc) == R"({"a": [1, 2]})");
  CHECK(encode_to_string(pgdsl::jsonb{"[]"}) == "\x01[]");
  CHECK(round_trip(doc) == doc);
  CHECK(round_trip(pgdsl::jsonb{R"({"k": "ü"})"}) == pgdsl::jsonb{R"({"k": "ü"})"});
  CHECK(type_traits<pgdsl::jsonb>::decode("\x01null") == pgdsl::jsonb{"null"});
}

TEST_CASE("jsonb decoding rejects an unknown format version") {
  CHECK_THROWS_WITH(type_traits<pgdsl::jsonb>::decode("\x02{}"),
                    Catch::Contains("unsupported binary format version 2"));
  CHECK_THROWS_AS(type_traits<pgdsl::jsonb>::decode(""), pgdsl::decode_error);
}

TEST_CASE("json and jsonb with a NUL byte are refused") {
  CHECK_THROWS_AS(encode_to_string(pgdsl::json{"\"a\0\""s}), pgdsl::invalid_text);
  CHECK_THROWS_AS(encode_to_string(pgdsl::jsonb{"\"a\0\""s}), pgdsl::invalid_text);
}

TEST_CASE("random json documents round-trip") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    const std::string text = "{\"v\": " + std::to_string(random()) + "}";
    REQUIRE(round_trip(pgdsl::json{text}).text == text);
    REQUIRE(round_trip(pgdsl::jsonb{text}).text == text);
  }
}

TEST_CASE("a uuid is its 16 bytes and prints in canonical lower case") {
  const auto id = pgdsl::uuid::parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
  CHECK(encode_to_string(id) == hex_bytes("a0eebc999c0b4ef8bb6d6bb9bd380a11"));
  CHECK(id.to_string() == "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  CHECK(round_trip(id) == id);
  CHECK(round_trip(pgdsl::uuid{}) == pgdsl::uuid{});
}

TEST_CASE("uuid parsing accepts PostgreSQL's spellings and nothing else") {
  const auto id = pgdsl::uuid::parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  for (auto text :
       {"{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "{a0eebc999c0b4ef8bb6d6bb9bd380a11}"})
    CHECK(pgdsl::uuid::parse(text) == id);
  for (auto text :
       {"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
        "-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-", "a0eeb-c99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"})
    CHECK_THROWS_AS(pgdsl::uuid::parse(text), pgdsl::invalid_text);
  STATIC_REQUIRE(pgdsl::uuid::parse("00000000-0000-0000-0000-000000000001").bytes[15] == 1);
}

TEST_CASE("uuids compare byte-wise and hash") {
  const auto low = pgdsl::uuid::parse("00000000-0000-0000-0000-0000000000ff");
  const auto high = pgdsl::uuid::parse("01000000-0000-0000-0000-000000000000");
  CHECK(low < high);
  CHECK(low != high);
  std::unordered_set<pgdsl::uuid> set{low, high, low};
  CHECK(set.size() == 2);
}

TEST_CASE("random uuids round-trip through bytes and text") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < pgdsl::test::random_value_count; ++i) {
    pgdsl::uuid id;
    for (auto& b : id.bytes) b = static_cast<std::uint8_t>(random());
    REQUIRE(round_trip(id) == id);
    REQUIRE(pgdsl::uuid::parse(id.to_string()) == id);
  }
}
