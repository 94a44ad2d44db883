// SPDX-License-Identifier: BSL-1.0
// sql_writer: the one place that spells SQL text. Every node renders through it, at compile time
// for static statements and at run time for the dynamic parts, so quoting and $n numbering follow
// one set of rules. A writer without a buffer only counts, which sizes the buffer of the next pass.
#pragma once

#include <cstddef>
#include <string_view>

namespace pgdsl {

/// Writes SQL text into a caller's buffer (or only measures it), numbering placeholders in order.
class sql_writer {
 public:
  /// A writer that only counts characters.
  constexpr sql_writer() = default;
  /// A writer into `buffer`, which must hold the measured size.
  constexpr explicit sql_writer(char* buffer, std::size_t first_placeholder = 1)
      : out_(buffer), next_placeholder_(first_placeholder) {}

  constexpr std::size_t size() const { return size_; }
  /// The number the next placeholder will get.
  constexpr std::size_t next_placeholder() const { return next_placeholder_; }

  constexpr sql_writer& operator<<(char c) {
    if (out_) out_[size_] = c;
    ++size_;
    return *this;
  }
  constexpr sql_writer& operator<<(std::string_view text) {
    for (char c : text) *this << c;
    return *this;
  }

  /// An identifier in double quotes, embedded quotes doubled: "users", "a""b".
  constexpr void identifier(std::string_view name) {
    *this << '"';
    for (char c : name) {
      if (c == '"') *this << '"';
      *this << c;
    }
    *this << '"';
  }
  /// A string constant in single quotes, embedded quotes doubled: 'it''s'.
  constexpr void string_literal(std::string_view text) {
    *this << '\'';
    for (char c : text) {
      if (c == '\'') *this << '\'';
      *this << c;
    }
    *this << '\'';
  }
  /// The next parameter's placeholder: $1, $2, ...
  constexpr void placeholder() {
    *this << '$';
    number(next_placeholder_++);
  }
  constexpr void number(long long value) {
    if (value < 0) {
      *this << '-';
      // Negate digit by digit so the most negative value needs no wider type.
      digits_of_negative(value);
      return;
    }
    digits_of_negative(-value);
  }
  constexpr void number(std::size_t value) {
    char digits[20]{};
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) *this << digits[--count];
  }

 private:
  constexpr void digits_of_negative(long long value) {
    char digits[20]{};
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' - value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) *this << digits[--count];
  }

  char* out_ = nullptr;
  std::size_t size_ = 0;
  std::size_t next_placeholder_ = 1;
};

}  // namespace pgdsl
