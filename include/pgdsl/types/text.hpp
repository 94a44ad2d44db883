// SPDX-License-Identifier: BSL-1.0
// text: strings <-> PostgreSQL text. The binary form of text is its bytes (in the client
// encoding), so parameters can be bound without a copy through wire_view(). PostgreSQL text cannot
// hold a NUL byte (libpq would silently cut the value there in text format): it is refused here.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

namespace detail {
/// Throws invalid_text when `text` holds a NUL byte, naming where it is.
inline std::string_view checked_text(std::string_view text, std::string_view type = "text") {
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos)
    throw invalid_text("cannot send a string with a NUL byte (at offset " + std::to_string(nul) +
                       " of " + std::to_string(text.size()) + ") as " + std::string(type) +
                       ": PostgreSQL " + std::string(type) +
                       " cannot hold NUL; send binary data as pgdsl::bytea instead");
  return text;
}

/// The members every string-like parameter shares: text's name, OIDs and category.
struct text_traits_base {
  static constexpr std::string_view sql_name = "text";
  static constexpr oid type_oid = oids::text;
  static constexpr oid array_oid = oids::text_array;
  static constexpr type_category category = type_category::text;

  /// The server types whose binary form is plain text and that a std::string may read.
  static constexpr bool accepts(oid server_type) {
    return server_type == oids::text || server_type == oids::varchar ||
           server_type == oids::bpchar || server_type == oids::name;
  }
};
}  // namespace detail

/// std::string maps to text and reads text, varchar, bpchar and name columns.
template <>
struct type_traits<std::string> : detail::text_traits_base {
  template <class Out>
  static void encode(const std::string& value, Out& out) {
    const std::string_view checked = detail::checked_text(value);
    out.append(checked.data(), checked.size());
  }
  static std::string_view wire_view(const std::string& value) {
    return detail::checked_text(value);
  }
  static std::string decode(std::string_view wire) { return std::string(wire); }
};

/// std::string_view is a text parameter (results own their bytes, so read std::string).
template <>
struct type_traits<std::string_view> : detail::text_traits_base {
  template <class Out>
  static void encode(const std::string_view& value, Out& out) {
    const std::string_view checked = detail::checked_text(value);
    out.append(checked.data(), checked.size());
  }
  static std::string_view wire_view(const std::string_view& value) {
    return detail::checked_text(value);
  }
};

/// A NUL-terminated `const char*` is a text parameter; a null pointer is refused (send
/// std::optional<std::string>{} for SQL NULL).
template <>
struct type_traits<const char*> : detail::text_traits_base {
  static std::string_view wire_view(const char* const& value) {
    if (value == nullptr)
      throw invalid_text(
          "cannot send a null const char* as text; for SQL NULL bind an empty "
          "std::optional<std::string>");
    return std::string_view(value, std::strlen(value));  // stops at the first NUL by definition
  }
  template <class Out>
  static void encode(const char* const& value, Out& out) {
    const std::string_view text = wire_view(value);
    out.append(text.data(), text.size());
  }
};

}  // namespace pgdsl
