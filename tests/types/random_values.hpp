// SPDX-License-Identifier: BSL-1.0
// random_values: generators of random values across each type's whole range, shared by the unit
// tests (encode->decode) and the integration test (through the server), always from a fixed seed.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>

#include "pgdsl/types/chrono.hpp"

namespace pgdsl::test {

/// Random UTF-8 text of 0-40 code points from all planes, without NUL and surrogates.
inline std::string random_utf8(std::mt19937_64& random) {
  std::uniform_int_distribution<int> length(0, 40);
  std::uniform_int_distribution<std::uint32_t> plane(1, 0x10FFFF);
  std::string text;
  const auto byte = [&](std::uint32_t bits) { text += static_cast<char>(bits); };
  for (int n = length(random); n > 0; --n) {
    std::uint32_t c = plane(random);
    if (random() % 2) c = c % 0x80 == 0 ? 1 : c % 0x80;  // half ASCII, to mix widths
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
    if (c < 0x80) {
      byte(c);
    } else if (c < 0x800) {
      byte(0xC0 | (c >> 6));
      byte(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      byte(0xE0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 0x3F));
      byte(0x80 | (c & 0x3F));
    } else {
      byte(0xF0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 0x3F));
      byte(0x80 | ((c >> 6) & 0x3F));
      byte(0x80 | (c & 0x3F));
    }
  }
  return text;
}

/// A random decimal literal with up to `max_digits` digits on each side of the point, and the
/// text PostgreSQL prints for it.
inline std::pair<std::string, std::string> random_decimal(std::mt19937_64& random, int max_digits) {
  std::uniform_int_distribution<int> length(0, max_digits);
  const auto digits = [&](int n) {
    std::string text;
    for (int i = 0; i < n; ++i) text += static_cast<char>('0' + random() % 10);
    return text;
  };
  const bool negative = random() % 2 == 0;
  std::string integer = digits(length(random) + 1);
  const std::string fraction = digits(length(random));
  const std::string point = fraction.empty() ? "" : ".";
  const std::string literal = (negative ? "-" : "") + integer + point + fraction;
  integer.erase(0, std::min(integer.find_first_not_of('0'), integer.size() - 1));
  const bool zero = integer == "0" && fraction.find_first_not_of('0') == std::string::npos;
  return {literal, (negative && !zero ? "-" : "") + integer + point + fraction};
}

/// Microseconds since 1970 that both PostgreSQL and std::chrono hold, infinity excluded.
inline std::chrono::microseconds random_microseconds(std::mt19937_64& random) {
  constexpr std::int64_t first = -211'813'488'000'000'000 + 946'684'800'000'000;  // 4714-11-24 BC
  std::uniform_int_distribution<std::int64_t> micros(first,
                                                     std::numeric_limits<std::int64_t>::max() - 1);
  return std::chrono::microseconds{micros(random)};
}

/// A day PostgreSQL's date holds, infinity excluded.
inline date random_date(std::mt19937_64& random) {
  std::uniform_int_distribution<std::int64_t> day_counts(-2'451'545 + 10957, 2'145'031'948 + 10957);
  return date{std::chrono::days{day_counts(random)}};
}

}  // namespace pgdsl::test
