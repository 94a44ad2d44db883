// SPDX-License-Identifier: BSL-1.0
// The SQLSTATE hierarchy, written once: one table row per exception type (its name, its base, the
// SQLSTATE code or two-character class it stands for, and what it means). The classes, the
// sqlstate_of<E> trait and the code-to-type lookup behind throw_for_sqlstate are all expanded from
// that one table, so a code cannot be declared in one place and forgotten in another.
#pragma once

#include <cstddef>
#include <string_view>
#include <typeinfo>
#include <utility>

#include "pgdsl/error/sql_error.hpp"

// PGDSL_SQLSTATE_ERRORS(X): X(type, base, code, meaning). A class's row comes before the rows of
// its codes; a code's base is its class (raise_exception, P0001, has no class type). Private to
// this header: #undef'd at its end.
#define PGDSL_SQLSTATE_ERRORS(X)                                                                  \
  X(connection_error, sql_error, "08", "a connection could not be opened or was lost")            \
  X(feature_not_supported, sql_error, "0A", "e.g. \"cached plan must not change result type\"")   \
  X(data_exception, sql_error, "22", "a value the server cannot accept")                          \
  X(string_data_right_truncation, data_exception, "22001", "text too long for its column")        \
  X(numeric_value_out_of_range, data_exception, "22003", "a number outside its type's range")     \
  X(null_value_not_allowed, data_exception, "22004", "NULL where a value is required")            \
  X(invalid_datetime_format, data_exception, "22007", "unreadable date or time")                  \
  X(datetime_field_overflow, data_exception, "22008", "date or time field out of range")          \
  X(division_by_zero, data_exception, "22012", "division by zero")                                \
  X(character_not_in_repertoire, data_exception, "22021",                                         \
    "invalid byte sequence for the encoding")                                                     \
  X(invalid_parameter_value, data_exception, "22023", "an argument a function rejects")           \
  X(invalid_text_representation, data_exception, "22P02", "text that does not parse as the type") \
  X(integrity_constraint_violation, sql_error, "23", "a constraint rejected the change")          \
  X(restrict_violation, integrity_constraint_violation, "23001", "ON DELETE/UPDATE RESTRICT")     \
  X(not_null_violation, integrity_constraint_violation, "23502", "NULL into a NOT NULL column")   \
  X(foreign_key_violation, integrity_constraint_violation, "23503", "a foreign key has no match") \
  X(unique_violation, integrity_constraint_violation, "23505", "a duplicate key")                 \
  X(check_violation, integrity_constraint_violation, "23514", "a CHECK constraint failed")        \
  X(exclusion_violation, integrity_constraint_violation, "23P01",                                 \
    "an exclusion constraint failed")                                                             \
  X(invalid_transaction_state, sql_error, "25", "not allowed in this transaction state")          \
  X(active_sql_transaction, invalid_transaction_state, "25001", "not allowed in a transaction")   \
  X(read_only_sql_transaction, invalid_transaction_state, "25006", "a write in READ ONLY")        \
  X(no_active_sql_transaction, invalid_transaction_state, "25P01", "requires a transaction")      \
  X(in_failed_sql_transaction, invalid_transaction_state, "25P02", "the transaction failed")      \
  X(invalid_sql_statement_name, sql_error, "26", "no such prepared statement")                     \
  X(transaction_rollback, sql_error, "40", "the server rolled the transaction back")              \
  X(serialization_failure, transaction_rollback, "40001", "concurrent transactions conflicted")   \
  X(deadlock_detected, transaction_rollback, "40P01", "deadlock")                                 \
  X(syntax_error_or_access_rule_violation, sql_error, "42", "invalid or not permitted")           \
  X(insufficient_privilege, syntax_error_or_access_rule_violation, "42501", "permission denied")  \
  X(syntax_error, syntax_error_or_access_rule_violation, "42601", "the SQL does not parse")       \
  X(duplicate_column, syntax_error_or_access_rule_violation, "42701", "a column given twice")     \
  X(ambiguous_column, syntax_error_or_access_rule_violation, "42702", "an ambiguous column")      \
  X(undefined_column, syntax_error_or_access_rule_violation, "42703", "no such column")           \
  X(undefined_object, syntax_error_or_access_rule_violation, "42704", "no such type or object")   \
  X(duplicate_object, syntax_error_or_access_rule_violation, "42710", "the object exists")        \
  X(datatype_mismatch, syntax_error_or_access_rule_violation, "42804", "the wrong type")          \
  X(undefined_function, syntax_error_or_access_rule_violation, "42883", "no such function")       \
  X(undefined_table, syntax_error_or_access_rule_violation, "42P01", "no such table or view")     \
  X(undefined_parameter, syntax_error_or_access_rule_violation, "42P02", "a $n without a value")  \
  X(duplicate_table, syntax_error_or_access_rule_violation, "42P07", "the table already exists")  \
  X(insufficient_resources, sql_error, "53", "out of disk, memory or connections")                \
  X(program_limit_exceeded, sql_error, "54", "a statement too complex or too large")              \
  X(object_not_in_prerequisite_state, sql_error, "55", "the object is not in the needed state")   \
  X(lock_not_available, object_not_in_prerequisite_state, "55P03", "NOWAIT or lock_timeout")      \
  X(operator_intervention, sql_error, "57", "an administrator or a timeout stopped it")           \
  X(query_canceled, operator_intervention, "57014", "statement_timeout or a cancel request")      \
  X(admin_shutdown, operator_intervention, "57P01", "shutdown, or the backend was terminated")    \
  X(crash_shutdown, operator_intervention, "57P02", "another backend crashed")                    \
  X(cannot_connect_now, operator_intervention, "57P03", "the server is starting or stopping")     \
  X(system_error, sql_error, "58", "an error outside PostgreSQL (I/O)")                           \
  X(raise_exception, sql_error, "P0001", "RAISE EXCEPTION in PL/pgSQL")                           \
  X(internal_error, sql_error, "XX", "a server bug or corruption")

namespace pgdsl {

/// The SQLSTATE code (five characters) or class (two) that exception type E stands for;
/// sql_error itself stands for any code.
template <class E>
inline constexpr std::string_view sqlstate_of = "";

// Every type catches its own code and, through its base, its class: catch a class to handle all of
// its codes. connection_error adds nothing to sql_error: a client-side failure is built with
// sql_error's (message, code) constructor like any other type.
#define PGDSL_SQLSTATE_DEFINE_TYPE(type, base, code, meaning) \
  class type : public base {                                  \
   public:                                                    \
    using base::base;                                         \
  };                                                          \
  template <>                                                 \
  inline constexpr std::string_view sqlstate_of<type> = code;
PGDSL_SQLSTATE_ERRORS(PGDSL_SQLSTATE_DEFINE_TYPE)
#undef PGDSL_SQLSTATE_DEFINE_TYPE

namespace detail {

/// One row of the table, as data: what the lookup and the tests read.
struct sqlstate_mapping {
  std::string_view code;       ///< five-character code, or two-character class
  std::string_view type_name;  ///< the exception type's name, e.g. "unique_violation"
  std::string_view meaning;
  const std::type_info* type;
  void (*raise)(sql_error_fields&&);  ///< throws the type; never returns
};

template <class E>
[[noreturn]] void raise_sqlstate_error(sql_error_fields&& fields) {
  throw E(std::move(fields));
}

#define PGDSL_SQLSTATE_MAPPING(type, base, code, meaning) \
  sqlstate_mapping{code, #type, meaning, &typeid(type), &raise_sqlstate_error<type>},
inline constexpr sqlstate_mapping sqlstate_mappings[] = {
    PGDSL_SQLSTATE_ERRORS(PGDSL_SQLSTATE_MAPPING)};
#undef PGDSL_SQLSTATE_MAPPING

// A code's row comes below its class's: a row's code extends its base's code.
#define PGDSL_SQLSTATE_CHECK_ROW(type, base, code, meaning)                                   \
  static_assert((std::string_view(code).size() == 2 || std::string_view(code).size() == 5) && \
                    std::string_view(code).starts_with(sqlstate_of<base>),                    \
                "SQLSTATE table: " #type "'s code must be a class or a code of its base's class");
PGDSL_SQLSTATE_ERRORS(PGDSL_SQLSTATE_CHECK_ROW)
#undef PGDSL_SQLSTATE_CHECK_ROW

inline constexpr std::size_t no_sqlstate_mapping = std::size(sqlstate_mappings);

/// The row for a code: its own, else its class's, else no_sqlstate_mapping (plain sql_error).
constexpr std::size_t find_sqlstate_mapping(std::string_view code) noexcept {
  for (std::size_t i = 0; i < std::size(sqlstate_mappings); ++i)
    if (sqlstate_mappings[i].code.size() == 5 && sqlstate_mappings[i].code == code) return i;
  if (code.size() < 2) return no_sqlstate_mapping;
  for (std::size_t i = 0; i < std::size(sqlstate_mappings); ++i)
    if (sqlstate_mappings[i].code.size() == 2 && code.substr(0, 2) == sqlstate_mappings[i].code)
      return i;
  return no_sqlstate_mapping;
}

/// The name of the type a code is thrown as ("sql_error" when neither code nor class is known).
constexpr std::string_view sqlstate_type_name(std::string_view code) noexcept {
  const std::size_t row = find_sqlstate_mapping(code);
  return row == no_sqlstate_mapping ? std::string_view("sql_error")
                                    : sqlstate_mappings[row].type_name;
}

}  // namespace detail

/// Throws the exception type of the fields' SQLSTATE (exact code, else its class, else sql_error).
[[noreturn]] inline void throw_for_sqlstate(sql_error_fields fields) {
  const std::size_t row = detail::find_sqlstate_mapping(fields.sqlstate);
  if (row != detail::no_sqlstate_mapping) detail::sqlstate_mappings[row].raise(std::move(fields));
  throw sql_error(std::move(fields));
}

}  // namespace pgdsl

#undef PGDSL_SQLSTATE_ERRORS
