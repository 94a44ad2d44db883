// SPDX-License-Identifier: BSL-1.0
// sql_error: what the server said when a statement failed, as a C++ exception.
// It carries the server's diagnostic fields and the statement's SQL text, never the bound values,
// so messages can be logged safely. Its subclasses, one per SQLSTATE class or code, come from the
// table in error/sqlstate_errors.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "pgdsl/error/error.hpp"

namespace pgdsl {

/// The diagnostic fields of a server error (empty when the server did not send one).
struct sql_error_fields {
  std::string sqlstate{};    ///< five-character SQLSTATE code, e.g. "23505"
  std::string message{};     ///< primary message
  std::string detail{};      ///< optional detail
  std::string hint{};        ///< optional hint
  std::string constraint{};  ///< constraint name (integrity violations)
  std::string schema{};      ///< schema of the object involved
  std::string table{};       ///< table of the object involved
  std::string column{};      ///< column of the object involved
  std::string context{};     ///< where it happened, e.g. "COPY items, line 4711, column id: ..."
  std::string sql{};         ///< the statement's SQL text (placeholders, never values)
};

namespace detail {

inline std::string describe_sql_error(const sql_error_fields& f) {
  std::string text = f.message.empty() ? std::string("statement failed") : f.message;
  if (!f.sqlstate.empty()) text += " (SQLSTATE " + f.sqlstate + ")";
  if (!f.detail.empty()) text += "\nDETAIL: " + f.detail;
  if (!f.hint.empty()) text += "\nHINT: " + f.hint;
  if (!f.context.empty()) text += "\nCONTEXT: " + f.context;
  if (!f.sql.empty()) text += "\nSQL: " + f.sql;
  return text;
}

}  // namespace detail

/// A statement failed on the server; the base of the SQLSTATE hierarchy.
class sql_error : public error {
 public:
  explicit sql_error(sql_error_fields fields)
      : error(detail::describe_sql_error(fields)), fields_(std::move(fields)) {}
  /// A client-side failure: pgdsl's (or libpq's) message and the SQLSTATE code that fits it.
  sql_error(std::string message, std::string_view sqlstate, std::string sql = {})
      : sql_error(sql_error_fields{.sqlstate = std::string(sqlstate),
                                   .message = std::move(message),
                                   .sql = std::move(sql)}) {}

  /// The five-character SQLSTATE code.
  const std::string& sqlstate() const noexcept { return fields_.sqlstate; }
  /// The server's primary message, without detail or hint.
  const std::string& message() const noexcept { return fields_.message; }
  const std::string& detail() const noexcept { return fields_.detail; }
  const std::string& hint() const noexcept { return fields_.hint; }
  const std::string& constraint() const noexcept { return fields_.constraint; }
  const std::string& schema() const noexcept { return fields_.schema; }
  const std::string& table() const noexcept { return fields_.table; }
  const std::string& column() const noexcept { return fields_.column; }
  /// The server's CONTEXT: where the error happened (a COPY line, a PL/pgSQL function).
  const std::string& context() const noexcept { return fields_.context; }
  /// The line of COPY FROM data the server rejected (1 is the first line, a header included),
  /// read from the CONTEXT "COPY items, line 4711[, column ...]"; empty for other errors.
  std::optional<std::uint64_t> copy_line() const noexcept {
    const std::string_view context = fields_.context;
    if (!context.starts_with("COPY ")) return std::nullopt;
    const std::size_t at = context.find(", line ");
    if (at == std::string_view::npos) return std::nullopt;
    std::uint64_t line = 0;
    bool digits = false;
    for (std::size_t i = at + 7; i < context.size() && context[i] >= '0' && context[i] <= '9';
         ++i, digits = true)
      line = line * 10 + static_cast<std::uint64_t>(context[i] - '0');
    return digits ? std::optional<std::uint64_t>(line) : std::nullopt;
  }
  /// The SQL text of the failed statement ($n placeholders; bound values are never included).
  const std::string& sql() const noexcept { return fields_.sql; }
  /// All fields at once.
  const sql_error_fields& fields() const noexcept { return fields_; }

 private:
  sql_error_fields fields_;
};

/// True for the SQLSTATEs that say the connection is gone, not that the statement was wrong:
/// class 08 (connection_exception, also for a connection lost without a word) and 57P01-57P03
/// (the backend was terminated, another crashed, the server is starting or stopping). The one
/// rule behind retry_idempotent and the pool's health check.
inline bool is_connection_loss(std::string_view sqlstate) noexcept {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}
inline bool is_connection_loss(const sql_error& e) noexcept {
  return is_connection_loss(std::string_view(e.sqlstate()));
}

}  // namespace pgdsl
