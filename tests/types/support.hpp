// SPDX-License-Identifier: BSL-1.0
// support: helpers the type tests share: expected wire bytes written as hex, an encode->decode
// round trip through a std::string sink, and the fixed seed every random test starts from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pgdsl/types/type_traits.hpp"

namespace pgdsl::test {

/// The seed of every random value test, so a failure repeats exactly.
inline constexpr std::uint64_t random_seed = 20240601;
/// How many random values each type is checked with.
inline constexpr int random_value_count = 1000;

/// Bytes from hex text; spaces are ignored ("00 01 ff" -> "\x00\x01\xff").
inline std::string hex_bytes(std::string_view hex) {
  const auto nibble = [](char c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;  // lower-cases A-F
  };
  std::string bytes;
  int high = -1;
  for (char c : hex) {
    if (c == ' ') continue;
    if (high < 0) {
      high = nibble(c);
    } else {
      bytes += static_cast<char>(high * 16 + nibble(c));
      high = -1;
    }
  }
  return bytes;
}

/// The value after encode and decode.
template <result_type T>
T round_trip(const T& value) {
  return type_traits<T>::decode(encode_to_string(value));
}

}  // namespace pgdsl::test
