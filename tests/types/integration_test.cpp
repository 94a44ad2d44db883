// SPDX-License-Identifier: BSL-1.0
// Every mapped type through a real PostgreSQL: pgdsl encodes a binary parameter, the server casts
// it to the type and sends it back in binary, pgdsl decodes it; edge values and 1,000 random values
// per type. Also the server's text rendering of some values, its OIDs, and accepts().
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include "mood.hpp"
#include "pgdsl/types/all.hpp"
#include "random_values.hpp"
#include "server.hpp"
#include "support.hpp"

using namespace std::chrono;
using namespace std::string_literals;
using pgdsl::type_traits;
using pgdsl::test::random_value_count;
using pgdsl::test::server;

namespace {
/// Sends `value`, reads it back and requires the server's type to be accepted and equal.
template <class T, class Equal = std::equal_to<>>
void require_server_round_trip(const T& value, Equal equal = {},
                               std::string_view cast = type_traits<T>::sql_name) {
  const pgdsl::test::server_value back = server::instance().echo(value, cast);
  REQUIRE_FALSE(back.is_null);
  REQUIRE(type_traits<T>::accepts(back.type));
  if constexpr (type_traits<T>::type_oid != pgdsl::oids::unspecified)
    REQUIRE(back.type == type_traits<T>::type_oid);
  REQUIRE(equal(type_traits<T>::decode(back.bytes), value));
}

struct same_bits {
  bool operator()(float a, float b) const {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
  }
  bool operator()(double a, double b) const {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  }
};

struct same_text {
  bool operator()(const pgdsl::numeric& a, const pgdsl::numeric& b) const {
    return a.to_string() == b.to_string();
  }
};

template <class T>
std::string text_of(const T& value, std::string_view cast = type_traits<T>::sql_name) {
  return server::instance().text_of(value, cast);
}
}  // namespace

TEST_CASE("the server reports each type's and each array type's OID as pgdsl names it") {
  auto& db = server::instance();
  CHECK(db.echo(true).type == type_traits<bool>::type_oid);
  CHECK(db.echo(std::int16_t{1}).type == type_traits<std::int16_t>::type_oid);
  CHECK(db.echo(1.0f).type == type_traits<float>::type_oid);
  CHECK(db.echo("x"s).type == type_traits<std::string>::type_oid);
  CHECK(db.echo(pgdsl::numeric(1)).type == type_traits<pgdsl::numeric>::type_oid);
  CHECK(db.echo(pgdsl::uuid{}).type == type_traits<pgdsl::uuid>::type_oid);
  CHECK(db.echo(pgdsl::jsonb{"1"}).type == type_traits<pgdsl::jsonb>::type_oid);
  CHECK(db.echo(pgdsl::date{}).type == type_traits<pgdsl::date>::type_oid);
  CHECK(db.echo(pgdsl::timestamp{}).type == type_traits<pgdsl::timestamp>::type_oid);
  for (auto [name, array_oid] : std::initializer_list<std::pair<const char*, pgdsl::oid>>{
           {"bool", type_traits<bool>::array_oid},
           {"bytea", type_traits<pgdsl::bytea>::array_oid},
           {"int2", type_traits<std::int16_t>::array_oid},
           {"int4", type_traits<std::int32_t>::array_oid},
           {"int8", type_traits<std::int64_t>::array_oid},
           {"float4", type_traits<float>::array_oid},
           {"float8", type_traits<double>::array_oid},
           {"text", type_traits<std::string>::array_oid},
           {"varchar", pgdsl::oids::varchar_array},
           {"bpchar", pgdsl::oids::bpchar_array},
           {"name", pgdsl::oids::name_array},
           {"date", type_traits<pgdsl::date>::array_oid},
           {"timestamp", type_traits<pgdsl::timestamp>::array_oid},
           {"timestamptz", type_traits<pgdsl::timestamptz>::array_oid},
           {"numeric", type_traits<pgdsl::numeric>::array_oid},
           {"uuid", type_traits<pgdsl::uuid>::array_oid},
           {"json", type_traits<pgdsl::json>::array_oid},
           {"jsonb", type_traits<pgdsl::jsonb>::array_oid}}) {
    INFO(name);
    CHECK(db.query("SELECT '{}'::"s + name + "[]").type == array_oid);
    CHECK(pgdsl::array_element_oid(array_oid) == db.query("SELECT NULL::"s + name).type);
  }
}

TEST_CASE("bool round-trips through the server") {
  require_server_round_trip(true);
  require_server_round_trip(false);
  CHECK(text_of(true) == "true");
}

TEMPLATE_TEST_CASE("integer edges and random integers round-trip through the server", "",
                   std::int16_t, std::int32_t, std::int64_t) {
  using limits = std::numeric_limits<TestType>;
  for (TestType value : {limits::min(), limits::max(), TestType{0}, TestType{-1}})
    require_server_round_trip(value);
  CHECK(text_of(limits::min()) == std::to_string(limits::min()));
  std::mt19937_64 random(pgdsl::test::random_seed);
  std::uniform_int_distribution<TestType> values(limits::min(), limits::max());
  for (int i = 0; i < random_value_count; ++i) require_server_round_trip(values(random));
}

TEMPLATE_TEST_CASE("float edges and random bit patterns round-trip through the server", "", float,
                   double) {
  using limits = std::numeric_limits<TestType>;
  for (TestType value :
       {limits::quiet_NaN(), limits::infinity(), -limits::infinity(), TestType{-0.0}, limits::min(),
        limits::max(), limits::lowest(), limits::denorm_min()})
    require_server_round_trip(value, same_bits{});
  CHECK(text_of(limits::quiet_NaN()) == "NaN");
  CHECK(text_of(-limits::infinity()) == "-Infinity");
  using bits = std::conditional_t<sizeof(TestType) == 4, std::uint32_t, std::uint64_t>;
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i)
    require_server_round_trip(std::bit_cast<TestType>(static_cast<bits>(random())), same_bits{});
}

TEST_CASE("text edges and random UTF-8 round-trip through the server") {
  for (const std::string& value : {""s, "plain"s, "日本語"s, "🐘 elephant"s, "'; DROP --"s})
    require_server_round_trip(value);
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i)
    require_server_round_trip(pgdsl::test::random_utf8(random));
}

TEST_CASE("std::string reads varchar, bpchar and name columns") {
  auto& db = server::instance();
  for (const char* sql : {"SELECT 'abc'::varchar", "SELECT 'abc'::char(5)", "SELECT 'abc'::name"}) {
    const auto value = db.query(sql);
    CHECK(type_traits<std::string>::accepts(value.type));
    CHECK(type_traits<std::string>::decode(value.bytes).starts_with("abc"));
  }
}

TEST_CASE("text with a NUL byte never reaches the server") {
  CHECK_THROWS_AS(server::instance().echo("a\0b"s), pgdsl::invalid_text);
  CHECK_THROWS_AS(server::instance().echo(pgdsl::json{"\"\0\""s}), pgdsl::invalid_text);
}

TEST_CASE("bytea edges and random bytes round-trip through the server") {
  require_server_round_trip(pgdsl::bytea{});
  require_server_round_trip(pgdsl::bytea{std::byte{0}, std::byte{0xFF}, std::byte{0}});
  CHECK(text_of(pgdsl::bytea{std::byte{0}, std::byte{0xAB}}) == "\\x00ab");
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i) {
    pgdsl::bytea value(random() % 100);
    for (auto& b : value) b = static_cast<std::byte>(random());
    require_server_round_trip(value);
  }
}

TEST_CASE("timestamptz, timestamp and date edges round-trip through the server") {
  require_server_round_trip(pgdsl::timestamptz_infinity);
  require_server_round_trip(pgdsl::timestamptz_minus_infinity);
  require_server_round_trip(pgdsl::timestamp_infinity);
  require_server_round_trip(pgdsl::timestamp_minus_infinity);
  require_server_round_trip(pgdsl::date_infinity);
  require_server_round_trip(pgdsl::date_minus_infinity);
  const pgdsl::timestamptz first = sys_days{year{-4713} / November / 24};
  require_server_round_trip(first);
  require_server_round_trip(pgdsl::timestamptz::max() - 1us);
  require_server_round_trip(pgdsl::timestamp::max() - 1us);
  require_server_round_trip(pgdsl::date{days{2'145'031'948 + 10957}});
  require_server_round_trip(pgdsl::date{year{-4713} / November / 24});
}

TEST_CASE("the server prints pgdsl's timestamps and dates as the intended instants") {
  const pgdsl::timestamptz leap = sys_days{2024y / February / 29} + 12h + 34min + 56s + 789012us;
  CHECK(text_of(leap) == "2024-02-29 12:34:56.789012+00");
  CHECK(text_of(pgdsl::timestamp{leap.time_since_epoch()}) == "2024-02-29 12:34:56.789012");
  CHECK(text_of(pgdsl::timestamptz{}) == "1970-01-01 00:00:00+00");
  CHECK(text_of(pgdsl::timestamptz_infinity) == "infinity");
  CHECK(text_of(pgdsl::timestamptz_minus_infinity) == "-infinity");
  CHECK(text_of(pgdsl::date{year{-4713} / November / 24}) == "4714-11-24 BC");
  CHECK(text_of(pgdsl::date{2000y / January / 1}) == "2000-01-01");
  CHECK(text_of(pgdsl::date_infinity) == "infinity");
  CHECK(text_of(pgdsl::timestamptz::max() - 1us) == "294247-01-10 04:00:54.775806+00");
}

TEST_CASE("server timestamps beyond std::chrono's range throw instead of wrapping") {
  const auto last = server::instance().query("SELECT '294276-12-31 23:59:59.999999'::timestamptz");
  CHECK_THROWS_AS(type_traits<pgdsl::timestamptz>::decode(last.bytes), pgdsl::out_of_range_value);
  const auto local = server::instance().query("SELECT '294276-12-31 23:59:59'::timestamp");
  CHECK_THROWS_AS(type_traits<pgdsl::timestamp>::decode(local.bytes), pgdsl::out_of_range_value);
}

TEST_CASE("random timestamps and dates round-trip through the server") {
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i) {
    require_server_round_trip(pgdsl::timestamptz{pgdsl::test::random_microseconds(random)});
    require_server_round_trip(pgdsl::timestamp{pgdsl::test::random_microseconds(random)});
    require_server_round_trip(pgdsl::test::random_date(random));
  }
}

TEST_CASE("uuid edges and random uuids round-trip and print as the server does") {
  require_server_round_trip(pgdsl::uuid{});
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i) {
    pgdsl::uuid id;
    for (auto& b : id.bytes) b = static_cast<std::uint8_t>(random());
    require_server_round_trip(id);
    if (i % 50 == 0) REQUIRE(text_of(id) == id.to_string());
  }
}

TEST_CASE("numeric edges round-trip through the server with digits and scale intact") {
  for (const char* text : {"0", "0.00", "1.50", "-1.50", "0.0001", "10000", "-12345.678",
                           "0.000000000000000000001", "NaN", "Infinity", "-Infinity"}) {
    INFO(text);
    const pgdsl::numeric value(text);
    require_server_round_trip(value, same_text{});
    CHECK(text_of(value) == text);
  }
  const pgdsl::numeric widest(std::string(131072, '9'));
  require_server_round_trip(widest, same_text{});
  const pgdsl::numeric finest("-0." + std::string(16382, '0') + "1");
  require_server_round_trip(finest, same_text{});
}

TEST_CASE("pgdsl's numeric wire bytes equal the server's own for the same value") {
  auto& db = server::instance();
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i) {
    const auto [literal, printed] = pgdsl::test::random_decimal(random, i % 10 == 0 ? 300 : 25);
    INFO(literal);
    const pgdsl::numeric value(literal);
    const auto from_server = db.query("SELECT '" + literal + "'::numeric");
    REQUIRE(pgdsl::encode_to_string(value) == from_server.bytes);
    REQUIRE(type_traits<pgdsl::numeric>::decode(from_server.bytes).to_string() == printed);
    require_server_round_trip(value, same_text{});
    REQUIRE(text_of(value) == printed);
  }
}

TEST_CASE("numeric parses every spelling the way the server does") {
  auto& db = server::instance();
  for (const char* text : {"1.5e3", "1.50e-1", "  -0.00  ", "+.5", "5.", "1E+2", "0.000e2", "nan",
                           "-inf", "+Infinity", "12345e-2", "1e131071", "1e-16383"}) {
    INFO(text);
    const auto from_server = db.query("SELECT '"s + text + "'::numeric");
    CHECK(type_traits<pgdsl::numeric>::decode(from_server.bytes).to_string() ==
          pgdsl::numeric(text).to_string());
  }
  for (const char* text : {"1e131072", "1e-16384", "1.2.3", "abc"}) {
    INFO(text);
    CHECK_THROWS_AS(db.query("SELECT '"s + text + "'::numeric"), std::runtime_error);
    CHECK_THROWS_AS(pgdsl::numeric(text), pgdsl::conversion_error);
  }
}

TEST_CASE("json keeps its text, jsonb comes back normalized by the server") {
  require_server_round_trip(pgdsl::json{R"({"b": 1,  "a": [true, null]})"});
  const auto normalized = server::instance().echo(pgdsl::jsonb{R"({"b":1, "a":"ü"})"});
  CHECK(type_traits<pgdsl::jsonb>::decode(normalized.bytes).text == R"({"a": "ü", "b": 1})");
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i) {
    const std::string text =
        R"({"n": )" + std::to_string(static_cast<std::int64_t>(random())) + "}";
    require_server_round_trip(pgdsl::json{text});
    require_server_round_trip(pgdsl::jsonb{text});
  }
}

TEST_CASE("arrays with NULL elements, empty arrays and random arrays round-trip") {
  require_server_round_trip(std::vector<std::int32_t>{});
  require_server_round_trip(std::vector<std::optional<std::string>>{});
  require_server_round_trip(std::vector<std::optional<std::string>>{std::nullopt, ""s, "ä"s});
  require_server_round_trip(std::vector<pgdsl::timestamptz>{pgdsl::timestamptz_infinity});
  require_server_round_trip(std::vector<pgdsl::numeric>{pgdsl::numeric("1.50")},
                            [](const auto& a, const auto& b) {
                              return a.size() == b.size() && a[0].to_string() == b[0].to_string();
                            });
  require_server_round_trip(std::vector<pgdsl::bytea>{{}, {std::byte{0}}});
  require_server_round_trip(std::vector<bool>{true, false});
  require_server_round_trip(std::vector<pgdsl::uuid>{pgdsl::uuid{}});
  require_server_round_trip(std::vector<pgdsl::jsonb>{pgdsl::jsonb{"[]"}});
  CHECK(text_of(std::vector<std::optional<std::int32_t>>{1, std::nullopt, 3}) == "{1,NULL,3}");
  std::mt19937_64 random(pgdsl::test::random_seed);
  for (int i = 0; i < random_value_count; ++i) {
    std::vector<std::optional<std::int64_t>> numbers(random() % 20);
    for (auto& n : numbers)
      if (random() % 4 != 0) n = static_cast<std::int64_t>(random());
    require_server_round_trip(numbers);
    std::vector<double> doubles(random() % 5);
    for (auto& d : doubles) d = std::bit_cast<double>(random() & ~(0x7FFull << 52));  // finite
    require_server_round_trip(doubles);
  }
}

TEST_CASE("arrays the server sends that std::vector cannot hold are refused") {
  auto& db = server::instance();
  const auto matrix = db.query("SELECT '{{1,2},{3,4}}'::int4[]");
  CHECK_THROWS_AS(type_traits<std::vector<std::int32_t>>::decode(matrix.bytes),
                  pgdsl::decode_error);
  const auto with_null = db.query("SELECT ARRAY[1, NULL]::int4[]");
  CHECK_THROWS_AS(type_traits<std::vector<std::int32_t>>::decode(with_null.bytes),
                  pgdsl::unexpected_null);
  const auto varchars = db.query("SELECT ARRAY['x', NULL]::varchar[]");
  CHECK(type_traits<std::vector<std::optional<std::string>>>::accepts(varchars.type));
  CHECK(type_traits<std::vector<std::optional<std::string>>>::decode(varchars.bytes) ==
        std::vector<std::optional<std::string>>{"x"s, std::nullopt});
  const auto lower_bound = db.query("SELECT '[0:1]={5,6}'::int4[]");
  CHECK(type_traits<std::vector<std::int32_t>>::decode(lower_bound.bytes) ==
        std::vector<std::int32_t>{5, 6});
}

TEST_CASE("an int4 column is not accepted by std::int64_t, only by std::int32_t") {
  auto& db = server::instance();
  db.execute("CREATE TEMP TABLE accounts (id int4 NOT NULL)");
  db.execute("INSERT INTO accounts VALUES (42)");
  const auto id = db.query("SELECT id FROM accounts");
  CHECK(id.type == pgdsl::oids::int4);
  CHECK_FALSE(type_traits<std::int64_t>::accepts(id.type));
  CHECK(type_traits<std::int32_t>::accepts(id.type));
  CHECK(type_traits<std::int32_t>::decode(id.bytes) == 42);
  CHECK_THROWS_AS(type_traits<std::int64_t>::decode(id.bytes), pgdsl::decode_error);
  const pgdsl::type_mismatch mismatch("accounts.id", id.type, type_traits<std::int64_t>::sql_name);
  CHECK_THAT(mismatch.what(), Catch::Contains("int4") && Catch::Contains("int8"));
  db.execute("DROP TABLE accounts");
}

TEST_CASE("a user enum is sent with OID 0, typed by the server, and read back") {
  auto& db = server::instance();
  db.execute("DROP TYPE IF EXISTS mood");
  db.execute("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
  for (app::mood value : {app::mood::sad, app::mood::ok, app::mood::happy})
    require_server_round_trip(value);
  CHECK(text_of(app::mood::happy) == "happy");
  const auto moods = db.query("SELECT ARRAY['ok', NULL, 'sad']::mood[]");
  using mood_array = std::vector<std::optional<app::mood>>;
  CHECK(type_traits<mood_array>::accepts(moods.type));
  CHECK(type_traits<mood_array>::decode(moods.bytes) ==
        mood_array{app::mood::ok, std::nullopt, app::mood::sad});
  CHECK_FALSE(type_traits<app::mood>::accepts(db.query("SELECT 'ok'::text").type));
  db.execute("DROP TYPE mood");
}
