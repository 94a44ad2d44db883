// SPDX-License-Identifier: BSL-1.0
// Literal text inside LIKE patterns: like_escape() turns user input into a pattern that matches
// exactly that text, so a search box cannot send `%` or `_` as wildcards. contains(),
// starts_with() and ends_with() on text expressions bind such patterns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace pgdsl {

/// `text` with LIKE's special characters (`%`, `_` and the escape character `\`) escaped by a
/// backslash, PostgreSQL's default LIKE escape: the pattern matches exactly `text`.
inline std::string like_escape(std::string_view text) {
  std::string pattern;
  pattern.reserve(text.size() + 2);
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  return pattern;
}

namespace detail {

/// The bound pattern of contains() (both wildcards), starts_with() (trailing), ends_with() (leading).
template <bool Leading, bool Trailing>
std::string literal_like_pattern(std::string_view text) {
  std::string pattern;
  pattern.reserve(text.size() + 4);
  if constexpr (Leading) pattern.push_back('%');
  pattern += like_escape(text);
  if constexpr (Trailing) pattern.push_back('%');
  return pattern;
}

/// What contains()/starts_with()/ends_with() accept: a value that is text, not an expression.
template <class T>
inline constexpr bool literal_text_argument = std::is_convertible_v<const T&, std::string_view>;

}  // namespace detail
}  // namespace pgdsl
