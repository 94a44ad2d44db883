// SPDX-License-Identifier: BSL-1.0
// identifier: a table, column or schema name known only at run time (a tenant's table, a column
// picked from a whitelist). It is checked when made (non-empty, no NUL, valid UTF-8, at most 63
// bytes) and written by the same sql_writer as every static name: in double quotes, embedded
// quotes doubled, exactly what the server's quote_ident() would produce for a name it must quote.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "pgdsl/error/error.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/name_rules.hpp"

namespace pgdsl {

/// A run-time name that cannot be quoted as an identifier: empty, with a NUL byte, not valid
/// UTF-8, or longer than the 63 bytes PostgreSQL keeps (it would silently truncate it).
class invalid_identifier : public error {
 public:
  invalid_identifier(std::string_view name, const char* reason)
      : error("invalid SQL identifier " + printable(name) + ": " + reason), name_(name) {}

  /// The rejected name, as given.
  const std::string& name() const noexcept { return name_; }

 private:
  // The name in the message: quoted, bytes that are not printable ASCII as \xNN, at most 80.
  static std::string printable(std::string_view name) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (std::size_t i = 0; i < name.size() && i < 80; ++i) {
      const auto byte = static_cast<unsigned char>(name[i]);
      if (byte >= 0x20 && byte < 0x7f) {
        out += static_cast<char>(byte);
      } else {
        out += "\\x";
        out += hex[byte >> 4];
        out += hex[byte & 0xf];
      }
    }
    out += name.size() > 80 ? "\"..." : "\"";
    return out;
  }

  std::string name_;
};

namespace detail {

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF), as the server's UTF8 encoding requires of every identifier.
constexpr bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t code = 0, minimum = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xe0) == 0xc0) {
      length = 2, code = lead & 0x1f, minimum = 0x80;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3, code = lead & 0x0f, minimum = 0x800;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4, code = lead & 0x07, minimum = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += length;
  }
  return true;
}

}  // namespace detail

/// A name checked at run time and always written quoted: "users", "we""ird".
class identifier {
 public:
  /// Checks `name`; throws invalid_identifier when it cannot be an identifier.
  explicit identifier(std::string_view name) : name_(name) {
    if (name.empty()) throw invalid_identifier(name, "it is empty");
    if (name.find('\0') != std::string_view::npos)
      throw invalid_identifier(name, "it contains a NUL byte");
    if (!detail::is_valid_utf8(name)) throw invalid_identifier(name, "it is not valid UTF-8");
    if (name.size() > max_sql_name_bytes)
      throw invalid_identifier(name, "it is longer than 63 bytes (PostgreSQL would truncate it)");
  }

  /// The name as given (unquoted).
  const std::string& name() const noexcept { return name_; }

  /// Writes the name quoted.
  void render(sql_writer& w) const { w.identifier(name_); }

  /// The quoted name as a string: "a""b".
  std::string quoted() const {
    sql_writer counter;
    render(counter);
    std::string text(counter.size(), '\0');
    sql_writer writer(text.data());
    render(writer);
    return text;
  }

  friend bool operator==(const identifier&, const identifier&) = default;

 private:
  std::string name_;
};

/// schema.name, each part an identifier: "tenant_7"."orders".
class qualified_name {
 public:
  qualified_name(identifier schema, identifier name)
      : schema_(std::move(schema)), name_(std::move(name)) {}
  qualified_name(std::string_view schema, std::string_view name) : schema_(schema), name_(name) {}

  const identifier& schema() const noexcept { return schema_; }
  const identifier& name() const noexcept { return name_; }

  void render(sql_writer& w) const {
    schema_.render(w);
    w << '.';
    name_.render(w);
  }

 private:
  identifier schema_;
  identifier name_;
};

}  // namespace pgdsl
