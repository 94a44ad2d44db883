// throw_sql_error: the one place that turns a failed libpq result into the typed exception of
// its SQLSTATE (detail fields included), or into connection_error when the connection broke.
// Exact codes map to their own type; any other code maps to the type of its two-character class.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <utility>

#include "pgdsl/execution/sql_error.hpp"
#include "pgdsl/execution/sqlstate_errors.hpp"

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

/// Throws the exception type of the fields' SQLSTATE (exact code, else its class, else sql_error).
[[noreturn]] inline void throw_for_sqlstate(sql_error_fields fields) {
  const std::string_view code = fields.sqlstate;
  if (code == "22001") throw string_data_right_truncation(std::move(fields));
  if (code == "22003") throw numeric_value_out_of_range(std::move(fields));
  if (code == "22004") throw null_value_not_allowed(std::move(fields));
  if (code == "22007") throw invalid_datetime_format(std::move(fields));
  if (code == "22008") throw datetime_field_overflow(std::move(fields));
  if (code == "22012") throw division_by_zero(std::move(fields));
  if (code == "22021") throw character_not_in_repertoire(std::move(fields));
  if (code == "22P02") throw invalid_text_representation(std::move(fields));
  if (code == "22023") throw invalid_parameter_value(std::move(fields));
  if (code == "23001") throw restrict_violation(std::move(fields));
  if (code == "23502") throw not_null_violation(std::move(fields));
  if (code == "23503") throw foreign_key_violation(std::move(fields));
  if (code == "23505") throw unique_violation(std::move(fields));
  if (code == "23514") throw check_violation(std::move(fields));
  if (code == "23P01") throw exclusion_violation(std::move(fields));
  if (code == "25001") throw active_sql_transaction(std::move(fields));
  if (code == "25006") throw read_only_sql_transaction(std::move(fields));
  if (code == "25P01") throw no_active_sql_transaction(std::move(fields));
  if (code == "25P02") throw in_failed_sql_transaction(std::move(fields));
  if (code == "40001") throw serialization_failure(std::move(fields));
  if (code == "40P01") throw deadlock_detected(std::move(fields));
  if (code == "42501") throw insufficient_privilege(std::move(fields));
  if (code == "42601") throw syntax_error(std::move(fields));
  if (code == "42701") throw duplicate_column(std::move(fields));
  if (code == "42702") throw ambiguous_column(std::move(fields));
  if (code == "42703") throw undefined_column(std::move(fields));
  if (code == "42704") throw undefined_object(std::move(fields));
  if (code == "42710") throw duplicate_object(std::move(fields));
  if (code == "42804") throw datatype_mismatch(std::move(fields));
  if (code == "42883") throw undefined_function(std::move(fields));
  if (code == "42P01") throw undefined_table(std::move(fields));
  if (code == "42P02") throw undefined_parameter(std::move(fields));
  if (code == "42P07") throw duplicate_table(std::move(fields));
  if (code == "55P03") throw lock_not_available(std::move(fields));
  if (code == "57014") throw query_canceled(std::move(fields));
  if (code == "57P01") throw admin_shutdown(std::move(fields));
  if (code == "57P02") throw crash_shutdown(std::move(fields));
  if (code == "57P03") throw cannot_connect_now(std::move(fields));
  if (code == "P0001") throw raise_exception(std::move(fields));
  const std::string_view klass = code.substr(0, code.size() < 2 ? code.size() : 2);
  if (klass == "08") throw connection_error(std::move(fields));
  if (klass == "0A") throw feature_not_supported(std::move(fields));
  if (klass == "22") throw data_exception(std::move(fields));
  if (klass == "23") throw integrity_constraint_violation(std::move(fields));
  if (klass == "25") throw invalid_transaction_state(std::move(fields));
  if (klass == "40") throw transaction_rollback(std::move(fields));
  if (klass == "42") throw syntax_error_or_access_rule_violation(std::move(fields));
  if (klass == "53") throw insufficient_resources(std::move(fields));
  if (klass == "54") throw program_limit_exceeded(std::move(fields));
  if (klass == "55") throw object_not_in_prerequisite_state(std::move(fields));
  if (klass == "57") throw operator_intervention(std::move(fields));
  if (klass == "58") throw system_error(std::move(fields));
  if (klass == "XX") throw internal_error(std::move(fields));
  throw sql_error(std::move(fields));
}

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
                          .sql = std::string(sql)};
}

/// Throws the exception for a statement that failed on `conn` with `result` (which may be null
/// when libpq could not produce one): connection_error when the connection is now broken,
/// otherwise the type of the result's SQLSTATE.
[[noreturn]] inline void throw_sql_error(PGconn* conn, const PGresult* result,
                                         std::string_view sql) {
  sql_error_fields fields = error_fields(result, sql);
  if (fields.message.empty()) {
    const char* text = result ? PQresultErrorMessage(result) : "";
    if (*text == '\0' && conn) text = PQerrorMessage(conn);
    fields.message = detail::trimmed_message(text);
  }
  if (conn == nullptr || PQstatus(conn) == CONNECTION_BAD) {
    if (fields.sqlstate.empty()) fields.sqlstate = "08006";  // connection_failure
    throw connection_error(std::move(fields));
  }
  throw_for_sqlstate(std::move(fields));
}

}  // namespace pgdsl
