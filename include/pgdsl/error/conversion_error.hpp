// SPDX-License-Identifier: BSL-1.0
// conversion_error: what goes wrong between a C++ value and its PostgreSQL form. Each error is
// thrown before anything reaches the server (encode) or instead of handing back garbage (decode),
// and its message names the value, the types involved and, where there is one, the fix.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "pgdsl/error/error.hpp"
#include "pgdsl/types/oid.hpp"

namespace pgdsl {

/// Base of every failure to convert between a C++ value and a PostgreSQL value.
class conversion_error : public error {
 public:
  using error::error;
};

/// A value PostgreSQL's type cannot hold (a timestamp past year 294276, a numeric with more than
/// 131072 integer digits, an array too long), or a server value the C++ type cannot hold.
class out_of_range_value : public conversion_error {
 public:
  using conversion_error::conversion_error;
};

/// Text PostgreSQL cannot take: a NUL byte in a string (text values cannot hold it, and libpq
/// would silently cut the string there in text format), a null `const char*`, or text that does
/// not parse as the type it is meant to be (a uuid, a numeric).
class invalid_text : public conversion_error {
 public:
  using conversion_error::conversion_error;
};

/// Malformed binary data from the server: wrong length, bad header, multi-dimensional array.
class decode_error : public conversion_error {
 public:
  using conversion_error::conversion_error;
};

namespace detail {
/// Quotes a plain name ("email" -> "\"email\"") and leaves an already quoted one as it is.
inline std::string display_name(std::string_view name) {
  if (!name.empty() && name.front() == '"') return std::string(name);
  // append, not "\"" + std::string: g++ 12 -O2 warns (-Wrestrict) inside that operator+.
  std::string quoted(1, '"');
  quoted.append(name).push_back('"');
  return quoted;
}
}  // namespace detail

/// SQL NULL read into a C++ type that cannot represent it.
class unexpected_null : public conversion_error {
 public:
  /// `column` is shown as given when already quoted (`"users"."email"`), else quoted; `read_as`
  /// is the sql_name of the C++ type the value was read into.
  explicit unexpected_null(std::string_view column, std::string_view read_as = {})
      : conversion_error("column " + detail::display_name(column) +
                         " is NULL but is read as a non-optional " +
                         (read_as.empty() ? std::string("value") : std::string(read_as)) +
                         "; declare it std::optional<...> or use COALESCE in the query"),
        column_(column) {}

  /// A NULL element (0-based `index`) of an array read into std::vector<T> rather than
  /// std::vector<std::optional<T>>.
  static unexpected_null array_element(std::size_t index, std::string_view read_as) {
    return unexpected_null(message_tag{},
                           std::string("array element ") + std::to_string(index) +
                               " is NULL but is read as a non-optional " + std::string(read_as) +
                               "; read the array as std::vector<std::optional<...>>",
                           "array element " + std::to_string(index));
  }

  /// The column (or "array element N") that was NULL.
  const std::string& column() const noexcept { return column_; }

 private:
  struct message_tag {};
  unexpected_null(message_tag, const std::string& message, std::string column)
      : conversion_error(message), column_(std::move(column)) {}
  std::string column_;
};

/// The server's type of a column differs from the C++ type it is read into (an int4 column read
/// as std::int64_t): refused instead of reinterpreting the bytes.
class type_mismatch : public conversion_error {
 public:
  /// `server_type_name` names the server type; when empty it is looked up among the built-in
  /// OIDs. `expected` is the sql_name of the C++ type the column is read into.
  type_mismatch(std::string_view column, oid server_type, std::string_view server_type_name,
                std::string_view expected)
      : conversion_error(make_message(column, server_type, server_type_name, expected)),
        column_(column),
        server_type_(server_type),
        expected_(expected) {}

  /// As above, with the server type's name looked up from its OID.
  type_mismatch(std::string_view column, oid server_type, std::string_view expected)
      : type_mismatch(column, server_type, std::string_view{}, expected) {}

  const std::string& column() const noexcept { return column_; }
  oid server_type() const noexcept { return server_type_; }
  /// The sql_name of the C++ side.
  const std::string& expected() const noexcept { return expected_; }

 private:
  static std::string make_message(std::string_view column, oid server_type,
                                  std::string_view server_type_name, std::string_view expected) {
    if (server_type_name.empty()) server_type_name = builtin_type_name(server_type);
    std::string server =
        server_type_name.empty() ? std::string("type") : std::string(server_type_name);
    return "column " + detail::display_name(column) + " has server type " + server + " (OID " +
           std::to_string(server_type) + ") but is read as " + std::string(expected) +
           "; declare the C++ type that maps to " + server + " or CAST the column to " +
           std::string(expected) + " in the query";
  }
  std::string column_;
  oid server_type_;
  std::string expected_;
};

}  // namespace pgdsl
