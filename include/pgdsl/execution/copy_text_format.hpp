// SPDX-License-Identifier: BSL-1.0
// The options of COPY in PostgreSQL's text and CSV formats (delimiter, quote, escape, NULL string,
// header), and their rendering into the COPY statement: every option is a literal escaped by
// libpq for the connection's settings, so no option value can change the statement.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

namespace pgdsl {

/// COPY's text format: one line per row, fields separated by `delimiter`, backslash escapes
/// (\n, \t, \\) inside fields, NULL written as `null_string`.
struct text_format {
  char delimiter = '\t';            ///< DELIMITER: one single-byte character
  std::string null_string = "\\N";  ///< NULL: the text that stands for NULL
  bool header = false;              ///< HEADER: a first line of column names (skipped on load)
};

/// COPY's CSV format (RFC 4180 style): fields with the delimiter, the quote, a newline or a
/// carriage return are quoted, a quote inside is doubled (or preceded by `escape`); an unquoted
/// empty field is NULL by default, a quoted one ("") the empty string.
struct csv_format {
  char delimiter = ',';       ///< DELIMITER: one single-byte character
  char quote = '"';           ///< QUOTE
  char escape = '"';          ///< ESCAPE: what precedes a quote inside a quoted field
  std::string null_string{};  ///< NULL: unquoted, this text stands for NULL
  bool header = false;        ///< HEADER: a first line of column names (skipped on load)
};

namespace detail {

template <class F>
inline constexpr bool is_copy_text_format =
    std::is_same_v<F, text_format> || std::is_same_v<F, csv_format>;

/// `value` as an SQL string literal, escaped by libpq for this connection (E'' when needed).
inline std::string copy_option_literal(PGconn* conn, std::string_view value,
                                       std::string_view option) {
  if (value.find('\0') != std::string_view::npos)
    throw invalid_text("COPY option " + std::string(option) + " contains a NUL byte");
  const std::unique_ptr<char, decltype(&PQfreemem)> quoted(
      PQescapeLiteral(conn, value.data(), value.size()), &PQfreemem);
  if (!quoted) throw_sql_error(conn, nullptr, "COPY");
  return std::string(quoted.get());
}

/// " (FORMAT csv, DELIMITER ',', ...)": every option written out, so the server's defaults
/// never decide what a file means.
inline std::string render_copy_options(PGconn* conn, const text_format& format) {
  std::string sql = " (FORMAT text, DELIMITER ";
  sql += copy_option_literal(conn, std::string_view(&format.delimiter, 1), "DELIMITER");
  sql += ", NULL " + copy_option_literal(conn, format.null_string, "NULL");
  sql += format.header ? ", HEADER true)" : ", HEADER false)";
  return sql;
}

inline std::string render_copy_options(PGconn* conn, const csv_format& format) {
  std::string sql = " (FORMAT csv, DELIMITER ";
  sql += copy_option_literal(conn, std::string_view(&format.delimiter, 1), "DELIMITER");
  sql += ", QUOTE " + copy_option_literal(conn, std::string_view(&format.quote, 1), "QUOTE");
  sql += ", ESCAPE " + copy_option_literal(conn, std::string_view(&format.escape, 1), "ESCAPE");
  sql += ", NULL " + copy_option_literal(conn, format.null_string, "NULL");
  sql += format.header ? ", HEADER true)" : ", HEADER false)";
  return sql;
}

}  // namespace detail
}  // namespace pgdsl
