// SPDX-License-Identifier: BSL-1.0
// fixed_string: a string of compile-time length that can be a template argument.
// SQL names (tables, columns, aliases) travel as fixed_string template arguments, and rendered
// SQL text is a fixed_string constant, so both can be compared and concatenated at compile time.
#pragma once

#include <cstddef>
#include <string_view>

namespace pgdsl {

/// A NUL-terminated string of exactly N characters, usable as a non-type template argument.
template <std::size_t N>
struct fixed_string {
  char data[N + 1]{};

  constexpr fixed_string() = default;
  constexpr fixed_string(const char (&text)[N + 1]) {  // NOLINT: implicit from a literal
    for (std::size_t i = 0; i < N; ++i) data[i] = text[i];
  }

  static constexpr std::size_t size() { return N; }
  static constexpr bool empty() { return N == 0; }
  constexpr const char* c_str() const { return data; }
  constexpr std::string_view view() const { return {data, N}; }
  constexpr operator std::string_view() const { return view(); }  // NOLINT: views are cheap
  constexpr char operator[](std::size_t i) const { return data[i]; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const {
    return view() == other.view();
  }
  template <std::size_t M>
  constexpr bool operator==(const char (&text)[M]) const {
    return view() == std::string_view(text, M - 1);
  }
  constexpr bool operator==(std::string_view text) const { return view() == text; }
};

template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M - 1>;

/// Concatenates fixed strings at compile time.
template <std::size_t... N>
constexpr auto concat(const fixed_string<N>&... parts) {
  fixed_string<(N + ... + 0)> result;
  std::size_t at = 0;
  ((std::char_traits<char>::copy(result.data + at, parts.data, N), at += N), ...);
  return result;
}

}  // namespace pgdsl
