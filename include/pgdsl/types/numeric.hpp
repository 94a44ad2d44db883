// SPDX-License-Identifier: BSL-1.0
// numeric: pgdsl::numeric, an exact decimal that never passes through double, and its mapping to
// PostgreSQL numeric. The binary form is base-10000 digits with a weight, a sign word (which also
// marks NaN and +/-Infinity) and the display scale, so "1.50" round-trips as "1.50".
#pragma once

#include <algorithm>
#include <compare>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/detail/decimal.hpp"
#include "pgdsl/types/detail/wire.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

namespace detail {
/// Integral types that hold characters or truth values, not numbers: no numeric from them.
template <class T>
concept is_character_or_bool =
    std::same_as<T, bool> || std::same_as<T, char> || std::same_as<T, wchar_t> ||
    std::same_as<T, char8_t> || std::same_as<T, char16_t> || std::same_as<T, char32_t>;
}  // namespace detail

/// An exact decimal number with a display scale, or NaN, Infinity or -Infinity, as PostgreSQL's
/// numeric holds them. Arithmetic is left to the server; this type carries values exactly.
class numeric {
 public:
  /// Zero, with scale 0.
  numeric() = default;

  /// The exact value of any integer.
  template <std::integral Int>
  requires(!detail::is_character_or_bool<Int>)
      numeric(Int value)  // NOLINT(google-explicit-constructor): integers are exact numerics
      : value_(detail::parse_decimal(std::to_string(value))) {}

  /// Parses PostgreSQL's numeric syntax ("1.50", "-2e-3", "NaN", "Infinity"); throws
  /// invalid_text for anything else and out_of_range_value past numeric's limits.
  explicit numeric(std::string_view text) : value_(detail::parse_decimal(text)) {}
  static numeric parse(std::string_view text) { return numeric(text); }

  static numeric nan() { return numeric(detail::decimal{detail::decimal_kind::nan, false, {}, 0}); }
  static numeric infinity() {
    return numeric(detail::decimal{detail::decimal_kind::infinity, false, {}, 0});
  }
  static numeric minus_infinity() {
    return numeric(detail::decimal{detail::decimal_kind::minus_infinity, true, {}, 0});
  }

  bool is_nan() const { return value_.kind == detail::decimal_kind::nan; }
  /// True for Infinity and -Infinity.
  bool is_infinite() const {
    return value_.kind == detail::decimal_kind::infinity ||
           value_.kind == detail::decimal_kind::minus_infinity;
  }
  bool is_finite() const { return value_.kind == detail::decimal_kind::finite; }
  /// True below zero, including -Infinity; zero is never negative.
  bool is_negative() const { return value_.negative; }
  /// The number of digits after the decimal point that to_string() prints.
  int scale() const { return value_.scale; }

  /// The text PostgreSQL prints for the value: "1.50", "-0.001", "NaN", "Infinity".
  std::string to_string() const { return detail::format_decimal(value_); }

  /// Equal by value, ignoring the display scale (1.5 == 1.50); NaN equals NaN, as in SQL's
  /// numeric comparisons (not IEEE's).
  friend bool operator==(const numeric& a, const numeric& b) {
    return detail::compare_decimals(a.value_, b.value_) == 0;
  }
  /// PostgreSQL's order: -Infinity < finite values < Infinity < NaN.
  friend std::weak_ordering operator<=>(const numeric& a, const numeric& b) {
    return detail::compare_decimals(a.value_, b.value_);
  }

 private:
  explicit numeric(detail::decimal value) : value_(std::move(value)) {}
  detail::decimal value_;
  friend struct type_traits<numeric>;
};

/// pgdsl::numeric maps to numeric.
template <>
struct type_traits<numeric> {
  static constexpr std::string_view sql_name = "numeric";
  static constexpr oid type_oid = oids::numeric;
  static constexpr oid array_oid = oids::numeric_array;
  static constexpr type_category category = type_category::decimal;

  static constexpr std::uint16_t positive = 0x0000, negative = 0x4000, nan = 0xC000,
                                 infinity = 0xD000, minus_infinity = 0xF000;

  template <class Out>
  static void encode(const numeric& value, Out& out) {
    const detail::decimal& d = value.value_;
    if (!value.is_finite()) {
      const std::uint16_t sign = value.is_nan()        ? nan
                                 : value.is_negative() ? minus_infinity
                                                       : infinity;
      for (std::uint16_t word : {std::uint16_t{0}, std::uint16_t{0}, sign, std::uint16_t{0}})
        detail::append_big_endian(out, word);
      return;
    }
    // Split the decimal digits at the point and pad both halves to whole base-10000 digits.
    const auto integer_length =
        static_cast<std::int64_t>(d.coefficient.size()) - static_cast<std::int64_t>(d.scale);
    std::string integer, fraction;
    if (integer_length > 0) {
      integer = d.coefficient.substr(0, static_cast<std::size_t>(integer_length));
      fraction = d.coefficient.substr(static_cast<std::size_t>(integer_length));
    } else {
      fraction = std::string(static_cast<std::size_t>(-integer_length), '0') + d.coefficient;
    }
    integer.insert(0, (4 - integer.size() % 4) % 4, '0');
    fraction.append((4 - fraction.size() % 4) % 4, '0');
    const std::string all = integer + fraction;

    std::vector<std::int16_t> digits;
    digits.reserve(all.size() / 4);
    for (std::size_t i = 0; i < all.size(); i += 4)
      digits.push_back(static_cast<std::int16_t>((all[i] - '0') * 1000 + (all[i + 1] - '0') * 100 +
                                                 (all[i + 2] - '0') * 10 + (all[i + 3] - '0')));
    auto weight = static_cast<std::int64_t>(integer.size() / 4) - 1;
    // PostgreSQL stores no leading or trailing zero digits; zero has no digits and weight 0.
    const auto first = std::find_if(digits.begin(), digits.end(), [](auto x) { return x != 0; });
    weight -= first - digits.begin();
    digits.erase(digits.begin(), first);
    while (!digits.empty() && digits.back() == 0) digits.pop_back();
    if (digits.empty()) weight = 0;

    detail::append_big_endian(out, static_cast<std::uint16_t>(digits.size()));
    detail::append_big_endian(out, static_cast<std::int16_t>(weight));
    detail::append_big_endian(out, d.negative ? negative : positive);
    detail::append_big_endian(out, static_cast<std::uint16_t>(d.scale));
    for (std::int16_t digit : digits) detail::append_big_endian(out, digit);
  }

  static numeric decode(std::string_view wire) {
    detail::wire_reader reader(wire, sql_name);
    const auto count = reader.read<std::uint16_t>();
    const auto weight = reader.read<std::int16_t>();
    const auto sign = reader.read<std::uint16_t>();
    const auto scale = reader.read<std::uint16_t>();
    if (sign != positive && sign != negative && sign != nan && sign != infinity &&
        sign != minus_infinity)
      throw decode_error("cannot decode numeric: invalid sign word " + std::to_string(sign));
    if (scale > detail::max_scale)
      throw decode_error("cannot decode numeric: invalid display scale " + std::to_string(scale));
    std::vector<std::int16_t> digits(count);
    for (auto& digit : digits) {
      digit = reader.read<std::int16_t>();
      if (digit < 0 || digit > 9999)
        throw decode_error("cannot decode numeric: base-10000 digit " + std::to_string(digit) +
                           " out of range");
    }
    reader.expect_end();
    if (sign == nan) return numeric::nan();
    if (sign == infinity) return numeric::infinity();
    if (sign == minus_infinity) return numeric::minus_infinity();

    // Digit k of base 10000 (k = weight for the first) is digits[weight - k]; write the integer
    // part from `weight` down to 0, then enough fraction digits for the display scale.
    const auto digit_at = [&](int k) -> int {
      const int index = weight - k;
      return index >= 0 && index < static_cast<int>(count) ? digits[index] : 0;
    };
    std::string text;
    const int fraction_groups = (scale + 3) / 4;
    for (int k = std::max<int>(weight, 0); k >= -fraction_groups; --k) {
      if (k < 0 || weight >= 0) {
        const int group = digit_at(k);
        text += {static_cast<char>('0' + group / 1000), static_cast<char>('0' + group / 100 % 10),
                 static_cast<char>('0' + group / 10 % 10), static_cast<char>('0' + group % 10)};
      }
    }
    // Digits past the display scale are dropped, as the server's own numeric_recv does.
    text.resize(text.size() - static_cast<std::size_t>(fraction_groups * 4 - scale));
    detail::decimal value;
    const auto nonzero = text.find_first_not_of('0');
    if (nonzero != std::string::npos) value.coefficient = text.substr(nonzero);
    value.negative = sign == negative && !value.coefficient.empty();
    value.scale = scale;
    return numeric(std::move(value));
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl
