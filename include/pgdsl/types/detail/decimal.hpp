// SPDX-License-Identifier: BSL-1.0
// decimal: the exact decimal value behind pgdsl::numeric (sign, decimal digits, display scale)
// and its text form. Parsing follows PostgreSQL's numeric_in (exponents, NaN, Infinity) and its
// limits (131072 digits before the point, 16383 after), so what parses here the server accepts.
#pragma once

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pgdsl/error/conversion_error.hpp"

namespace pgdsl::detail {

enum class decimal_kind : std::uint8_t { finite, nan, infinity, minus_infinity };

/// A finite value is (negative ? -1 : 1) * coefficient * 10^-scale, where `coefficient` holds
/// decimal digits without leading zeros (empty for zero) and `scale` is the display scale.
struct decimal {
  decimal_kind kind = decimal_kind::finite;
  bool negative = false;
  std::string coefficient;
  std::int32_t scale = 0;
};

inline constexpr std::int64_t max_integer_digits = 131072;  // weight fits int16
inline constexpr std::int64_t max_scale = 16383;            // dscale fits 14 bits

[[noreturn]] inline void throw_bad_numeric(std::string_view text, std::string_view why) {
  throw invalid_text("invalid numeric \"" + std::string(text) + "\": " + std::string(why));
}

inline bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

inline void check_decimal_limits(std::int64_t integer_digits, std::int64_t scale,
                                 std::string_view text) {
  if (scale > max_scale || integer_digits > max_integer_digits)
    throw out_of_range_value(
        "numeric \"" + std::string(text.substr(0, 64)) +
        "\" overflows PostgreSQL's numeric format: at most " + std::to_string(max_integer_digits) +
        " digits before the decimal point and " + std::to_string(max_scale) + " after");
}

/// Parses PostgreSQL's numeric input syntax: [sign] digits [. digits] [e [sign] digits], with
/// surrounding white space, or NaN / [+-]Infinity / [+-]inf in any case.
inline decimal parse_decimal(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::string_view rest = text;
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && is_space(rest.back())) rest.remove_suffix(1);

  decimal result;
  if (equals_ignoring_case(rest, "nan")) return {decimal_kind::nan, false, {}, 0};
  if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
    result.negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  if (equals_ignoring_case(rest, "infinity") || equals_ignoring_case(rest, "inf"))
    return {result.negative ? decimal_kind::minus_infinity : decimal_kind::infinity,
            result.negative,
            {},
            0};

  std::string digits;
  std::int64_t fraction_digits = 0;
  bool seen_point = false;
  std::size_t i = 0;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c >= '0' && c <= '9') {
      if (c != '0' || !digits.empty()) digits += c;  // drop leading zeros as we go
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (i == 0 || (seen_point && i == 1)) throw_bad_numeric(text, "expected a number");

  std::int64_t exponent = 0;
  if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) negative_exponent = rest[i++] == '-';
    const std::size_t first_digit = i;
    for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i) {
      exponent = exponent * 10 + (rest[i] - '0');
      if (exponent > 1'000'000'000) {  // far beyond any representable value; stop before overflow
        check_decimal_limits(negative_exponent ? 0 : exponent, negative_exponent ? exponent : 0,
                             text);
      }
    }
    if (i == first_digit) throw_bad_numeric(text, "the exponent has no digits");
    if (negative_exponent) exponent = -exponent;
  }
  if (i != rest.size()) throw_bad_numeric(text, "unexpected characters after the number");

  // Display scale as PostgreSQL computes it: fraction digits minus exponent, never negative.
  const std::int64_t scale = std::max<std::int64_t>(0, fraction_digits - exponent);
  const std::int64_t significant = static_cast<std::int64_t>(digits.size());
  // Position of the point counted from the right end of `digits`, before padding.
  const std::int64_t shift = fraction_digits - exponent;
  check_decimal_limits(digits.empty() ? 0 : significant - shift, scale, text);
  if (!digits.empty()) {
    // coefficient * 10^-scale must equal digits * 10^-shift: pad or cut zeros on the right.
    if (scale > shift) digits.append(static_cast<std::size_t>(scale - shift), '0');
  }
  result.coefficient = std::move(digits);
  result.scale = static_cast<std::int32_t>(scale);
  if (result.coefficient.empty()) result.negative = false;  // PostgreSQL has no negative zero
  return result;
}

/// The text PostgreSQL's numeric_out prints for the same value: all `scale` fraction digits.
inline std::string format_decimal(const decimal& value) {
  switch (value.kind) {
    case decimal_kind::nan:
      return "NaN";
    case decimal_kind::infinity:
      return "Infinity";
    case decimal_kind::minus_infinity:
      return "-Infinity";
    case decimal_kind::finite:
      break;
  }
  std::string digits = value.coefficient;
  const auto scale = static_cast<std::size_t>(value.scale);
  if (digits.size() < scale + 1) digits.insert(0, scale + 1 - digits.size(), '0');
  if (scale > 0) digits.insert(digits.size() - scale, 1, '.');
  return value.negative ? "-" + digits : digits;
}

/// PostgreSQL's order: -Infinity < finite values < Infinity < NaN, and NaN equals NaN; finite
/// values compare by value, so 1.5 and 1.50 are equivalent.
inline std::weak_ordering compare_decimals(const decimal& a, const decimal& b) {
  const auto rank = [](const decimal& d) {
    switch (d.kind) {
      case decimal_kind::minus_infinity:
        return 0;
      case decimal_kind::finite:
        return 1;
      case decimal_kind::infinity:
        return 2;
      case decimal_kind::nan:
        return 3;
    }
    return 3;
  };
  if (rank(a) != rank(b) || a.kind != decimal_kind::finite) return rank(a) <=> rank(b);
  const auto sign = [](const decimal& d) {
    return d.coefficient.empty() ? 0 : d.negative ? -1 : 1;
  };
  if (sign(a) != sign(b) || sign(a) == 0) return sign(a) <=> sign(b);
  // Same sign: compare magnitudes by the position of the leading digit, then digit by digit.
  const auto leading = [](const decimal& d) {
    return static_cast<std::int64_t>(d.coefficient.size()) - d.scale;
  };
  std::weak_ordering magnitude = leading(a) <=> leading(b);
  if (magnitude == 0) {
    const std::size_t length = std::max(a.coefficient.size(), b.coefficient.size());
    for (std::size_t i = 0; i < length && magnitude == 0; ++i) {
      const char da = i < a.coefficient.size() ? a.coefficient[i] : '0';
      const char db = i < b.coefficient.size() ? b.coefficient[i] : '0';
      magnitude = da <=> db;
    }
  }
  return sign(a) > 0 ? magnitude : 0 <=> magnitude;
}

}  // namespace pgdsl::detail
