// SPDX-License-Identifier: BSL-1.0
// throw_sql_error: turns a failed libpq result into the typed exception of its SQLSTATE (detail
// fields included), or into connection_error when the connection broke. The code-to-type mapping
// itself is the table in error/sqlstate_errors.hpp; this header only reads libpq's fields.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <utility>

#include "pgdsl/error/sql_error.hpp"
#include "pgdsl/error/sqlstate_errors.hpp"
#include "pgdsl/execution/detail/server_farewell.hpp"

namespace pgdsl {

namespace detail {

inline std::string field_or_empty(const PGresult* result, int code) {
  const char* text = result ? PQresultErrorField(result, code) : nullptr;
  return text ? std::string(text) : std::string();
}

// libpq messages end in a newline and may start with "ERROR:  "; keep only the sentence.
inline std::string trimmed_message(std::string_view text) {
  for (std::string_view prefix : {"ERROR:  ", "FATAL:  "})
    if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace detail

/// Reads a failed result's diagnostic fields; `sql` is recorded as the statement's text.
inline sql_error_fields error_fields(const PGresult* result, std::string_view sql) {
  return sql_error_fields{.sqlstate = detail::field_or_empty(result, PG_DIAG_SQLSTATE),
                          .message = detail::field_or_empty(result, PG_DIAG_MESSAGE_PRIMARY),
                          .detail = detail::field_or_empty(result, PG_DIAG_MESSAGE_DETAIL),
                          .hint = detail::field_or_empty(result, PG_DIAG_MESSAGE_HINT),
                          .constraint = detail::field_or_empty(result, PG_DIAG_CONSTRAINT_NAME),
                          .schema = detail::field_or_empty(result, PG_DIAG_SCHEMA_NAME),
                          .table = detail::field_or_empty(result, PG_DIAG_TABLE_NAME),
                          .column = detail::field_or_empty(result, PG_DIAG_COLUMN_NAME),
                          .context = detail::field_or_empty(result, PG_DIAG_CONTEXT),
                          .sql = std::string(sql)};
}

/// Throws the exception for a statement that failed on `conn` with `result` (which may be null
/// when libpq could not produce one): connection_error when the connection is now broken (with
/// the server's SQLSTATE and message when it said why, else 08006), otherwise the type of the
/// result's SQLSTATE.
[[noreturn]] inline void throw_sql_error(PGconn* conn, const PGresult* result,
                                         std::string_view sql) {
  sql_error_fields fields = error_fields(result, sql);
  if (fields.message.empty()) {
    const char* text = result ? PQresultErrorMessage(result) : "";
    if (*text == '\0' && conn) text = PQerrorMessage(conn);
    fields.message = detail::trimmed_message(text);
  }
  if (conn == nullptr || PQstatus(conn) == CONNECTION_BAD) {
    if (fields.sqlstate.empty()) {
      // The server's own reason when it sent one (57P01 terminated or shut down, 57P02 crash of
      // another backend, ...), libpq's "server closed the connection" as its detail; else 08006.
      detail::server_farewell said = detail::server_error_in_text(conn ? PQerrorMessage(conn) : "");
      if (said.sqlstate.empty())
        if (const detail::server_farewell* noted = detail::farewell_of(conn)) said = *noted;
      if (said.sqlstate.empty()) {
        fields.sqlstate = "08006";  // connection_failure
      } else {
        fields.sqlstate = said.sqlstate;
        const std::string client =
            said.then.empty() ? fields.message : detail::trimmed_message(said.then);
        fields.detail = said.detail.empty() ? client : said.detail + "\n" + client;
        fields.message = said.message;
      }
    }
    detail::note_error(conn, fields.sqlstate);
    throw connection_error(std::move(fields));
  }
  detail::note_error(conn, fields.sqlstate);
  throw_for_sqlstate(std::move(fields));
}

}  // namespace pgdsl
