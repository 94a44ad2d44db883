// SPDX-License-Identifier: BSL-1.0
// The type_traits contract as other layers see it: the concepts, the optional helpers, the OID
// tables, and the messages of the errors the execution layer throws.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/catch.hpp"

#include "pgdsl/types/all.hpp"

using namespace pgdsl;

TEST_CASE("every supported type satisfies result_type, parameter-only types parameter_type") {
  STATIC_REQUIRE(result_type<bool>);
  STATIC_REQUIRE(result_type<std::int16_t>);
  STATIC_REQUIRE(result_type<std::int32_t>);
  STATIC_REQUIRE(result_type<std::int64_t>);
  STATIC_REQUIRE(result_type<float>);
  STATIC_REQUIRE(result_type<double>);
  STATIC_REQUIRE(result_type<std::string>);
  STATIC_REQUIRE(result_type<bytea>);
  STATIC_REQUIRE(result_type<timestamptz>);
  STATIC_REQUIRE(result_type<timestamp>);
  STATIC_REQUIRE(result_type<date>);
  STATIC_REQUIRE(result_type<uuid>);
  STATIC_REQUIRE(result_type<numeric>);
  STATIC_REQUIRE(result_type<json>);
  STATIC_REQUIRE(result_type<jsonb>);
  STATIC_REQUIRE(result_type<std::vector<std::optional<numeric>>>);
  STATIC_REQUIRE(parameter_type<std::string_view>);
  STATIC_REQUIRE(parameter_type<const char*>);
  STATIC_REQUIRE(parameter_type<std::span<const std::byte>>);
}

TEST_CASE("unmapped types satisfy neither concept") {
  STATIC_REQUIRE(!parameter_type<void*>);
  STATIC_REQUIRE(!parameter_type<char>);
  STATIC_REQUIRE(!parameter_type<unsigned>);
  STATIC_REQUIRE(!parameter_type<std::uint64_t>);
  STATIC_REQUIRE(!parameter_type<wchar_t>);
  STATIC_REQUIRE(!parameter_type<std::optional<int>>);  // NULL is the execution layer's concern
  STATIC_REQUIRE(!result_type<const int>);
}

namespace {
struct minimal {};
}  // namespace
template <>
struct pgdsl::type_traits<minimal> {
  static constexpr std::string_view sql_name = "minimal";
  static constexpr oid type_oid = 0;
  static constexpr type_category category = type_category::other;
  template <class Out>
  static void encode(const minimal&, Out&) {}
};

TEST_CASE("a specialization without array_oid is still a parameter type") {
  STATIC_REQUIRE(parameter_type<minimal>);
  STATIC_REQUIRE(!result_type<minimal>);
  STATIC_REQUIRE(array_oid_v<minimal> == oids::unspecified);
  STATIC_REQUIRE(array_oid_v<std::int32_t> == oids::int4_array);
}

TEST_CASE("zero-copy parameters expose wire_view") {
  STATIC_REQUIRE(has_wire_view<std::string>);
  STATIC_REQUIRE(has_wire_view<const char*>);
  STATIC_REQUIRE(has_wire_view<bytea>);
  STATIC_REQUIRE(has_wire_view<json>);
  STATIC_REQUIRE(!has_wire_view<jsonb>);
  STATIC_REQUIRE(!has_wire_view<std::int32_t>);
}

TEST_CASE("is_optional_v and nullable_base_t see through std::optional") {
  STATIC_REQUIRE(is_optional_v<std::optional<int>>);
  STATIC_REQUIRE(!is_optional_v<int>);
  STATIC_REQUIRE(std::is_same_v<nullable_base_t<std::optional<std::string>>, std::string>);
  STATIC_REQUIRE(std::is_same_v<nullable_base_t<double>, double>);
  STATIC_REQUIRE(sql_name_v<std::optional<std::int64_t>> == "int8");
}

TEST_CASE("categories group the types PostgreSQL compares with each other") {
  STATIC_REQUIRE(category_v<std::int16_t> == category_v<std::int64_t>);
  STATIC_REQUIRE(category_v<date> == type_category::datetime);
  STATIC_REQUIRE(category_v<timestamptz> == type_category::datetime);
  STATIC_REQUIRE(category_v<json> == category_v<jsonb>);
  STATIC_REQUIRE(category_v<std::string_view> == type_category::text);
  STATIC_REQUIRE(is_numeric_category(category_v<numeric>));
  STATIC_REQUIRE(category_name(type_category::enumeration) == "enumeration");
}

TEST_CASE("OID tables name built-in types and their arrays") {
  STATIC_REQUIRE(builtin_type_name(oids::int4) == "int4");
  STATIC_REQUIRE(builtin_type_name(oids::timestamptz_array) == "timestamptz[]");
  STATIC_REQUIRE(builtin_type_name(12345).empty());
  STATIC_REQUIRE(array_element_oid(oids::varchar_array) == oids::varchar);
  STATIC_REQUIRE(array_element_oid(oids::int4) == oids::unspecified);
  STATIC_REQUIRE(is_user_defined_oid(16384) && !is_user_defined_oid(oids::jsonb));
}

TEST_CASE("unexpected_null names the column, the C++ side and the fix") {
  const unexpected_null quoted(R"("users"."email")", "text");
  CHECK(std::string(quoted.what()) ==
        R"(column "users"."email" is NULL but is read as a non-optional text; )"
        R"(declare it std::optional<...> or use COALESCE in the query)");
  CHECK(quoted.column() == R"("users"."email")");
  CHECK_THAT(unexpected_null("email").what(), Catch::StartsWith(R"(column "email" is NULL)"));
  const conversion_error& base = quoted;
  CHECK(dynamic_cast<const error*>(&base) != nullptr);
}

TEST_CASE("type_mismatch names the column and both types") {
  const type_mismatch mismatch(R"("users"."id")", oids::int4, type_traits<std::int64_t>::sql_name);
  CHECK_THAT(mismatch.what(),
             Catch::StartsWith(R"(column "users"."id" has server type int4 (OID 23) but is read )"
                               "as int8"));
  CHECK(mismatch.server_type() == oids::int4);
  CHECK(mismatch.expected() == "int8");
  const type_mismatch user_type("mood", 16390, "mood", "text");
  CHECK_THAT(user_type.what(), Catch::Contains("server type mood (OID 16390)"));
  CHECK_THAT(type_mismatch("x", 99999, "int4").what(), Catch::Contains("server type type (OID"));
}

TEST_CASE("every conversion error is a pgdsl::error") {
  CHECK_THROWS_AS(throw out_of_range_value("x"), conversion_error);
  CHECK_THROWS_AS(throw invalid_text("x"), conversion_error);
  CHECK_THROWS_AS(throw decode_error("x"), error);
  CHECK_THROWS_AS(throw unexpected_null::array_element(0, "int4"), conversion_error);
}
