// SPDX-License-Identifier: BSL-1.0
// uuid: pgdsl::uuid, 16 bytes in network order, which is also PostgreSQL's binary form. Parsing
// accepts the spellings PostgreSQL's uuid_in does (hyphens between groups of four digits,
// upper or lower case, optional braces); to_string() gives the canonical lower-case 8-4-4-4-12.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/detail/wire.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// A universally unique identifier, held as its 16 bytes (RFC 4122 order).
struct uuid {
  std::array<std::uint8_t, 16> bytes{};

  /// Parses "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" and the other spellings PostgreSQL accepts
  /// ("{...}", upper case, no hyphens, a hyphen after any group of four digits); throws
  /// invalid_text otherwise.
  static constexpr uuid parse(std::string_view text) {
    uuid result;
    std::string_view digits = text;
    if (!digits.empty() && digits.front() == '{') {
      if (digits.size() < 2 || digits.back() != '}') fail(text);
      digits = digits.substr(1, digits.size() - 2);
    }
    std::size_t count = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      const char c = digits[i];
      if (c == '-') {
        // PostgreSQL allows a hyphen only after a group of four digits, never at the ends.
        if (count == 0 || count % 4 != 0 || count == 32 || digits[i - 1] == '-') fail(text);
        continue;
      }
      const int value = hex_value(c);
      if (value < 0 || count == 32) fail(text);
      auto& byte = result.bytes[count / 2];
      byte = static_cast<std::uint8_t>(count % 2 == 0 ? value << 4 : byte | value);
      ++count;
    }
    if (count != 32) fail(text);
    return result;
  }

  /// The canonical form, lower-case hex in groups 8-4-4-4-12.
  std::string to_string() const {
    constexpr char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
      text += hex[bytes[i] >> 4];
      text += hex[bytes[i] & 0x0F];
    }
    return text;
  }

  friend constexpr bool operator==(const uuid&, const uuid&) = default;
  /// Byte-wise order, the same order PostgreSQL uses for uuid columns.
  friend constexpr auto operator<=>(const uuid&, const uuid&) = default;

 private:
  static constexpr int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  [[noreturn]] static void fail(std::string_view text) {
    throw invalid_text("invalid uuid \"" + std::string(text) +
                       "\": expected 32 hex digits such as a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  }
};

/// pgdsl::uuid maps to uuid.
template <>
struct type_traits<uuid> {
  static constexpr std::string_view sql_name = "uuid";
  static constexpr oid type_oid = oids::uuid;
  static constexpr oid array_oid = oids::uuid_array;
  static constexpr type_category category = type_category::uuid;

  template <class Out>
  static void encode(const uuid& value, Out& out) {
    out.append(reinterpret_cast<const char*>(value.bytes.data()), value.bytes.size());
  }
  static uuid decode(std::string_view wire) {
    detail::expect_length(wire, 16, sql_name);
    uuid value;
    for (std::size_t i = 0; i < 16; ++i) value.bytes[i] = static_cast<std::uint8_t>(wire[i]);
    return value;
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl

/// Hashing, so a pgdsl::uuid can key std::unordered_map.
template <>
struct std::hash<pgdsl::uuid> {
  std::size_t operator()(const pgdsl::uuid& value) const noexcept {
    std::size_t hash = 14695981039346656037ull;  // FNV-1a: simple, and uuids are already random
    for (auto byte : value.bytes) hash = (hash ^ byte) * 1099511628211ull;
    return hash;
  }
};
