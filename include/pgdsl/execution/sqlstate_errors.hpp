// SQLSTATE hierarchy: one exception type per SQLSTATE class, and one per code users commonly
// catch, each derived from its class; catch a class to handle all of its codes. The mapping from a
// code to its type lives in detail/throw_sql_error.hpp; an unknown code becomes its class.
#pragma once

#include "pgdsl/execution/sql_error.hpp"

namespace pgdsl {

/// SQLSTATE class 0A, e.g. "cached plan must not change result type".
class feature_not_supported : public sql_error {
 public:
  using sql_error::sql_error;
};
/// SQLSTATE class 22: a value the server cannot accept.
class data_exception : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 22001: text too long for its column.
class string_data_right_truncation : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22003: a number outside its type's range.
class numeric_value_out_of_range : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22004: NULL where a value is required.
class null_value_not_allowed : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22007: unreadable date or time.
class invalid_datetime_format : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22008: date or time field out of range.
class datetime_field_overflow : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22012: division by zero.
class division_by_zero : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22021: invalid byte sequence for the encoding.
class character_not_in_repertoire : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22P02: text that does not parse as the target type.
class invalid_text_representation : public data_exception {
 public:
  using data_exception::data_exception;
};
/// 22023: an argument a function rejects.
class invalid_parameter_value : public data_exception {
 public:
  using data_exception::data_exception;
};
/// SQLSTATE class 23: a constraint rejected the change.
class integrity_constraint_violation : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 23001: ON DELETE/UPDATE RESTRICT.
class restrict_violation : public integrity_constraint_violation {
 public:
  using integrity_constraint_violation::integrity_constraint_violation;
};
/// 23502: NULL into a NOT NULL column.
class not_null_violation : public integrity_constraint_violation {
 public:
  using integrity_constraint_violation::integrity_constraint_violation;
};
/// 23503: a foreign key has no match.
class foreign_key_violation : public integrity_constraint_violation {
 public:
  using integrity_constraint_violation::integrity_constraint_violation;
};
/// 23505: a duplicate key; constraint() names the index.
class unique_violation : public integrity_constraint_violation {
 public:
  using integrity_constraint_violation::integrity_constraint_violation;
};
/// 23514: a CHECK constraint failed.
class check_violation : public integrity_constraint_violation {
 public:
  using integrity_constraint_violation::integrity_constraint_violation;
};
/// 23P01: an exclusion constraint failed.
class exclusion_violation : public integrity_constraint_violation {
 public:
  using integrity_constraint_violation::integrity_constraint_violation;
};
/// SQLSTATE class 25: the statement is not allowed in this transaction state.
class invalid_transaction_state : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 25001: not allowed inside a transaction block.
class active_sql_transaction : public invalid_transaction_state {
 public:
  using invalid_transaction_state::invalid_transaction_state;
};
/// 25006: a write in a READ ONLY transaction.
class read_only_sql_transaction : public invalid_transaction_state {
 public:
  using invalid_transaction_state::invalid_transaction_state;
};
/// 25P01: requires a transaction block.
class no_active_sql_transaction : public invalid_transaction_state {
 public:
  using invalid_transaction_state::invalid_transaction_state;
};
/// 25P02: the transaction already failed; roll it back.
class in_failed_sql_transaction : public invalid_transaction_state {
 public:
  using invalid_transaction_state::invalid_transaction_state;
};
/// SQLSTATE class 40: the server rolled the transaction back; it may succeed if retried.
class transaction_rollback : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 40001: concurrent transactions conflicted (retry_transaction retries it).
class serialization_failure : public transaction_rollback {
 public:
  using transaction_rollback::transaction_rollback;
};
/// 40P01: deadlock (retry_transaction retries it).
class deadlock_detected : public transaction_rollback {
 public:
  using transaction_rollback::transaction_rollback;
};
/// SQLSTATE class 42: the statement is invalid or not permitted.
class syntax_error_or_access_rule_violation : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 42501: permission denied.
class insufficient_privilege : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42601: the SQL does not parse.
class syntax_error : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42701: a column name given twice.
class duplicate_column : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42702: a column reference matches several tables.
class ambiguous_column : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42703: no such column.
class undefined_column : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42704: no such type, role or other object.
class undefined_object : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42710: the object already exists.
class duplicate_object : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42804: an expression has the wrong type.
class datatype_mismatch : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42883: no function or operator with these argument types.
class undefined_function : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42P01: no such table or view.
class undefined_table : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42P02: a $n without a value.
class undefined_parameter : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// 42P07: the table already exists.
class duplicate_table : public syntax_error_or_access_rule_violation {
 public:
  using syntax_error_or_access_rule_violation::syntax_error_or_access_rule_violation;
};
/// SQLSTATE class 53: out of disk, memory or connections.
class insufficient_resources : public sql_error {
 public:
  using sql_error::sql_error;
};
/// SQLSTATE class 54: a statement too complex or too large.
class program_limit_exceeded : public sql_error {
 public:
  using sql_error::sql_error;
};
/// SQLSTATE class 55.
class object_not_in_prerequisite_state : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 55P03: NOWAIT or lock_timeout could not get a lock.
class lock_not_available : public object_not_in_prerequisite_state {
 public:
  using object_not_in_prerequisite_state::object_not_in_prerequisite_state;
};
/// SQLSTATE class 57: an administrator or a timeout stopped the statement.
class operator_intervention : public sql_error {
 public:
  using sql_error::sql_error;
};
/// 57014: statement_timeout fired or the query was cancelled.
class query_canceled : public operator_intervention {
 public:
  using operator_intervention::operator_intervention;
};
/// 57P01: the server is shutting down or the backend was terminated.
class admin_shutdown : public operator_intervention {
 public:
  using operator_intervention::operator_intervention;
};
/// 57P02: the server crashed.
class crash_shutdown : public operator_intervention {
 public:
  using operator_intervention::operator_intervention;
};
/// 57P03: the server is starting up.
class cannot_connect_now : public operator_intervention {
 public:
  using operator_intervention::operator_intervention;
};
/// SQLSTATE class 58: an error outside PostgreSQL (I/O).
class system_error : public sql_error {
 public:
  using sql_error::sql_error;
};
/// P0001: RAISE EXCEPTION in PL/pgSQL.
class raise_exception : public sql_error {
 public:
  using sql_error::sql_error;
};
/// SQLSTATE class XX: a server bug or corruption.
class internal_error : public sql_error {
 public:
  using sql_error::sql_error;
};

}  // namespace pgdsl
