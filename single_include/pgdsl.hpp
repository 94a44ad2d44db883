// SPDX-License-Identifier: BSL-1.0
// pgdsl 0.1.0: the whole library in one header.
// GENERATED FILE, DO NOT EDIT: generated from include/ by tools/amalgamate.py.
// Change the headers under include/pgdsl/ and run tools/amalgamate.py to regenerate it.
#pragma once

// ---- pgdsl/pgdsl.hpp
// pgdsl: the umbrella header, `#include <pgdsl/pgdsl.hpp>` and nothing else is needed.
// It only includes; every capability lives in its own header under pgdsl/<layer>/.

// ---- pgdsl/version.hpp
// version: the library's version as macros, so code can test it in #if and CMake can read it.
// This file is the single source of the version number: CMakeLists.txt and tools/amalgamate.py
// parse the three numbers below, so change them here only.

#define PGDSL_VERSION_MAJOR 0
#define PGDSL_VERSION_MINOR 1
#define PGDSL_VERSION_PATCH 0

#define PGDSL_VERSION_STRING "0.1.0"

/// The version as one integer, 10000 * major + 100 * minor + patch (0.1.0 is 100), for
/// `#if PGDSL_VERSION >= 10203`.
#define PGDSL_VERSION (PGDSL_VERSION_MAJOR * 10000 + PGDSL_VERSION_MINOR * 100 + PGDSL_VERSION_PATCH)

// ---- pgdsl/error/all.hpp
// Every exception type pgdsl throws, under one root (pgdsl::error): server errors by SQLSTATE,
// connection loss, result-shape and value-conversion failures. Only includes.

// ---- pgdsl/error/conversion_error.hpp
// conversion_error: what goes wrong between a C++ value and its PostgreSQL form. Each error is
// thrown before anything reaches the server (encode) or instead of handing back garbage (decode),
// and its message names the value, the types involved and, where there is one, the fix.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

// ---- pgdsl/error/error.hpp
// error: the root of every exception pgdsl throws, so `catch (pgdsl::error const&)` sees them all.
// Server errors (by SQLSTATE), connection loss and value conversion failures all derive from it.

#include <stdexcept>
#include <string>

namespace pgdsl {

/// Base class of all pgdsl exceptions.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pgdsl

// ---- pgdsl/types/oid.hpp
// oid: PostgreSQL type identifiers as plain constants, so the DSL and the type mapping can reason
// about server types at compile time without including <libpq-fe.h>. The values are the stable
// OIDs of PostgreSQL's built-in types (pg_type.dat); they have never changed between releases.

#include <cstdint>
#include <string_view>

namespace pgdsl {

/// A PostgreSQL object identifier; for types, the value libpq reports as PQftype / PQparamtype.
using oid = std::uint32_t;

/// OIDs of the built-in types pgdsl maps, and of their one-dimensional array types.
namespace oids {
inline constexpr oid unspecified = 0;  ///< "let the server infer the type" for a parameter
inline constexpr oid boolean = 16;
inline constexpr oid bytea = 17;
inline constexpr oid name = 19;
inline constexpr oid int8 = 20;
inline constexpr oid int2 = 21;
inline constexpr oid int4 = 23;
inline constexpr oid text = 25;
inline constexpr oid json = 114;
inline constexpr oid float4 = 700;
inline constexpr oid float8 = 701;
inline constexpr oid bpchar = 1042;
inline constexpr oid varchar = 1043;
inline constexpr oid date = 1082;
inline constexpr oid timestamp = 1114;
inline constexpr oid timestamptz = 1184;
inline constexpr oid numeric = 1700;
inline constexpr oid uuid = 2950;
inline constexpr oid jsonb = 3802;

inline constexpr oid json_array = 199;
inline constexpr oid boolean_array = 1000;
inline constexpr oid bytea_array = 1001;
inline constexpr oid name_array = 1003;
inline constexpr oid int2_array = 1005;
inline constexpr oid int4_array = 1007;
inline constexpr oid text_array = 1009;
inline constexpr oid bpchar_array = 1014;
inline constexpr oid varchar_array = 1015;
inline constexpr oid int8_array = 1016;
inline constexpr oid float4_array = 1021;
inline constexpr oid float8_array = 1022;
inline constexpr oid timestamp_array = 1115;
inline constexpr oid date_array = 1182;
inline constexpr oid timestamptz_array = 1185;
inline constexpr oid numeric_array = 1231;
inline constexpr oid uuid_array = 2951;
inline constexpr oid jsonb_array = 3807;

/// OIDs below this value belong to the system catalogs; user types (CREATE TYPE, enums, their
/// array types) always get an OID at or above it (PostgreSQL's FirstNormalObjectId).
inline constexpr oid first_user_defined = 16384;
}  // namespace oids

/// True for OIDs the server assigns to user-created objects, e.g. a CREATE TYPE ... AS ENUM.
constexpr bool is_user_defined_oid(oid type) {
  return type >= oids::first_user_defined;
}

namespace detail {
struct oid_entry {
  oid type;
  oid array;
  std::string_view name;
  std::string_view array_name;
};
inline constexpr oid_entry builtin_oids[] = {
    {oids::boolean, oids::boolean_array, "bool", "bool[]"},
    {oids::bytea, oids::bytea_array, "bytea", "bytea[]"},
    {oids::name, oids::name_array, "name", "name[]"},
    {oids::int8, oids::int8_array, "int8", "int8[]"},
    {oids::int2, oids::int2_array, "int2", "int2[]"},
    {oids::int4, oids::int4_array, "int4", "int4[]"},
    {oids::text, oids::text_array, "text", "text[]"},
    {oids::json, oids::json_array, "json", "json[]"},
    {oids::float4, oids::float4_array, "float4", "float4[]"},
    {oids::float8, oids::float8_array, "float8", "float8[]"},
    {oids::bpchar, oids::bpchar_array, "bpchar", "bpchar[]"},
    {oids::varchar, oids::varchar_array, "varchar", "varchar[]"},
    {oids::date, oids::date_array, "date", "date[]"},
    {oids::timestamp, oids::timestamp_array, "timestamp", "timestamp[]"},
    {oids::timestamptz, oids::timestamptz_array, "timestamptz", "timestamptz[]"},
    {oids::numeric, oids::numeric_array, "numeric", "numeric[]"},
    {oids::uuid, oids::uuid_array, "uuid", "uuid[]"},
    {oids::jsonb, oids::jsonb_array, "jsonb", "jsonb[]"},
};
}  // namespace detail

/// The element type of a built-in array type (oids::int4 for oids::int4_array), or 0 when `array`
/// is not one of the array types listed in pgdsl::oids.
constexpr oid array_element_oid(oid array) {
  for (const auto& entry : detail::builtin_oids)
    if (entry.array == array) return entry.type;
  return oids::unspecified;
}

/// The SQL name of a built-in type OID ("int4"; array types as "int4[]", which the server spells
/// "_int4"), or an empty view for OIDs pgdsl does not know.
constexpr std::string_view builtin_type_name(oid type) {
  for (const auto& entry : detail::builtin_oids) {
    if (entry.type == type) return entry.name;
    if (entry.array == type) return entry.array_name;
  }
  return {};
}

}  // namespace pgdsl

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

// ---- pgdsl/error/result_error.hpp
// result_error: a result whose shape differs from what the caller asked for, detected on the
// client before any value is decoded: no row or several rows where exactly one was expected, or
// a column count that differs from the statement's declared columns, or a column asked for by a
// name the result does not have.

#include <cstddef>
#include <string>


namespace pgdsl {

/// The result does not have the shape the call requires.
class result_error : public error {
 public:
  using error::error;
};

/// one() or scalar() found no row.
class no_rows : public result_error {
 public:
  explicit no_rows(const std::string& sql)
      : result_error("expected exactly one row, the statement returned none\nSQL: " + sql) {}
};

/// one(), one_or_none() or scalar() found more than one row.
class too_many_rows : public result_error {
 public:
  too_many_rows(std::size_t rows, const std::string& sql)
      : result_error("expected at most one row, the statement returned " + std::to_string(rows) +
                     "\nSQL: " + sql) {}
};

/// The server's result has a different number of columns than the statement declares.
class column_count_mismatch : public result_error {
 public:
  column_count_mismatch(std::size_t declared, std::size_t returned, const std::string& sql)
      : result_error("the statement declares " + std::to_string(declared) +
                     " result columns but the server returns " + std::to_string(returned) +
                     "\nSQL: " + sql) {}
};

/// A field was asked for by a name that no column of the result has.
class no_such_column : public result_error {
 public:
  no_such_column(const std::string& name, const std::string& columns)
      : result_error("the result has no column named \"" + name + "\"; its columns are: " +
                     (columns.empty() ? std::string("(none)") : columns)),
        name_(name) {}
  /// The name asked for.
  const std::string& column_name() const noexcept { return name_; }

 private:
  std::string name_;
};

}  // namespace pgdsl

// ---- pgdsl/error/sql_error.hpp
// sql_error: what the server said when a statement failed, as a C++ exception.
// It carries the server's diagnostic fields and the statement's SQL text, never the bound values,
// so messages can be logged safely. Its subclasses, one per SQLSTATE class or code, come from the
// table in error/sqlstate_errors.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>


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

// ---- pgdsl/error/sqlstate_errors.hpp
// The SQLSTATE hierarchy, written once: one table row per exception type (its name, its base, the
// SQLSTATE code or two-character class it stands for, and what it means). The classes, the
// sqlstate_of<E> trait and the code-to-type lookup behind throw_for_sqlstate are all expanded from
// that one table, so a code cannot be declared in one place and forgotten in another.

#include <cstddef>
#include <string_view>
#include <typeinfo>
#include <utility>


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

// ---- pgdsl/error/transaction_pooling_error.hpp
// transaction_pooling_error: a statement refused on a connection declared to run behind a
// transaction pooler (connection_options::transaction_pooling, e.g. PgBouncer's pool_mode =
// transaction) because its effect would outlive the transaction in a server session that the
// pooler hands to other clients. Thrown before anything is sent; a feature_not_supported (0A000).

#include <string>


namespace pgdsl {

/// LISTEN, a session advisory lock, a WITH HOLD cursor, PREPARE, a session SET or a temporary
/// table kept past commit on a connection with connection_options::transaction_pooling: refused,
/// since the pooler would hand the server session that keeps it to other clients. what() names
/// the command and the alternative.
class transaction_pooling_error : public feature_not_supported {
 public:
  transaction_pooling_error(std::string what_keeps_session_state, std::string sql = {})
      : feature_not_supported(sql_error_fields{
            .sqlstate = "0A000",
            .message = "not allowed with transaction pooling (connection_options::"
                       "transaction_pooling): " +
                       std::move(what_keeps_session_state),
            .hint = "run it on a connection straight to the server (or one pooled in session "
                    "mode), without transaction_pooling",
            .sql = std::move(sql)}) {}
};

}  // namespace pgdsl

// ---- pgdsl/util/fixed_string.hpp
// fixed_string: a string of compile-time length that can be a template argument.
// SQL names (tables, columns, aliases) travel as fixed_string template arguments, and rendered
// SQL text is a fixed_string constant, so both can be compared and concatenated at compile time.

#include <cstddef>
#include <string_view>

namespace pgdsl {

/// A NUL-terminated string of exactly N characters, usable as a non-type template argument.
template <std::size_t N>
struct fixed_string {
  char data[N + 1]{};

  constexpr fixed_string() = default;
  constexpr fixed_string(const char (&text)[N + 1]) {  // NOLINT: implicit from a literal
    for (std::size_t i = 0; i < N; ++i) data[i] = text[i];
  }

  static constexpr std::size_t size() { return N; }
  static constexpr bool empty() { return N == 0; }
  constexpr const char* c_str() const { return data; }
  constexpr std::string_view view() const { return {data, N}; }
  constexpr operator std::string_view() const { return view(); }  // NOLINT: views are cheap
  constexpr char operator[](std::size_t i) const { return data[i]; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const {
    return view() == other.view();
  }
  template <std::size_t M>
  constexpr bool operator==(const char (&text)[M]) const {
    return view() == std::string_view(text, M - 1);
  }
  constexpr bool operator==(std::string_view text) const { return view() == text; }
};

template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M - 1>;

/// Concatenates fixed strings at compile time.
template <std::size_t... N>
constexpr auto concat(const fixed_string<N>&... parts) {
  fixed_string<(N + ... + 0)> result;
  std::size_t at = 0;
  ((std::char_traits<char>::copy(result.data + at, parts.data, N), at += N), ...);
  return result;
}

}  // namespace pgdsl

// ---- pgdsl/util/type_list.hpp
// type_list: a plain list of types, the cheapest way to carry sets of tables, column lists and
// parameter types through the expression tree (measured lighter than hana::set for these sizes).

#include <cstddef>
#include <type_traits>

namespace pgdsl {

template <class... T>
struct type_list {
  static constexpr std::size_t size = sizeof...(T);
};

namespace detail {

template <class... Lists>
struct concat_lists;
template <>
struct concat_lists<> {
  using type = type_list<>;
};
template <class... A>
struct concat_lists<type_list<A...>> {
  using type = type_list<A...>;
};
template <class... A, class... B, class... Rest>
struct concat_lists<type_list<A...>, type_list<B...>, Rest...>
    : concat_lists<type_list<A..., B...>, Rest...> {};

template <class T, class List>
inline constexpr bool list_contains = false;
template <class T, class... U>
inline constexpr bool list_contains<T, type_list<U...>> = (std::is_same_v<T, U> || ...);

template <class T, class List>
inline constexpr std::size_t list_index = 0;
template <class T, class First, class... Rest>
inline constexpr std::size_t list_index<T, type_list<First, Rest...>> =
    std::is_same_v<T, First> ? 0 : 1 + list_index<T, type_list<Rest...>>;

template <std::size_t I, class List>
struct list_at;
template <std::size_t I, class First, class... Rest>
struct list_at<I, type_list<First, Rest...>> : list_at<I - 1, type_list<Rest...>> {};
template <class First, class... Rest>
struct list_at<0, type_list<First, Rest...>> {
  using type = First;
};

template <class List, class Remove>
struct list_difference;
template <class... T, class Remove>
struct list_difference<type_list<T...>, Remove> {
  using type = typename concat_lists<
      std::conditional_t<list_contains<T, Remove>, type_list<>, type_list<T>>...>::type;
};

}  // namespace detail

/// The concatenation of several type_lists.
template <class... Lists>
using concat_t = typename detail::concat_lists<Lists...>::type;

/// True when T is one of the list's types.
template <class T, class List>
inline constexpr bool contains_v = detail::list_contains<T, List>;

/// The position of T in the list (the list's size when absent).
template <class T, class List>
inline constexpr std::size_t index_of_v = detail::list_index<T, List>;

/// The I-th type of the list.
template <std::size_t I, class List>
using at_t = typename detail::list_at<I, List>::type;

/// The types of List that are not in Remove, in order.
template <class List, class Remove>
using difference_t = typename detail::list_difference<List, Remove>::type;

/// True when every type of Sub is in Super.
template <class Sub, class Super>
inline constexpr bool is_subset_v = false;
template <class... T, class Super>
inline constexpr bool is_subset_v<type_list<T...>, Super> = (contains_v<T, Super> && ...);

}  // namespace pgdsl

// ---- pgdsl/types/all.hpp
// all: every type mapping pgdsl ships, for code that binds or reads values of any supported type
// (the execution layer, the umbrella header). Include a single family's header to compile less.

// ---- pgdsl/types/array.hpp
// array: std::vector<T> <-> one-dimensional PostgreSQL arrays of any mapped element type;
// std::vector<std::optional<T>> holds NULL elements. The binary form is a header (dimensions,
// NULL flag, element OID, length, lower bound) then each element length-prefixed, -1 for NULL.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// ---- pgdsl/types/bytea.hpp
// bytea: binary strings. pgdsl::bytea (a std::vector<std::byte>) is read and written;
// std::span<const std::byte> is a parameter only, for data that is already somewhere else.
// The binary form of bytea is the bytes themselves, so parameters are bound without a copy.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

// ---- pgdsl/types/type_category.hpp
// type_category: the families of SQL value types, as the DSL needs them to decide at compile time
// which operands may be compared, added or concatenated. PostgreSQL compares values within a
// family (int2 with int8, date with timestamptz) but not across families (text with int4).

#include <string_view>

namespace pgdsl {

/// The family a mapped C++ type belongs to; every type_traits specialization names one.
enum class type_category {
  boolean,      ///< bool
  integral,     ///< int2, int4, int8
  floating,     ///< float4, float8
  decimal,      ///< numeric
  text,         ///< text, varchar, bpchar, name
  bytea,        ///< bytea
  datetime,     ///< date, timestamp, timestamptz (PostgreSQL compares them with each other)
  uuid,         ///< uuid
  json,         ///< json, jsonb
  array,        ///< one-dimensional arrays
  enumeration,  ///< user enums (CREATE TYPE ... AS ENUM)
  other,        ///< anything else a user maps
};

/// The category's name as it should appear in diagnostics ("integral", "datetime", ...).
constexpr std::string_view category_name(type_category category) {
  switch (category) {
    case type_category::boolean:
      return "boolean";
    case type_category::integral:
      return "integral";
    case type_category::floating:
      return "floating";
    case type_category::decimal:
      return "decimal";
    case type_category::text:
      return "text";
    case type_category::bytea:
      return "bytea";
    case type_category::datetime:
      return "datetime";
    case type_category::uuid:
      return "uuid";
    case type_category::json:
      return "json";
    case type_category::array:
      return "array";
    case type_category::enumeration:
      return "enumeration";
    case type_category::other:
      return "other";
  }
  return "unknown";
}

/// True for the numeric families, which PostgreSQL lets arithmetic and comparison mix.
constexpr bool is_numeric_category(type_category category) {
  return category == type_category::integral || category == type_category::floating ||
         category == type_category::decimal;
}

}  // namespace pgdsl

// ---- pgdsl/types/type_traits.hpp
// type_traits: the contract between a C++ type and the PostgreSQL type it maps to. Each supported
// type specializes pgdsl::type_traits (one header per type family); the DSL reads the compile-time
// members (sql_name, OIDs, category) and the execution layer calls encode/decode/accepts.

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>


namespace pgdsl {

/// Maps a C++ type to a PostgreSQL type. The primary template is left undefined: a type is
/// supported exactly when a specialization exists. A specialization provides
///   static constexpr std::string_view sql_name;   // "int8", "text", ...
///   static constexpr oid type_oid;                // 0 when the server should infer it
///   static constexpr oid array_oid;               // OID of T[] (0 when not fixed)
///   static constexpr type_category category;
///   template <class Out> static void encode(const T&, Out&);  // binary form via out.append
///   static T decode(std::string_view wire);       // from the binary form
///   static constexpr bool accepts(oid server_type);
/// and optionally `static std::string_view wire_view(const T&)` when the binary form is the
/// value's own bytes. See docs/types.md for a worked user type.
template <class T>
struct type_traits;

namespace detail {
/// The smallest sink encode() must write to: anything with append(const char*, std::size_t).
struct byte_sink_archetype {
  void append(const char*, std::size_t) {}
};
}  // namespace detail

/// A C++ type that can be sent as a parameter: it has a type_traits specialization with a name,
/// OID, category and encode(). (array_oid is expected too, but only arrays of T need it; see
/// array_oid_v.)
template <class T>
concept parameter_type = requires(const T& value, detail::byte_sink_archetype& out) {
  { type_traits<T>::sql_name } -> std::convertible_to<std::string_view>;
  { type_traits<T>::type_oid } -> std::convertible_to<oid>;
  { type_traits<T>::category } -> std::convertible_to<type_category>;
  type_traits<T>::encode(value, out);
};

/// A C++ type that can also be read from a result: decode() and accepts() as well.
template <class T>
concept result_type = parameter_type<T> && requires(std::string_view wire, oid server_type) {
  { type_traits<T>::decode(wire) } -> std::same_as<T>;
  { type_traits<T>::accepts(server_type) } -> std::same_as<bool>;
};

/// A parameter type whose binary form is its own bytes, so it can be bound without a copy.
template <class T>
concept has_wire_view = parameter_type<T> && requires(const T& value) {
  { type_traits<T>::wire_view(value) } -> std::same_as<std::string_view>;
};

/// True for std::optional<T> (a nullable value).
template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

namespace detail {
template <class T>
struct nullable_base {
  using type = T;
};
template <class T>
struct nullable_base<std::optional<T>> {
  using type = T;
};
}  // namespace detail

/// T for std::optional<T>, else T itself: the type whose type_traits describe a nullable value.
template <class T>
using nullable_base_t = typename detail::nullable_base<T>::type;

/// The SQL name of T, or of the T inside std::optional<T>; for messages and CASTs.
template <class T>
requires parameter_type<nullable_base_t<T>>
inline constexpr std::string_view sql_name_v = type_traits<nullable_base_t<T>>::sql_name;

/// The category of T, or of the T inside std::optional<T>.
template <class T>
requires parameter_type<nullable_base_t<T>>
inline constexpr type_category category_v = type_traits<nullable_base_t<T>>::category;

/// The OID of the array type T[], or 0 when T's traits do not fix one (or omit array_oid).
template <parameter_type T>
inline constexpr oid array_oid_v = [] {
  if constexpr (requires { type_traits<T>::array_oid; }) {
    return static_cast<oid>(type_traits<T>::array_oid);
  } else {
    return oids::unspecified;
  }
}();

/// Encodes a value into a fresh std::string; convenient for tests and for code that binds values
/// one at a time.
template <parameter_type T>
std::string encode_to_string(const T& value) {
  std::string out;
  type_traits<T>::encode(value, out);
  return out;
}

}  // namespace pgdsl

namespace pgdsl {

/// The C++ type of a PostgreSQL bytea value.
using bytea = std::vector<std::byte>;

namespace detail {
struct bytea_traits_base {
  static constexpr std::string_view sql_name = "bytea";
  static constexpr oid type_oid = oids::bytea;
  static constexpr oid array_oid = oids::bytea_array;
  static constexpr type_category category = type_category::bytea;

  static std::string_view view_of(std::span<const std::byte> bytes) {
    // char may alias any object, so viewing the bytes as chars is well defined.
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
};
}  // namespace detail

/// pgdsl::bytea maps to bytea.
template <>
struct type_traits<bytea> : detail::bytea_traits_base {
  template <class Out>
  static void encode(const bytea& value, Out& out) {
    const std::string_view bytes = view_of(value);
    out.append(bytes.data(), bytes.size());
  }
  static std::string_view wire_view(const bytea& value) { return view_of(value); }
  static bytea decode(std::string_view wire) {
    const auto* first = reinterpret_cast<const std::byte*>(wire.data());
    return bytea(first, first + wire.size());
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// std::span<const std::byte> is a bytea parameter.
template <>
struct type_traits<std::span<const std::byte>> : detail::bytea_traits_base {
  template <class Out>
  static void encode(const std::span<const std::byte>& value, Out& out) {
    const std::string_view bytes = view_of(value);
    out.append(bytes.data(), bytes.size());
  }
  static std::string_view wire_view(const std::span<const std::byte>& value) {
    return view_of(value);
  }
};

}  // namespace pgdsl

// ---- pgdsl/types/detail/wire.hpp
// The wire helpers are public now (pgdsl/types/wire.hpp); the library's own code still spells
// them detail::, so this header only adds those names.

// ---- pgdsl/types/wire.hpp
// wire: the helpers a type_traits specialization needs to write and read PostgreSQL's binary
// formats (network byte order everywhere): big-endian integers appended and read with memcpy and
// one byte swap, and a reader that checks every length and throws decode_error instead of
// overreading. Public: docs/types.md shows them in a user type.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>


namespace pgdsl {

namespace detail {

/// `bits` with its bytes in network order (a byte swap on little-endian hosts, which compilers
/// turn into one instruction; the shift loop they did not always see through).
template <class Unsigned>
constexpr Unsigned to_network_order(Unsigned bits) noexcept {
  if constexpr (sizeof(Unsigned) == 1 || std::endian::native == std::endian::big) {
    return bits;
  } else if constexpr (sizeof(Unsigned) == 2) {
    return __builtin_bswap16(bits);
  } else if constexpr (sizeof(Unsigned) == 4) {
    return __builtin_bswap32(bits);
  } else {
    static_assert(sizeof(Unsigned) == 8, "integers of 1, 2, 4 or 8 bytes");
    return __builtin_bswap64(bits);
  }
}

}  // namespace detail

/// Appends integer `value` to `out` (a std::string or anything with append(const char*, size))
/// in network byte order.
template <class Int, class Out>
requires std::is_integral_v<Int>
void append_big_endian(Out& out, Int value) {
  const auto bits = detail::to_network_order(static_cast<std::make_unsigned_t<Int>>(value));
  char bytes[sizeof(Int)];
  std::memcpy(bytes, &bits, sizeof(Int));
  out.append(bytes, sizeof(Int));
}

/// Reads an Int in network byte order at `offset`; the caller has checked the length (or use
/// wire_reader, which does).
template <class Int>
requires std::is_integral_v<Int> Int read_big_endian(std::string_view wire, std::size_t offset) {
  std::make_unsigned_t<Int> bits;
  std::memcpy(&bits, wire.data() + offset, sizeof(Int));
  return static_cast<Int>(detail::to_network_order(bits));
}

namespace detail {
/// The decode_error of a value whose binary form has the wrong length (kept out of line).
[[noreturn]] inline void throw_wrong_length(std::string_view wire, std::size_t expected,
                                            std::string_view type) {
  throw decode_error("cannot decode " + std::string(type) + ": expected " +
                     std::to_string(expected) + " bytes of binary data, got " +
                     std::to_string(wire.size()));
}
}  // namespace detail

/// Throws decode_error unless `wire` is exactly `expected` bytes long.
inline void expect_length(std::string_view wire, std::size_t expected, std::string_view type) {
  if (wire.size() != expected) [[unlikely]]
    detail::throw_wrong_length(wire, expected, type);
}

/// Reads fixed-size integers and byte runs one after another, throwing decode_error (naming
/// `type`) when the data runs out or, from expect_end(), when bytes are left over.
class wire_reader {
 public:
  wire_reader(std::string_view wire, std::string_view type) : wire_(wire), type_(type) {}

  template <class Int>
  Int read() {
    need(sizeof(Int));
    Int value = read_big_endian<Int>(wire_, offset_);
    offset_ += sizeof(Int);
    return value;
  }

  /// The next `size` bytes as a view into the wire data.
  std::string_view read_bytes(std::size_t size) {
    need(size);
    std::string_view bytes = wire_.substr(offset_, size);
    offset_ += size;
    return bytes;
  }

  std::size_t remaining() const { return wire_.size() - offset_; }

  /// Throws decode_error when bytes are left over after the value.
  void expect_end() const {
    if (remaining() != 0)
      throw decode_error("cannot decode " + std::string(type_) + ": " +
                         std::to_string(remaining()) + " unexpected trailing bytes");
  }

 private:
  void need(std::size_t size) const {
    if (remaining() < size)
      throw decode_error("cannot decode " + std::string(type_) + ": binary data ends after " +
                         std::to_string(wire_.size()) + " bytes, more were expected");
  }
  std::string_view wire_;
  std::string_view type_;
  std::size_t offset_ = 0;
};

}  // namespace pgdsl

namespace pgdsl::detail {
using pgdsl::append_big_endian;
using pgdsl::expect_length;
using pgdsl::read_big_endian;
using pgdsl::wire_reader;
}  // namespace pgdsl::detail

namespace pgdsl {

/// The most elements a PostgreSQL array may have (the server's MaxArraySize).
inline constexpr std::size_t max_array_elements = 134'217'727;

namespace detail {
/// "int4" -> "int4[]", as a constant with static storage so sql_name can view it.
template <class Element>
struct array_sql_name {
  static constexpr std::string_view element = type_traits<Element>::sql_name;
  static constexpr auto storage = [] {
    std::array<char, element.size() + 2> text{};
    for (std::size_t i = 0; i < element.size(); ++i) text[i] = element[i];
    text[element.size()] = '[';
    text[element.size() + 1] = ']';
    return text;
  }();
  static constexpr std::string_view value{storage.data(), storage.size()};
};

/// An array element: a mapped type, or std::optional of one, that is not itself an array
/// (std::vector<std::vector<T>> would be multi-dimensional, which pgdsl does not map).
template <class T>
concept array_element = parameter_type<nullable_base_t<T>> &&
                        type_traits<nullable_base_t<T>>::category != type_category::array;
}  // namespace detail

/// std::vector<T> maps to T's array type (int4[] for std::vector<std::int32_t>).
template <class T>
requires detail::array_element<T>
struct type_traits<std::vector<T>> {
  using element = nullable_base_t<T>;
  using element_traits = type_traits<element>;

  static constexpr std::string_view sql_name = detail::array_sql_name<element>::value;
  static constexpr oid type_oid = array_oid_v<element>;
  static constexpr oid array_oid = oids::unspecified;  // arrays of arrays are not mapped
  static constexpr type_category category = type_category::array;

  /// The binary array header names the element OID, so elements must have a fixed one.
  template <class Out>
  requires(element_traits::type_oid !=
           oids::unspecified) static void encode(const std::vector<T>& values, Out& out) {
    if (values.size() > max_array_elements)
      throw out_of_range_value("cannot send an array of " + std::to_string(values.size()) +
                               " elements as " + std::string(sql_name) +
                               ": PostgreSQL arrays hold at most " +
                               std::to_string(max_array_elements));
    bool has_null = false;
    if constexpr (is_optional_v<T>)
      for (const auto& value : values) has_null = has_null || !value.has_value();

    std::string buffer;
    detail::append_big_endian(buffer, std::int32_t{values.empty() ? 0 : 1});  // dimensions
    detail::append_big_endian(buffer, std::int32_t{has_null ? 1 : 0});
    detail::append_big_endian(buffer, element_traits::type_oid);
    if (!values.empty()) {
      detail::append_big_endian(buffer, static_cast<std::int32_t>(values.size()));
      detail::append_big_endian(buffer, std::int32_t{1});  // lower bound
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      const T& value = values[i];  // by index: std::vector<bool> has no element references
      if constexpr (is_optional_v<T>) {
        if (!value) {
          detail::append_big_endian(buffer, std::int32_t{-1});
          continue;
        }
      }
      const std::size_t length_at = buffer.size();
      buffer.append(4, '\0');
      if constexpr (is_optional_v<T>) {
        element_traits::encode(*value, buffer);
      } else {
        element_traits::encode(value, buffer);
      }
      const std::size_t length = buffer.size() - length_at - 4;
      if (length > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw out_of_range_value("array element " + std::to_string(i) + " is too large to send");
      std::string prefix;
      detail::append_big_endian(prefix, static_cast<std::int32_t>(length));
      buffer.replace(length_at, 4, prefix);
    }
    out.append(buffer.data(), buffer.size());
  }

  /// Reads a one-dimensional (or empty) array; the lower bound is not kept.
  static std::vector<T> decode(std::string_view wire) requires result_type<element> {
    detail::wire_reader reader(wire, sql_name);
    const auto dimensions = reader.read<std::int32_t>();
    const auto flags = reader.read<std::int32_t>();
    const auto element_oid = reader.read<oid>();
    if (flags != 0 && flags != 1)
      throw decode_error("cannot decode " + std::string(sql_name) + ": invalid flags " +
                         std::to_string(flags));
    if (dimensions < 0 || dimensions > 1)
      throw decode_error("cannot decode " + std::string(sql_name) + ": the array has " +
                         std::to_string(dimensions) +
                         " dimensions, but std::vector reads one-dimensional arrays only");
    if (!element_traits::accepts(element_oid))
      throw type_mismatch("array element", element_oid, element_traits::sql_name);
    std::vector<T> values;
    if (dimensions == 0) {
      reader.expect_end();
      return values;
    }
    const auto length = reader.read<std::int32_t>();
    reader.read<std::int32_t>();  // lower bound
    if (length < 0 || static_cast<std::size_t>(length) > max_array_elements)
      throw decode_error("cannot decode " + std::string(sql_name) + ": invalid length " +
                         std::to_string(length));
    // Each element takes at least its 4-byte length, so never reserve past what the data holds.
    values.reserve(std::min<std::size_t>(static_cast<std::size_t>(length), reader.remaining() / 4));
    for (std::int32_t i = 0; i < length; ++i) {
      const auto size = reader.read<std::int32_t>();
      if (size == -1) {
        if constexpr (is_optional_v<T>) {
          values.emplace_back(std::nullopt);
          continue;
        } else {
          throw unexpected_null::array_element(static_cast<std::size_t>(i),
                                               element_traits::sql_name);
        }
      }
      if (size < 0)
        throw decode_error("cannot decode " + std::string(sql_name) + ": element " +
                           std::to_string(i) + " has invalid length " + std::to_string(size));
      values.emplace_back(
          element_traits::decode(reader.read_bytes(static_cast<std::size_t>(size))));
    }
    reader.expect_end();
    return values;
  }

  /// The element's array types (text[], varchar[], bpchar[] and name[] for std::string
  /// elements); for elements without a fixed OID (user enums), any user-defined type, leaving
  /// the element check to decode().
  static constexpr bool accepts(oid server_type) requires result_type<element> {
    if (type_oid != oids::unspecified && server_type == type_oid) return true;
    if (const oid builtin_element = array_element_oid(server_type))
      return element_traits::accepts(builtin_element);
    return type_oid == oids::unspecified && is_user_defined_oid(server_type);
  }
};

}  // namespace pgdsl

// ---- pgdsl/types/boolean.hpp
// boolean: bool <-> PostgreSQL bool. The binary form is one byte, 1 for true and 0 for false;
// like the server's own boolrecv, any non-zero byte reads as true.

#include <string_view>


namespace pgdsl {

/// bool maps to PostgreSQL bool.
template <>
struct type_traits<bool> {
  static constexpr std::string_view sql_name = "bool";
  static constexpr oid type_oid = oids::boolean;
  static constexpr oid array_oid = oids::boolean_array;
  static constexpr type_category category = type_category::boolean;

  template <class Out>
  static void encode(const bool& value, Out& out) {
    const char byte = value ? '\1' : '\0';
    out.append(&byte, 1);
  }

  static bool decode(std::string_view wire) {
    detail::expect_length(wire, 1, sql_name);
    return wire[0] != '\0';
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl

// ---- pgdsl/types/chrono.hpp
// chrono: std::chrono time points <-> timestamptz, timestamp and date. PostgreSQL sends int64
// microseconds (timestamps) or int32 days (date) since 2000-01-01; its 'infinity' and '-infinity'
// are the time points' max() and min(). Values outside either side's range throw, never wrap.

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>


namespace pgdsl {

/// timestamptz: an instant, microseconds since the Unix epoch in UTC.
using timestamptz = std::chrono::sys_time<std::chrono::microseconds>;
/// timestamp (without time zone): a wall-clock reading that names no time zone.
using timestamp = std::chrono::local_time<std::chrono::microseconds>;
/// date: a calendar day.
using date = std::chrono::sys_days;

/// PostgreSQL's 'infinity' and '-infinity' for each type: the time points' max() and min().
inline constexpr timestamptz timestamptz_infinity = timestamptz::max();
inline constexpr timestamptz timestamptz_minus_infinity = timestamptz::min();
inline constexpr timestamp timestamp_infinity = timestamp::max();
inline constexpr timestamp timestamp_minus_infinity = timestamp::min();
inline constexpr date date_infinity = date::max();
inline constexpr date date_minus_infinity = date::min();

namespace detail {
/// 2000-01-01 (PostgreSQL's epoch) counted from 1970-01-01.
inline constexpr std::int64_t postgres_epoch_days = 10957;
inline constexpr std::int64_t microseconds_per_day = 86'400'000'000;
inline constexpr std::int64_t postgres_epoch_microseconds =
    postgres_epoch_days * microseconds_per_day;
/// PostgreSQL's valid range, relative to its epoch: timestamps from 4714-11-24 BC (Julian day 0)
/// up to, not including, 294277-01-01; dates from Julian day 0 up to 5874898-01-01.
inline constexpr std::int64_t min_timestamp = -211'813'488'000'000'000;
inline constexpr std::int64_t end_timestamp = 9'223'371'331'200'000'000;
inline constexpr std::int64_t min_date = -2'451'545;
inline constexpr std::int64_t end_date = 2'145'031'949;

/// Microsecond time points of either clock; both clocks share the arithmetic, only the name and
/// OID differ.
template <class TimePoint>
struct timestamp_codec {
  template <class Out>
  static void encode(const TimePoint& value, Out& out, std::string_view type) {
    const std::int64_t micros = value.time_since_epoch().count();
    if (value == TimePoint::max())
      return append_big_endian(out, std::numeric_limits<std::int64_t>::max());
    if (value == TimePoint::min())
      return append_big_endian(out, std::numeric_limits<std::int64_t>::min());
    // Every finite value below max() is before 294277, so only the lower bound can fail; test it
    // in Unix time, where subtracting the epoch offset cannot overflow yet.
    if (micros < min_timestamp + postgres_epoch_microseconds)
      throw out_of_range_value("cannot send " + std::to_string(micros) +
                               " microseconds since 1970-01-01 as " + std::string(type) +
                               ": PostgreSQL's " + std::string(type) + " starts at 4714-11-24 BC");
    append_big_endian(out, micros - postgres_epoch_microseconds);
  }

  static TimePoint decode(std::string_view wire, std::string_view type) {
    expect_length(wire, 8, type);
    const auto micros = read_big_endian<std::int64_t>(wire, 0);
    // One comparison for every finite value that fits both sides; the rest is out of line.
    if (micros > min_timestamp && micros < last_shared_timestamp) [[likely]]
      return TimePoint(std::chrono::microseconds(micros + postgres_epoch_microseconds));
    return decode_edge(micros, type);
  }

 private:
  // The C++ type ends in year 294247 (int64 microseconds since 1970), PostgreSQL in 294276.
  static constexpr std::int64_t last_shared_timestamp =
      std::numeric_limits<std::int64_t>::max() - postgres_epoch_microseconds;

  [[gnu::noinline]] static TimePoint decode_edge(std::int64_t micros, std::string_view type) {
    if (micros == std::numeric_limits<std::int64_t>::max()) return TimePoint::max();
    if (micros == std::numeric_limits<std::int64_t>::min()) return TimePoint::min();
    if (micros < min_timestamp || micros >= end_timestamp)
      throw decode_error("cannot decode " + std::string(type) + ": " + std::to_string(micros) +
                         " microseconds since 2000-01-01 is outside PostgreSQL's range");
    // max() itself stands for 'infinity', so the last finite value is max() - 1.
    if (micros >= last_shared_timestamp)
      throw out_of_range_value("cannot read " + std::string(type) + " " + std::to_string(micros) +
                               " microseconds since 2000-01-01: std::chrono microseconds since "
                               "1970 end in year 294247");
    return TimePoint(std::chrono::microseconds(micros + postgres_epoch_microseconds));
  }
};
}  // namespace detail

/// pgdsl::timestamptz maps to timestamptz (timestamp with time zone), sent as UTC.
template <>
struct type_traits<timestamptz> {
  static constexpr std::string_view sql_name = "timestamptz";
  static constexpr oid type_oid = oids::timestamptz;
  static constexpr oid array_oid = oids::timestamptz_array;
  static constexpr type_category category = type_category::datetime;

  template <class Out>
  static void encode(const timestamptz& value, Out& out) {
    detail::timestamp_codec<timestamptz>::encode(value, out, sql_name);
  }
  static timestamptz decode(std::string_view wire) {
    return detail::timestamp_codec<timestamptz>::decode(wire, sql_name);
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// pgdsl::timestamp maps to timestamp (without time zone).
template <>
struct type_traits<timestamp> {
  static constexpr std::string_view sql_name = "timestamp";
  static constexpr oid type_oid = oids::timestamp;
  static constexpr oid array_oid = oids::timestamp_array;
  static constexpr type_category category = type_category::datetime;

  template <class Out>
  static void encode(const timestamp& value, Out& out) {
    detail::timestamp_codec<timestamp>::encode(value, out, sql_name);
  }
  static timestamp decode(std::string_view wire) {
    return detail::timestamp_codec<timestamp>::decode(wire, sql_name);
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// pgdsl::date maps to date: int32 days since 2000-01-01.
template <>
struct type_traits<date> {
  static constexpr std::string_view sql_name = "date";
  static constexpr oid type_oid = oids::date;
  static constexpr oid array_oid = oids::date_array;
  static constexpr type_category category = type_category::datetime;

  template <class Out>
  static void encode(const date& value, Out& out) {
    if (value == date::max())
      return detail::append_big_endian(out, std::numeric_limits<std::int32_t>::max());
    if (value == date::min())
      return detail::append_big_endian(out, std::numeric_limits<std::int32_t>::min());
    const auto days = static_cast<std::int64_t>(value.time_since_epoch().count());
    // sys_days reaches far beyond PostgreSQL's dates in both directions; compare before the
    // subtraction, which could overflow at the extremes.
    if (days < detail::min_date + detail::postgres_epoch_days ||
        days >= detail::end_date + detail::postgres_epoch_days)
      throw out_of_range_value("cannot send date " + std::to_string(days) +
                               " days since 1970-01-01: PostgreSQL's dates run from 4714-11-24 "
                               "BC to 5874897-12-31");
    detail::append_big_endian(out, static_cast<std::int32_t>(days - detail::postgres_epoch_days));
  }

  static date decode(std::string_view wire) {
    detail::expect_length(wire, 4, sql_name);
    const auto days = detail::read_big_endian<std::int32_t>(wire, 0);
    if (days == std::numeric_limits<std::int32_t>::max()) return date::max();
    if (days == std::numeric_limits<std::int32_t>::min()) return date::min();
    if (days < detail::min_date || days >= detail::end_date)
      throw decode_error("cannot decode date: " + std::to_string(days) +
                         " days since 2000-01-01 is outside PostgreSQL's range");
    return date(std::chrono::days(static_cast<std::int64_t>(days) + detail::postgres_epoch_days));
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl

// ---- pgdsl/types/enumeration.hpp
// enumeration: the type_traits of a C++ enum stored in a PostgreSQL enum, written once from the
// type's name and its labels in the enum's order (the values must be 0, 1, 2, ...):
//   template <> struct pgdsl::type_traits<mood> : pgdsl::enum_traits<mood, "mood", "sad", "ok"> {};
// create_type<mood>() (pgdsl/ddl) writes CREATE TYPE from the same name and labels.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>


namespace pgdsl {

/// The members of type_traits<E> for an enum E mapped to the PostgreSQL enum Name whose labels
/// are Labels..., in the order of E's values.
template <class E, fixed_string Name, fixed_string... Labels>
struct enum_traits {
  static constexpr std::string_view sql_name = Name.view();
  static constexpr oid type_oid = 0;  // assigned by CREATE TYPE: the server infers it
  static constexpr oid array_oid = 0;
  static constexpr type_category category = type_category::enumeration;
  static constexpr std::array<std::string_view, sizeof...(Labels)> labels{Labels.view()...};

  template <class Out>
  static void encode(const E& value, Out& out) {  // binary form: the label's text
    const auto index = static_cast<std::size_t>(value);
    if (index >= labels.size())
      throw out_of_range_value("the value " + std::to_string(index) + " of " +
                               std::string(sql_name) + " has no label");
    out.append(labels[index].data(), labels[index].size());
  }
  static E decode(std::string_view wire) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == wire) return static_cast<E>(i);
    throw decode_error("unknown " + std::string(sql_name) + " label \"" + std::string(wire) + "\"");
  }
  static constexpr bool accepts(oid server_type) { return is_user_defined_oid(server_type); }
};

}  // namespace pgdsl

// ---- pgdsl/types/floating.hpp
// floating: float <-> float4 and double <-> float8. The binary form is the IEEE 754 bit pattern in
// network byte order, so NaN, -0.0 and +/-infinity travel exactly (no text rounding either).
// A float is not read from a float8 column: narrowing would lose digits silently.

#include <bit>
#include <cstdint>
#include <limits>
#include <string_view>


namespace pgdsl {

static_assert(std::numeric_limits<float>::is_iec559 && std::numeric_limits<double>::is_iec559,
              "pgdsl needs IEEE 754 float and double: PostgreSQL's float4/float8 are IEEE 754");

namespace detail {
template <class Float, class Bits, oid TypeOid, oid ArrayOid>
struct floating_traits {
  static_assert(sizeof(Float) == sizeof(Bits));
  static constexpr oid type_oid = TypeOid;
  static constexpr oid array_oid = ArrayOid;
  static constexpr type_category category = type_category::floating;

  template <class Out>
  static void encode(const Float& value, Out& out) {
    append_big_endian(out, std::bit_cast<Bits>(value));
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};
}  // namespace detail

/// float maps to float4 (real).
template <>
struct type_traits<float>
    : detail::floating_traits<float, std::uint32_t, oids::float4, oids::float4_array> {
  static constexpr std::string_view sql_name = "float4";
  static float decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(float), sql_name);
    return std::bit_cast<float>(detail::read_big_endian<std::uint32_t>(wire, 0));
  }
};

/// double maps to float8 (double precision).
template <>
struct type_traits<double>
    : detail::floating_traits<double, std::uint64_t, oids::float8, oids::float8_array> {
  static constexpr std::string_view sql_name = "float8";
  static double decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(double), sql_name);
    return std::bit_cast<double>(detail::read_big_endian<std::uint64_t>(wire, 0));
  }
};

}  // namespace pgdsl

// ---- pgdsl/types/integer.hpp
// integer: signed C++ integers <-> int2/int4/int8, chosen by width, so std::int16_t, std::int32_t
// and std::int64_t (and `long long`, where it differs from std::int64_t) each map to the type of
// their size. Reading accepts only the exact server type: an int4 column is not read as int64.

#include <concepts>
#include <cstdint>
#include <string_view>
#include <type_traits>


namespace pgdsl {

namespace detail {
/// The shared body of the three integer mappings: big-endian two's complement of fixed width.
template <class Int, oid TypeOid, oid ArrayOid>
struct integer_traits {
  static constexpr oid type_oid = TypeOid;
  static constexpr oid array_oid = ArrayOid;
  static constexpr type_category category = type_category::integral;

  template <class Out>
  static void encode(const Int& value, Out& out) {
    append_big_endian(out, value);
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

template <class T>
concept mapped_signed_integer = std::signed_integral<T> && std::same_as<T, std::remove_cv_t<T>> &&
                                !std::same_as<T, wchar_t> &&  // a character, not a number
                                (sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
}  // namespace detail

/// 16-bit integers map to int2.
template <class Int>
requires detail::mapped_signed_integer<Int> &&(sizeof(Int) == 2) struct type_traits<Int>
    : detail::integer_traits<Int, oids::int2, oids::int2_array> {
  static constexpr std::string_view sql_name = "int2";
  static Int decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(Int), sql_name);
    return detail::read_big_endian<Int>(wire, 0);
  }
};

/// 32-bit integers map to int4.
template <class Int>
requires detail::mapped_signed_integer<Int> &&(sizeof(Int) == 4) struct type_traits<Int>
    : detail::integer_traits<Int, oids::int4, oids::int4_array> {
  static constexpr std::string_view sql_name = "int4";
  static Int decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(Int), sql_name);
    return detail::read_big_endian<Int>(wire, 0);
  }
};

/// 64-bit integers map to int8.
template <class Int>
requires detail::mapped_signed_integer<Int> &&(sizeof(Int) == 8) struct type_traits<Int>
    : detail::integer_traits<Int, oids::int8, oids::int8_array> {
  static constexpr std::string_view sql_name = "int8";
  static Int decode(std::string_view wire) {
    detail::expect_length(wire, sizeof(Int), sql_name);
    return detail::read_big_endian<Int>(wire, 0);
  }
};

}  // namespace pgdsl

// ---- pgdsl/types/json.hpp
// json: pgdsl::json and pgdsl::jsonb carry a JSON document as text; pgdsl does not parse JSON,
// the server validates it. json's binary form is the text itself (bound without a copy); jsonb's
// is a version byte (1) followed by the text. A NUL byte is refused, as in any PostgreSQL text.

#include <string>
#include <string_view>

// ---- pgdsl/types/text.hpp
// text: strings <-> PostgreSQL text. The binary form of text is its bytes (in the client
// encoding), so parameters can be bound without a copy through wire_view(). PostgreSQL text cannot
// hold a NUL byte (libpq would silently cut the value there in text format): it is refused here.

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>


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

namespace pgdsl {

/// A json value: the document's text, kept as written (json preserves spacing and key order).
struct json {
  std::string text;
  friend bool operator==(const json&, const json&) = default;
};

/// A jsonb value: the document's text; the server normalizes it (key order, spacing, duplicates).
struct jsonb {
  std::string text;
  friend bool operator==(const jsonb&, const jsonb&) = default;
};

/// pgdsl::json maps to json.
template <>
struct type_traits<json> {
  static constexpr std::string_view sql_name = "json";
  static constexpr oid type_oid = oids::json;
  static constexpr oid array_oid = oids::json_array;
  static constexpr type_category category = type_category::json;

  template <class Out>
  static void encode(const json& value, Out& out) {
    const std::string_view text = wire_view(value);
    out.append(text.data(), text.size());
  }
  static std::string_view wire_view(const json& value) {
    return detail::checked_text(value.text, sql_name);
  }
  static json decode(std::string_view wire) { return json{std::string(wire)}; }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// pgdsl::jsonb maps to jsonb.
template <>
struct type_traits<jsonb> {
  static constexpr std::string_view sql_name = "jsonb";
  static constexpr oid type_oid = oids::jsonb;
  static constexpr oid array_oid = oids::jsonb_array;
  static constexpr type_category category = type_category::json;
  /// The only jsonb binary format version PostgreSQL has defined.
  static constexpr char format_version = 1;

  template <class Out>
  static void encode(const jsonb& value, Out& out) {
    const std::string_view text = detail::checked_text(value.text, sql_name);
    out.append(&format_version, 1);
    out.append(text.data(), text.size());
  }
  static jsonb decode(std::string_view wire) {
    if (wire.empty() || wire.front() != format_version)
      throw decode_error(wire.empty()
                             ? std::string("cannot decode jsonb: no data, expected a version byte")
                             : "cannot decode jsonb: unsupported binary format version " +
                                   std::to_string(static_cast<unsigned char>(wire.front())));
    return jsonb{std::string(wire.substr(1))};
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl

// ---- pgdsl/types/numeric.hpp
// numeric: pgdsl::numeric, an exact decimal that never passes through double, and its mapping to
// PostgreSQL numeric. The binary form is base-10000 digits with a weight, a sign word (which also
// marks NaN and +/-Infinity) and the display scale, so "1.50" round-trips as "1.50".

#include <algorithm>
#include <compare>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// ---- pgdsl/types/detail/decimal.hpp
// decimal: the exact decimal value behind pgdsl::numeric (sign, decimal digits, display scale)
// and its text form. Parsing follows PostgreSQL's numeric_in (exponents, NaN, Infinity) and its
// limits (131072 digits before the point, 16383 after), so what parses here the server accepts.

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>


namespace pgdsl::detail {

enum class decimal_kind : std::uint8_t { finite, nan, infinity, minus_infinity };

/// A finite value is (negative ? -1 : 1) * coefficient * 10^-scale, where `coefficient` holds
/// decimal digits without leading zeros (empty for zero) and `scale` is the display scale.
struct decimal {
  decimal_kind kind = decimal_kind::finite;
  bool negative = false;
  std::string coefficient;
  std::int32_t scale = 0;
};

inline constexpr std::int64_t max_integer_digits = 131072;  // weight fits int16
inline constexpr std::int64_t max_scale = 16383;            // dscale fits 14 bits

[[noreturn]] inline void throw_bad_numeric(std::string_view text, std::string_view why) {
  throw invalid_text("invalid numeric \"" + std::string(text) + "\": " + std::string(why));
}

inline bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

inline void check_decimal_limits(std::int64_t integer_digits, std::int64_t scale,
                                 std::string_view text) {
  if (scale > max_scale || integer_digits > max_integer_digits)
    throw out_of_range_value(
        "numeric \"" + std::string(text.substr(0, 64)) +
        "\" overflows PostgreSQL's numeric format: at most " + std::to_string(max_integer_digits) +
        " digits before the decimal point and " + std::to_string(max_scale) + " after");
}

/// Parses PostgreSQL's numeric input syntax: [sign] digits [. digits] [e [sign] digits], with
/// surrounding white space, or NaN / [+-]Infinity / [+-]inf in any case.
inline decimal parse_decimal(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::string_view rest = text;
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  while (!rest.empty() && is_space(rest.back())) rest.remove_suffix(1);

  decimal result;
  if (equals_ignoring_case(rest, "nan")) return {decimal_kind::nan, false, {}, 0};
  if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
    result.negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  if (equals_ignoring_case(rest, "infinity") || equals_ignoring_case(rest, "inf"))
    return {result.negative ? decimal_kind::minus_infinity : decimal_kind::infinity,
            result.negative,
            {},
            0};

  std::string digits;
  std::int64_t fraction_digits = 0;
  bool seen_point = false;
  std::size_t i = 0;
  for (; i < rest.size(); ++i) {
    const char c = rest[i];
    if (c >= '0' && c <= '9') {
      if (c != '0' || !digits.empty()) digits += c;  // drop leading zeros as we go
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (i == 0 || (seen_point && i == 1)) throw_bad_numeric(text, "expected a number");

  std::int64_t exponent = 0;
  if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < rest.size() && (rest[i] == '+' || rest[i] == '-')) negative_exponent = rest[i++] == '-';
    const std::size_t first_digit = i;
    for (; i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; ++i) {
      exponent = exponent * 10 + (rest[i] - '0');
      if (exponent > 1'000'000'000) {  // far beyond any representable value; stop before overflow
        check_decimal_limits(negative_exponent ? 0 : exponent, negative_exponent ? exponent : 0,
                             text);
      }
    }
    if (i == first_digit) throw_bad_numeric(text, "the exponent has no digits");
    if (negative_exponent) exponent = -exponent;
  }
  if (i != rest.size()) throw_bad_numeric(text, "unexpected characters after the number");

  // Display scale as PostgreSQL computes it: fraction digits minus exponent, never negative.
  const std::int64_t scale = std::max<std::int64_t>(0, fraction_digits - exponent);
  const std::int64_t significant = static_cast<std::int64_t>(digits.size());
  // Position of the point counted from the right end of `digits`, before padding.
  const std::int64_t shift = fraction_digits - exponent;
  check_decimal_limits(digits.empty() ? 0 : significant - shift, scale, text);
  if (!digits.empty()) {
    // coefficient * 10^-scale must equal digits * 10^-shift: pad or cut zeros on the right.
    if (scale > shift) digits.append(static_cast<std::size_t>(scale - shift), '0');
  }
  result.coefficient = std::move(digits);
  result.scale = static_cast<std::int32_t>(scale);
  if (result.coefficient.empty()) result.negative = false;  // PostgreSQL has no negative zero
  return result;
}

/// The text PostgreSQL's numeric_out prints for the same value: all `scale` fraction digits.
inline std::string format_decimal(const decimal& value) {
  switch (value.kind) {
    case decimal_kind::nan:
      return "NaN";
    case decimal_kind::infinity:
      return "Infinity";
    case decimal_kind::minus_infinity:
      return "-Infinity";
    case decimal_kind::finite:
      break;
  }
  std::string digits = value.coefficient;
  const auto scale = static_cast<std::size_t>(value.scale);
  if (digits.size() < scale + 1) digits.insert(0, scale + 1 - digits.size(), '0');
  if (scale > 0) digits.insert(digits.size() - scale, 1, '.');
  return value.negative ? "-" + digits : digits;
}

/// PostgreSQL's order: -Infinity < finite values < Infinity < NaN, and NaN equals NaN; finite
/// values compare by value, so 1.5 and 1.50 are equivalent.
inline std::weak_ordering compare_decimals(const decimal& a, const decimal& b) {
  const auto rank = [](const decimal& d) {
    switch (d.kind) {
      case decimal_kind::minus_infinity:
        return 0;
      case decimal_kind::finite:
        return 1;
      case decimal_kind::infinity:
        return 2;
      case decimal_kind::nan:
        return 3;
    }
    return 3;
  };
  if (rank(a) != rank(b) || a.kind != decimal_kind::finite) return rank(a) <=> rank(b);
  const auto sign = [](const decimal& d) {
    return d.coefficient.empty() ? 0 : d.negative ? -1 : 1;
  };
  if (sign(a) != sign(b) || sign(a) == 0) return sign(a) <=> sign(b);
  // Same sign: compare magnitudes by the position of the leading digit, then digit by digit.
  const auto leading = [](const decimal& d) {
    return static_cast<std::int64_t>(d.coefficient.size()) - d.scale;
  };
  std::weak_ordering magnitude = leading(a) <=> leading(b);
  if (magnitude == 0) {
    const std::size_t length = std::max(a.coefficient.size(), b.coefficient.size());
    for (std::size_t i = 0; i < length && magnitude == 0; ++i) {
      const char da = i < a.coefficient.size() ? a.coefficient[i] : '0';
      const char db = i < b.coefficient.size() ? b.coefficient[i] : '0';
      magnitude = da <=> db;
    }
  }
  return sign(a) > 0 ? magnitude : 0 <=> magnitude;
}

}  // namespace pgdsl::detail

namespace pgdsl {

namespace detail {
/// Integral types that hold characters or truth values, not numbers: no numeric from them.
template <class T>
concept is_character_or_bool =
    std::same_as<T, bool> || std::same_as<T, char> || std::same_as<T, wchar_t> ||
    std::same_as<T, char8_t> || std::same_as<T, char16_t> || std::same_as<T, char32_t>;
}  // namespace detail

/// An exact decimal number with a display scale, or NaN, Infinity or -Infinity, as PostgreSQL's
/// numeric holds them. Arithmetic is left to the server; this type carries values exactly.
class numeric {
 public:
  /// Zero, with scale 0.
  numeric() = default;

  /// The exact value of any integer.
  template <std::integral Int>
  requires(!detail::is_character_or_bool<Int>)
      numeric(Int value)  // NOLINT(google-explicit-constructor): integers are exact numerics
      : value_(detail::parse_decimal(std::to_string(value))) {}

  /// Parses PostgreSQL's numeric syntax ("1.50", "-2e-3", "NaN", "Infinity"); throws
  /// invalid_text for anything else and out_of_range_value past numeric's limits.
  explicit numeric(std::string_view text) : value_(detail::parse_decimal(text)) {}
  static numeric parse(std::string_view text) { return numeric(text); }

  static numeric nan() { return numeric(detail::decimal{detail::decimal_kind::nan, false, {}, 0}); }
  static numeric infinity() {
    return numeric(detail::decimal{detail::decimal_kind::infinity, false, {}, 0});
  }
  static numeric minus_infinity() {
    return numeric(detail::decimal{detail::decimal_kind::minus_infinity, true, {}, 0});
  }

  bool is_nan() const { return value_.kind == detail::decimal_kind::nan; }
  /// True for Infinity and -Infinity.
  bool is_infinite() const {
    return value_.kind == detail::decimal_kind::infinity ||
           value_.kind == detail::decimal_kind::minus_infinity;
  }
  bool is_finite() const { return value_.kind == detail::decimal_kind::finite; }
  /// True below zero, including -Infinity; zero is never negative.
  bool is_negative() const { return value_.negative; }
  /// The number of digits after the decimal point that to_string() prints.
  int scale() const { return value_.scale; }

  /// The text PostgreSQL prints for the value: "1.50", "-0.001", "NaN", "Infinity".
  std::string to_string() const { return detail::format_decimal(value_); }

  /// Equal by value, ignoring the display scale (1.5 == 1.50); NaN equals NaN, as in SQL's
  /// numeric comparisons (not IEEE's).
  friend bool operator==(const numeric& a, const numeric& b) {
    return detail::compare_decimals(a.value_, b.value_) == 0;
  }
  /// PostgreSQL's order: -Infinity < finite values < Infinity < NaN.
  friend std::weak_ordering operator<=>(const numeric& a, const numeric& b) {
    return detail::compare_decimals(a.value_, b.value_);
  }

 private:
  explicit numeric(detail::decimal value) : value_(std::move(value)) {}
  detail::decimal value_;
  friend struct type_traits<numeric>;
};

/// pgdsl::numeric maps to numeric.
template <>
struct type_traits<numeric> {
  static constexpr std::string_view sql_name = "numeric";
  static constexpr oid type_oid = oids::numeric;
  static constexpr oid array_oid = oids::numeric_array;
  static constexpr type_category category = type_category::decimal;

  static constexpr std::uint16_t positive = 0x0000, negative = 0x4000, nan = 0xC000,
                                 infinity = 0xD000, minus_infinity = 0xF000;

  template <class Out>
  static void encode(const numeric& value, Out& out) {
    const detail::decimal& d = value.value_;
    if (!value.is_finite()) {
      const std::uint16_t sign = value.is_nan()        ? nan
                                 : value.is_negative() ? minus_infinity
                                                       : infinity;
      for (std::uint16_t word : {std::uint16_t{0}, std::uint16_t{0}, sign, std::uint16_t{0}})
        detail::append_big_endian(out, word);
      return;
    }
    // Split the decimal digits at the point and pad both halves to whole base-10000 digits.
    const auto integer_length =
        static_cast<std::int64_t>(d.coefficient.size()) - static_cast<std::int64_t>(d.scale);
    std::string integer, fraction;
    if (integer_length > 0) {
      integer = d.coefficient.substr(0, static_cast<std::size_t>(integer_length));
      fraction = d.coefficient.substr(static_cast<std::size_t>(integer_length));
    } else {
      fraction = std::string(static_cast<std::size_t>(-integer_length), '0') + d.coefficient;
    }
    integer.insert(0, (4 - integer.size() % 4) % 4, '0');
    fraction.append((4 - fraction.size() % 4) % 4, '0');
    const std::string all = integer + fraction;

    std::vector<std::int16_t> digits;
    digits.reserve(all.size() / 4);
    for (std::size_t i = 0; i < all.size(); i += 4)
      digits.push_back(static_cast<std::int16_t>((all[i] - '0') * 1000 + (all[i + 1] - '0') * 100 +
                                                 (all[i + 2] - '0') * 10 + (all[i + 3] - '0')));
    auto weight = static_cast<std::int64_t>(integer.size() / 4) - 1;
    // PostgreSQL stores no leading or trailing zero digits; zero has no digits and weight 0.
    const auto first = std::find_if(digits.begin(), digits.end(), [](auto x) { return x != 0; });
    weight -= first - digits.begin();
    digits.erase(digits.begin(), first);
    while (!digits.empty() && digits.back() == 0) digits.pop_back();
    if (digits.empty()) weight = 0;

    detail::append_big_endian(out, static_cast<std::uint16_t>(digits.size()));
    detail::append_big_endian(out, static_cast<std::int16_t>(weight));
    detail::append_big_endian(out, d.negative ? negative : positive);
    detail::append_big_endian(out, static_cast<std::uint16_t>(d.scale));
    for (std::int16_t digit : digits) detail::append_big_endian(out, digit);
  }

  static numeric decode(std::string_view wire) {
    detail::wire_reader reader(wire, sql_name);
    const auto count = reader.read<std::uint16_t>();
    const auto weight = reader.read<std::int16_t>();
    const auto sign = reader.read<std::uint16_t>();
    const auto scale = reader.read<std::uint16_t>();
    if (sign != positive && sign != negative && sign != nan && sign != infinity &&
        sign != minus_infinity)
      throw decode_error("cannot decode numeric: invalid sign word " + std::to_string(sign));
    if (scale > detail::max_scale)
      throw decode_error("cannot decode numeric: invalid display scale " + std::to_string(scale));
    std::vector<std::int16_t> digits(count);
    for (auto& digit : digits) {
      digit = reader.read<std::int16_t>();
      if (digit < 0 || digit > 9999)
        throw decode_error("cannot decode numeric: base-10000 digit " + std::to_string(digit) +
                           " out of range");
    }
    reader.expect_end();
    if (sign == nan) return numeric::nan();
    if (sign == infinity) return numeric::infinity();
    if (sign == minus_infinity) return numeric::minus_infinity();

    // Digit k of base 10000 (k = weight for the first) is digits[weight - k]; write the integer
    // part from `weight` down to 0, then enough fraction digits for the display scale.
    const auto digit_at = [&](int k) -> int {
      const int index = weight - k;
      return index >= 0 && index < static_cast<int>(count) ? digits[index] : 0;
    };
    std::string text;
    const int fraction_groups = (scale + 3) / 4;
    for (int k = std::max<int>(weight, 0); k >= -fraction_groups; --k) {
      if (k < 0 || weight >= 0) {
        const int group = digit_at(k);
        text += {static_cast<char>('0' + group / 1000), static_cast<char>('0' + group / 100 % 10),
                 static_cast<char>('0' + group / 10 % 10), static_cast<char>('0' + group % 10)};
      }
    }
    // Digits past the display scale are dropped, as the server's own numeric_recv does.
    text.resize(text.size() - static_cast<std::size_t>(fraction_groups * 4 - scale));
    detail::decimal value;
    const auto nonzero = text.find_first_not_of('0');
    if (nonzero != std::string::npos) value.coefficient = text.substr(nonzero);
    value.negative = sign == negative && !value.coefficient.empty();
    value.scale = scale;
    return numeric(std::move(value));
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl

// ---- pgdsl/types/record_array.hpp
// record_array: std::vector<std::tuple<T...>> read from an array of anonymous records (record[],
// what ARRAY(SELECT ROW(...) ...) returns): the array's binary form, each element a record in
// its binary form (a field count, then per field its type OID, length and value, -1 for NULL).
// Each field is decoded by its own type's traits, so a field may itself be such an array (two
// levels of nesting). Result-only: a record array cannot be sent as a parameter.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>


namespace pgdsl {

namespace oids {
inline constexpr oid record = 2249;
inline constexpr oid record_array = 2287;
}  // namespace oids

namespace detail {

template <class... T>
inline constexpr bool never_sent = false;

/// A field type a nested row can hold: decoded and recognized by its traits (result_type minus
/// encode, so that arrays of enums, which are read but not sent, qualify too).
template <class T>
concept record_field = requires(std::string_view wire, oid server_type) {
  { type_traits<nullable_base_t<T>>::decode(wire) } -> std::same_as<nullable_base_t<T>>;
  { type_traits<nullable_base_t<T>>::accepts(server_type) } -> std::same_as<bool>;
};

/// One field of a record: its value read as Field (std::optional<T> when it may be NULL).
template <class Field>
Field decode_record_field(wire_reader& reader, std::size_t index) {
  using base = nullable_base_t<Field>;
  const auto type = reader.read<oid>();
  const auto size = reader.read<std::int32_t>();
  if (size == -1) {
    if constexpr (is_optional_v<Field>)
      return std::nullopt;
    else
      throw unexpected_null("field " + std::to_string(index + 1) + " of a nested row",
                            type_traits<base>::sql_name);
  }
  if (size < 0) throw decode_error("cannot decode a record: invalid field length");
  if (!type_traits<base>::accepts(type))
    throw type_mismatch("field " + std::to_string(index + 1) + " of a nested row", type,
                        type_traits<base>::sql_name);
  return Field(type_traits<base>::decode(reader.read_bytes(static_cast<std::size_t>(size))));
}

/// One record in binary form, its fields in order.
template <class... T>
std::tuple<T...> decode_record(std::string_view wire) {
  wire_reader reader(wire, "record");
  const auto count = reader.read<std::int32_t>();
  if (count != static_cast<std::int32_t>(sizeof...(T)))
    throw decode_error("a nested row has " + std::to_string(count) + " fields, but " +
                       std::to_string(sizeof...(T)) + " were selected");
  auto fields = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return std::tuple<T...>{decode_record_field<T>(reader, I)...};  // braces: left to right
  }
  (std::index_sequence_for<T...>{});
  reader.expect_end();
  return fields;
}

}  // namespace detail

/// std::vector<std::tuple<T...>>: the rows of a nested collection (pgdsl::nested), read from
/// record[]; a T is std::optional where the field can be NULL.
template <class... T>
requires(detail::record_field<T>&&...) struct type_traits<std::vector<std::tuple<T...>>> {
  using value_type = std::vector<std::tuple<T...>>;
  static constexpr std::string_view sql_name = "record[]";
  static constexpr oid type_oid = oids::record_array;
  static constexpr oid array_oid = oids::unspecified;
  static constexpr type_category category = type_category::array;

  template <class Out>
  static void encode(const value_type&, Out&) {
    static_assert(detail::never_sent<Out>,
                  "a nested collection (std::vector<std::tuple<...>>, record[]) is read from "
                  "results only; it cannot be sent as a parameter");
  }

  static value_type decode(std::string_view wire) {
    detail::wire_reader reader(wire, sql_name);
    const auto dimensions = reader.read<std::int32_t>();
    reader.read<std::int32_t>();  // flags: NULL elements are refused below
    const auto element = reader.read<oid>();
    if (element != oids::record)
      throw type_mismatch("nested collection element", element, "record");
    value_type rows;
    if (dimensions == 0) {
      reader.expect_end();
      return rows;
    }
    if (dimensions != 1) throw decode_error("cannot decode record[]: not one-dimensional");
    const auto length = reader.read<std::int32_t>();
    reader.read<std::int32_t>();  // lower bound
    if (length < 0) throw decode_error("cannot decode record[]: invalid length");
    rows.reserve(std::min<std::size_t>(static_cast<std::size_t>(length), reader.remaining() / 8));
    for (std::int32_t i = 0; i < length; ++i) {
      const auto size = reader.read<std::int32_t>();
      if (size < 0) throw unexpected_null::array_element(static_cast<std::size_t>(i), "nested row");
      rows.push_back(
          detail::decode_record<T...>(reader.read_bytes(static_cast<std::size_t>(size))));
    }
    reader.expect_end();
    return rows;
  }

  static constexpr bool accepts(oid server_type) { return server_type == oids::record_array; }
};

}  // namespace pgdsl

// ---- pgdsl/types/uuid.hpp
// uuid: pgdsl::uuid, 16 bytes in network order, which is also PostgreSQL's binary form. Parsing
// accepts the spellings PostgreSQL's uuid_in does (hyphens between groups of four digits,
// upper or lower case, optional braces); to_string() gives the canonical lower-case 8-4-4-4-12.

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>


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

// ---- pgdsl/schema/constraints.hpp
// Column constraints: markers listed after a column's type. The DSL reads them for its rules
// (a column with a default or identity may be left out of an INSERT); the DDL layer (pgdsl/ddl/)
// reads them to write CREATE TABLE, and the drift check to compare a table with the database.

#include <cstddef>


namespace pgdsl {

/// PRIMARY KEY.
struct primary_key {};
/// UNIQUE.
struct unique {};
/// GENERATED BY DEFAULT AS IDENTITY: the server assigns the value, so INSERT may omit it.
struct identity {};
/// DEFAULT <Sql>: INSERT may omit the column. The text is SQL written by the schema's author.
template <fixed_string Sql>
struct default_sql {
  static constexpr auto sql = Sql;
};

/// What a foreign key does when the referenced row is deleted or its key updated.
enum class referential_action { no_action, restrict, cascade, set_null, set_default };
/// ON DELETE <Action>, listed after references<Target>.
template <referential_action Action>
struct on_delete {
  static constexpr auto action = Action;
};
/// ON UPDATE <Action>, listed after references<Target>.
template <referential_action Action>
struct on_update {
  static constexpr auto action = Action;
};

/// REFERENCES the column Target points to, e.g. references<&users_t::id>, optionally followed by
/// on_delete<...> and on_update<...>.
template <auto Target, class... Actions>
struct references {
  static constexpr auto target = Target;
};

/// The column's text type is varchar(Length) instead of text (on std::string columns and arrays
/// of them).
template <std::size_t Length>
struct varchar {
  static_assert(Length > 0 && Length <= 10'485'760, "varchar(n) takes 1 <= n <= 10485760");
  static constexpr std::size_t length = Length;
};
/// The column's numeric type is numeric(Precision, Scale) instead of unbounded numeric (on
/// pgdsl::numeric columns and arrays of them).
template <std::size_t Precision, std::size_t Scale = 0>
struct precision {
  static_assert(Precision >= 1 && Precision <= 1000, "numeric(p, s) takes 1 <= p <= 1000");
  static_assert(Scale <= Precision, "numeric(p, s) takes 0 <= s <= p");
  static constexpr std::size_t digits = Precision;
  static constexpr std::size_t scale = Scale;
};

/// CONSTRAINT <Name> <Constraint>: names a primary_key, unique or references<...> constraint.
template <fixed_string Name, class Constraint>
struct named {
  static constexpr auto name = Name;
  using constraint = Constraint;
};

/// The column was called Old before (listed after its type): autogenerate writes RENAME COLUMN
/// instead of DROP COLUMN + ADD COLUMN. A table declares its old name with a member
/// `using renamed_from = pgdsl::renamed_from<"old_name">;` (RENAME TO). Renders nothing in DDL.
template <fixed_string Old>
struct renamed_from {
  static constexpr auto old_name = Old;
};

namespace detail {
template <class Constraint>
inline constexpr bool gives_default = false;
template <>
inline constexpr bool gives_default<identity> = true;
template <fixed_string Sql>
inline constexpr bool gives_default<default_sql<Sql>> = true;
}  // namespace detail

}  // namespace pgdsl

// ---- pgdsl/schema/reflection.hpp
// The columns of a table descriptor, listed without macros: a table struct is an aggregate whose
// members are its columns, so they are counted and read by the aggregate reflection engine
// (util/detail/aggregate_members.hpp, up to 64 columns). all_of(users) puts every column in a
// select list.

#include <cstddef>
#include <type_traits>
#include <utility>

// ---- pgdsl/render/lists.hpp
// Comma-separated lists, the one shape SQL repeats everywhere: select items, function arguments,
// GROUP BY keys, and the column names of INSERT, ON CONFLICT and COPY.

#include <cstddef>

// ---- pgdsl/render/sql_writer.hpp
// sql_writer: the one place that spells SQL text. Every node renders through it, at compile time
// for static statements and at run time for the dynamic parts, so quoting and $n numbering follow
// one set of rules. A writer without a buffer only counts, which sizes the buffer of the next pass.

#include <cstddef>
#include <string_view>

namespace pgdsl {

/// Writes SQL text into a caller's buffer (or only measures it), numbering placeholders in order.
class sql_writer {
 public:
  /// A writer that only counts characters.
  constexpr sql_writer() = default;
  /// A writer into `buffer`, which must hold the measured size.
  constexpr explicit sql_writer(char* buffer, std::size_t first_placeholder = 1)
      : out_(buffer), next_placeholder_(first_placeholder) {}

  constexpr std::size_t size() const { return size_; }
  /// The number the next placeholder will get.
  constexpr std::size_t next_placeholder() const { return next_placeholder_; }

  constexpr sql_writer& operator<<(char c) {
    if (out_) out_[size_] = c;
    ++size_;
    return *this;
  }
  constexpr sql_writer& operator<<(std::string_view text) {
    for (char c : text) *this << c;
    return *this;
  }

  /// An identifier in double quotes, embedded quotes doubled: "users", "a""b".
  constexpr void identifier(std::string_view name) {
    *this << '"';
    for (char c : name) {
      if (c == '"') *this << '"';
      *this << c;
    }
    *this << '"';
  }
  /// A string constant in single quotes, embedded quotes doubled: 'it''s'.
  constexpr void string_literal(std::string_view text) {
    *this << '\'';
    for (char c : text) {
      if (c == '\'') *this << '\'';
      *this << c;
    }
    *this << '\'';
  }
  /// The next parameter's placeholder: $1, $2, ...
  constexpr void placeholder() {
    *this << '$';
    number(next_placeholder_++);
  }
  constexpr void number(long long value) {
    if (value < 0) {
      *this << '-';
      // Negate digit by digit so the most negative value needs no wider type.
      digits_of_negative(value);
      return;
    }
    digits_of_negative(-value);
  }
  constexpr void number(std::size_t value) {
    char digits[20]{};
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) *this << digits[--count];
  }

 private:
  constexpr void digits_of_negative(long long value) {
    char digits[20]{};
    int count = 0;
    do {
      digits[count++] = static_cast<char>('0' - value % 10);
      value /= 10;
    } while (value != 0);
    while (count > 0) *this << digits[--count];
  }

  char* out_ = nullptr;
  std::size_t size_ = 0;
  std::size_t next_placeholder_ = 1;
};

}  // namespace pgdsl

namespace pgdsl::detail {

/// Nodes..., each written by its static render(), separated by ", ".
template <class... Nodes>
constexpr void render_list(sql_writer& w) {
  std::size_t index = 0;
  ((w << (index++ == 0 ? "" : ", "), Nodes::render(w)), ...);
}

/// The names of Columns..., unqualified and quoted, separated by ", ": "id", "email".
template <class... Columns>
constexpr void render_column_names(sql_writer& w) {
  std::size_t index = 0;
  ((w << (index++ == 0 ? "" : ", "), w.identifier(Columns::name.view())), ...);
}

}  // namespace pgdsl::detail

// ---- pgdsl/schema/table.hpp
// table<"name"> and its columns: the compile-time descriptors users derive a table from.
//   struct users_t : pgdsl::table<"users"> { column<"id", std::int64_t, primary_key> id; ... };
// A column knows its table, SQL name, C++ type (std::optional = nullable) and constraints, and it
// is an expression: users.id == 42 builds a condition, users.name = "bob" an assignment.

#include <type_traits>
#include <utility>

// ---- pgdsl/expr/expression.hpp
// The shape every expression node shares, and what turns a C++ value into an operand.
// A node is a type that renders itself (static: the SQL is a property of the type) and an object
// that carries its bound values (bind visits them in $n order); nodes nest into trees.

#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// ---- pgdsl/expr/fwd.hpp
// Declarations of the expression node templates, so that expression_ops (the members every node
// has: .in(), .like(), .desc(), .as<>() ...) can name them before their headers define them.


namespace pgdsl {

template <class Derived>
struct expression_ops;
template <class T>
struct parameter;
template <fixed_string Op, class L, class R>
struct comparison;
template <bool Negated, class L, class R>
struct distinct_from;
template <bool Negated, class E>
struct null_check;
template <bool Negated, class E, class Low, class High>
struct between_node;
template <bool Negated, class E, class Values>
struct in_array;
template <bool Negated, class E, class... Values>
struct in_list;
template <bool Negated, class E, class Query>
struct in_subquery;
template <class E, bool Descending, int Nulls>
struct sort_item;
template <class E, fixed_string Alias>
struct aliased_expression;
template <class Query>
struct scalar_subquery;

namespace detail {
template <class Q>
inline constexpr bool is_select_query = false;
template <class Partner, class V>
constexpr auto comparison_operand(V&& value);
template <class E>
constexpr bool check_pattern_match();
template <class Function, class Window>
constexpr auto make_over(const Function& function, const Window& window);
template <class Aggregate, class... Keys>
constexpr auto order_aggregate(const Aggregate& aggregate, Keys&&... keys);
template <class Aggregate, class Condition>
constexpr auto filter_aggregate(const Aggregate& aggregate, Condition&& condition);
}  // namespace detail

}  // namespace pgdsl

// ---- pgdsl/expr/like_pattern.hpp
// Literal text inside LIKE patterns: like_escape() turns user input into a pattern that matches
// exactly that text, so a search box cannot send `%` or `_` as wildcards. contains(),
// starts_with() and ends_with() on text expressions bind such patterns.

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace pgdsl {

/// `text` with LIKE's special characters (`%`, `_` and the escape character `\`) escaped by a
/// backslash, PostgreSQL's default LIKE escape: the pattern matches exactly `text`.
inline std::string like_escape(std::string_view text) {
  std::string pattern;
  pattern.reserve(text.size() + 2);
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern.push_back('\\');
    pattern.push_back(c);
  }
  return pattern;
}

namespace detail {

/// The bound pattern of contains() (both wildcards), starts_with() (trailing), ends_with() (leading).
template <bool Leading, bool Trailing>
std::string literal_like_pattern(std::string_view text) {
  std::string pattern;
  pattern.reserve(text.size() + 4);
  if constexpr (Leading) pattern.push_back('%');
  pattern += like_escape(text);
  if constexpr (Trailing) pattern.push_back('%');
  return pattern;
}

/// What contains()/starts_with()/ends_with() accept: a value that is text, not an expression.
template <class T>
inline constexpr bool literal_text_argument = std::is_convertible_v<const T&, std::string_view>;

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/util/pack.hpp
// pack: a minimal heterogeneous container for the parts of a statement (select items, function
// arguments, joins). std::tuple's converting constructors and constraints made up most of the
// compile time of a statement; this holds values, visits them in order, and grows at the back.

#include <cstddef>
#include <type_traits>
#include <utility>

namespace pgdsl::detail {

template <class... T>
struct pack;

template <std::size_t I, class T>
struct pack_element {
  T value;
};

template <class Indices, class... T>
struct pack_base;

template <std::size_t... I, class... T>
struct pack_base<std::index_sequence<I...>, T...> : pack_element<I, T>... {
  constexpr pack_base() = default;
  constexpr explicit pack_base(T... values) requires(sizeof...(T) > 0)
      : pack_element<I, T>{std::move(values)}... {}

  /// Calls f(element) for each element, first to last.
  template <class F>
  constexpr void for_each(F&& f) const {
    (f(static_cast<const pack_element<I, T>&>(*this).value), ...);
  }
  /// This pack's elements followed by `last`.
  template <class Last>
  constexpr auto with_back(Last&& last) && {
    return pack<T..., std::remove_cvref_t<Last>>(
        std::move(static_cast<pack_element<I, T>&>(*this).value)..., std::forward<Last>(last));
  }
};

/// Values of types T..., in order.
template <class... T>
struct pack : pack_base<std::index_sequence_for<T...>, T...> {
  using pack_base<std::index_sequence_for<T...>, T...>::pack_base;
};

}  // namespace pgdsl::detail

namespace pgdsl {

/// True for expression nodes: columns, parameters, literals, operators, functions, subqueries.
template <class E>
concept expression = requires {
  typename std::remove_cvref_t<E>::pgdsl_expression_tag;
};

/// True for C++ types with a PostgreSQL mapping (a pgdsl::type_traits specialization).
template <class T>
concept has_type_traits = requires {
  type_traits<T>::category;
};

/// The C++ type of an expression's SQL value, without std::optional.
template <class E>
using sql_type_t = typename std::remove_cvref_t<E>::sql_type;

/// True when the expression can be NULL once the tables in NullTables may be missing (outer joins).
template <class E, class NullTables = type_list<>>
inline constexpr bool nullable_v = std::remove_cvref_t<E>::template nullable_in<NullTables>;

/// The C++ type a result of E is read as: std::optional when it can be NULL.
template <class E, class NullTables = type_list<>>
using result_type_t =
    std::conditional_t<nullable_v<E, NullTables>, std::optional<sql_type_t<E>>, sql_type_t<E>>;

namespace detail {

/// The parameter type a C++ value is stored as: one type per PostgreSQL type family.
template <class V>
struct parameter_storage {
  using type = V;
};
template <std::integral V>
requires(!std::same_as<V, bool>) struct parameter_storage<V> {
  static_assert(std::is_signed_v<V> || sizeof(V) < 8,
                "PostgreSQL has no unsigned 64-bit type: convert the value to std::int64_t "
                "(checking its range) or to pgdsl::numeric");
  using type = std::conditional_t<
      !std::is_signed_v<V>, std::int64_t,
      std::conditional_t<sizeof(V) <= 2, std::int16_t,
                         std::conditional_t<sizeof(V) == 4, std::int32_t, std::int64_t>>>;
};
template <std::size_t N>
struct parameter_storage<char[N]> {
  using type = std::string;
};
template <>
struct parameter_storage<const char*> {
  using type = std::string;
};
template <>
struct parameter_storage<char*> {
  using type = std::string;
};
template <class V>
struct parameter_storage<std::optional<V>> {
  using type = std::optional<typename parameter_storage<V>::type>;
};

}  // namespace detail

/// How a C++ value of type V is stored and bound.
template <class V>
using parameter_storage_t = typename detail::parameter_storage<std::remove_cvref_t<V>>::type;

/// The members every expression node has.
template <class Derived>
struct expression_ops {
  using pgdsl_expression_tag = void;

  /// x IN (...): a range of values is bound as one array parameter (x = ANY($n), one SQL text
  /// whatever the length; an empty range matches nothing); a SELECT renders as a subquery; one
  /// other value is a list of one, x IN ($n).
  template <class Values>
  [[nodiscard]] constexpr auto in(Values&& values) const {
    return make_in<false>(std::forward<Values>(values));
  }
  /// x NOT IN (...), the negation of in(); over an empty range it matches every row
  /// (x <> ALL($n)).
  template <class Values>
  [[nodiscard]] constexpr auto not_in(Values&& values) const {
    return make_in<true>(std::forward<Values>(values));
  }
  /// x IN (a, b, c): a list whose length is fixed in the program, one parameter per value and
  /// no array built (x IN ($1, $2, $3)).
  template <class First, class Second, class... Rest>
  [[nodiscard]] constexpr auto in(First&& first, Second&& second, Rest&&... rest) const {
    return make_in_list<false>(std::forward<First>(first), std::forward<Second>(second),
                               std::forward<Rest>(rest)...);
  }
  template <class First, class Second, class... Rest>
  [[nodiscard]] constexpr auto not_in(First&& first, Second&& second, Rest&&... rest) const {
    return make_in_list<true>(std::forward<First>(first), std::forward<Second>(second),
                              std::forward<Rest>(rest)...);
  }
  /// x IN {a, b, c}, written inline: bound as one array, like a range.
  template <class T>
  [[nodiscard]] constexpr auto in(std::initializer_list<T> values) const {
    return make_in<false>(std::vector<T>(values));
  }
  template <class T>
  [[nodiscard]] constexpr auto not_in(std::initializer_list<T> values) const {
    return make_in<true>(std::vector<T>(values));
  }
  /// Pattern matching on text: x LIKE pattern, and its NOT and case-insensitive forms.
  template <class Pattern>
  [[nodiscard]] constexpr auto like(Pattern&& pattern) const {
    return make_match<" LIKE ">(std::forward<Pattern>(pattern));
  }
  template <class Pattern>
  [[nodiscard]] constexpr auto not_like(Pattern&& pattern) const {
    return make_match<" NOT LIKE ">(std::forward<Pattern>(pattern));
  }
  template <class Pattern>
  [[nodiscard]] constexpr auto ilike(Pattern&& pattern) const {
    return make_match<" ILIKE ">(std::forward<Pattern>(pattern));
  }
  template <class Pattern>
  [[nodiscard]] constexpr auto not_ilike(Pattern&& pattern) const {
    return make_match<" NOT ILIKE ">(std::forward<Pattern>(pattern));
  }
  /// x LIKE '%text%', x LIKE 'text%', x LIKE '%text': `text` (a value, typically user input) is
  /// matched literally, its `%`, `_` and `\` escaped (like_escape); the i- forms use ILIKE.
  template <class Text>
  [[nodiscard]] auto contains(const Text& text) const {
    return make_literal_match<" LIKE ", true, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto starts_with(const Text& text) const {
    return make_literal_match<" LIKE ", false, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto ends_with(const Text& text) const {
    return make_literal_match<" LIKE ", true, false>(text);
  }
  template <class Text>
  [[nodiscard]] auto icontains(const Text& text) const {
    return make_literal_match<" ILIKE ", true, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto istarts_with(const Text& text) const {
    return make_literal_match<" ILIKE ", false, true>(text);
  }
  template <class Text>
  [[nodiscard]] auto iends_with(const Text& text) const {
    return make_literal_match<" ILIKE ", true, false>(text);
  }
  /// x BETWEEN low AND high.
  template <class Low, class High>
  [[nodiscard]] constexpr auto between(Low&& low, High&& high) const {
    return make_between<false>(std::forward<Low>(low), std::forward<High>(high));
  }
  template <class Low, class High>
  [[nodiscard]] constexpr auto not_between(Low&& low, High&& high) const {
    return make_between<true>(std::forward<Low>(low), std::forward<High>(high));
  }
  [[nodiscard]] constexpr auto is_null() const { return null_check<false, Derived>{{}, {self()}}; }
  [[nodiscard]] constexpr auto is_not_null() const {
    return null_check<true, Derived>{{}, {self()}};
  }
  /// x IS DISTINCT FROM y: like <>, but NULL-safe (never NULL itself).
  template <class Other>
  [[nodiscard]] constexpr auto is_distinct_from(Other&& other) const {
    return make_distinct<true>(std::forward<Other>(other));
  }
  template <class Other>
  [[nodiscard]] constexpr auto is_not_distinct_from(Other&& other) const {
    return make_distinct<false>(std::forward<Other>(other));
  }
  /// Sort orders for ORDER BY.
  [[nodiscard]] constexpr auto asc() const { return sort_item<Derived, false, 0>{self()}; }
  [[nodiscard]] constexpr auto desc() const { return sort_item<Derived, true, 0>{self()}; }
  /// expr AS "alias", for the select list.
  template <fixed_string Alias>
  [[nodiscard]] constexpr auto as() const {
    return aliased_expression<Derived, Alias>{self()};
  }

 private:
  constexpr const Derived& self() const { return static_cast<const Derived&>(*this); }

  template <fixed_string Op, class Other>
  constexpr auto make_match(Other&& other) const {
    // A pattern is text: once the operand is found not to be, skip the follow-on comparison error.
    constexpr bool is_text = detail::check_pattern_match<Derived>();
    auto right = [&] {
      if constexpr (is_text)
        return detail::comparison_operand<Derived>(std::forward<Other>(other));
      else
        return parameter<parameter_storage_t<Other>>{};
    }();
    return comparison<Op, Derived, decltype(right)>{{}, {self(), std::move(right)}};
  }
  template <fixed_string Op, bool Leading, bool Trailing, class Text>
  auto make_literal_match(const Text& text) const {
    constexpr bool is_value = detail::literal_text_argument<Text>;
    static_assert(is_value,
                  "contains(), starts_with() and ends_with() take the text to find as a value "
                  "(std::string, std::string_view, a literal), matched literally; to match "
                  "another expression's text, use like() with a pattern");
    if constexpr (is_value)
      return make_match<Op>(
          detail::literal_like_pattern<Leading, Trailing>(std::string_view(text)));
    else
      return make_match<Op>(std::string());
  }
  template <bool Negated, class Other>
  constexpr auto make_distinct(Other&& other) const {
    auto right = detail::comparison_operand<Derived>(std::forward<Other>(other));
    return distinct_from<Negated, Derived, decltype(right)>{{}, {self(), std::move(right)}};
  }
  template <bool Negated, class Low, class High>
  constexpr auto make_between(Low&& low, High&& high) const {
    auto from = detail::comparison_operand<Derived>(std::forward<Low>(low));
    auto to = detail::comparison_operand<Derived>(std::forward<High>(high));
    return between_node<Negated, Derived, decltype(from), decltype(to)>{
        {}, self(), std::move(from), std::move(to)};
  }
  template <bool Negated, class Values>
  constexpr auto make_in(Values&& values) const {
    using V = std::remove_cvref_t<Values>;
    if constexpr (detail::is_select_query<V>) {
      return in_subquery<Negated, Derived, V>{{}, self(), std::forward<Values>(values)};
    } else if constexpr (!std::ranges::range<V> ||
                         std::is_convertible_v<const V&, std::string_view> || expression<V>) {
      return make_in_list<Negated>(std::forward<Values>(values));  // one value (text is one too)
    } else {
      using element = parameter_storage_t<std::ranges::range_value_t<V>>;
      std::vector<element> list(std::ranges::begin(values), std::ranges::end(values));
      return in_array<Negated, Derived, std::vector<element>>{
          {}, self(), parameter<std::vector<element>>{{}, std::move(list)}};
    }
  }
  template <bool Negated, class... Values>
  constexpr auto make_in_list(Values&&... values) const {
    return make_in_list_of<Negated>(
        detail::comparison_operand<Derived>(std::forward<Values>(values))...);
  }
  template <bool Negated, class... Operands>
  constexpr auto make_in_list_of(Operands... operands) const {
    return in_list<Negated, Derived, Operands...>{
        {}, self(), detail::pack<Operands...>(std::move(operands)...)};
  }
};

namespace detail {

/// Renders an operand, in parentheses unless it delimits itself.
template <class E>
constexpr void render_operand(sql_writer& w) {
  if constexpr (E::is_atomic) {
    E::render(w);
  } else {
    w << '(';
    E::render(w);
    w << ')';
  }
}

/// Can be NULL when any operand can (true of operators and most functions).
template <class NullTables, class... E>
inline constexpr bool any_nullable = (E::template nullable_in<NullTables> || ...);

/// The tables and the parameter types of a node made of these operands, in rendering order.
template <class... E>
using tables_of = concat_t<typename E::tables...>;
template <class... E>
using params_of = concat_t<typename E::params...>;

/// Visits the bound values of operands, left to right.
template <class F, class... E>
constexpr void bind_all(F& f, const E&... operands) {
  (operands.bind(f), ...);
}

/// The operand of a node with one: its tables, parameters, nullability (NULL in, NULL out;
/// a node may redeclare nullable_in) and bound values.
template <class E>
struct unary_operand {
  E operand;

  using tables = typename E::tables;
  using params = typename E::params;
  template <class NullTables>
  static constexpr bool nullable_in = E::template nullable_in<NullTables>;

  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
  }
};

/// The operands of a node with two, bound left then right; NULL when either is.
template <class L, class R>
struct binary_operands {
  L left;
  R right;

  using tables = tables_of<L, R>;
  using params = params_of<L, R>;
  template <class NullTables>
  static constexpr bool nullable_in = any_nullable<NullTables, L, R>;

  template <class F>
  constexpr void bind(F& f) const {
    left.bind(f);
    right.bind(f);
  }
};

}  // namespace detail

/// A value bound as $n; it never enters the SQL text.
template <class T>
struct parameter : expression_ops<parameter<T>> {
  T value;

  using sql_type = nullable_base_t<T>;
  using tables = type_list<>;
  using params = type_list<T>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = is_optional_v<T>;

  static constexpr void render(sql_writer& w) { w.placeholder(); }
  template <class F>
  constexpr void bind(F& f) const {
    f(value);
  }
};

/// The condition of the rule that a window function (row_number(), lag(), ...) has .over().
template <class WindowFunction, bool Holds>
inline constexpr bool window_function_has_over = Holds;

/// Wraps a value as a parameter node (expressions pass through unchanged).
template <class V>
constexpr auto to_operand(V&& value) {
  if constexpr (expression<V>) {
    return std::remove_cvref_t<V>(std::forward<V>(value));
  } else if constexpr (detail::is_select_query<std::remove_cvref_t<V>>) {
    return scalar_subquery<std::remove_cvref_t<V>>{{}, std::forward<V>(value)};
  } else if constexpr (requires { typename std::remove_cvref_t<V>::pgdsl_needs_over; }) {
    static_assert(window_function_has_over<std::remove_cvref_t<V>, false>,
                  "a window function needs its window: add .over(pgdsl::window()...), e.g. "
                  "row_number().over(pgdsl::window().order_by(t.c))");
    return parameter<int>{};
  } else {
    using stored = parameter_storage_t<V>;
    static_assert(has_type_traits<nullable_base_t<stored>>,
                  "this C++ type has no PostgreSQL mapping: bind a supported type, or specialize "
                  "pgdsl::type_traits<T> for it (docs/types.md)");
    return parameter<stored>{{}, stored(std::forward<V>(value))};
  }
}

/// The node type to_operand makes of V.
template <class V>
using operand_t = decltype(to_operand(std::declval<V>()));

}  // namespace pgdsl

// ---- pgdsl/schema/assignment.hpp
// column = value: what INSERT's and UPDATE's set() take. The value is checked against the column
// when the assignment is written: its type family, and that NULL never goes into a NOT NULL column.

#include <optional>
#include <type_traits>
#include <utility>

// ---- pgdsl/expr/type_rules.hpp
// The type rules of comparisons and assignments, decided from the PostgreSQL type families of the
// two sides. Each rule is a static_assert whose condition spells the SQL types (and the column,
// when there is one) as types, so both g++ and clang print them in the error's first line.

#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

// ---- pgdsl/util/name_type.hpp
// name_type: a fixed_string turned into a type whose template arguments are its characters.
// Compile errors print it as name<'u', 's', 'e', 'r', 's'> on both g++ and clang (clang prints a
// fixed_string argument as a byte array), so rule checks put names into their conditions this way.

#include <cstddef>
#include <utility>


namespace pgdsl {

/// The characters of a SQL name, spelled as a type for readable compiler messages.
template <char... Characters>
struct name {};

namespace detail {
template <fixed_string Text, std::size_t... I>
auto name_type_of(std::index_sequence<I...>) -> name<Text.data[I]...>;
}  // namespace detail

/// name<...> for the characters of Text.
template <fixed_string Text>
using name_type = decltype(detail::name_type_of<Text>(std::make_index_sequence<Text.size()>{}));

}  // namespace pgdsl

namespace pgdsl {

/// Stands in an error message for an expression that is not a column.
struct an_expression {};

namespace detail {

template <class E>
struct description_of {
  using type = an_expression;
};
template <class E>
requires requires {
  typename E::description;
}
struct description_of<E> {
  using type = typename E::description;
};

template <class T, std::size_t... I>
auto sql_name_of(std::index_sequence<I...>) -> name<type_traits<T>::sql_name[I]...>;

}  // namespace detail

/// What error messages call an expression: column<name<table>, name<column>> or an_expression.
template <class E>
using description_t = typename detail::description_of<std::remove_cvref_t<E>>::type;

/// The SQL type name of T (e.g. name<'i','n','t','8'>) for error messages.
template <class T>
using sql_type_name =
    decltype(detail::sql_name_of<T>(std::make_index_sequence<type_traits<T>::sql_name.size()>{}));

namespace detail {

constexpr bool is_numeric(type_category c) {
  return c == type_category::integral || c == type_category::floating ||
         c == type_category::decimal;
}

/// PostgreSQL compares A with B: same type, numbers of any kind, dates and timestamps, or two
/// values of one family (text with text).
template <class A, class B>
constexpr bool comparable_types() {
  if constexpr (std::is_same_v<A, B>) {
    return true;
  } else {
    constexpr type_category a = type_traits<A>::category, b = type_traits<B>::category;
    if constexpr (a == type_category::array && b == type_category::array) {
      return comparable_types<typename A::value_type, typename B::value_type>();
    } else if constexpr (a == type_category::enumeration || a == type_category::other ||
                         a == type_category::array) {
      return false;
    } else {
      return a == b || (is_numeric(a) && is_numeric(b));
    }
  }
}

/// A value of type Value may be stored into a column of type Column: comparable families, except
/// that a number may not narrow from floating point or decimal into an integer column.
template <class Column, class Value>
constexpr bool assignable_types() {
  if constexpr (std::is_same_v<Column, Value>) {
    return true;
  } else {
    constexpr type_category c = type_traits<Column>::category, v = type_traits<Value>::category;
    if constexpr (c == type_category::integral && v != type_category::integral) {
      return false;
    } else if constexpr (c == type_category::array && v == type_category::array) {
      return assignable_types<typename Column::value_type, typename Value::value_type>();
    } else {
      return comparable_types<Column, Value>();
    }
  }
}

}  // namespace detail

/// The condition of the comparison rule, spelled so that a failure names both types.
template <class Left, class LeftType, class RightType, bool Holds>
inline constexpr bool values_are_comparable = Holds;
/// The condition of the assignment rule.
template <class Column, class ColumnType, class ValueType, bool Holds>
inline constexpr bool value_fits_column = Holds;
/// The condition of the NULL comparison rule.
template <class Left, bool Holds>
inline constexpr bool compared_with_null = Holds;

namespace detail {

template <class Partner, class Operand>
constexpr void check_comparable() {
  using left = sql_type_t<Partner>;
  using right = sql_type_t<Operand>;
  // A type without a mapping has already been reported where it became an operand.
  if constexpr (has_type_traits<left> && has_type_traits<right>)
    static_assert(values_are_comparable<description_t<Partner>, sql_type_name<left>,
                                        sql_type_name<right>, comparable_types<left, right>()>,
                  "cannot compare values of these SQL types: bind a value of the column's type, or "
                  "convert one side with pgdsl::cast<T>(...)");
}

/// The right-hand side of a comparison with Partner, checked against Partner's type.
template <class Partner, class V>
constexpr auto comparison_operand(V&& value) {
  constexpr bool is_null_literal = std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>;
  static_assert(compared_with_null<description_t<Partner>, !is_null_literal>,
                "comparing with NULL is never true in SQL: use .is_null() or .is_not_null()");
  if constexpr (!is_null_literal) {
    auto operand = to_operand(std::forward<V>(value));
    check_comparable<Partner, decltype(operand)>();
    return operand;
  } else {
    return parameter<std::optional<sql_type_t<Partner>>>{};  // the assertion above has fired
  }
}

template <class E>
constexpr bool check_pattern_match() {
  constexpr bool is_text = type_traits<sql_type_t<E>>::category == type_category::text;
  static_assert(values_are_comparable<description_t<E>, sql_type_name<sql_type_t<E>>,
                                      sql_type_name<std::string>, is_text>,
                "LIKE and ILIKE match text: cast the value to text first "
                "(pgdsl::cast<std::string>(...))");
  return is_text;
}

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {

/// Column = Value.
template <class Column, class Value>
struct assignment {
  Value value;

  using column = Column;
  using tables = typename Value::tables;
  using params = typename Value::params;

  /// The column as a SET target or in INSERT's column list: unqualified.
  static constexpr void render_target(sql_writer& w) { w.identifier(Column::name.view()); }
  static constexpr void render_value(sql_writer& w) { detail::render_operand<Value>(w); }
  /// "column" = value, as in SET.
  static constexpr void render(sql_writer& w) {
    render_target(w);
    w << " = ";
    render_value(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    value.bind(f);
  }
};

/// The condition of the NOT NULL rule.
template <class Column, bool Holds>
inline constexpr bool column_accepts_null = Holds;

/// Builds column = value after checking the value against the column.
template <class Column, class V>
constexpr auto make_assignment(V&& value) {
  using column_sql_type = typename Column::sql_type;
  if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::nullopt_t>) {
    static_assert(column_accepts_null<typename Column::description, Column::is_nullable>,
                  "cannot store NULL in a NOT NULL column: declare the column std::optional<T> "
                  "if it is nullable");
    return assignment<Column, parameter<std::optional<column_sql_type>>>{{}};
  } else {
    auto operand = to_operand(std::forward<V>(value));
    using operand_type = decltype(operand);
    using value_sql_type = sql_type_t<operand_type>;
    static_assert(value_fits_column<typename Column::description, sql_type_name<column_sql_type>,
                                    sql_type_name<value_sql_type>,
                                    detail::assignable_types<column_sql_type, value_sql_type>()>,
                  "cannot store a value of this SQL type in the column: bind a value of the "
                  "column's type, or convert it with pgdsl::cast<T>(...)");
    static_assert(column_accepts_null < typename Column::description,
                  Column::is_nullable || !nullable_v < operand_type >>,
                  "cannot store a value that may be NULL (a std::optional or a nullable "
                  "expression) in a NOT NULL column: pass the contained value, or use "
                  "pgdsl::coalesce(value, fallback)");
    return assignment<Column, operand_type>{std::move(operand)};
  }
}

}  // namespace pgdsl

// ---- pgdsl/schema/name_rules.hpp
// What a SQL name must be before it is quoted into SQL text: non-empty, free of NUL, and at most
// 63 bytes of UTF-8 (PostgreSQL silently truncates longer identifiers, so two long names could
// become one). Quoting (doubling embedded ") makes every other character safe.

#include <cstddef>


namespace pgdsl {

/// PostgreSQL's identifier limit: NAMEDATALEN - 1 bytes (UTF-8 bytes, not characters).
inline constexpr std::size_t max_sql_name_bytes = 63;

/// True for names pgdsl can quote as identifiers.
template <std::size_t N>
constexpr bool valid_sql_name(const fixed_string<N>& name) {
  if (N == 0) return false;
  for (std::size_t i = 0; i < N; ++i)
    if (name[i] == '\0') return false;
  return true;
}

/// True for names PostgreSQL keeps whole; N counts bytes, so a UTF-8 name is measured in bytes.
template <std::size_t N>
constexpr bool sql_name_fits(const fixed_string<N>&) {
  return N <= max_sql_name_bytes;
}

}  // namespace pgdsl

namespace pgdsl {

/// What error messages call a column: column_description<name<table>, name<column>>.
template <class TableName, class ColumnName>
struct column_description {};

/// What error messages call a table: table_description<name<table>>.
template <class TableName>
struct table_description {};

template <class Table, fixed_string Alias>
struct table_alias;

/// Base of a table descriptor; Name is the table's SQL name.
template <fixed_string Name>
struct table {
  static_assert(valid_sql_name(Name),
                "a table name must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Name), "a table name must be at most 63 bytes (PostgreSQL would "
                                     "truncate it); shorten it");

  /// What FROM and the column checks compare: one type per table name.
  using table_identity = table;
  using description = table_description<name_type<Name>>;
  static constexpr auto sql_name = Name;

  static constexpr void render_reference(sql_writer& w) { w.identifier(Name.view()); }

  /// A column of this table; T is std::optional<U> for a nullable column.
  template <fixed_string ColumnName, class T, class... Constraints>
  struct column : expression_ops<column<ColumnName, T, Constraints...>> {
    static_assert(valid_sql_name(ColumnName),
                  "a column name must be non-empty and contain no NUL character");
    static_assert(sql_name_fits(ColumnName), "a column name must be at most 63 bytes (PostgreSQL "
                                             "would truncate it); shorten it");

    using table_type = table;
    using value_type = T;
    using sql_type = nullable_base_t<T>;
    using constraints = type_list<Constraints...>;
    using tables = type_list<table>;
    using params = type_list<>;
    using description = column_description<name_type<Name>, name_type<ColumnName>>;
    static constexpr auto name = ColumnName;
    static constexpr bool is_atomic = true;
    static constexpr bool is_nullable = is_optional_v<T>;
    static constexpr bool has_default = (detail::gives_default<Constraints> || ...);
    template <class NullTables>
    static constexpr bool nullable_in = is_nullable || contains_v<table, NullTables>;

    static constexpr void render(sql_writer& w) {
      w.identifier(Name.view());
      w << '.';
      w.identifier(ColumnName.view());
    }
    template <class F>
    constexpr void bind(F&) const {}

    /// column = value: an assignment for INSERT's set(), UPDATE's set() and ON CONFLICT.
    template <class V>
    constexpr auto operator=(V&& value) const {  // NOLINT: builds a node, assigns nothing
      return make_assignment<column>(std::forward<V>(value));
    }
  };

  /// The same table under another name, for self-joins: users.as<"u">().
  template <fixed_string Alias>
  constexpr auto as() const {
    return table_alias<table, Alias>{};
  }
};

/// True for types derived from a table<...>.
template <class T>
concept table_type = requires {
  typename std::remove_cvref_t<T>::table_identity;
};

/// True for column descriptors (not for aliased columns or other expressions).
template <class C>
concept column_type = requires {
  typename std::remove_cvref_t<C>::table_type;
  typename std::remove_cvref_t<C>::value_type;
};

}  // namespace pgdsl

// ---- pgdsl/util/detail/aggregate_members.hpp
// The one reflection engine for aggregates, shared by table descriptors (their columns) and by
// structs that results map into (their members): the member count comes from aggregate
// initialization, the members themselves from visit_members, a generated structured-binding
// ladder. Both uses therefore have the same limit, max_aggregate_members.

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/util/detail/visit_members.hpp
// Generated by tools/generate_field_lists.py: visit_members<N>(object, f) calls f with the N
// members of an aggregate, in declaration order, through a structured binding (the one portable
// C++20 way to list them). Up to 64 members. Do not edit; change the generator and run it
// again (a test regenerates this file and compares).

#include <cstddef>

namespace pgdsl::detail {

/// The most members an aggregate may have to be reflected (table columns, mapped struct members).
inline constexpr std::size_t max_aggregate_members = 64;

// clang-format off
template <std::size_t N, class T, class F>
constexpr decltype(auto) visit_members(T& object, F&& visit) {
  static_assert(N <= max_aggregate_members, "pgdsl reflects aggregates of up to 64 members");
  if constexpr (N == 0) {
    (void)object;
    return visit();
  } else if constexpr (N == 1) {
    auto& [m0] = object;
    return visit(m0);
  } else if constexpr (N == 2) {
    auto& [m0, m1] = object;
    return visit(m0, m1);
  } else if constexpr (N == 3) {
    auto& [m0, m1, m2] = object;
    return visit(m0, m1, m2);
  } else if constexpr (N == 4) {
    auto& [m0, m1, m2, m3] = object;
    return visit(m0, m1, m2, m3);
  } else if constexpr (N == 5) {
    auto& [m0, m1, m2, m3, m4] = object;
    return visit(m0, m1, m2, m3, m4);
  } else if constexpr (N == 6) {
    auto& [m0, m1, m2, m3, m4, m5] = object;
    return visit(m0, m1, m2, m3, m4, m5);
  } else if constexpr (N == 7) {
    auto& [m0, m1, m2, m3, m4, m5, m6] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6);
  } else if constexpr (N == 8) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7);
  } else if constexpr (N == 9) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8);
  } else if constexpr (N == 10) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9);
  } else if constexpr (N == 11) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10);
  } else if constexpr (N == 12) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11);
  } else if constexpr (N == 13) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12);
  } else if constexpr (N == 14) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13);
  } else if constexpr (N == 15) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14);
  } else if constexpr (N == 16) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15);
  } else if constexpr (N == 17) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16);
  } else if constexpr (N == 18) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17);
  } else if constexpr (N == 19) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18);
  } else if constexpr (N == 20) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19);
  } else if constexpr (N == 21) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20);
  } else if constexpr (N == 22) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21);
  } else if constexpr (N == 23) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22);
  } else if constexpr (N == 24) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23);
  } else if constexpr (N == 25) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24);
  } else if constexpr (N == 26) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25);
  } else if constexpr (N == 27) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26);
  } else if constexpr (N == 28) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27);
  } else if constexpr (N == 29) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28);
  } else if constexpr (N == 30) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29);
  } else if constexpr (N == 31) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30);
  } else if constexpr (N == 32) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31);
  } else if constexpr (N == 33) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32);
  } else if constexpr (N == 34) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33);
  } else if constexpr (N == 35) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34);
  } else if constexpr (N == 36) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35);
  } else if constexpr (N == 37) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36);
  } else if constexpr (N == 38) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37);
  } else if constexpr (N == 39) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38);
  } else if constexpr (N == 40) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39);
  } else if constexpr (N == 41) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40);
  } else if constexpr (N == 42) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41);
  } else if constexpr (N == 43) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42);
  } else if constexpr (N == 44) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43);
  } else if constexpr (N == 45) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44);
  } else if constexpr (N == 46) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45);
  } else if constexpr (N == 47) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46);
  } else if constexpr (N == 48) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47);
  } else if constexpr (N == 49) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48);
  } else if constexpr (N == 50) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49);
  } else if constexpr (N == 51) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50);
  } else if constexpr (N == 52) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51);
  } else if constexpr (N == 53) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52);
  } else if constexpr (N == 54) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53);
  } else if constexpr (N == 55) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54);
  } else if constexpr (N == 56) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55);
  } else if constexpr (N == 57) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56);
  } else if constexpr (N == 58) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57);
  } else if constexpr (N == 59) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58);
  } else if constexpr (N == 60) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59);
  } else if constexpr (N == 61) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60);
  } else if constexpr (N == 62) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60, m61] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60, m61);
  } else if constexpr (N == 63) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60, m61, m62] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60, m61, m62);
  } else if constexpr (N == 64) {
    auto& [m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60, m61, m62, m63] = object;
    return visit(m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24, m25, m26, m27, m28, m29, m30, m31, m32, m33, m34, m35, m36, m37, m38, m39, m40, m41, m42, m43, m44, m45, m46, m47, m48, m49, m50, m51, m52, m53, m54, m55, m56, m57, m58, m59, m60, m61, m62, m63);
  }
}
// clang-format on

}  // namespace pgdsl::detail

namespace pgdsl::detail {

// Converts to anything, to count how many initializers an aggregate takes.
struct any_initializer {
  template <class T>
  operator T() const;  // NOLINT: implicit on purpose; never defined, only used unevaluated
};
template <std::size_t>
using any_initializer_at = any_initializer;

template <class T, std::size_t... I>
constexpr bool initializable_with(std::index_sequence<I...>) {
  return requires {
    T{any_initializer_at<I>{}...};
  };
}

/// How many initializers aggregate T takes (a base class takes one, as does each member), counted
/// up to Limit: callers choose one past their own limit, so a larger aggregate is reported, not
/// cut.
template <class T, std::size_t Limit = max_aggregate_members + 1, std::size_t N = 0>
constexpr std::size_t initializer_count() {
  if constexpr (N >= Limit || !initializable_with<T>(std::make_index_sequence<N + 1>{}))
    return N;
  else
    return initializer_count<T, Limit, N + 1>();
}

/// The number of members of an aggregate without base classes.
template <class T>
constexpr std::size_t aggregate_field_count() {
  return initializer_count<std::remove_cv_t<T>>();
}

/// The members of an aggregate object as a tuple of references, in declaration order.
template <class T>
constexpr auto tie_members(T& object) {
  constexpr std::size_t count = aggregate_field_count<T>();
  static_assert(count >= 1 && count <= max_aggregate_members,
                "pgdsl maps aggregates of 1 to 64 members; adapt larger structs with "
                "BOOST_HANA_DEFINE_STRUCT");
  return visit_members<count>(object, [](auto&... members) { return std::tie(members...); });
}

struct member_types_visitor {
  template <class... M>
  type_list<std::remove_cv_t<M>...> operator()(M&...) const;
};

/// The types of an aggregate's first N members, cv-qualifiers removed, as a type_list.
template <class T, std::size_t N>
using member_types_t = decltype(visit_members<N>(std::declval<const T&>(), member_types_visitor{}));

}  // namespace pgdsl::detail

namespace pgdsl {

namespace detail {

// The table<...> base takes the first initializer; the columns take the rest.
template <class T>
constexpr std::size_t column_count() {
  constexpr std::size_t initializers = initializer_count<T, max_aggregate_members + 2>();
  static_assert(initializers <= max_aggregate_members + 1,
                "pgdsl reads tables of up to 64 columns; split the table");
  return initializers - 1;
}

}  // namespace detail

/// The column descriptor types of table struct T, in declaration order.
template <class T>
using columns_of_t = detail::member_types_t<T, detail::column_count<T>()>;

/// Every column of a table, for select(): select(all_of(users)). Renders as the column list.
template <class Columns>
struct column_pack;
template <class... Columns>
struct column_pack<type_list<Columns...>> {
  using columns = type_list<Columns...>;
  using tables = concat_t<typename Columns::tables...>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) { detail::render_list<Columns...>(w); }
  template <class F>
  constexpr void bind(F&) const {}
};

template <class T>
inline constexpr bool is_column_pack = false;
template <class Columns>
inline constexpr bool is_column_pack<column_pack<Columns>> = true;

template <table_type T>
constexpr auto all_of(const T&) {
  return column_pack<columns_of_t<T>>{};
}

}  // namespace pgdsl

// ---- pgdsl/schema/table_alias.hpp
// A table under an alias, for self-joins: constexpr auto boss = employees.as<"boss">();
// boss[employees.name] is that column seen through the alias: "boss"."name".

#include <type_traits>


namespace pgdsl {

/// What error messages call an aliased table.
template <class TableName, class AliasName>
struct alias_description {};

/// Column seen through the alias Alias (a table_alias type).
template <class Alias, class Column>
struct aliased_column : expression_ops<aliased_column<Alias, Column>> {
  using value_type = typename Column::value_type;
  using sql_type = typename Column::sql_type;
  using tables = type_list<Alias>;
  using params = type_list<>;
  using description = column_description<name_type<Alias::alias>, name_type<Column::name>>;
  static constexpr auto name = Column::name;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Column::is_nullable || contains_v<Alias, NullTables>;

  static constexpr void render(sql_writer& w) {
    w.identifier(Alias::alias.view());
    w << '.';
    w.identifier(Column::name.view());
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// Table (a table<...> base) under the name Alias.
template <class Table, fixed_string Alias>
struct table_alias {
  static_assert(valid_sql_name(Alias), "an alias must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Alias),
                "an alias must be at most 63 bytes (PostgreSQL would truncate it); shorten it");

  using table_identity = table_alias;
  using description = alias_description<name_type<Table::sql_name>, name_type<Alias>>;
  static constexpr auto alias = Alias;

  /// "table" AS "alias", as FROM and JOIN write it.
  static constexpr void render_reference(sql_writer& w) {
    Table::render_reference(w);
    w << " AS ";
    w.identifier(Alias.view());
  }

  /// The column `column` of the aliased table.
  template <class Column>
  constexpr auto operator[](const Column&) const {
    static_assert(std::is_same_v<typename Column::table_type, Table>,
                  "this column belongs to another table than the alias");
    return aliased_column<table_alias, Column>{};
  }
};

}  // namespace pgdsl

// ---- pgdsl/schema/view.hpp
// view<"name">: the descriptor of a view (or materialized view), declared like a table and read
// with select(); INSERT, UPDATE, DELETE and create_table() on it do not compile. pgdsl-codegen
// writes views this way.


namespace pgdsl {

/// Base of a view descriptor: struct active_users_t : pgdsl::view<"active_users"> { column<...> };
template <fixed_string Name>
struct view : table<Name> {
  static constexpr bool is_view = true;
};

/// The condition of the read-only rule: names the view.
template <class Table, bool Holds>
inline constexpr bool descriptor_is_a_table = Holds;

namespace detail {

template <class T>
inline constexpr bool is_view = requires { requires T::is_view; };

/// Writing statements and CREATE TABLE refuse a view descriptor.
template <class Table>
constexpr void check_not_a_view() {
  static_assert(descriptor_is_a_table<typename Table::description, !is_view<Table>>,
                "this descriptor is a pgdsl::view: read it with select(); write to the tables "
                "under it (an updatable view can be declared as pgdsl::table to write to it)");
}

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/expr/aggregates.hpp
// Aggregates: count(*), count(x), count(DISTINCT x), sum, avg, min, max, with PostgreSQL's result
// types (sum of int8 is numeric, avg of integers is numeric) and nullability (sum/avg/min/max are
// NULL over no rows, so they read as std::optional; count never is).

#include <cstdint>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the rule that a window aggregate is not DISTINCT.
template <class Aggregate, bool Holds>
inline constexpr bool window_aggregate_is_not_distinct = Holds;

namespace detail {
/// An aggregate's null rule, once its argument has checked itself against the tables the query
/// may leave missing (array_agg's elements: pgdsl/aggregate/collecting_aggregates.hpp).
template <bool Nullable, class Argument, class NullTables>
constexpr bool aggregate_nullable() {
  if constexpr (requires { Argument::template check_nulls_in<NullTables>(); })
    Argument::template check_nulls_in<NullTables>();
  return Nullable;
}
}  // namespace detail

/// Name([DISTINCT] argument) with result type T; count(*) when Argument is void.
template <fixed_string Name, class T, bool Distinct, bool Nullable, class Argument>
struct aggregate : expression_ops<aggregate<Name, T, Distinct, Nullable, Argument>> {
  Argument argument;

  using sql_type = T;
  using tables = typename Argument::tables;
  using params = typename Argument::params;
  static constexpr bool is_atomic = true;
  static constexpr bool is_distinct = Distinct;
  template <class NullTables>
  static constexpr bool nullable_in = detail::aggregate_nullable<Nullable, Argument, NullTables>();

  static constexpr void render(sql_writer& w) {
    w << Name.view() << '(';
    if constexpr (Distinct) w << "DISTINCT ";
    Argument::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    argument.bind(f);
  }
  /// The aggregate over a window of rows instead of a group (pgdsl/window/window_functions.hpp).
  template <class Window>
  [[nodiscard]] constexpr auto over(const Window& window) const {
    static_assert(window_aggregate_is_not_distinct<aggregate, !Distinct>,
                  "PostgreSQL has no DISTINCT in a window aggregate: aggregate a subquery that "
                  "selects the distinct values instead");
    return detail::make_over(*this, window);
  }
  /// Name(argument ORDER BY keys): the order the aggregate sees its rows in
  /// (pgdsl/aggregate/ordered_aggregate.hpp).
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const {
    return detail::order_aggregate(*this, std::forward<Keys>(keys)...);
  }
  /// Name(argument) FILTER (WHERE condition): only the rows where condition holds
  /// (pgdsl/aggregate/filtered_aggregate.hpp).
  template <class Condition>
  [[nodiscard]] constexpr auto filter(Condition&& condition) const {
    return detail::filter_aggregate(*this, std::forward<Condition>(condition));
  }
  /// The same aggregate over another argument (used by .order_by()).
  template <class Other>
  constexpr auto with_argument(Other other) const {
    return aggregate<Name, T, Distinct, Nullable, Other>{{}, std::move(other)};
  }
};

/// The * of count(*).
struct all_rows_marker {
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) { w << '*'; }
  template <class F>
  constexpr void bind(F&) const {}
};

/// The condition of the numeric-aggregate rule.
template <class Argument, class ArgumentType, bool Holds>
inline constexpr bool aggregate_takes_numbers = Holds;

namespace detail {

template <class T>
constexpr bool is_number() {
  return is_numeric(type_traits<T>::category);
}

template <class E>
constexpr void check_numeric_argument() {
  static_assert(aggregate_takes_numbers<description_t<E>, sql_type_name<sql_type_t<E>>,
                                        is_number<sql_type_t<E>>()>,
                "sum() and avg() take numbers");
}

// sum: int2/int4 -> int8, int8 -> numeric, float4 -> float4, float8 -> float8, numeric -> numeric.
template <class T>
using sum_type_t =
    std::conditional_t<type_traits<T>::category == type_category::integral,
                       std::conditional_t<(sizeof(T) < 8), std::int64_t, numeric>, T>;
// avg: integers and numeric -> numeric, floating point -> float8.
template <class T>
using avg_type_t =
    std::conditional_t<type_traits<T>::category == type_category::floating, double, numeric>;

template <fixed_string Name, class T, bool Distinct, bool Nullable, class E>
constexpr auto make_aggregate(E&& argument) {
  return aggregate<Name, T, Distinct, Nullable, operand_t<E>>{
      {}, to_operand(std::forward<E>(argument))};
}

}  // namespace detail

/// count(*).
constexpr auto count() {
  return aggregate<"count", std::int64_t, false, false, all_rows_marker>{};
}
/// count(x): the rows where x is not NULL.
template <expression E>
constexpr auto count(const E& argument) {
  return detail::make_aggregate<"count", std::int64_t, false, false>(argument);
}
/// count(DISTINCT x).
template <expression E>
constexpr auto count_distinct(const E& argument) {
  return detail::make_aggregate<"count", std::int64_t, true, false>(argument);
}
template <expression E>
constexpr auto sum(const E& argument) {
  detail::check_numeric_argument<E>();
  return detail::make_aggregate<"sum", detail::sum_type_t<sql_type_t<E>>, false, true>(argument);
}
template <expression E>
constexpr auto avg(const E& argument) {
  detail::check_numeric_argument<E>();
  return detail::make_aggregate<"avg", detail::avg_type_t<sql_type_t<E>>, false, true>(argument);
}
template <expression E>
constexpr auto min(const E& argument) {
  return detail::make_aggregate<"min", sql_type_t<E>, false, true>(argument);
}
template <expression E>
constexpr auto max(const E& argument) {
  return detail::make_aggregate<"max", sql_type_t<E>, false, true>(argument);
}

}  // namespace pgdsl

// ---- pgdsl/expr/aliased_expression.hpp
// expr.as<"name">(): a select-list item with a column alias. The alias becomes the result
// column's name (what .as<Struct>() matches member names against); the node is the key of row[...].


namespace pgdsl {

/// operand AS "Alias".
template <class E, fixed_string Alias>
struct aliased_expression {
  static_assert(!Alias.empty(), "a column alias must not be empty");
  static_assert(Alias.size() <= max_sql_name_bytes,
                "a column alias must be at most 63 bytes (PostgreSQL would truncate it); shorten it");

  E operand;

  using aliased_type = E;
  using sql_type = sql_type_t<E>;
  using tables = typename E::tables;
  using params = typename E::params;
  static constexpr auto alias = Alias;
  template <class NullTables>
  static constexpr bool nullable_in = E::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    E::render(w);
    w << " AS ";
    w.identifier(Alias.view());
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
  }
};

}  // namespace pgdsl

// ---- pgdsl/expr/arithmetic.hpp
// Arithmetic: + - * / % and unary minus, with PostgreSQL's result types (int4 + int8 is int8,
// anything with numeric is numeric, anything with float8 is float8); + on two texts is ||.

#include <cstdint>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// (left Op right) of result type T.
template <fixed_string Op, class T, class L, class R>
struct arithmetic : expression_ops<arithmetic<Op, T, L, R>>, detail::binary_operands<L, R> {
  using sql_type = T;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << '(';
    detail::render_operand<L>(w);
    w << Op.view();
    detail::render_operand<R>(w);
    w << ')';
  }
};

/// (- operand).
template <class E>
struct minus : expression_ops<minus<E>>, detail::unary_operand<E> {
  using sql_type = sql_type_t<E>;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << "(- ";
    detail::render_operand<E>(w);
    w << ')';
  }
};

/// The condition of the arithmetic rule.
template <class Left, class LeftType, class RightType, bool Holds>
inline constexpr bool arithmetic_applies = Holds;

namespace detail {

// Rank of a numeric type in PostgreSQL's resolution: the higher rank is the result type.
template <class T>
constexpr int numeric_rank() {
  constexpr type_category c = type_traits<T>::category;
  if constexpr (c == type_category::integral) return static_cast<int>(sizeof(T));  // 2, 4, 8
  if constexpr (c == type_category::decimal) return 16;
  if constexpr (c == type_category::floating) return sizeof(T) == 4 ? 32 : 64;
  return 0;
}

template <class A, class B>
using numeric_result_t = std::conditional_t<(numeric_rank<A>() >= numeric_rank<B>()), A, B>;

// The result type of A Op B, or void when PostgreSQL has no such operator.
template <char Op, class A, class B>
auto arithmetic_result() {
  constexpr type_category a = type_traits<A>::category, b = type_traits<B>::category;
  if constexpr (Op == '+' && a == type_category::text && b == type_category::text) {
    return std::string{};
  } else if constexpr (is_numeric(a) && is_numeric(b)) {
    if constexpr (Op == '%' && (a == type_category::floating || b == type_category::floating)) {
      return;
    } else {
      return numeric_result_t<A, B>{};
    }
  }
}

template <char Op>
constexpr fixed_string<3> spaced_operator() {
  const char text[4] = {' ', Op, ' ', '\0'};
  return fixed_string<3>(text);
}

template <char Op, class L, class R>
constexpr auto make_arithmetic(L&& left, R&& right) {
  auto l = to_operand(std::forward<L>(left));
  auto r = to_operand(std::forward<R>(right));
  using lt = sql_type_t<decltype(l)>;
  using rt = sql_type_t<decltype(r)>;
  using result = decltype(arithmetic_result<Op, lt, rt>());
  static_assert(arithmetic_applies<description_t<decltype(l)>, sql_type_name<lt>, sql_type_name<rt>,
                                   !std::is_void_v<result>>,
                "PostgreSQL has no such operator for these SQL types: + - * / work on numbers "
                "(+ also joins two texts), % on integers and numeric");
  using result_type = std::conditional_t<std::is_void_v<result>, lt, result>;
  if constexpr (Op == '+' && std::is_same_v<result, std::string>) {
    return arithmetic<" || ", result_type, decltype(l), decltype(r)>{{},
                                                                     {std::move(l), std::move(r)}};
  } else {
    return arithmetic<spaced_operator<Op>(), result_type, decltype(l), decltype(r)>{
        {}, {std::move(l), std::move(r)}};
  }
}

}  // namespace detail

template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator+(L&& left, R&& right) {
  return detail::make_arithmetic<'+'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator-(L&& left, R&& right) {
  return detail::make_arithmetic<'-'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator*(L&& left, R&& right) {
  return detail::make_arithmetic<'*'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator/(L&& left, R&& right) {
  return detail::make_arithmetic<'/'>(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator%(L&& left, R&& right) {
  return detail::make_arithmetic<'%'>(std::forward<L>(left), std::forward<R>(right));
}
template <expression E>
constexpr auto operator-(const E& operand) {
  return minus<E>{{}, {operand}};
}

}  // namespace pgdsl

// ---- pgdsl/expr/case_when.hpp
// CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] [ELSE e] END:
// case_when(c1, v1).when(c2, v2).else_(e). Without else_() the result can be NULL.

#include <type_traits>
#include <utility>

// ---- pgdsl/expr/logical.hpp
// AND, OR and NOT, written && || !. AND and OR put themselves in parentheses, so any nesting
// reads unambiguously: ("a" = $1 AND ("b" = $2 OR "c" = $3)).

#include <type_traits>
#include <utility>


namespace pgdsl {

/// (left Op right) with Op " AND " or " OR ".
template <fixed_string Op, class L, class R>
struct logical : expression_ops<logical<Op, L, R>>, detail::binary_operands<L, R> {
  using sql_type = bool;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << '(';
    L::render(w);
    w << Op.view();
    R::render(w);
    w << ')';
  }
};

/// NOT operand.
template <class E>
struct negation : expression_ops<negation<E>>, detail::unary_operand<E> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;

  static constexpr void render(sql_writer& w) {
    w << "NOT ";
    detail::render_operand<E>(w);
  }
};

/// The condition of the boolean-operand rule.
template <class Operand, class OperandType, bool Holds>
inline constexpr bool operand_is_boolean = Holds;

namespace detail {

template <class E>
constexpr void check_boolean() {
  static_assert(operand_is_boolean<description_t<E>, sql_type_name<sql_type_t<E>>,
                                   std::is_same_v<sql_type_t<E>, bool>>,
                "AND, OR and NOT need boolean operands (conditions such as x == y)");
}

template <fixed_string Op, class L, class R>
constexpr auto combine(L&& left, R&& right) {
  auto l = to_operand(std::forward<L>(left));
  auto r = to_operand(std::forward<R>(right));
  check_boolean<decltype(l)>();
  check_boolean<decltype(r)>();
  return logical<Op, decltype(l), decltype(r)>{{}, {std::move(l), std::move(r)}};
}

}  // namespace detail

template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator&&(L&& left, R&& right) {
  return detail::combine<" AND ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(expression<L> || expression<R>) constexpr auto operator||(L&& left, R&& right) {
  return detail::combine<" OR ">(std::forward<L>(left), std::forward<R>(right));
}
template <expression E>
constexpr auto operator!(const E& operand) {
  detail::check_boolean<E>();
  return negation<E>{{}, {operand}};
}

}  // namespace pgdsl

namespace pgdsl {

/// WHEN Condition THEN Value.
template <class Condition, class Value>
struct when_branch {
  using condition_type = Condition;
  using value_type = Value;
  Condition condition;
  Value value;
};

namespace detail {
template <class FirstValue, class C, class V>
constexpr auto make_branch(C&& condition, V&& value) {
  auto c = to_operand(std::forward<C>(condition));
  check_boolean<decltype(c)>();
  auto v = to_operand(std::forward<V>(value));
  if constexpr (!std::is_void_v<FirstValue>) check_comparable<FirstValue, decltype(v)>();
  return when_branch<decltype(c), decltype(v)>{std::move(c), std::move(v)};
}
}  // namespace detail

/// No ELSE: the CASE is NULL when no condition holds.
struct no_else {
  using tables = type_list<>;
  using params = type_list<>;
  template <class NullTables>
  static constexpr bool nullable_in = true;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// CASE Branches... [ELSE Else] END, typed as the first branch's value.
template <class Else, class... Branches>
struct case_expression : expression_ops<case_expression<Else, Branches...>> {
  detail::pack<Branches...> branches;
  Else otherwise;

  using first_value = typename at_t<0, type_list<Branches...>>::value_type;
  using sql_type = sql_type_t<first_value>;
  using tables = concat_t<typename Branches::condition_type::tables...,
                          typename Branches::value_type::tables..., typename Else::tables>;
  using params = concat_t<
      concat_t<typename Branches::condition_type::params, typename Branches::value_type::params>...,
      typename Else::params>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Else::template nullable_in<NullTables> ||
                                      (Branches::value_type::template nullable_in<NullTables> ||
                                       ...);

  /// Another WHEN condition THEN value.
  template <class C, class V>
  constexpr auto when(C&& condition, V&& value) const {
    static_assert(std::is_same_v<Else, no_else>, "WHEN must come before ELSE");
    auto branch =
        detail::make_branch<first_value>(std::forward<C>(condition), std::forward<V>(value));
    return case_expression<Else, Branches..., decltype(branch)>{
        {}, detail::pack<Branches...>(branches).with_back(std::move(branch)), otherwise};
  }
  /// ELSE value.
  template <class V>
  constexpr auto else_(V&& value) const {
    static_assert(std::is_same_v<Else, no_else>, "a CASE has one ELSE");
    auto operand = to_operand(std::forward<V>(value));
    detail::check_comparable<first_value, decltype(operand)>();
    return case_expression<decltype(operand), Branches...>{{}, branches, std::move(operand)};
  }

  static constexpr void render(sql_writer& w) {
    w << "CASE";
    (render_branch<Branches>(w), ...);
    if constexpr (!std::is_same_v<Else, no_else>) {
      w << " ELSE ";
      Else::render(w);
    }
    w << " END";
  }
  template <class F>
  constexpr void bind(F& f) const {
    branches.for_each([&f](const auto& branch) {
      branch.condition.bind(f);
      branch.value.bind(f);
    });
    otherwise.bind(f);
  }

 private:
  template <class Branch>
  static constexpr void render_branch(sql_writer& w) {
    w << " WHEN ";
    Branch::condition_type::render(w);
    w << " THEN ";
    Branch::value_type::render(w);
  }
};

/// CASE WHEN condition THEN value ... END.
template <class C, class V>
constexpr auto case_when(C&& condition, V&& value) {
  auto branch = detail::make_branch<void>(std::forward<C>(condition), std::forward<V>(value));
  return case_expression<no_else, decltype(branch)>{
      {}, detail::pack<decltype(branch)>(std::move(branch)), {}};
}

}  // namespace pgdsl

// ---- pgdsl/expr/cast.hpp
// CAST(x AS type), with the PostgreSQL type taken from the C++ type: cast<std::int64_t>(x) is
// CAST(x AS int8). The way to compare or assign across type families on purpose.

#include <utility>


namespace pgdsl {

/// CAST(operand AS type_traits<T>::sql_name).
template <class T, class E>
struct cast_expression : expression_ops<cast_expression<T, E>>, detail::unary_operand<E> {
  using sql_type = T;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << "CAST(";
    E::render(w);
    w << " AS " << type_traits<T>::sql_name << ')';
  }
};

/// cast<T>(x): x converted by the server to T's PostgreSQL type.
template <class T, class E>
constexpr auto cast(E&& operand) {
  return cast_expression<T, operand_t<E>>{{}, {to_operand(std::forward<E>(operand))}};
}

}  // namespace pgdsl

// ---- pgdsl/expr/comparison.hpp
// Comparisons: = <> < <= > >= (and LIKE, which shares the shape), IS [NOT] DISTINCT FROM.
// Written with C++ operators; a value on either side becomes a bound parameter of the other
// side's family, and the pair is checked by the comparison rule.

#include <utility>


namespace pgdsl {

/// left Op right, where Op is " = ", " <> ", " LIKE ", ...
template <fixed_string Op, class L, class R>
struct comparison : expression_ops<comparison<Op, L, R>>, detail::binary_operands<L, R> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<L>(w);
    w << Op.view();
    detail::render_operand<R>(w);
  }
};

/// left IS [NOT] DISTINCT FROM right: NULL-safe, never NULL itself.
template <bool Negated, class L, class R>
struct distinct_from : expression_ops<distinct_from<Negated, L, R>>, detail::binary_operands<L, R> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<L>(w);
    w << (Negated ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ");
    detail::render_operand<R>(w);
  }
};

namespace detail {

template <fixed_string Op, class L, class R>
constexpr auto compare(L&& left, R&& right) {
  using left_type = std::remove_cvref_t<L>;
  auto operand = comparison_operand<left_type>(std::forward<R>(right));
  return comparison<Op, left_type, decltype(operand)>{{},
                                                      {std::forward<L>(left), std::move(operand)}};
}

// A value on the left: render it first so that $n still follow the text left to right.
template <fixed_string Op, class L, class R>
constexpr auto compare_value_first(L&& left, R&& right) {
  using right_type = std::remove_cvref_t<R>;
  auto operand = comparison_operand<right_type>(std::forward<L>(left));
  return comparison<Op, decltype(operand), right_type>{
      {}, {std::move(operand), std::forward<R>(right)}};
}

}  // namespace detail

// Each operator has a value-first form: C++20 would otherwise rewrite `42 == x` into `x == 42`,
// which must return bool. Both take forwarding references so that, between two expressions, the
// written order always wins over the rewritten one.
template <class L, class R>
requires expression<L>
constexpr auto operator==(L&& left, R&& right) {
  return detail::compare<" = ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator==(L&& left, R&& right) {
  return detail::compare_value_first<" = ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator!=(L&& left, R&& right) {
  return detail::compare<" <> ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator!=(L&& left, R&& right) {
  return detail::compare_value_first<" <> ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator<(L&& left, R&& right) {
  return detail::compare<" < ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator<(L&& left, R&& right) {
  return detail::compare_value_first<" < ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator<=(L&& left, R&& right) {
  return detail::compare<" <= ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator<=(L&& left, R&& right) {
  return detail::compare_value_first<" <= ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator>(L&& left, R&& right) {
  return detail::compare<" > ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator>(L&& left, R&& right) {
  return detail::compare_value_first<" > ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires expression<L>
constexpr auto operator>=(L&& left, R&& right) {
  return detail::compare<" >= ">(std::forward<L>(left), std::forward<R>(right));
}
template <class L, class R>
requires(!expression<L> && expression<R>) constexpr auto operator>=(L&& left, R&& right) {
  return detail::compare_value_first<" >= ">(std::forward<L>(left), std::forward<R>(right));
}

}  // namespace pgdsl

// ---- pgdsl/expr/functions.hpp
// SQL functions: coalesce, lower, upper, length, now, and function<"name", R>(...) for any other
// (extension and user-defined ones too). A function node renders name(arg, ...) and has a fixed
// result type; it is NULL when an argument is (coalesce: only when all are), or as declared.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>


namespace pgdsl {

/// How a function's result may be NULL.
enum class null_rule { if_any_argument, if_all_arguments, never, always };

/// Name(args...) with result type T.
template <fixed_string Name, class T, null_rule Nulls, class... Args>
struct function_call : expression_ops<function_call<Name, T, Nulls, Args...>> {
  detail::pack<Args...> arguments;

  using sql_type = T;
  using tables = detail::tables_of<Args...>;
  using params = detail::params_of<Args...>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Nulls == null_rule::always ||
                                      (Nulls == null_rule::if_any_argument &&
                                       detail::any_nullable<NullTables, Args...>) ||
                                      (Nulls == null_rule::if_all_arguments &&
                                       (Args::template nullable_in<NullTables> && ...));

  static constexpr void render(sql_writer& w) {
    w << Name.view() << '(';
    detail::render_list<Args...>(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    arguments.for_each([&f](const auto& argument) { argument.bind(f); });
  }
};

namespace detail {
template <fixed_string Name, class T, null_rule Nulls, class... Args>
constexpr auto call(Args&&... arguments) {
  return function_call<Name, T, Nulls, operand_t<Args>...>{
      {}, pack<operand_t<Args>...>(to_operand(std::forward<Args>(arguments))...)};
}

template <class E>
constexpr void check_text_argument() {
  static_assert(values_are_comparable<description_t<E>, sql_type_name<sql_type_t<E>>,
                                      sql_type_name<std::string>,
                                      type_traits<sql_type_t<E>>::category == type_category::text>,
                "this function takes text: cast the argument with pgdsl::cast<std::string>(...)");
}
}  // namespace detail

/// The condition of the rule on function<"name", R>'s name: names the function.
template <class FunctionName, bool Holds>
inline constexpr bool function_name_is_plain = Holds;
/// The condition of the rule on function<"name", R>'s declared result type.
template <class FunctionName, class ResultType, bool Holds>
inline constexpr bool function_result_has_a_mapping = Holds;

namespace detail {
/// A function name as SQL spells it unquoted: [a-z_][a-z0-9_]*, optionally schema-qualified.
constexpr bool is_plain_function_name(std::string_view name) {
  bool part_start = true;
  int dots = 0;
  for (char c : name) {
    const bool letter = (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (c == '.') {
      if (part_start || ++dots > 1) return false;
      part_start = true;
    } else if (letter || (digit && !part_start)) {
      part_start = false;
    } else {
      return false;
    }
  }
  return !part_start;
}
}  // namespace detail

/// function<"similarity", float>(a, b): any SQL function, extension and user-defined ones
/// included, called with these arguments (C++ values are bound as $n) and read as R. The result is
/// NULL when an argument is, unless Nulls says otherwise (null_rule::never, if_all_arguments,
/// always); R = std::optional<T> declares a function that may return NULL whatever its arguments.
/// The name is written as SQL spells it unquoted (lower case, digits, _, optionally schema.name).
template <fixed_string Name, class R, null_rule Nulls = null_rule::if_any_argument, class... Args>
[[nodiscard]] constexpr auto function(Args&&... arguments) {
  using name_t = name_type<Name>;
  using result_t = nullable_base_t<R>;
  static_assert(function_name_is_plain<name_t, detail::is_plain_function_name(Name.view())>,
                "function<\"name\", R>: write the name as SQL spells it unquoted (lower-case "
                "letters, digits and _, optionally schema.name); it is rendered as given");
  static_assert(
      function_result_has_a_mapping<name_t, R, has_type_traits<result_t>>,
      "function<\"name\", R>: R is the C++ type the result is read as and needs a "
      "PostgreSQL mapping (docs/types.md); std::optional<T> for a result that may be NULL");
  constexpr null_rule rule = is_optional_v<R> ? null_rule::always : Nulls;
  return detail::call<Name, result_t, rule>(std::forward<Args>(arguments)...);
}

/// coalesce(first, rest...): the first argument that is not NULL; typed as the first.
template <class First, class... Rest>
constexpr auto coalesce(First&& first, Rest&&... rest) {
  auto head = to_operand(std::forward<First>(first));
  (detail::check_comparable<decltype(head), operand_t<Rest>>(), ...);
  return function_call<"coalesce", sql_type_t<decltype(head)>, null_rule::if_all_arguments,
                       decltype(head), operand_t<Rest>...>{
      {},
      detail::pack<decltype(head), operand_t<Rest>...>(std::move(head),
                                                       to_operand(std::forward<Rest>(rest))...)};
}

/// lower(text), upper(text).
template <class E>
constexpr auto lower(E&& text) {
  detail::check_text_argument<operand_t<E>>();
  return detail::call<"lower", std::string, null_rule::if_any_argument>(std::forward<E>(text));
}
template <class E>
constexpr auto upper(E&& text) {
  detail::check_text_argument<operand_t<E>>();
  return detail::call<"upper", std::string, null_rule::if_any_argument>(std::forward<E>(text));
}
/// length(text), in characters.
template <class E>
constexpr auto length(E&& text) {
  detail::check_text_argument<operand_t<E>>();
  return detail::call<"length", std::int32_t, null_rule::if_any_argument>(std::forward<E>(text));
}
/// now(): the start time of the current transaction.
constexpr auto now() {
  return function_call<"now", timestamptz, null_rule::never>{};
}

}  // namespace pgdsl

// ---- pgdsl/expr/literal.hpp
// Compile-time literals, for constants that belong in the SQL text itself (they then take part in
// the statement's plan): lit<42>, lit<true>, lit_text<"active">. Every other value is a parameter.
// pgdsl::null is SQL NULL where a nullable column is expected.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>


namespace pgdsl {

/// A number or boolean written into the SQL text.
template <auto Value>
struct literal : expression_ops<literal<Value>> {
  using value_type = decltype(Value);
  static_assert(std::is_integral_v<value_type>, "lit<V> takes an integer or a bool");

  // PostgreSQL reads an integer constant as int4 when it fits, else as int8.
  using sql_type = std::conditional_t<
      std::is_same_v<value_type, bool>, bool,
      std::conditional_t<
          (static_cast<long double>(Value) >= std::numeric_limits<std::int32_t>::min() &&
           static_cast<long double>(Value) <= std::numeric_limits<std::int32_t>::max()),
          std::int32_t, std::int64_t>>;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    if constexpr (std::is_same_v<value_type, bool>) {
      w << (Value ? "TRUE" : "FALSE");
    } else if constexpr (std::is_signed_v<value_type>) {
      w.number(static_cast<long long>(Value));
    } else {
      w.number(static_cast<std::size_t>(Value));
    }
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// A text constant written into the SQL text, quotes doubled: lit_text<"it's"> is 'it''s'.
template <fixed_string Text>
struct text_literal : expression_ops<text_literal<Text>> {
  using sql_type = std::string;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) { w.string_literal(Text.view()); }
  template <class F>
  constexpr void bind(F&) const {}
};

/// lit<42>, lit<true>: a literal number or boolean.
template <auto Value>
inline constexpr literal<Value> lit{};
/// lit_text<"...">: a literal text constant.
template <fixed_string Text>
inline constexpr text_literal<Text> lit_text{};

/// SQL NULL, where a nullable column is expected: insert_into(t).set(t.note = pgdsl::null),
/// update(t).set(t.note = pgdsl::null). It is std::nullopt by a shorter name, so both spellings
/// follow the same rules: bound as a NULL of the column's type, refused at compile time for a
/// NOT NULL column, and refused in comparisons (= NULL is never true: use .is_null()).
inline constexpr std::nullopt_t null = std::nullopt;

}  // namespace pgdsl

// ---- pgdsl/expr/predicates.hpp
// Predicates on one operand: IS [NOT] NULL, [NOT] BETWEEN, [NOT] IN over a bound array
// (= ANY($n) / <> ALL($n), one parameter whatever the list's length), [NOT] IN over a list of a
// fixed length (IN ($1, $2, $3), each value its own parameter) and [NOT] IN (subquery).

#include <type_traits>


namespace pgdsl {

/// operand IS [NOT] NULL.
template <bool Negated, class E>
struct null_check : expression_ops<null_check<Negated, E>>, detail::unary_operand<E> {
  using sql_type = bool;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " IS NOT NULL" : " IS NULL");
  }
};

/// operand [NOT] BETWEEN low AND high.
template <bool Negated, class E, class Low, class High>
struct between_node : expression_ops<between_node<Negated, E, Low, High>> {
  E operand;
  Low low;
  High high;

  using sql_type = bool;
  using tables = detail::tables_of<E, Low, High>;
  using params = detail::params_of<E, Low, High>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = detail::any_nullable<NullTables, E, Low, High>;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " NOT BETWEEN " : " BETWEEN ");
    detail::render_operand<Low>(w);
    w << " AND ";
    detail::render_operand<High>(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    detail::bind_all(f, operand, low, high);
  }
};

/// operand = ANY($n), or operand <> ALL($n) when negated: IN over a list bound as one array.
template <bool Negated, class E, class Values>
struct in_array : expression_ops<in_array<Negated, E, Values>> {
  E operand;
  parameter<Values> values;

  static_assert(
      values_are_comparable<description_t<E>, sql_type_name<sql_type_t<E>>,
                            sql_type_name<typename Values::value_type>,
                            detail::comparable_types<sql_type_t<E>, typename Values::value_type>()>,
      "cannot compare values of these SQL types: the list's elements must be comparable "
      "with the expression before .in()");

  using sql_type = bool;
  using tables = typename E::tables;
  using params = concat_t<typename E::params, type_list<Values>>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = E::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " <> ALL(" : " = ANY(");
    w.placeholder();
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    detail::bind_all(f, operand, values);
  }
};

/// operand [NOT] IN (v1, v2, ...): a list whose length is fixed when the program is compiled,
/// each value checked against the operand like the right side of = and bound as its own $n.
template <bool Negated, class E, class... Values>
struct in_list : expression_ops<in_list<Negated, E, Values...>> {
  E operand;
  detail::pack<Values...> values;

  using sql_type = bool;
  using tables = detail::tables_of<E, Values...>;
  using params = detail::params_of<E, Values...>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = detail::any_nullable<NullTables, E, Values...>;

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " NOT IN (" : " IN (");
    bool first = true;
    (render_value<Values>(w, first), ...);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
    values.for_each([&f](const auto& value) { value.bind(f); });
  }

 private:
  template <class V>
  static constexpr void render_value(sql_writer& w, bool& first) {
    if (!first) w << ", ";
    first = false;
    V::render(w);  // the commas delimit each value: no parentheses needed
  }
};

/// operand [NOT] IN (subquery).
template <bool Negated, class E, class Query>
struct in_subquery : expression_ops<in_subquery<Negated, E, Query>> {
  E operand;
  Query query;

  static_assert(Query::result_columns::size == 1,
                "a subquery after IN must select exactly one column");

  using sql_type = bool;
  using tables = concat_t<typename E::tables, typename Query::outer_tables>;
  using params = concat_t<typename E::params, typename Query::params>;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = true;  // NOT IN meets NULL whenever the subquery yields one

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Negated ? " NOT IN (" : " IN (");
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
    query.bind(f);
  }
};

}  // namespace pgdsl

// ---- pgdsl/expr/sort_item.hpp
// ORDER BY items: expr.asc() / expr.desc(), then .nulls_first() / .nulls_last().


namespace pgdsl {

/// One ORDER BY item. Nulls: 0 = server default, 1 = NULLS FIRST, 2 = NULLS LAST.
template <class E, bool Descending, int Nulls>
struct sort_item {
  E operand;

  using tables = typename E::tables;
  using params = typename E::params;

  [[nodiscard]] constexpr auto nulls_first() const { return sort_item<E, Descending, 1>{operand}; }
  [[nodiscard]] constexpr auto nulls_last() const { return sort_item<E, Descending, 2>{operand}; }

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Descending ? " DESC" : " ASC");
    if constexpr (Nulls == 1) w << " NULLS FIRST";
    if constexpr (Nulls == 2) w << " NULLS LAST";
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
  }
};

}  // namespace pgdsl

// ---- pgdsl/expr/subquery.hpp
// Subqueries as expressions: EXISTS (SELECT ...) and scalar subqueries (SELECT ...) — a SELECT of
// one column used as a value, NULL when it finds no row. Columns of the enclosing query's tables
// may appear inside (correlation): they count as the enclosing query's references.

#include <type_traits>
#include <utility>


namespace pgdsl {

/// EXISTS (query).
template <class Query>
struct exists_expression : expression_ops<exists_expression<Query>> {
  Query query;

  using sql_type = bool;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_atomic = false;
  template <class NullTables>
  static constexpr bool nullable_in = false;

  static constexpr void render(sql_writer& w) {
    w << "EXISTS (";
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

/// (query) as a value.
template <class Query>
struct scalar_subquery : expression_ops<scalar_subquery<Query>> {
  static_assert(Query::result_columns::size == 1,
                "a subquery used as a value must select exactly one column");

  Query query;

  using sql_type = typename at_t<0, typename Query::result_columns>::sql_type;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = true;

  static constexpr void render(sql_writer& w) {
    w << '(';
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

/// EXISTS (query).
template <class Query>
requires detail::is_select_query<std::remove_cvref_t<Query>>
constexpr auto exists(Query&& query) {
  return exists_expression<std::remove_cvref_t<Query>>{{}, std::forward<Query>(query)};
}

/// A one-column SELECT used as a value (comparisons take a SELECT directly as well).
template <class Query>
requires detail::is_select_query<std::remove_cvref_t<Query>>
constexpr auto scalar(Query&& query) {
  return scalar_subquery<std::remove_cvref_t<Query>>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl

// The statement core first, so that rule messages show a short include chain.

// ---- pgdsl/statement/detail/statement.hpp
// statement<Clauses...>: every statement is a list of clause slots, each slot a type. A builder
// method (.where(), .limit(), ...) comes from the mixin of the clause in its slot and returns the
// statement with that one slot replaced by type: an empty slot's mixin offers the method, a filled
// slot's mixin answers it with a message, so "WHERE twice" cannot be written.

#include <cstddef>
#include <type_traits>
#include <utility>

// ---- pgdsl/render/sql_text.hpp
// The compile-time SQL of a statement type: rendered once per type into a fixed_string constant.
// `sql_text<Q>` is an empty handle that statements expose as `Q::sql`; rendering (and the checks
// that guard it) runs only when the text is used, never for the intermediate types of a builder
// chain.

#include <cstddef>
#include <string_view>


namespace pgdsl {

namespace detail {

template <class Node>
constexpr std::size_t rendered_size() {
  sql_writer counter;
  Node::render(counter);
  return counter.size();
}

template <class Node>
constexpr auto render_to_fixed_string() {
  fixed_string<rendered_size<Node>()> text;
  sql_writer writer(text.data);
  Node::render(writer);
  return text;
}

}  // namespace detail

/// The SQL text of a node or statement type, a compile-time constant.
template <class Node>
inline constexpr auto sql_of = detail::render_to_fixed_string<Node>();

/// Statement::sql: compares with string literals at compile time, hands libpq a static pointer.
template <class Statement>
struct sql_text {
  static constexpr const auto& text() {
    Statement::check_complete();
    return sql_of<Statement>;
  }
  static constexpr const char* c_str() { return text().c_str(); }
  static constexpr std::size_t size() { return text().size(); }
  static constexpr std::string_view view() { return text().view(); }
  constexpr operator std::string_view() const { return view(); }  // NOLINT: views are cheap

  friend constexpr bool operator==(sql_text, std::string_view other) { return view() == other; }
};

}  // namespace pgdsl

// ---- pgdsl/statement/scope_check.hpp
// The rule that every column's table is in FROM or JOIN. A statement can only judge it once it is
// complete and known not to be a subquery (whose columns may belong to the enclosing query), so it
// runs when the SQL text is first used: at q.sql or at execution.


namespace pgdsl {

/// The condition of the FROM rule: names the first table missing from FROM.
template <class MissingTable, bool Holds>
inline constexpr bool table_is_in_from = Holds;

namespace detail {

template <class Missing>
constexpr void check_scope() {
  if constexpr (Missing::size != 0) {
    static_assert(table_is_in_from<typename at_t<0, Missing>::description, false>,
                  "a column's table is not in FROM or JOIN: add it with .from(table) or "
                  ".join(table).on(condition)");
  }
}

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {

/// The condition of the clause rules (each clause once, and only where the statement has it):
/// names the clause's slot.
template <class Slot, bool Holds>
inline constexpr bool clause_can_be_added = Holds;

/// The condition of the whole-table rule for UPDATE and DELETE.
template <class Statement, bool Holds>
inline constexpr bool has_where_or_all_rows = Holds;
struct update_statement {};
struct delete_statement {};

/// The condition of the rule that a statement variable keeps its type.
template <bool Holds>
inline constexpr bool statement_keeps_its_type = Holds;

}  // namespace pgdsl

namespace pgdsl::detail {

/// The builder methods the clause in a slot gives its statement; by default, none. Each clause
/// header specializes it for its clause types.
template <class Clause, class Statement>
struct clause_methods {};

/// What a misused builder method returns: its body's static_assert says what is wrong, and
/// concept checks (tests/statement) see that the call does not build a statement.
struct misuse {};

// What a clause contributes to its statement. Every member is optional: a clause declares only
// what it has (tables it references, bound values, the tables it brings into scope, ...).
template <class C>
constexpr auto clause_tables() {
  if constexpr (requires { typename C::tables; })
    return typename C::tables{};
  else
    return type_list<>{};
}
template <class C>
constexpr auto clause_params() {
  if constexpr (requires { typename C::params; })
    return typename C::params{};
  else
    return type_list<>{};
}
template <class C>
constexpr auto clause_scope() {
  if constexpr (requires { typename C::scope; })
    return typename C::scope{};
  else
    return type_list<>{};
}
template <class C>
constexpr auto clause_null_tables() {
  if constexpr (requires { typename C::null_tables; })
    return typename C::null_tables{};
  else
    return type_list<>{};
}
/// Tables a clause references outside the statement's scope (INSERT's VALUES sees no table).
template <class C>
constexpr auto clause_unscoped_tables() {
  if constexpr (requires { typename C::unscoped_tables; })
    return typename C::unscoped_tables{};
  else
    return type_list<>{};
}
template <class C, class NullTables>
constexpr auto clause_result_columns() {
  if constexpr (requires { typename C::template result_columns<NullTables>; })
    return typename C::template result_columns<NullTables>{};
  else
    return type_list<>{};
}
/// The statement kind whose WHERE slot is still empty but must not be (UPDATE, DELETE).
template <class C>
constexpr auto clause_unfilled_where() {
  if constexpr (requires { typename C::unfilled_where; })
    return type_list<typename C::unfilled_where>{};
  else
    return type_list<>{};
}

/// Where a statement keeps the clause filling Slot: a base keyed by slot, so that a replaced
/// statement moves its other clauses base by base, with no index to compute.
template <class Slot, class Clause>
struct filled_slot {
  Clause clause;
};
template <class Clause>
using slot_of = filled_slot<typename Clause::slot, Clause>;

/// A statement: its clauses, rendered and bound in slot order.
template <class... Clauses>
struct statement : clause_methods<Clauses, statement<Clauses...>>..., slot_of<Clauses>... {
  constexpr statement() = default;
  constexpr explicit statement(Clauses... parts) requires(sizeof...(Clauses) > 0)
      : slot_of<Clauses>{std::move(parts)}... {}
  /// From the clauses themselves, forwarded (replace_clause).
  template <class... Parts>
  constexpr statement(std::in_place_t, Parts&&... parts)
      : slot_of<Clauses>{std::forward<Parts>(parts)}... {}

  // `if (x) q = q.where(c);` assigns a statement of another type: say why it cannot work (the
  // same type's copy and move assignment are the implicit ones, preferred over this template).
  template <class... Other, bool Allowed = false>
  statement& operator=(const statement<Other...>&) {
    static_assert(statement_keeps_its_type<Allowed>,
                  "each clause changes the statement's type, so q = q.where(...) cannot store "
                  "the result in q: keep the clause and switch it with a bound value, or build "
                  "each variant in its own branch (docs/queries.md, \"Optional parts\")");
    return *this;
  }

  using params = concat_t<decltype(clause_params<Clauses>())...>;
  using param_types = params;
  static constexpr std::size_t param_count = params::size;
  using scope = concat_t<decltype(clause_scope<Clauses>())...>;
  using null_tables = concat_t<decltype(clause_null_tables<Clauses>())...>;
  /// Tables referenced here but not in this statement's FROM: the enclosing query's (correlation).
  using outer_tables =
      concat_t<decltype(clause_unscoped_tables<Clauses>())...,
               difference_t<concat_t<decltype(clause_tables<Clauses>())...>, scope>>;
  using result_columns = concat_t<decltype(clause_result_columns<Clauses, null_tables>())...>;

  /// The SQL text, a compile-time constant: static_assert(q.sql == "SELECT ...").
  static constexpr sql_text<statement> sql{};

  static constexpr void render(sql_writer& w) { (Clauses::render(w), ...); }
  /// Calls f(value) for each bound value, in $n order.
  template <class F>
  constexpr void bind(F&& f) const {
    (static_cast<const slot_of<Clauses>&>(*this).clause.bind(f), ...);
  }
  /// The rules only a finished statement can judge; run when its SQL is first used.
  static constexpr void check_complete() {
    using unfilled_where = concat_t<decltype(clause_unfilled_where<Clauses>())...>;
    if constexpr (unfilled_where::size != 0) {
      using kind = at_t<0, unfilled_where>;
      if constexpr (std::is_same_v<kind, update_statement>)
        static_assert(has_where_or_all_rows<kind, false>,
                      "UPDATE without WHERE changes every row: add .where(condition), or say "
                      ".all_rows() if that is what you mean");
      else
        static_assert(has_where_or_all_rows<kind, false>,
                      "DELETE without WHERE removes every row: add .where(condition), or say "
                      ".all_rows() if that is what you mean");
    }
    check_scope<outer_tables>();
  }
};

template <class T>
inline constexpr bool is_statement = false;
template <class... Clauses>
inline constexpr bool is_statement<statement<Clauses...>> = true;

/// The clause of a statement that fills Slot.
template <class Slot, class Clause>
constexpr Clause& clause_in(filled_slot<Slot, Clause>& s) {
  return s.clause;
}

/// `replacement` when Take, else `original`: builds a statement with one clause swapped.
template <bool Take, class New, class Old>
constexpr decltype(auto) pick(New&& replacement, Old&& original) {
  if constexpr (Take)
    return std::forward<New>(replacement);
  else
    return std::forward<Old>(original);
}

/// The statement with the clause in Slot replaced by `clause` (whose type may differ).
template <class Slot, class New, class... Clauses>
constexpr auto replace_clause(statement<Clauses...>&& s, New&& clause) {
  static_assert((std::is_same_v<typename Clauses::slot, Slot> || ...),
                "this statement has no such clause");
  return statement<std::conditional_t<std::is_same_v<typename Clauses::slot, Slot>,
                                      std::remove_cvref_t<New>, Clauses>...>(
      std::in_place, pick<std::is_same_v<typename Clauses::slot, Slot>>(
                         std::forward<New>(clause), std::move(s.slot_of<Clauses>::clause))...);
}

/// The same for a builder that is not a statement (the multi-row INSERT and its column list, whose
/// SQL is rendered at run time): its member with_clause<Slot>(clause) builds the result.
template <class Slot, class New, class Builder>
requires(!is_statement<std::remove_cvref_t<Builder>>)
constexpr auto replace_clause(Builder&& builder, New&& clause) {
  return std::move(builder).template with_clause<Slot>(std::forward<New>(clause));
}

/// A mixin's view of its statement: moved from (the && builders) or copied (the const& ones, which
/// leave a named statement as it was).
template <class Statement, class Mixin>
constexpr Statement&& moved(Mixin& mixin) {
  return static_cast<Statement&&>(mixin);
}
template <class Statement, class Mixin>
constexpr Statement copied(const Mixin& mixin) {
  return static_cast<const Statement&>(mixin);
}

}  // namespace pgdsl::detail

// ---- pgdsl/statement/clause/on_conflict.hpp
// ON CONFLICT for INSERT: .on_conflict(cols...).do_nothing() or .do_update(col = excluded(col),
// ...), and .on_conflict_do_nothing() without a conflict target.

#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/statement/assignment_list.hpp
// The assignments of INSERT's and UPDATE's set(): which columns they name, in what order, and the
// two ways they render (SET "a" = $1, "b" = $2 / ("a", "b") VALUES ($1, $2)).

#include <tuple>
#include <type_traits>


namespace pgdsl {

template <class T>
inline constexpr bool is_assignment = false;
template <class Column, class Value>
inline constexpr bool is_assignment<assignment<Column, Value>> = true;

/// The condition of the assignment-target rule.
template <class Column, class Table, bool Holds>
inline constexpr bool column_belongs_to_table = Holds;
/// The condition of the INSERT completeness rule: names the first required column left out.
template <class Column, bool Holds>
inline constexpr bool insert_sets_column = Holds;
/// The condition of the once-per-statement rule.
template <class Column, bool Holds>
inline constexpr bool column_assigned_once = Holds;

namespace detail {

template <class Column, class Identity>
constexpr void static_assert_belongs() {
  static_assert(
      column_belongs_to_table<typename Column::description, typename Identity::description,
                              std::is_same_v<typename Column::table_type, Identity>>,
      "set() assigns a column of another table than the statement's");
}

template <class Column, class List>
constexpr std::size_t occurrences() {
  return []<class... C>(type_list<C...>) {
    return (std::size_t{std::is_same_v<Column, C>} + ...);
  }(List{});
}

template <class Column, class List>
constexpr void static_assert_once() {
  static_assert(
      column_assigned_once<typename Column::description, occurrences<Column, List>() == 1>,
      "a column is assigned twice in one set()");
}

template <class Table, class... Assignments>
constexpr void check_assignments() {
  static_assert((is_assignment<Assignments> && ...),
                "set() takes assignments such as users.name = value");
  if constexpr ((is_assignment<Assignments> && ...)) {
    using identity = typename Table::table_identity;
    (static_assert_belongs<typename Assignments::column, identity>(), ...);
    using columns = type_list<typename Assignments::column...>;
    (static_assert_once<typename Assignments::column, columns>(), ...);
  }
}

template <class Column>
inline constexpr bool is_required_column = !Column::is_nullable && !Column::has_default;

template <class Column, class Given>
constexpr void static_assert_given() {
  static_assert(insert_sets_column < typename Column::description,
                !is_required_column<Column> || contains_v < Column, Given >>,
                "INSERT leaves out a NOT NULL column that has no default: set it, or declare it "
                "with default_sql<...>, identity or std::optional");
}

/// Every NOT NULL column without a default of Table appears in Given.
template <class Table, class Given>
constexpr void check_required_columns() {
  []<class... Column>(type_list<Column...>) {
    (static_assert_given<Column, Given>(), ...);
  }(columns_of_t<Table>{});
}

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/statement/detail/clause_parts.hpp
// The pieces clauses are made of: a keyword followed by content, fixed text, and a comma-separated
// list. Each renders itself and binds its values in rendering order, so a statement is the
// concatenation of its clauses in both respects.

#include <cstddef>
#include <type_traits>
#include <utility>


namespace pgdsl::detail {

/// Keyword followed by Content: " WHERE " cond, " LIMIT " $n, ...
template <fixed_string Keyword, class Content>
struct keyword_clause {
  Content content;

  using tables = typename Content::tables;
  using params = typename Content::params;
  static constexpr void render(sql_writer& w) {
    w << Keyword.view();
    Content::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    content.bind(f);
  }
};

/// Fixed text with nothing bound: " FOR UPDATE", " DEFAULT VALUES", ...
template <fixed_string Text>
struct text_clause {
  static constexpr auto text = Text;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) { w << Text.view(); }
  template <class F>
  constexpr void bind(F&) const {}
};

/// Items, separated by ", ".
template <class... Items>
struct item_list {
  pack<Items...> items;

  using tables = concat_t<typename Items::tables...>;
  using params = concat_t<typename Items::params...>;
  static constexpr void render(sql_writer& w) { render_list<Items...>(w); }
  template <class F>
  constexpr void bind(F& f) const {
    items.for_each([&f](const auto& item) { item.bind(f); });
  }
};

/// An item_list of the given items.
template <class... Items>
constexpr auto make_item_list(Items&&... items) {
  return item_list<std::remove_cvref_t<Items>...>{
      pack<std::remove_cvref_t<Items>...>(std::forward<Items>(items)...)};
}

}  // namespace pgdsl::detail

namespace pgdsl {

/// excluded."column": the value the conflicting INSERT proposed, inside DO UPDATE.
template <class Column>
struct excluded_column : expression_ops<excluded_column<Column>> {
  using sql_type = typename Column::sql_type;
  using tables = type_list<>;
  using params = type_list<>;
  using description = typename Column::description;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Column::is_nullable;

  static constexpr void render(sql_writer& w) {
    w << "\"excluded\".";
    w.identifier(Column::name.view());
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// excluded(users.email) renders "excluded"."email".
template <class Column>
requires column_type<Column>
constexpr auto excluded(const Column&) {
  return excluded_column<Column>{};
}

namespace detail {

struct conflict_slot {};

/// ON CONFLICT [(targets)] DO NOTHING | DO UPDATE SET assignments.
template <class Targets, class Action>
struct conflict_clause {
  Action action;

  using slot = conflict_slot;
  using tables = typename Action::tables;
  using params = typename Action::params;

  static constexpr void render(sql_writer& w) {
    w << " ON CONFLICT";
    render_targets(w, Targets{});
    Action::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    action.bind(f);
  }

 private:
  template <class... Columns>
  static constexpr void render_targets(sql_writer& w, type_list<Columns...>) {
    if constexpr (sizeof...(Columns) > 0) {
      w << " (";
      render_column_names<Columns...>(w);
      w << ')';
    }
  }
};

/// The SET list of DO UPDATE.
template <class... Assignments>
using do_update_action = keyword_clause<" DO UPDATE SET ", item_list<Assignments...>>;
using do_nothing_action = text_clause<" DO NOTHING">;

/// An empty ON CONFLICT slot of an INSERT into Table.
template <class Table>
struct no_conflict {
  using slot = conflict_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// INSERT ... ON CONFLICT (targets) waiting for its action.
template <class Statement, class Table, class... Targets>
struct pending_conflict {
  Statement query;

  /// DO NOTHING: keep the existing row.
  [[nodiscard]] constexpr auto do_nothing() && {
    return replace_clause<conflict_slot>(
        std::move(query), conflict_clause<type_list<Targets...>, do_nothing_action>{});
  }
  /// DO UPDATE SET assignments (excluded(column) is the value the INSERT proposed).
  template <class... Assignments>
  [[nodiscard]] constexpr auto do_update(Assignments&&... assignments) && {
    static_assert(sizeof...(Targets) > 0,
                  "ON CONFLICT DO UPDATE needs conflict target columns: .on_conflict(column, ...)");
    static_assert(sizeof...(Assignments) > 0, "do_update() needs at least one assignment");
    check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    using action = do_update_action<std::remove_cvref_t<Assignments>...>;
    return replace_clause<conflict_slot>(
        std::move(query), conflict_clause<type_list<Targets...>, action>{
                              action{make_item_list(std::forward<Assignments>(assignments)...)}});
  }
};

template <class Table, class Statement>
struct clause_methods<no_conflict<Table>, Statement> {
  /// ON CONFLICT (columns): follow with .do_nothing() or .do_update(...).
  template <class... Columns>
  [[nodiscard]] constexpr auto on_conflict(const Columns&...) && {
    (static_assert_belongs<Columns, typename Table::table_identity>(), ...);
    return pending_conflict<Statement, Table, Columns...>{moved<Statement>(*this)};
  }
  template <class... Columns>
  [[nodiscard]] constexpr auto on_conflict(const Columns&... columns) const& {
    return copied<Statement>(*this).on_conflict(columns...);
  }
  /// ON CONFLICT DO NOTHING, whatever the conflict.
  [[nodiscard]] constexpr auto on_conflict_do_nothing() && {
    return replace_clause<conflict_slot>(moved<Statement>(*this),
                                         conflict_clause<type_list<>, do_nothing_action>{});
  }
  [[nodiscard]] constexpr auto on_conflict_do_nothing() const& {
    return copied<Statement>(*this).on_conflict_do_nothing();
  }
};

template <class Targets, class Action, class Statement>
struct clause_methods<conflict_clause<Targets, Action>, Statement> {
  template <class... A, bool Allowed = false>
  misuse on_conflict(A&&...) const {
    static_assert(clause_can_be_added<conflict_slot, Allowed>, "ON CONFLICT is already set");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse on_conflict_do_nothing(A&&...) const {
    static_assert(clause_can_be_added<conflict_slot, Allowed>, "ON CONFLICT is already set");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/statement/delete.hpp
// DELETE: delete_from(t) then .using_(...), .where(...) or .all_rows(), and .returning(...).
// A DELETE without WHERE must say .all_rows(), or it does not compile.

// ---- pgdsl/statement/clause/returning.hpp
// RETURNING items, for INSERT, UPDATE and DELETE: what the statement hands back per affected row,
// typed like a select list.

#include <type_traits>
#include <utility>

// ---- pgdsl/statement/result_column.hpp
// What a statement returns, column by column: the C++ type each is read as (std::optional when it
// can be NULL, outer joins included), its name (matched against struct members), and its SQL for
// messages. The execution layer decodes rows from this list.

#include <string_view>
#include <type_traits>


namespace pgdsl {

namespace detail {
template <class Item>
constexpr std::string_view result_name() {
  if constexpr (requires { Item::alias; })
    return Item::alias.view();
  else if constexpr (requires { Item::name; })
    return Item::name.view();
  else
    return "?column?";  // PostgreSQL's own name for an unnamed expression
}
}  // namespace detail

/// One output column of a statement: Item as it is read when NullTables may be missing.
template <class Item, class NullTables>
struct result_column {
  using key_type = Item;
  using sql_type = sql_type_t<Item>;
  using value_type = result_type_t<Item, NullTables>;
  /// The column's name or alias (what .as<Struct>() matches member names against).
  static constexpr std::string_view name = detail::result_name<Item>();
  /// The column as the SQL writes it, for messages: "users"."email".
  static constexpr std::string_view qualified_name = sql_of<Item>.view();
};

/// The result columns of a list of select items.
template <class NullTables, class... Items>
using result_columns_of = type_list<result_column<Items, NullTables>...>;

}  // namespace pgdsl

namespace pgdsl::detail {

struct returning_slot {};

/// An empty RETURNING slot: the statement yields no rows.
struct no_returning {
  using slot = returning_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// RETURNING items.
template <class... Items>
struct returning_clause {
  item_list<Items...> list;

  using slot = returning_slot;
  using tables = typename item_list<Items...>::tables;
  using params = typename item_list<Items...>::params;
  template <class NullTables>
  using result_columns = result_columns_of<NullTables, Items...>;

  static constexpr void render(sql_writer& w) {
    w << " RETURNING ";
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    list.bind(f);
  }
};

template <class Item>
constexpr auto returning_item(Item&& item) {
  if constexpr (requires { item.alias; })
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}

template <class Statement>
struct clause_methods<no_returning, Statement> {
  /// RETURNING items: the statement then yields rows.
  template <class... Items>
  [[nodiscard]] constexpr auto returning(Items&&... items) && {
    static_assert(sizeof...(Items) > 0, "returning() needs at least one column or expression");
    using clause = returning_clause<decltype(returning_item(std::declval<Items>()))...>;
    return replace_clause<returning_slot>(
        moved<Statement>(*this),
        clause{make_item_list(returning_item(std::forward<Items>(items))...)});
  }
  template <class... Items>
  [[nodiscard]] constexpr auto returning(Items&&... items) const& {
    return copied<Statement>(*this).returning(std::forward<Items>(items)...);
  }
};

template <class... Items, class Statement>
struct clause_methods<returning_clause<Items...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse returning(A&&...) const {
    static_assert(clause_can_be_added<returning_slot, Allowed>, "RETURNING is already set");
    return {};
  }
};

}  // namespace pgdsl::detail

// ---- pgdsl/statement/clause/using.hpp
// USING, DELETE's list of other tables (joined through the WHERE condition).

// ---- pgdsl/statement/clause/from.hpp
// FROM and JOIN: the tables a query reads, which the column checks compare against (its scope),
// and which of them an outer join may leave missing (their columns then read as std::optional).
// SELECT and UPDATE share the FROM slot; joins (LATERAL ones of derived tables too) are SELECT's.

#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the rule that LATERAL joins a subquery (pgdsl::derived), not a table.
template <class Table, bool Holds>
inline constexpr bool lateral_takes_a_subquery = Holds;

}  // namespace pgdsl

namespace pgdsl::detail {

enum class join_kind { inner, left, right, full, cross };

/// The identity type of a table or alias (what columns point back to).
template <class T>
using identity_of = typename std::remove_cvref_t<T>::table_identity;

/// An entry's own rule about the tables before it in FROM (a derived table that reads them must
/// be LATERAL); plain tables have none.
template <class Entry, class Scope>
constexpr void check_entry_after() {
  if constexpr (requires { Entry::template check_after<Scope>(); })
    Entry::template check_after<Scope>();
}

/// One table in FROM: "users", or "users" AS "u". An entry names the table it brings into scope
/// (identity), the tables and bound values it reads; a subquery in FROM (pgdsl/derived/) is another
/// kind of entry with the same members.
template <class Table>
struct from_item {
  using identity = identity_of<Table>;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr bool is_join = false;
  static constexpr void render(sql_writer& w) { identity::render_reference(w); }
  template <class F>
  constexpr void bind(F&) const {}
};

/// [kind] JOIN Source ON Condition (no condition for CROSS JOIN); Source is a FROM entry.
template <join_kind Kind, class Source, class Condition>
struct join_item {
  [[no_unique_address]] Source source;
  Condition condition;

  using identity = typename Source::identity;
  using tables = concat_t<typename Source::tables, typename Condition::tables>;
  using params = concat_t<typename Source::params, typename Condition::params>;
  static constexpr bool is_join = true;
  template <class Scope>
  static constexpr void check_after() {
    check_entry_after<Source, Scope>();
  }
  static constexpr void render(sql_writer& w) {
    constexpr const char* keyword[] = {" JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN ",
                                       " CROSS JOIN "};
    w << keyword[static_cast<int>(Kind)];
    Source::render(w);
    if constexpr (Kind != join_kind::cross) {
      w << " ON ";
      Condition::render(w);
    }
  }
  template <class F>
  constexpr void bind(F& f) const {
    source.bind(f);
    condition.bind(f);
  }
};

/// Which tables an entry may leave missing after it: a plain entry none, an outer join some.
template <class Item>
struct from_entry_traits {
  template <class Scope, class Nullable>
  using nullable_after = Nullable;
};
template <join_kind Kind, class Source, class Condition>
struct from_entry_traits<join_item<Kind, Source, Condition>> {
  using identity = typename Source::identity;  // what LEFT makes optional
  // LEFT makes the joined table optional, RIGHT the tables before it, FULL both.
  template <class Scope, class Nullable>
  using nullable_after = concat_t<
      Nullable,
      std::conditional_t<Kind == join_kind::right || Kind == join_kind::full, Scope, type_list<>>,
      std::conditional_t<Kind == join_kind::left || Kind == join_kind::full, type_list<identity>,
                         type_list<>>>;
};

template <class Scope, class Nullable, class... Entries>
struct nullable_tables_of {
  using type = Nullable;
};
template <class Scope, class Nullable, class First, class... Rest>
struct nullable_tables_of<Scope, Nullable, First, Rest...>
    : nullable_tables_of<
          concat_t<Scope, type_list<typename First::identity>>,
          typename from_entry_traits<First>::template nullable_after<Scope, Nullable>, Rest...> {};

struct from_slot {};

/// FROM first[, more] [JOIN ...]...
template <class... Entries>
struct from_clause {
  pack<Entries...> entries;

  using slot = from_slot;
  using scope = type_list<typename Entries::identity...>;
  using null_tables = typename nullable_tables_of<type_list<>, type_list<>, Entries...>::type;
  using tables = concat_t<typename Entries::tables...>;
  using params = concat_t<typename Entries::params...>;

  static constexpr void render(sql_writer& w) {
    w << " FROM ";
    render_entries(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    entries.for_each([&f](const auto& entry) { entry.bind(f); });
  }

  /// This FROM with one more entry.
  template <class Entry>
  constexpr auto then(Entry&& entry) && {
    check_entry_after<std::remove_cvref_t<Entry>, scope>();
    return from_clause<Entries..., std::remove_cvref_t<Entry>>{
        std::move(entries).with_back(std::forward<Entry>(entry))};
  }

 private:
  // Plain tables after the first are comma-separated; joins bring their own keyword.
  static constexpr void render_entries(sql_writer& w) {
    std::size_t index = 0;
    ((w << (index++ == 0 || Entries::is_join ? "" : ", "), Entries::render(w)), ...);
  }
};

/// The FROM entry of a table or alias, or of a subquery with a name (pgdsl::derived), which makes
/// its own: from_entry(), or lateral_entry() for LATERAL.
template <class Source>
constexpr auto entry_of(const Source& source) {
  if constexpr (requires { source.from_entry(); })
    return source.from_entry();
  else
    return from_item<identity_of<Source>>{};
}
template <class Source>
using entry_t = decltype(entry_of(std::declval<const Source&>()));

template <table_type... Tables>
constexpr auto make_from(const Tables&... tables) {
  if constexpr ((requires { tables.from_entry(); } || ...)) {
    using clause = from_clause<entry_t<Tables>...>;
    (check_entry_after<entry_t<Tables>, typename clause::scope>(), ...);
    return clause{pack<entry_t<Tables>...>(entry_of(tables)...)};
  } else {
    return from_clause<from_item<identity_of<Tables>>...>{};
  }
}

/// An empty FROM slot.
struct no_from {
  using slot = from_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

template <class Statement, join_kind Kind, class Source>
struct pending_join;

/// CROSS JOIN's missing condition.
struct no_condition {
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// The statement with a join of the FROM entry `source` appended to its FROM.
template <join_kind Kind, class Statement, class Source, class Condition>
constexpr auto add_join(Statement&& statement, Source&& source, Condition&& condition) {
  auto& from = clause_in<from_slot>(statement);
  return replace_clause<from_slot>(
      std::move(statement),
      std::move(from).then(
          join_item<Kind, std::remove_cvref_t<Source>, std::remove_cvref_t<Condition>>{
              std::forward<Source>(source), std::forward<Condition>(condition)}));
}

/// The LATERAL entry of a derived table; anything else is refused with a message.
template <class Source>
constexpr auto lateral_entry_of(const Source& source) {
  constexpr bool is_subquery = requires {
    source.lateral_entry();
  };
  static_assert(lateral_takes_a_subquery<typename identity_of<Source>::description, is_subquery>,
                "LATERAL joins a subquery: pgdsl::derived<\"name\">(select(...)); join a table "
                "with .join(table)");
  if constexpr (is_subquery)
    return source.lateral_entry();
  else
    return from_item<identity_of<Source>>{};
}

template <class Statement>
struct clause_methods<no_from, Statement> {
  /// FROM tables (a comma between several: their cross product).
  template <table_type... Tables>
  [[nodiscard]] constexpr auto from(const Tables&... tables) && {
    return replace_clause<from_slot>(moved<Statement>(*this), make_from(tables...));
  }
  template <class... Tables>
  [[nodiscard]] constexpr auto from(const Tables&... tables) const& {
    return copied<Statement>(*this).from(tables...);
  }
  template <class... A, bool Allowed = false>
  misuse join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse left_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse right_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse full_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse cross_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
};

template <class... Entries, class Statement>
struct clause_methods<from_clause<Entries...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse from(A&&...) const {
    if constexpr (is_select_query<Statement>)
      static_assert(clause_can_be_added<from_slot, Allowed>,
                    "FROM is already set: add tables with .join(table).on(...)");
    else
      static_assert(clause_can_be_added<from_slot, Allowed>,
                    "FROM is already set: list every table in one .from()");
    return {};
  }
  // Joins belong to SELECT: .join(table).on(condition), .cross_join(table).
  template <table_type Table>
      [[nodiscard]] constexpr auto join(const Table& t) && requires is_select_query<Statement> {
    return pending_join<Statement, join_kind::inner, entry_t<Table>>{moved<Statement>(*this),
                                                                     entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto left_join(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::left, entry_t<Table>>{moved<Statement>(*this),
                                                                    entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto right_join(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::right, entry_t<Table>>{moved<Statement>(*this),
                                                                     entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto full_join(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::full, entry_t<Table>>{moved<Statement>(*this),
                                                                    entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto cross_join(const Table& t) && requires
      is_select_query<Statement> {
    return add_join<join_kind::cross>(moved<Statement>(*this), entry_of(t), no_condition{});
  }
  // LATERAL: a derived table whose query reads the tables before it.
  template <table_type Table>
      [[nodiscard]] constexpr auto join_lateral(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::inner, decltype(lateral_entry_of(t))>{
        moved<Statement>(*this), lateral_entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto left_join_lateral(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::left, decltype(lateral_entry_of(t))>{
        moved<Statement>(*this), lateral_entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto cross_join_lateral(const Table& t) && requires
      is_select_query<Statement> {
    return add_join<join_kind::cross>(moved<Statement>(*this), lateral_entry_of(t), no_condition{});
  }
  template <class Table>
  [[nodiscard]] constexpr auto join(const Table& t) const& requires is_select_query<Statement> {
    return copied<Statement>(*this).join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto left_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).left_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto right_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).right_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto full_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).full_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto cross_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).cross_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto join_lateral(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).join_lateral(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto left_join_lateral(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).left_join_lateral(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto cross_join_lateral(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).cross_join_lateral(t);
  }
};

/// A JOIN waiting for its condition: .join(table).on(condition); Source is the joined FROM entry.
template <class Statement, join_kind Kind, class Source>
struct pending_join {
  Statement query;
  [[no_unique_address]] Source source;

  /// ON condition: a boolean expression.
  template <class Condition>
  [[nodiscard]] constexpr auto on(Condition&& condition) && {
    auto operand = to_operand(std::forward<Condition>(condition));
    check_boolean<decltype(operand)>();
    return add_join<Kind>(std::move(query), std::move(source), std::move(operand));
  }
};

}  // namespace pgdsl::detail

namespace pgdsl::detail {

struct using_slot {};

struct no_using {
  using slot = using_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// USING tables.
template <class... Entries>
struct using_clause {
  using slot = using_slot;
  using scope = typename from_clause<Entries...>::scope;
  static constexpr void render(sql_writer& w) {
    w << " USING ";
    render_list<Entries...>(w);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

template <class Statement>
struct clause_methods<no_using, Statement> {
  /// USING other tables (joined through the WHERE condition).
  template <table_type... Tables>
  [[nodiscard]] constexpr auto using_(const Tables&...) && {
    return replace_clause<using_slot>(moved<Statement>(*this),
                                      using_clause<from_item<identity_of<Tables>>...>{});
  }
  template <class... Tables>
  [[nodiscard]] constexpr auto using_(const Tables&... tables) const& {
    return copied<Statement>(*this).using_(tables...);
  }
};

template <class... Entries, class Statement>
struct clause_methods<using_clause<Entries...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse using_(A&&...) const {
    static_assert(clause_can_be_added<using_slot, Allowed>, "USING is already set");
    return {};
  }
};

}  // namespace pgdsl::detail

// ---- pgdsl/statement/clause/where.hpp
// WHERE, shared by SELECT, UPDATE and DELETE. UPDATE and DELETE start from where_required: without
// .where() they must say .all_rows(), or their SQL does not compile.

#include <utility>


namespace pgdsl {

namespace detail {

struct where_slot {};

/// Keyword followed by a condition checked to be boolean: WHERE, HAVING.
template <fixed_string Keyword, class Condition>
constexpr auto condition_clause(Condition&& condition) {
  auto operand = to_operand(std::forward<Condition>(condition));
  check_boolean<decltype(operand)>();
  return keyword_clause<Keyword, decltype(operand)>{std::move(operand)};
}

/// An empty WHERE slot (SELECT: optional).
struct no_where {
  using slot = where_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// An empty WHERE slot that must be filled, by .where() or .all_rows(), before the statement's SQL
/// is used (the statement checks it). Kind is update_statement or delete_statement.
template <class Kind>
struct where_required : no_where {
  using unfilled_where = Kind;
};

/// WHERE condition.
template <class Condition>
struct where_clause : keyword_clause<" WHERE ", Condition> {
  using slot = where_slot;
};

/// Marks a statement that affects every row on purpose.
struct all_rows_clause : no_where {};

template <class Statement>
struct clause_methods<no_where, Statement> {
  /// WHERE condition: one boolean expression (combine several with &&).
  template <class Condition>
  [[nodiscard]] constexpr auto where(Condition&& condition) && {
    auto clause = condition_clause<" WHERE ">(std::forward<Condition>(condition));
    using content = decltype(clause.content);
    return replace_clause<where_slot>(moved<Statement>(*this),
                                      where_clause<content>{{std::move(clause.content)}});
  }
  template <class Condition>
  [[nodiscard]] constexpr auto where(Condition&& condition) const& {
    return copied<Statement>(*this).where(std::forward<Condition>(condition));
  }
};

template <class Kind, class Statement>
struct clause_methods<where_required<Kind>, Statement> : clause_methods<no_where, Statement> {
  /// Every row of the table, on purpose (instead of .where()).
  [[nodiscard]] constexpr auto all_rows() && {
    return replace_clause<where_slot>(moved<Statement>(*this), all_rows_clause{});
  }
  [[nodiscard]] constexpr auto all_rows() const& { return copied<Statement>(*this).all_rows(); }
};

template <class Condition, class Statement>
struct clause_methods<where_clause<Condition>, Statement> {
  template <class... A, bool Allowed = false>
  misuse where(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>,
                  "WHERE is already set: combine conditions with && in one .where()");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse all_rows(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>,
                  "WHERE is already set: .all_rows() would drop it");
    return {};
  }
};

template <class Statement>
struct clause_methods<all_rows_clause, Statement> {
  template <class... A, bool Allowed = false>
  misuse where(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>,
                  "WHERE after .all_rows(): the statement already affects every row; drop one");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse all_rows(A&&...) const {
    static_assert(clause_can_be_added<where_slot, Allowed>, ".all_rows() is already set");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {
namespace detail {

struct delete_head_slot {};

/// DELETE FROM Table: the head of a DELETE statement.
template <class Table>
struct delete_head {
  using slot = delete_head_slot;
  using target_table = Table;
  using identity = typename Table::table_identity;
  using scope = type_list<identity>;

  static constexpr void render(sql_writer& w) {
    w << "DELETE FROM ";
    identity::render_reference(w);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

}  // namespace detail

/// DELETE FROM table: start of a DELETE statement.
template <table_type Table>
[[nodiscard]] constexpr auto delete_from(const Table&) {
  detail::check_not_a_view<Table>();
  return detail::statement<detail::delete_head<Table>, detail::no_using,
                           detail::where_required<delete_statement>, detail::no_returning>{};
}

}  // namespace pgdsl

// ---- pgdsl/statement/distinct_on.hpp
// SELECT DISTINCT ON (keys) items: distinct_on(keys...).select(items...) keeps the first row of
// each group of equal keys (first in the statement's ORDER BY, whose leading keys PostgreSQL
// requires to be the DISTINCT ON keys). A head of its own, so plain SELECTs do not pay for it.

#include <type_traits>
#include <utility>

// ---- pgdsl/statement/select.hpp
// SELECT: select(items...) then .from(), joins, .where(), .group_by(), .having(), .order_by(),
// .limit(), .offset(), .for_update(). Each clause fills its slot once (a second .where() does not
// compile); the text is rendered in SQL's order whatever order the calls came in.

#include <type_traits>
#include <utility>

// ---- pgdsl/statement/clause/group_by.hpp
// GROUP BY and HAVING, SELECT's grouping clauses. A key is an expression, or a grouping set
// (ROLLUP / CUBE / GROUPING SETS, defined in pgdsl/aggregate/grouping_sets.hpp).

#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the grouping-key rule: names the key's SQL type.
template <class KeyType, bool Holds>
inline constexpr bool group_key_has_a_column = Holds;

namespace detail {

/// A grouping set key (ROLLUP, CUBE, GROUPING SETS: pgdsl/aggregate/grouping_sets.hpp) names the
/// tables whose columns it may group away, which then read as NULL in some rows.
template <class Key>
concept grouping_set_key = requires {
  typename Key::rolled_up_tables;
};

/// A GROUP BY key as stored: a grouping set as given, anything else as an operand.
template <class Key>
constexpr auto group_key(Key&& key) {
  if constexpr (grouping_set_key<std::remove_cvref_t<Key>>)
    return std::remove_cvref_t<Key>(std::forward<Key>(key));
  else
    return to_operand(std::forward<Key>(key));
}
template <class Key>
using group_key_t = decltype(group_key(std::declval<Key>()));

template <class Key>
struct rolled_up_tables {
  using type = type_list<>;
};
template <grouping_set_key Key>
struct rolled_up_tables<Key> {
  using type = typename Key::rolled_up_tables;
};

/// A key without a column puts every row in one group: a bound value is sent as $n.
template <class Key>
constexpr void check_group_key() {
  if constexpr (!grouping_set_key<Key>)
    static_assert(group_key_has_a_column<sql_type_name<sql_type_t<Key>>, Key::tables::size != 0>,
                  "GROUP BY key has no column: a bound value is sent as $n and makes one group of "
                  "every row; group by a column, e.g. .group_by(orders.user_id)");
}

struct group_by_slot {};
struct having_slot {};

struct no_group_by {
  using slot = group_by_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// GROUP BY expressions. Columns that a grouping set may group away read as optional.
template <class... Keys>
struct group_by_clause : keyword_clause<" GROUP BY ", item_list<Keys...>> {
  using slot = group_by_slot;
  using null_tables = concat_t<typename rolled_up_tables<Keys>::type...>;
};

struct no_having {
  using slot = having_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// HAVING condition.
template <class Condition>
struct having_clause : keyword_clause<" HAVING ", Condition> {
  using slot = having_slot;
};

template <class Statement>
struct clause_methods<no_group_by, Statement> {
  /// GROUP BY expressions, all in one call.
  template <class... Keys>
  [[nodiscard]] constexpr auto group_by(Keys&&... keys) && {
    (check_group_key<group_key_t<Keys>>(), ...);
    using clause = group_by_clause<group_key_t<Keys>...>;
    return replace_clause<group_by_slot>(
        moved<Statement>(*this), clause{{make_item_list(group_key(std::forward<Keys>(keys))...)}});
  }
  template <class... Keys>
  [[nodiscard]] constexpr auto group_by(Keys&&... keys) const& {
    return copied<Statement>(*this).group_by(std::forward<Keys>(keys)...);
  }
};

template <class... Keys, class Statement>
struct clause_methods<group_by_clause<Keys...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse group_by(A&&...) const {
    static_assert(clause_can_be_added<group_by_slot, Allowed>,
                  "GROUP BY is already set: list every expression in one .group_by()");
    return {};
  }
};

template <class Statement>
struct clause_methods<no_having, Statement> {
  /// HAVING condition: a boolean expression over groups.
  template <class Condition>
  [[nodiscard]] constexpr auto having(Condition&& condition) && {
    auto clause = condition_clause<" HAVING ">(std::forward<Condition>(condition));
    using content = decltype(clause.content);
    return replace_clause<having_slot>(moved<Statement>(*this),
                                       having_clause<content>{{std::move(clause.content)}});
  }
  template <class Condition>
  [[nodiscard]] constexpr auto having(Condition&& condition) const& {
    return copied<Statement>(*this).having(std::forward<Condition>(condition));
  }
};

template <class Condition, class Statement>
struct clause_methods<having_clause<Condition>, Statement> {
  template <class... A, bool Allowed = false>
  misuse having(A&&...) const {
    static_assert(clause_can_be_added<having_slot, Allowed>,
                  "HAVING is already set: combine conditions with && in one .having()");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/statement/clause/limit_offset.hpp
// LIMIT and OFFSET, each a bound std::int64_t.

#include <cstdint>


namespace pgdsl::detail {

struct limit_slot {};
struct offset_slot {};

struct no_limit {
  using slot = limit_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};
struct limit_clause : keyword_clause<" LIMIT ", parameter<std::int64_t>> {
  using slot = limit_slot;
};

struct no_offset {
  using slot = offset_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};
struct offset_clause : keyword_clause<" OFFSET ", parameter<std::int64_t>> {
  using slot = offset_slot;
};

template <class Statement>
struct clause_methods<no_limit, Statement> {
  /// LIMIT count (bound as $n).
  [[nodiscard]] constexpr auto limit(std::int64_t count) && {
    return replace_clause<limit_slot>(moved<Statement>(*this), limit_clause{{{{}, count}}});
  }
  [[nodiscard]] constexpr auto limit(std::int64_t count) const& {
    return copied<Statement>(*this).limit(count);
  }
};
template <class Statement>
struct clause_methods<limit_clause, Statement> {
  template <class... A, bool Allowed = false>
  misuse limit(A&&...) const {
    static_assert(clause_can_be_added<limit_slot, Allowed>, "LIMIT is already set");
    return {};
  }
};

template <class Statement>
struct clause_methods<no_offset, Statement> {
  /// OFFSET count (bound as $n).
  [[nodiscard]] constexpr auto offset(std::int64_t count) && {
    return replace_clause<offset_slot>(moved<Statement>(*this), offset_clause{{{{}, count}}});
  }
  [[nodiscard]] constexpr auto offset(std::int64_t count) const& {
    return copied<Statement>(*this).offset(count);
  }
};
template <class Statement>
struct clause_methods<offset_clause, Statement> {
  template <class... A, bool Allowed = false>
  misuse offset(A&&...) const {
    static_assert(clause_can_be_added<offset_slot, Allowed>, "OFFSET is already set");
    return {};
  }
};

}  // namespace pgdsl::detail

// ---- pgdsl/statement/clause/locking.hpp
// Row locks of SELECT: FOR UPDATE / FOR SHARE, optionally followed by SKIP LOCKED or NOWAIT.


namespace pgdsl::detail {

struct lock_slot {};

struct no_lock {
  using slot = lock_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// " FOR UPDATE", " FOR SHARE SKIP LOCKED", ...
template <fixed_string Text>
struct lock_clause : text_clause<Text> {
  using slot = lock_slot;
};

template <class Statement>
struct clause_methods<no_lock, Statement> {
  [[nodiscard]] constexpr auto for_update() && {
    return replace_clause<lock_slot>(moved<Statement>(*this), lock_clause<" FOR UPDATE">{});
  }
  [[nodiscard]] constexpr auto for_update() const& { return copied<Statement>(*this).for_update(); }
  [[nodiscard]] constexpr auto for_share() && {
    return replace_clause<lock_slot>(moved<Statement>(*this), lock_clause<" FOR SHARE">{});
  }
  [[nodiscard]] constexpr auto for_share() const& { return copied<Statement>(*this).for_share(); }
  template <class... A, bool Allowed = false>
  misuse skip_locked(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>,
                  "SKIP LOCKED and NOWAIT follow .for_update() or .for_share()");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse nowait(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>,
                  "SKIP LOCKED and NOWAIT follow .for_update() or .for_share()");
    return {};
  }
};

template <fixed_string Text, class Statement>
struct clause_methods<lock_clause<Text>, Statement> {
  [[nodiscard]] constexpr auto skip_locked() && {
    return replace_clause<lock_slot>(moved<Statement>(*this),
                                     lock_clause<concat(Text, fixed_string(" SKIP LOCKED"))>{});
  }
  [[nodiscard]] constexpr auto skip_locked() const& {
    return copied<Statement>(*this).skip_locked();
  }
  [[nodiscard]] constexpr auto nowait() && {
    return replace_clause<lock_slot>(moved<Statement>(*this),
                                     lock_clause<concat(Text, fixed_string(" NOWAIT"))>{});
  }
  [[nodiscard]] constexpr auto nowait() const& { return copied<Statement>(*this).nowait(); }
  template <class... A, bool Allowed = false>
  misuse for_update(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>, "a row lock is already set");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse for_share(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>, "a row lock is already set");
    return {};
  }
};

}  // namespace pgdsl::detail

// ---- pgdsl/statement/clause/order_by.hpp
// ORDER BY, SELECT's sort keys: expr.asc() / expr.desc() as given, anything else in the server's
// default order.

#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the sort-key rule: names the key's SQL type.
template <class KeyType, bool Holds>
inline constexpr bool sort_key_has_a_column = Holds;

namespace detail {

/// An ORDER BY key: a sort_item as given, anything else as an operand (the server's default order).
template <class Item>
constexpr auto to_sort_operand(Item&& item) {
  if constexpr (requires { item.nulls_first(); })
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}
template <class Item>
using sort_operand_t = decltype(to_sort_operand(std::declval<Item>()));

/// The expression a key sorts by (inside expr.asc() / expr.desc()).
template <class Key>
struct sort_expression {
  using type = Key;
};
template <class E, bool Descending, int Nulls>
struct sort_expression<sort_item<E, Descending, Nulls>> {
  using type = E;
};

/// A key without a column sorts every row alike: a bound value (a run-time string naming a column
/// included) is sent as $n and sorts nothing.
template <class Key>
constexpr void check_sort_key() {
  using expression = typename sort_expression<Key>::type;
  static_assert(
      sort_key_has_a_column<sql_type_name<sql_type_t<expression>>, expression::tables::size != 0>,
      "ORDER BY key has no column: a bound value (such as a run-time std::string) is "
      "sent as $n and sorts nothing; order by a column, e.g. .order_by(users.name), and "
      "choose between columns with if/switch");
}

struct order_by_slot {};

struct no_order_by {
  using slot = order_by_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// ORDER BY keys.
template <class... Keys>
struct order_by_clause : keyword_clause<" ORDER BY ", item_list<Keys...>> {
  using slot = order_by_slot;
};

template <class Statement>
struct clause_methods<no_order_by, Statement> {
  /// ORDER BY keys, all in one call: columns, expressions, expr.asc() / expr.desc().
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) && {
    (check_sort_key<sort_operand_t<Keys>>(), ...);
    using clause = order_by_clause<sort_operand_t<Keys>...>;
    return replace_clause<order_by_slot>(
        moved<Statement>(*this),
        clause{{make_item_list(to_sort_operand(std::forward<Keys>(keys))...)}});
  }
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const& {
    return copied<Statement>(*this).order_by(std::forward<Keys>(keys)...);
  }
};

template <class... Keys, class Statement>
struct clause_methods<order_by_clause<Keys...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse order_by(A&&...) const {
    static_assert(clause_can_be_added<order_by_slot, Allowed>,
                  "ORDER BY is already set: list every key in one .order_by()");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {
namespace detail {

/// The result columns a select item contributes: one, or all of a table's for all_of().
template <class Item, class NullTables>
struct select_item_columns {
  using type = type_list<result_column<Item, NullTables>>;
};
template <class... Columns, class NullTables>
struct select_item_columns<column_pack<type_list<Columns...>>, NullTables> {
  using type = type_list<result_column<Columns, NullTables>...>;
};

struct select_list_slot {};

/// SELECT [DISTINCT] items: the head of a SELECT statement.
template <bool Distinct, class... Items>
struct select_list {
  item_list<Items...> list;

  using slot = select_list_slot;
  using tables = typename item_list<Items...>::tables;
  using params = typename item_list<Items...>::params;
  template <class NullTables>
  using result_columns = concat_t<typename select_item_columns<Items, NullTables>::type...>;

  static constexpr void render(sql_writer& w) {
    w << (Distinct ? "SELECT DISTINCT " : "SELECT ");
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    list.bind(f);
  }
};

template <bool Distinct, class... Items, class Statement>
struct clause_methods<select_list<Distinct, Items...>, Statement> {
  /// Not a SELECT clause: explains what to write instead.
  template <class... Returned, bool Allowed = false>
  misuse returning(Returned&&...) const {
    static_assert(clause_can_be_added<returning_slot, Allowed>,
                  "RETURNING belongs to INSERT, UPDATE and DELETE: a SELECT returns its select "
                  "list");
    return {};
  }
};

/// A SELECT statement: its select list, then one slot per clause in SQL's order.
template <class List>
using new_select = statement<List, no_from, no_where, no_group_by, no_having, no_order_by, no_limit,
                             no_offset, no_lock>;

template <bool Distinct, class... Items, class... Clauses>
inline constexpr bool is_select_query<statement<select_list<Distinct, Items...>, Clauses...>> =
    true;

/// A select item as stored: aliases and all_of() packs as given, anything else as an operand.
template <class Item>
constexpr auto select_item(Item&& item) {
  if constexpr (requires { item.alias; } || is_column_pack<std::remove_cvref_t<Item>>)
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}

template <bool Distinct, class... Items>
constexpr auto make_select(Items&&... items) {
  using list = select_list<Distinct, decltype(select_item(std::declval<Items>()))...>;
  return new_select<list>(list{make_item_list(select_item(std::forward<Items>(items))...)}, {}, {},
                          {}, {}, {}, {}, {}, {});
}

}  // namespace detail

/// SELECT items: columns, expressions, expr.as<"alias">(), all_of(table).
template <class... Items>
[[nodiscard]] constexpr auto select(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "select() needs at least one column or expression");
  return detail::make_select<false>(std::forward<Items>(items)...);
}
/// SELECT DISTINCT items.
template <class... Items>
[[nodiscard]] constexpr auto select_distinct(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "select_distinct() needs at least one column or expression");
  return detail::make_select<true>(std::forward<Items>(items)...);
}

}  // namespace pgdsl

namespace pgdsl {
namespace detail {

/// SELECT DISTINCT ON (Keys) Items: the head of a DISTINCT ON statement.
template <class Keys, class... Items>
struct distinct_on_list {
  Keys keys;
  item_list<Items...> list;

  using slot = select_list_slot;
  using tables = concat_t<typename Keys::tables, typename item_list<Items...>::tables>;
  using params = concat_t<typename Keys::params, typename item_list<Items...>::params>;
  template <class NullTables>
  using result_columns = concat_t<typename select_item_columns<Items, NullTables>::type...>;

  static constexpr void render(sql_writer& w) {
    w << "SELECT DISTINCT ON (";
    Keys::render(w);
    w << ") ";
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    keys.bind(f);
    list.bind(f);
  }
};

template <class Keys, class... Items, class... Clauses>
inline constexpr bool is_select_query<statement<distinct_on_list<Keys, Items...>, Clauses...>> =
    true;

/// What distinct_on(keys...) returns: the keys, waiting for the select list.
template <class Keys>
struct pending_distinct_on {
  Keys keys;

  /// SELECT DISTINCT ON (keys) items.
  template <class... Items>
  [[nodiscard]] constexpr auto select(Items&&... items) const {
    static_assert(sizeof...(Items) > 0, "select() needs at least one column or expression");
    using list = distinct_on_list<Keys, decltype(select_item(std::declval<Items>()))...>;
    return new_select<list>(list{keys, make_item_list(select_item(std::forward<Items>(items))...)},
                            {}, {}, {}, {}, {}, {}, {}, {});
  }
};

}  // namespace detail

/// DISTINCT ON (keys):
/// distinct_on(orders.user_id).select(...).from(orders).order_by(orders.user_id,
/// orders.placed_at.desc()) is each user's latest order.
template <class... Keys>
[[nodiscard]] constexpr auto distinct_on(Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "distinct_on() needs at least one key");
  auto list = detail::make_item_list(to_operand(std::forward<Keys>(keys))...);
  return detail::pending_distinct_on<decltype(list)>{std::move(list)};
}

}  // namespace pgdsl

// ---- pgdsl/statement/insert.hpp
// INSERT: insert_into(t).set(col = value, ...), .default_values(), .columns(cols...).select(query)
// or .columns(cols...).values(range) (multi-row, rendered at run time), then optionally
// .on_conflict(...) and .returning(...). Leaving out a NOT NULL column without a default does not
// compile.

#include <cstddef>
#include <ranges>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/statement/optional_part.hpp
// optional_part: a part of a statement present only at run time (made by pgdsl::when, see
// dynamic/when.hpp). It is declared here, below the statements, so that a statement's builder
// can tell an optional part from a fixed one: update(t).set(...) with one becomes a dynamic
// UPDATE (dynamic/dynamic_update.hpp).

#include <optional>

namespace pgdsl {

/// A statement part that may be absent: a condition or a sort key, checked by the statement
/// it is given to exactly as if it were always there.
template <class Part>
struct optional_part {
  using part_type = Part;
  std::optional<Part> part;

  bool present() const noexcept { return part.has_value(); }
};

namespace detail {
template <class T>
inline constexpr bool is_optional_part = false;
template <class P>
inline constexpr bool is_optional_part<optional_part<P>> = true;
}  // namespace detail

}  // namespace pgdsl

namespace pgdsl {

/// ("a", "b") VALUES ($1, $2), from set(a = ..., b = ...).
template <class... Assignments>
struct values_clause {
  detail::pack<Assignments...> assignments;

  using tables = concat_t<typename Assignments::tables...>;
  using params = concat_t<typename Assignments::params...>;

  static constexpr void render(sql_writer& w) {
    w << " (";
    render_each(w, [](sql_writer& out, auto a) { decltype(a)::type::render_target(out); });
    w << ") VALUES (";
    render_each(w, [](sql_writer& out, auto a) { decltype(a)::type::render_value(out); });
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    assignments.for_each([&f](const auto& a) { a.bind(f); });
  }

 private:
  template <class T>
  struct tag {
    using type = T;
  };
  template <class Render>
  static constexpr void render_each(sql_writer& w, Render render) {
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), render(w, tag<Assignments>{})), ...);
  }
};

/// (columns) followed by a SELECT.
template <class Query, class... Columns>
struct insert_select_clause {
  Query query;

  using tables = typename Query::outer_tables;
  using params = typename Query::params;

  static constexpr void render(sql_writer& w) {
    w << " (";
    detail::render_column_names<Columns...>(w);
    w << ") ";
    Query::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

namespace detail {

struct insert_head_slot {};

/// INSERT INTO Table followed by where its rows come from: the head of an INSERT statement.
/// VALUES sees no table; ON CONFLICT and RETURNING see the target table.
template <class Table, class Source>
struct insert_head {
  Source source;

  using slot = insert_head_slot;
  using target_table = Table;
  using identity = typename Table::table_identity;
  using scope = type_list<identity>;
  using unscoped_tables = typename Source::tables;
  using params = typename Source::params;

  static constexpr void render(sql_writer& w) {
    w << "INSERT INTO ";
    identity::render_reference(w);
    Source::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    source.bind(f);
  }
};

template <class Table, class Source>
constexpr auto new_insert_query(Source&& source) {
  using head = insert_head<Table, std::remove_cvref_t<Source>>;
  return statement<head, no_conflict<Table>, no_returning>(head{std::forward<Source>(source)}, {},
                                                           {});
}

}  // namespace detail

template <class Table, class... Columns>
struct insert_columns;

/// insert_into(table): choose where the rows come from.
template <class Table>
struct insert_target {
  /// VALUES from column assignments: set(users.name = "bob", users.email = email).
  template <class... Assignments>
  requires(!(detail::is_optional_part<std::remove_cvref_t<Assignments>> || ...))
  [[nodiscard]] constexpr auto set(Assignments&&... assignments) const {
    static_assert(sizeof...(Assignments) > 0,
                  "set() needs at least one assignment; use .default_values() for none");
    detail::check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    detail::check_required_columns<
        Table, type_list<typename std::remove_cvref_t<Assignments>::column...>>();
    return detail::new_insert_query<Table>(values_clause<std::remove_cvref_t<Assignments>...>{
        detail::pack<std::remove_cvref_t<Assignments>...>(
            std::forward<Assignments>(assignments)...)});
  }
  /// With an assignment present only at run time (pgdsl::when(request.note, ...)): a dynamic
  /// INSERT listing the present columns. Defined in dynamic/dynamic_insert.hpp.
  template <class... Parts>
  requires(detail::is_optional_part<std::remove_cvref_t<Parts>> || ...)
  [[nodiscard]] auto set(Parts&&... parts) const;
  /// DEFAULT VALUES: every column takes its default.
  [[nodiscard]] constexpr auto default_values() const {
    detail::check_required_columns<Table, type_list<>>();
    return detail::new_insert_query<Table>(detail::text_clause<" DEFAULT VALUES">{});
  }
  /// The columns that .select(query) or .values(rows) fill, in order.
  template <class... Columns>
  [[nodiscard]] constexpr auto columns(const Columns&...) const {
    static_assert(sizeof...(Columns) > 0, "columns() needs at least one column");
    (detail::static_assert_belongs<Columns, typename Table::table_identity>(), ...);
    detail::check_required_columns<Table, type_list<Columns...>>();
    return insert_columns<Table, Columns...>{};
  }
};

/// The condition of the INSERT ... SELECT rule.
template <class Column, class ColumnType, class ValueType, bool Holds>
inline constexpr bool selected_value_fits_column = Holds;

/// insert_into(t).columns(...): rows from .select(query) or .values(range); .on_conflict(...) here
/// gives every statement that values() (and db.insert_rows()) builds from it that clause.
template <class Table, class... Columns>
struct insert_columns : detail::clause_methods<detail::no_conflict<Table>, insert_columns<Table, Columns...>> {
  /// INSERT INTO t (columns) SELECT ...
  template <class Query>
  requires detail::is_select_query<std::remove_cvref_t<Query>>
  [[nodiscard]] constexpr auto select(Query&& query) const {
    using selected = typename std::remove_cvref_t<Query>::result_columns;
    static_assert(selected::size == sizeof...(Columns),
                  "INSERT ... SELECT: the query must select one value per listed column");
    if constexpr (selected::size == sizeof...(Columns)) check_selected(selected{});
    return detail::new_insert_query<Table>(
        insert_select_clause<std::remove_cvref_t<Query>, Columns...>{std::forward<Query>(query)});
  }
  /// Multi-row VALUES, one row per element of `rows` (tuples of the columns' values); defined in
  /// statement/insert_rows.hpp.
  template <std::ranges::input_range Rows>
  [[nodiscard]] auto values(const Rows& rows) const;
  /// What on_conflict(...) builds (replace_clause); defined in statement/insert_rows.hpp.
  template <class Slot, class Conflict>
  [[nodiscard]] auto with_clause(Conflict&& conflict) &&;

 private:
  template <class... Selected>
  static constexpr void check_selected(type_list<Selected...>) {
    (check_one<Columns, Selected>(), ...);
  }
  template <class Column, class Selected>
  static constexpr void check_one() {
    using column_type = typename Column::sql_type;
    using value_type = typename Selected::sql_type;
    static_assert(selected_value_fits_column<typename Column::description,
                                             sql_type_name<column_type>, sql_type_name<value_type>,
                                             detail::assignable_types<column_type, value_type>()>,
                  "INSERT ... SELECT: a selected value does not fit its column's type");
  }
};

/// INSERT INTO table: start of an INSERT statement.
template <table_type Table>
[[nodiscard]] constexpr auto insert_into(const Table&) {
  detail::check_not_a_view<Table>();
  return insert_target<Table>{};
}

}  // namespace pgdsl

// ---- pgdsl/render/rendered_sql.hpp
// rendered_sql: the SQL text of a statement rendered at run time, with the same members as the
// compile-time Q::sql (view(), c_str(), size(), == with a string), so every statement is read the
// same way: q.sql.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace pgdsl {

/// The text of a statement rendered at run time (q.sql of a multi-row INSERT).
class rendered_sql {
 public:
  rendered_sql() = default;
  explicit rendered_sql(std::string text) : text_(std::move(text)) {}

  std::string_view view() const noexcept { return text_; }
  const char* c_str() const noexcept { return text_.c_str(); }
  std::size_t size() const noexcept { return text_.size(); }
  operator std::string_view() const noexcept { return text_; }  // NOLINT: views are cheap

  friend bool operator==(const rendered_sql& sql, std::string_view other) noexcept {
    return sql.view() == other;
  }

 private:
  std::string text_;
};

}  // namespace pgdsl

// ---- pgdsl/statement/insert_rows.hpp
// Multi-row INSERT from a run-time range: insert_into(t).columns(a, b).values(rows), optionally
// with ON CONFLICT (before or after values(): a bulk upsert). A statement whose length is only
// known at run time: its SQL is rendered when values() builds it, by the same writer as every
// static statement ($n numbered row by row, left to right, then the ON CONFLICT clause's), and read
// as q.sql.

#include <cstddef>
#include <ranges>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

// ---- pgdsl/render/runtime_sql.hpp
// Rendering at run time, for the one statement shape whose length is only known then (multi-row
// VALUES from a range): the same sql_writer, measured then written, so the rules are the same.

#include <cstddef>
#include <string>


namespace pgdsl::detail {

/// Appends what render(writer) writes to `out`, numbering placeholders from `first_placeholder`;
/// returns the number the next placeholder would get.
template <class Render>
std::size_t render_appending(std::string& out, std::size_t first_placeholder, Render&& render) {
  sql_writer counter(nullptr, first_placeholder);
  render(counter);
  const std::size_t start = out.size();
  out.resize(start + counter.size());
  sql_writer writer(out.data() + start, first_placeholder);
  render(writer);
  return writer.next_placeholder();
}

}  // namespace pgdsl::detail

namespace pgdsl {

/// The condition of the multi-row VALUES rule.
template <class Column, class ColumnType, class ValueType, bool Holds>
inline constexpr bool row_value_fits_column = Holds;

/// INSERT INTO table (columns) VALUES (...), (...), ... [ON CONFLICT ...] with the rows stored by
/// value. Row is a std::tuple of the values' parameter types: the server converts them to the
/// columns' types (as for every parameter), so a value out of a column's range is an error, never
/// truncated here. Conflict is the ON CONFLICT clause (detail::no_conflict: none). Its SQL is
/// rendered once, when values() builds it: q.sql, as for every other statement.
template <class Table, class Row, class Conflict, class... Columns>
class insert_multi_row_query
    : public detail::clause_methods<Conflict,
                                    insert_multi_row_query<Table, Row, Conflict, Columns...>> {
 public:
  using row_type = Row;
  using identity = typename Table::table_identity;
  using result_columns = type_list<>;

  explicit insert_multi_row_query(std::vector<row_type> rows, Conflict conflict = {})
      : rows_(std::move(rows)), conflict_(std::move(conflict)), sql(render(rows_.size())) {}

 private:
  std::vector<row_type> rows_;
  Conflict conflict_;

 public:
  /// The SQL text: INSERT INTO "t" ("a", "b") VALUES ($1, $2), ($3, $4).
  const rendered_sql sql;

  /// The rows, as values() copied them (the SQL has one VALUES tuple per row).
  const std::vector<row_type>& rows() const noexcept { return rows_; }

  /// The number of bound values: one per column per row, then the ON CONFLICT clause's.
  std::size_t param_count() const {
    return rows_.size() * sizeof...(Columns) + detail::clause_params<Conflict>().size;
  }

  /// Calls f(value) for each bound value, row by row, then the ON CONFLICT clause's, in $n order.
  template <class F>
  void bind(F&& f) const {
    for (const auto& row : rows_) std::apply([&f](const auto&... value) { (f(value), ...); }, row);
    conflict_.bind(f);
  }

  /// What on_conflict(...) builds: the same rows with that clause (replace_clause).
  template <class Slot, class New>
  [[nodiscard]] auto with_clause(New&& conflict) && {
    return insert_multi_row_query<Table, Row, std::remove_cvref_t<New>, Columns...>(
        std::move(rows_), std::forward<New>(conflict));
  }

 private:
  struct prefix {
    static constexpr void render(sql_writer& w) {
      w << "INSERT INTO ";
      identity::render_reference(w);
      w << " (";
      detail::render_column_names<Columns...>(w);
      w << ") VALUES ";
    }
  };

  static rendered_sql render(std::size_t row_count) {
    std::string text(sql_of<prefix>.view());
    detail::render_appending(text, 1, [row_count](sql_writer& w) {
      for (std::size_t row = 0; row < row_count; ++row) {
        w << (row == 0 ? "(" : ", (");
        for (std::size_t column = 0; column < sizeof...(Columns); ++column) {
          if (column != 0) w << ", ";
          w.placeholder();
        }
        w << ')';
      }
      Conflict::render(w);
    });
    return rendered_sql(std::move(text));
  }
};

namespace detail {

template <class Column, class Value>
constexpr void check_row_value() {
  using column_type = typename Column::sql_type;
  using value_type = nullable_base_t<Value>;
  static_assert(
      row_value_fits_column<typename Column::description, sql_type_name<column_type>,
                            sql_type_name<value_type>, assignable_types<column_type, value_type>()>,
      "values(): a row value does not fit its column's type");
  static_assert(column_accepts_null < typename Column::description,
                Column::is_nullable || !is_optional_v < Value >>,
                "values(): a std::optional value goes into a NOT NULL column");
}

template <class Table, class... Columns, class Rows, class Conflict, std::size_t... I>
auto make_multi_row_insert(const Rows& range, Conflict conflict, std::index_sequence<I...>) {
  using element = std::remove_cvref_t<std::ranges::range_reference_t<const Rows&>>;
  using row = std::tuple<parameter_storage_t<std::tuple_element_t<I, element>>...>;
  (check_row_value<Columns, std::tuple_element_t<I, row>>(), ...);
  std::vector<row> rows;
  if constexpr (std::ranges::sized_range<const Rows&>) rows.reserve(std::ranges::size(range));
  for (const auto& values : range) rows.emplace_back(std::get<I>(values)...);
  return insert_multi_row_query<Table, row, Conflict, Columns...>(std::move(rows),
                                                                   std::move(conflict));
}

template <class Table, class... Columns, class Rows, class Conflict>
auto make_multi_row_insert(const Rows& rows, Conflict conflict) {
  using element = std::remove_cvref_t<std::ranges::range_reference_t<const Rows&>>;
  static_assert(std::tuple_size_v<element> == sizeof...(Columns),
                "values(): each row must be a tuple with one value per listed column");
  return make_multi_row_insert<Table, Columns...>(rows, std::move(conflict),
                                                  std::index_sequence_for<Columns...>{});
}

/// insert_into(t).columns(...).on_conflict(...)...: the column list whose statements all carry
/// that ON CONFLICT clause (what db.insert_rows() takes for a bulk upsert).
template <class Table, class Conflict, class... Columns>
struct insert_columns_on_conflict
    : clause_methods<Conflict, insert_columns_on_conflict<Table, Conflict, Columns...>> {
  Conflict conflict;

  explicit insert_columns_on_conflict(Conflict c) : conflict(std::move(c)) {}

  /// Multi-row VALUES with the ON CONFLICT clause.
  template <std::ranges::input_range Rows>
  [[nodiscard]] auto values(const Rows& rows) const {
    return make_multi_row_insert<Table, Columns...>(rows, conflict);
  }
};

}  // namespace detail

template <class Table, class... Columns>
template <std::ranges::input_range Rows>
auto insert_columns<Table, Columns...>::values(const Rows& rows) const {
  return detail::make_multi_row_insert<Table, Columns...>(rows, detail::no_conflict<Table>{});
}

template <class Table, class... Columns>
template <class Slot, class Conflict>
auto insert_columns<Table, Columns...>::with_clause(Conflict&& conflict) && {
  return detail::insert_columns_on_conflict<Table, std::remove_cvref_t<Conflict>, Columns...>(
      std::forward<Conflict>(conflict));
}

}  // namespace pgdsl

// ---- pgdsl/statement/update.hpp
// UPDATE: update(t).set(col = value, ...) then .from(...), .where(...) or .all_rows(), and
// .returning(...). An UPDATE without WHERE must say .all_rows(), or it does not compile.

#include <type_traits>
#include <utility>


namespace pgdsl {
namespace detail {

struct update_head_slot {};

/// UPDATE Table SET assignments: the head of an UPDATE statement.
template <class Table, class... Assignments>
struct update_head {
  item_list<Assignments...> set_list;

  using slot = update_head_slot;
  using target_table = Table;
  using identity = typename Table::table_identity;
  using scope = type_list<identity>;
  using tables = typename item_list<Assignments...>::tables;
  using params = typename item_list<Assignments...>::params;

  static constexpr void render(sql_writer& w) {
    w << "UPDATE ";
    identity::render_reference(w);
    w << " SET ";
    item_list<Assignments...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    set_list.bind(f);
  }
};

/// update(table): choose the assignments with .set(...).
template <class Table>
struct update_target {
  template <class... Assignments>
  requires(!(is_optional_part<std::remove_cvref_t<Assignments>> || ...))
  [[nodiscard]] constexpr auto set(Assignments&&... assignments) const {
    static_assert(sizeof...(Assignments) > 0, "set() needs at least one assignment");
    check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    using head = update_head<Table, std::remove_cvref_t<Assignments>...>;
    return statement<head, no_from, where_required<update_statement>, no_returning>(
        head{make_item_list(std::forward<Assignments>(assignments)...)}, {}, {}, {});
  }
  /// With an assignment present only at run time (pgdsl::when(request.email, ...)): a dynamic
  /// UPDATE, whose SET lists the present ones (PATCH). Defined in dynamic/dynamic_update.hpp.
  template <class... Parts>
  requires(is_optional_part<std::remove_cvref_t<Parts>> || ...)
  [[nodiscard]] auto set(Parts&&... parts) const;
};

}  // namespace detail

/// UPDATE table: start of an UPDATE statement.
template <table_type Table>
[[nodiscard]] constexpr auto update(const Table&) {
  detail::check_not_a_view<Table>();
  return detail::update_target<Table>{};
}

}  // namespace pgdsl

// ---- pgdsl/cte/cte.hpp
// A common table expression: pgdsl::cte<"name">(query) names a SELECT for a WITH list and is a
// table in FROM and JOIN; its columns are the query's result columns, typed as the query reads
// them (statement/query_table.hpp): big[orders.total] for a selected column, big.column<"alias">()
// by name.

#include <type_traits>
#include <utility>

// ---- pgdsl/statement/query_table.hpp
// A query read as a table, by a CTE (pgdsl/cte/) or a derived table in FROM (pgdsl/derived/): its
// columns are the query's result columns, typed as the query reads them; t[orders.total] names a
// selected column, t.column<"alias">() one by name.

#include <cstddef>
#include <string_view>
#include <type_traits>


namespace pgdsl {

/// The condition of the rule that a column of a CTE or derived table is one its query selects:
/// names the table and what was asked for.
template <class Table, class Asked, bool Holds>
inline constexpr bool query_selects_the_column = Holds;

namespace detail {

/// A string_view of static storage as a fixed_string (a result column's name as a type argument).
template <std::size_t N>
constexpr fixed_string<N> to_fixed_string(std::string_view text) {
  fixed_string<N> out;
  for (std::size_t i = 0; i < N; ++i) out.data[i] = text[i];
  return out;
}

/// Where in Columns the column keyed by Key is, or Columns::size.
template <class Key, class... Columns>
constexpr std::size_t index_of_key(type_list<Columns...>) {
  std::size_t index = 0;
  ((!std::is_same_v<typename Columns::key_type, Key> ? ++index : 0) && ...);
  return index;
}
template <class... Columns>
constexpr std::size_t index_of_name(std::string_view name, type_list<Columns...>) {
  std::size_t index = 0;
  ((Columns::name != name ? ++index : 0) && ...);
  return index;
}

}  // namespace detail

/// The table a named query is in FROM: named Name, with the result columns Columns of its query.
template <fixed_string Name, class Columns>
struct query_table {
  using table_identity = query_table;
  using description = table_description<name_type<Name>>;
  using columns = Columns;
  static constexpr auto sql_name = Name;

  static constexpr void render_reference(sql_writer& w) { w.identifier(Name.view()); }
};

/// A column of a named query: "name"."column", read as the query reads it (optional as well when
/// the table is outer-joined).
template <class Table, class Column>
struct query_table_column : expression_ops<query_table_column<Table, Column>> {
  static constexpr auto name = detail::to_fixed_string<Column::name.size()>(Column::name);

  using sql_type = typename Column::sql_type;
  using tables = type_list<Table>;
  using params = type_list<>;
  using description = column_description<name_type<Table::sql_name>, name_type<name>>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in =
      is_optional_v<typename Column::value_type> || contains_v<Table, NullTables>;

  static constexpr void render(sql_writer& w) {
    w.identifier(Table::sql_name.view());
    w << '.';
    w.identifier(Column::name);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

/// The column lookup of a named query whose table is Identity (a query_table).
template <class Identity>
struct query_table_columns {
  using table_identity = Identity;
  using columns = typename Identity::columns;

  /// The column the query selects as `selected` (a column or an aliased item), or else the one of
  /// `selected`'s name (orders.user_id for a column selected from another CTE).
  template <class Selected>
  constexpr auto operator[](const Selected&) const {
    constexpr std::size_t index = [] {
      constexpr std::size_t by_key = detail::index_of_key<Selected>(columns{});
      if constexpr (by_key == columns::size && requires { Selected::name.view(); })
        return detail::index_of_name(Selected::name.view(), columns{});
      else
        return by_key;
    }();
    static_assert(query_selects_the_column<typename Identity::description, description_t<Selected>,
                                           (index < columns::size)>,
                  "the query of this CTE or derived table does not select this column: select it "
                  "there, or name an aliased one with .column<\"alias\">()");
    if constexpr (index < columns::size)
      return query_table_column<Identity, at_t<index, columns>>{};
    else
      return query_table_column<Identity, at_t<0, columns>>{};
  }
  /// The column named `ColumnName` (an alias given in the query, or a column's name).
  template <fixed_string ColumnName>
  constexpr auto column() const {
    constexpr std::size_t index = detail::index_of_name(ColumnName.view(), columns{});
    static_assert(query_selects_the_column<typename Identity::description, name_type<ColumnName>,
                                           (index < columns::size)>,
                  "the query of this CTE or derived table selects no column of this name");
    if constexpr (index < columns::size)
      return query_table_column<Identity, at_t<index, columns>>{};
    else
      return query_table_column<Identity, at_t<0, columns>>{};
  }
};

}  // namespace pgdsl

namespace pgdsl {

/// The condition of the rule that a CTE is defined by a SELECT.
template <class Query, bool Holds>
inline constexpr bool cte_query_is_a_select = Holds;

/// How a CTE is evaluated: as PostgreSQL decides, MATERIALIZED or NOT MATERIALIZED.
enum class materialization { automatic, materialized, not_materialized };

/// name AS (query): one entry of a WITH list, and the table it defines.
template <fixed_string Name, class Query,
          materialization Materialization = materialization::automatic>
struct cte_definition : query_table_columns<query_table<Name, typename Query::result_columns>> {
  static_assert(valid_sql_name(Name), "a CTE name must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Name),
                "a CTE name must be at most 63 bytes (PostgreSQL would truncate it); shorten it");

  Query query;

  using query_type = Query;
  static constexpr auto sql_name = Name;

  static constexpr void render_definition(sql_writer& w) {
    w.identifier(Name.view());
    w << " AS ";
    if constexpr (Materialization == materialization::materialized) w << "MATERIALIZED ";
    if constexpr (Materialization == materialization::not_materialized) w << "NOT MATERIALIZED ";
    w << '(';
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }

  /// AS MATERIALIZED: computed once, even where inlining it would be cheaper.
  [[nodiscard]] constexpr auto materialized() const {
    return cte_definition<Name, Query, materialization::materialized>{{}, query};
  }
  /// AS NOT MATERIALIZED: inlined into each reference, so the outer query's conditions reach it.
  [[nodiscard]] constexpr auto not_materialized() const {
    return cte_definition<Name, Query, materialization::not_materialized>{{}, query};
  }
};

/// cte<"name">(select(...)...): a named query for with(...), usable as a table.
template <fixed_string Name, class Query>
[[nodiscard]] constexpr auto cte(Query&& query) {
  using query_type = std::remove_cvref_t<Query>;
  static_assert(cte_query_is_a_select<query_type, detail::is_select_query<query_type>>,
                "a CTE is defined by a SELECT (or UNION ...) here");
  return cte_definition<Name, query_type>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl

// ---- pgdsl/cte/table_cte.hpp
// A CTE whose columns are declared as a table descriptor: pgdsl::cte(tree, query) renders
// "tree"("id", "depth") AS (query). The table is declared before its query exists, so the query may
// read it: that is how WITH RECURSIVE refers to itself. Its columns are ordinary columns
// (tree.id), and the query's columns must match them in number, SQL type and nullability.

#include <cstddef>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// The conditions of the rules that a declared CTE's query matches its table.
template <class Table, class DeclaredCount, class QueryCount, bool Holds>
inline constexpr bool cte_query_has_the_declared_columns = Holds;
template <class Column, class DeclaredType, class QueryType, bool Holds>
inline constexpr bool cte_query_column_has_the_declared_type = Holds;
template <class Column, bool Holds>
inline constexpr bool cte_query_column_is_not_null = Holds;
template <std::size_t N>
struct column_count {};

namespace detail {

template <class Column, class Selected>
constexpr void check_declared_column() {
  using declared = typename Column::sql_type;
  using selected = typename Selected::sql_type;
  static_assert(
      cte_query_column_has_the_declared_type<typename Column::description, sql_type_name<declared>,
                                             sql_type_name<selected>,
                                             std::is_same_v<declared, selected>>,
      "the CTE's query selects a value of another SQL type than the column declared "
      "for it: convert it with pgdsl::cast<T>(...)");
  constexpr bool fits = Column::is_nullable || !is_optional_v<typename Selected::value_type>;
  static_assert(cte_query_column_is_not_null<typename Column::description, fits>,
                "the CTE's query selects a value that may be NULL for a NOT NULL column: declare "
                "the column std::optional, or coalesce() the value");
}

template <class Columns, class Selected, std::size_t... I>
constexpr void check_declared_columns(std::index_sequence<I...>) {
  (check_declared_column<at_t<I, Columns>, at_t<I, Selected>>(), ...);
}

template <class... Columns>
constexpr void render_declared_names(sql_writer& w, type_list<Columns...>) {
  render_column_names<Columns...>(w);
}

}  // namespace detail

/// "table"(columns...) AS (query): a WITH entry whose table is the descriptor Table.
template <class Table, class Query, materialization Materialization = materialization::automatic>
struct table_cte_definition {
  Query query;

  using query_type = Query;
  using table_identity = typename Table::table_identity;

  static constexpr void render_definition(sql_writer& w) {
    Table::render_reference(w);
    w << " (";
    detail::render_declared_names(w, columns_of_t<Table>{});
    w << ") AS ";
    if constexpr (Materialization == materialization::materialized) w << "MATERIALIZED ";
    if constexpr (Materialization == materialization::not_materialized) w << "NOT MATERIALIZED ";
    w << '(';
    Query::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }

  [[nodiscard]] constexpr auto materialized() const {
    return table_cte_definition<Table, Query, materialization::materialized>{query};
  }
  [[nodiscard]] constexpr auto not_materialized() const {
    return table_cte_definition<Table, Query, materialization::not_materialized>{query};
  }
};

/// cte(table, query): the CTE named and typed by the descriptor `table` (a struct deriving from
/// pgdsl::table<"name">), defined by `query`, which may read `table` itself under with_recursive().
template <table_type Table, class Query>
[[nodiscard]] constexpr auto cte(const Table&, Query&& query) {
  using query_type = std::remove_cvref_t<Query>;
  constexpr bool is_select = detail::is_select_query<query_type>;
  static_assert(cte_query_is_a_select<query_type, is_select>,
                "a CTE is defined by a SELECT (or UNION ...) here");
  if constexpr (is_select) {
    using declared = columns_of_t<Table>;
    using selected = typename query_type::result_columns;
    static_assert(cte_query_has_the_declared_columns<
                      typename Table::description, column_count<declared::size>,
                      column_count<selected::size>, declared::size == selected::size>,
                  "the CTE's query selects another number of columns than its table declares");
    if constexpr (declared::size == selected::size)
      detail::check_declared_columns<declared, selected>(
          std::make_index_sequence<declared::size>{});
  }
  return table_cte_definition<Table, query_type>{std::forward<Query>(query)};
}

}  // namespace pgdsl

// ---- pgdsl/cte/with.hpp
// WITH: pgdsl::with(cte1, cte2).select(...) is a SELECT whose first clause is the WITH list, so
// only statements that use one pay for it; the CTEs' values are bound first, in list order.

#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the rule that with() takes CTEs.
template <class Argument, bool Holds>
inline constexpr bool with_takes_ctes = Holds;

namespace detail {

struct with_slot {};

template <class T>
inline constexpr bool is_cte_definition = requires {
  &T::render_definition;
};

/// WITH [RECURSIVE] name AS (query), ...
template <bool Recursive, class... Definitions>
struct with_clause {
  pack<Definitions...> definitions;

  using slot = with_slot;
  using params = concat_t<typename Definitions::query_type::params...>;
  using unscoped_tables = concat_t<typename Definitions::query_type::outer_tables...>;

  static constexpr void render(sql_writer& w) {
    w << (Recursive ? "WITH RECURSIVE " : "WITH ");
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), Definitions::render_definition(w)), ...);
    w << ' ';
  }
  template <class F>
  constexpr void bind(F& f) const {
    definitions.for_each([&f](const auto& definition) { definition.bind(f); });
  }
};

template <bool Recursive, class... Definitions, bool Distinct, class... Items, class... Clauses>
inline constexpr bool is_select_query<statement<with_clause<Recursive, Definitions...>,
                                                select_list<Distinct, Items...>, Clauses...>> =
    true;

/// What with(...) returns: the WITH list, waiting for the statement it precedes.
template <bool Recursive, class... Definitions>
struct with_list {
  with_clause<Recursive, Definitions...> clause;

  /// WITH ... SELECT items.
  template <class... Items>
  [[nodiscard]] constexpr auto select(Items&&... items) const {
    return make<false>(std::forward<Items>(items)...);
  }
  template <class... Items>
  [[nodiscard]] constexpr auto select_distinct(Items&&... items) const {
    return make<true>(std::forward<Items>(items)...);
  }

 private:
  template <bool Distinct, class... Items>
  constexpr auto make(Items&&... items) const {
    static_assert(sizeof...(Items) > 0, "select() needs at least one column or expression");
    using list = select_list<Distinct, decltype(select_item(std::declval<Items>()))...>;
    return statement<with_clause<Recursive, Definitions...>, list, no_from, no_where, no_group_by,
                     no_having, no_order_by, no_limit, no_offset, no_lock>(
        clause, list{make_item_list(select_item(std::forward<Items>(items))...)}, {}, {}, {}, {},
        {}, {}, {}, {});
  }
};

template <class Argument>
constexpr void check_with_argument() {
  static_assert(with_takes_ctes<Argument, is_cte_definition<Argument>>,
                "with() takes CTEs: pgdsl::cte<\"name\">(select(...))");
}

template <bool Recursive, class... Definitions>
constexpr auto make_with(Definitions&&... definitions) {
  static_assert(sizeof...(Definitions) > 0, "with() needs at least one CTE");
  (check_with_argument<std::remove_cvref_t<Definitions>>(), ...);
  using clause = with_clause<Recursive, std::remove_cvref_t<Definitions>...>;
  return with_list<Recursive, std::remove_cvref_t<Definitions>...>{
      clause{pack<std::remove_cvref_t<Definitions>...>(std::forward<Definitions>(definitions)...)}};
}

}  // namespace detail

/// WITH cte, ...: with(big_orders, totals).select(...).from(totals)...
template <class... Definitions>
[[nodiscard]] constexpr auto with(Definitions&&... definitions) {
  return detail::make_with<false>(std::forward<Definitions>(definitions)...);
}
/// WITH RECURSIVE cte, ...: a CTE declared with a table (cte(tree, query)) may read itself.
template <class... Definitions>
[[nodiscard]] constexpr auto with_recursive(Definitions&&... definitions) {
  return detail::make_with<true>(std::forward<Definitions>(definitions)...);
}

}  // namespace pgdsl

// ---- pgdsl/derived/derived_table.hpp
// Derived tables: pgdsl::derived<"t">(select(...)) is a subquery in FROM or JOIN under the alias
// "t", whose columns are the query's result columns, typed as it reads them (t[orders.total],
// t.column<"alias">()). .join_lateral(t) / .left_join_lateral(t) / .cross_join_lateral(t) make it
// LATERAL, so its query may read the tables before it. Its values are bound where its text is.

#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the rule that a derived table is defined by a SELECT.
template <class Query, bool Holds>
inline constexpr bool derived_table_query_is_a_select = Holds;
/// The condition of the rule that a subquery in FROM reading an earlier table of the same FROM is
/// LATERAL: names the derived table and the first table it reads.
template <class DerivedTable, class ReadTable, bool Holds>
inline constexpr bool subquery_reading_from_is_lateral = Holds;

namespace detail {

/// [LATERAL] (query) AS "name": a derived table as an entry of FROM or of a JOIN.
template <class Identity, class Query, bool Lateral>
struct derived_entry {
  Query query;

  using identity = Identity;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_join = false;

  /// Only a LATERAL subquery sees the tables before it in FROM.
  template <class Scope>
  static constexpr void check_after() {
    if constexpr (!Lateral) {
      using read = difference_t<tables, difference_t<tables, Scope>>;
      if constexpr (read::size != 0)
        static_assert(subquery_reading_from_is_lateral<typename Identity::description,
                                                       typename at_t<0, read>::description, false>,
                      "a subquery in FROM reads a table of the same FROM: join it with "
                      ".join_lateral(t), .left_join_lateral(t) or .cross_join_lateral(t)");
    }
  }
  static constexpr void render(sql_writer& w) {
    if constexpr (Lateral) w << "LATERAL ";
    w << '(';
    Query::render(w);
    w << ") AS ";
    w.identifier(Identity::sql_name.view());
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

}  // namespace detail

/// A SELECT named for FROM: its columns are looked up like a CTE's (statement/query_table.hpp).
template <fixed_string Name, class Query>
struct derived_table : query_table_columns<query_table<Name, typename Query::result_columns>> {
  static_assert(valid_sql_name(Name),
                "a derived table's name must be non-empty and contain no NUL character");
  static_assert(sql_name_fits(Name),
                "a derived table's name must be at most 63 bytes (PostgreSQL would truncate it)");

  Query query;

  using query_type = Query;
  using identity = query_table<Name, typename Query::result_columns>;

  /// The entries FROM and JOIN render (pgdsl/statement/clause/from.hpp).
  constexpr auto from_entry() const { return detail::derived_entry<identity, Query, false>{query}; }
  constexpr auto lateral_entry() const {
    return detail::derived_entry<identity, Query, true>{query};
  }
};

/// derived<"t">(select(...)...): a subquery usable in .from() and .join(), named "t".
template <fixed_string Name, class Query>
[[nodiscard]] constexpr auto derived(Query&& query) {
  using query_type = std::remove_cvref_t<Query>;
  static_assert(derived_table_query_is_a_select<query_type, detail::is_select_query<query_type>>,
                "a derived table is defined by a SELECT (or UNION ...)");
  return derived_table<Name, query_type>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl

// ---- pgdsl/aggregate/collecting_aggregates.hpp
// Aggregates that collect: string_agg(text, delimiter) -> text, array_agg(x) -> std::vector,
// bool_and / bool_or(condition) -> bool. Each is NULL over no rows (std::optional), as PostgreSQL
// makes them. array_agg's elements are std::optional when its argument may be NULL by itself.

#include <optional>
#include <string>
#include <utility>
#include <vector>


namespace pgdsl {

/// The condition of the rules on a collecting aggregate's argument: names it and its SQL type.
template <class Argument, class ArgumentType, bool Holds>
inline constexpr bool string_agg_takes_text = Holds;
template <class Argument, class ArgumentType, bool Holds>
inline constexpr bool bool_aggregate_takes_a_condition = Holds;
/// The condition of the rule that array_agg's elements are read as std::optional where an outer
/// join may make them NULL.
template <class Argument, bool Holds>
inline constexpr bool array_agg_elements_are_not_null = Holds;

/// array_agg(x, pgdsl::null_elements): read the elements as std::optional whatever x is.
struct null_elements_t {};
inline constexpr null_elements_t null_elements{};

namespace detail {

/// Several arguments of one aggregate: a, b.
template <class... Args>
struct aggregate_arguments {
  pack<Args...> arguments;

  using tables = tables_of<Args...>;
  using params = params_of<Args...>;
  static constexpr void render(sql_writer& w) { render_list<Args...>(w); }
  template <class F>
  constexpr void bind(F& f) const {
    arguments.for_each([&f](const auto& argument) { argument.bind(f); });
  }
};

/// array_agg's element type: std::optional<T> when the argument may be NULL by itself.
template <class E>
using array_element_t =
    std::conditional_t<nullable_v<E>, std::optional<sql_type_t<E>>, sql_type_t<E>>;

/// array_agg's argument read as plain T elements: refused where the query outer-joins its table,
/// which would put NULL elements into the array for the rows the join did not find.
template <class E>
struct not_null_elements : detail::unary_operand<E> {
  template <class NullTables>
  static constexpr void check_nulls_in() {
    static_assert(array_agg_elements_are_not_null<description_t<E>, !nullable_v<E, NullTables>>,
                  "array_agg() over an outer-joined table collects NULL for the rows the join did "
                  "not find: read them as std::optional with pgdsl::array_agg(x, "
                  "pgdsl::null_elements)");
  }
  static constexpr void render(sql_writer& w) { E::render(w); }
};

template <class E>
constexpr void check_bool_argument() {
  static_assert(bool_aggregate_takes_a_condition<description_t<E>, sql_type_name<sql_type_t<E>>,
                                                 std::is_same_v<sql_type_t<E>, bool>>,
                "bool_and() and bool_or() take a condition: a boolean expression such as x > y");
}

}  // namespace detail

/// string_agg(value, delimiter): the group's text values joined by delimiter (NULLs skipped).
template <expression E, class Delimiter>
constexpr auto string_agg(const E& value, Delimiter&& delimiter) {
  static_assert(string_agg_takes_text<description_t<E>, sql_type_name<sql_type_t<E>>,
                                      type_traits<sql_type_t<E>>::category == type_category::text>,
                "string_agg() joins text: cast the value with pgdsl::cast<std::string>(...)");
  auto text = to_operand(value);
  auto separator = detail::comparison_operand<E>(std::forward<Delimiter>(delimiter));
  using arguments = detail::aggregate_arguments<decltype(text), decltype(separator)>;
  return aggregate<"string_agg", std::string, false, true, arguments>{
      {},
      arguments{detail::pack<decltype(text), decltype(separator)>(std::move(text),
                                                                  std::move(separator))}};
}

/// array_agg(value): the group's values as an array, read as std::vector (of std::optional when
/// value may be NULL).
template <expression E>
constexpr auto array_agg(const E& value) {
  using operand = operand_t<const E&>;
  using element = detail::array_element_t<operand>;
  if constexpr (nullable_v<operand>) {
    return detail::make_aggregate<"array_agg", std::vector<element>, false, true>(value);
  } else {
    using argument = detail::not_null_elements<operand>;
    return aggregate<"array_agg", std::vector<element>, false, true, argument>{
        {}, argument{{to_operand(value)}}};
  }
}
/// array_agg(value, pgdsl::null_elements): elements read as std::optional (an outer join's NULLs).
template <expression E>
constexpr auto array_agg(const E& value, null_elements_t) {
  using element = std::optional<sql_type_t<operand_t<const E&>>>;
  return detail::make_aggregate<"array_agg", std::vector<element>, false, true>(value);
}

/// bool_and(condition): true when it holds for every row of the group.
template <expression E>
constexpr auto bool_and(const E& condition) {
  detail::check_bool_argument<E>();
  return detail::make_aggregate<"bool_and", bool, false, true>(condition);
}
/// bool_or(condition): true when it holds for some row of the group.
template <expression E>
constexpr auto bool_or(const E& condition) {
  detail::check_bool_argument<E>();
  return detail::make_aggregate<"bool_or", bool, false, true>(condition);
}

}  // namespace pgdsl

// ---- pgdsl/aggregate/filtered_aggregate.hpp
// FILTER (WHERE ...) on an aggregate: count().filter(orders.status == "paid") counts only the rows
// where the condition holds; the result keeps the aggregate's type and null rule, and may still be
// used over a window (FILTER comes before OVER).

#include <type_traits>
#include <utility>


namespace pgdsl {

/// Aggregate FILTER (WHERE Condition).
template <class Aggregate, class Condition>
struct filtered_aggregate : expression_ops<filtered_aggregate<Aggregate, Condition>> {
  Aggregate aggregate;
  Condition condition;

  using sql_type = typename Aggregate::sql_type;
  using tables = concat_t<typename Aggregate::tables, typename Condition::tables>;
  using params = concat_t<typename Aggregate::params, typename Condition::params>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Aggregate::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    Aggregate::render(w);
    w << " FILTER (WHERE ";
    Condition::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    aggregate.bind(f);
    condition.bind(f);
  }
  /// The filtered aggregate over a window of rows.
  template <class Window>
  [[nodiscard]] constexpr auto over(const Window& window) const {
    static_assert(window_aggregate_is_not_distinct<Aggregate, !Aggregate::is_distinct>,
                  "PostgreSQL has no DISTINCT in a window aggregate: aggregate a subquery that "
                  "selects the distinct values instead");
    return detail::make_over(*this, window);
  }
};

namespace detail {

template <class Aggregate, class Condition>
constexpr auto filter_aggregate(const Aggregate& aggregate, Condition&& condition) {
  auto operand = to_operand(std::forward<Condition>(condition));
  using operand_type = decltype(operand);
  static_assert(
      operand_is_boolean<description_t<operand_type>, sql_type_name<sql_type_t<operand_type>>,
                         std::is_same_v<sql_type_t<operand_type>, bool>>,
      "FILTER (WHERE ...) takes a condition: a boolean expression such as x == y");
  return filtered_aggregate<Aggregate, decltype(operand)>{{}, aggregate, std::move(operand)};
}

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/aggregate/grouping_sets.hpp
// Grouping sets: .group_by(pgdsl::rollup(a, b)), pgdsl::cube(a, b) and
// pgdsl::grouping_sets(pgdsl::grouping_set(a, b), pgdsl::grouping_set()) group by several key sets
// in one query. A column of a table such a key names reads as std::optional (its subtotal rows hold
// NULL there); pgdsl::grouping(a, b) tells which keys a row groups away (a bit per key, int4).

#include <cstdint>
#include <utility>


namespace pgdsl {

/// The condition of the rule that grouping_sets() lists grouping_set(...)s.
template <class Argument, bool Holds>
inline constexpr bool grouping_sets_lists_sets = Holds;

/// Keyword (keys, ...): ROLLUP (a, b), CUBE (a, b), one set of GROUPING SETS, (a, b), and
/// GROUPING SETS (set, ...) itself.
template <fixed_string Keyword, class... Keys>
struct grouping_set_node {
  detail::item_list<Keys...> keys;

  using tables = detail::tables_of<Keys...>;
  using params = detail::params_of<Keys...>;
  using rolled_up_tables = tables;

  static constexpr void render(sql_writer& w) {
    w << Keyword.view() << '(';
    detail::item_list<Keys...>::render(w);
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    keys.bind(f);
  }
};

namespace detail {
template <fixed_string Keyword, class... Keys>
constexpr auto make_grouping_set(Keys&&... keys) {
  (check_group_key<operand_t<Keys>>(), ...);
  return grouping_set_node<Keyword, operand_t<Keys>...>{
      make_item_list(to_operand(std::forward<Keys>(keys))...)};
}
template <class T>
inline constexpr bool is_plain_grouping_set = false;
template <class... Keys>
inline constexpr bool is_plain_grouping_set<grouping_set_node<"", Keys...>> = true;
}  // namespace detail

/// ROLLUP (a, b): the groups (a, b), (a) and the grand total ().
template <class... Keys>
[[nodiscard]] constexpr auto rollup(Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "rollup() needs at least one key");
  return detail::make_grouping_set<"ROLLUP ">(std::forward<Keys>(keys)...);
}
/// CUBE (a, b): the groups of every subset of the keys.
template <class... Keys>
[[nodiscard]] constexpr auto cube(Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "cube() needs at least one key");
  return detail::make_grouping_set<"CUBE ">(std::forward<Keys>(keys)...);
}
/// One set of grouping_sets(): (a, b); grouping_set() is the grand total ().
template <class... Keys>
[[nodiscard]] constexpr auto grouping_set(Keys&&... keys) {
  if constexpr (sizeof...(Keys) == 0)
    return grouping_set_node<"">{};
  else
    return detail::make_grouping_set<"">(std::forward<Keys>(keys)...);
}
/// GROUPING SETS (set, ...).
template <class... Sets>
[[nodiscard]] constexpr auto grouping_sets(Sets&&... sets) {
  static_assert(sizeof...(Sets) > 0, "grouping_sets() needs at least one grouping_set(...)");
  static_assert(
      (grouping_sets_lists_sets<std::remove_cvref_t<Sets>,
                                detail::is_plain_grouping_set<std::remove_cvref_t<Sets>>> &&
       ...),
      "grouping_sets() lists sets: pgdsl::grouping_set(a, b), pgdsl::grouping_set()");
  return grouping_set_node<"GROUPING SETS ", std::remove_cvref_t<Sets>...>{
      detail::make_item_list(std::forward<Sets>(sets)...)};
}

/// GROUPING(a, b): an int4 whose bit i (from the right, last key first) is set when the row
/// groups key i away (a subtotal over it).
template <expression... Keys>
[[nodiscard]] constexpr auto grouping(const Keys&... keys) {
  static_assert(sizeof...(Keys) > 0, "grouping() needs at least one key");
  return detail::call<"GROUPING", std::int32_t, null_rule::never>(keys...);
}

}  // namespace pgdsl

// ---- pgdsl/aggregate/ordered_aggregate.hpp
// ORDER BY inside an aggregate: string_agg(x, ', ').order_by(y) renders
// string_agg(x, $1 ORDER BY y), the order in which string_agg and array_agg collect their rows.
// The keys follow the rules of a statement's ORDER BY (a column in each, asc/desc/nulls).

#include <utility>


namespace pgdsl {

/// The condition of the rule that an aggregate is ordered once.
template <class Aggregate, bool Holds>
inline constexpr bool aggregate_is_ordered_once = Holds;

namespace detail {

/// An aggregate's argument followed by ORDER BY keys.
template <class Argument, class Order>
struct ordered_argument {
  Argument argument;
  Order order;

  using tables = concat_t<typename Argument::tables, typename Order::tables>;
  using params = concat_t<typename Argument::params, typename Order::params>;
  template <class NullTables>
  static constexpr void check_nulls_in() {
    if constexpr (requires { Argument::template check_nulls_in<NullTables>(); })
      Argument::template check_nulls_in<NullTables>();
  }
  static constexpr void render(sql_writer& w) {
    Argument::render(w);
    w << " ORDER BY ";
    Order::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    argument.bind(f);
    order.bind(f);
  }
};

template <class T>
inline constexpr bool is_ordered_argument = false;
template <class Argument, class Order>
inline constexpr bool is_ordered_argument<ordered_argument<Argument, Order>> = true;

template <class Aggregate, class... Keys>
constexpr auto order_aggregate(const Aggregate& aggregate, Keys&&... keys) {
  static_assert(sizeof...(Keys) > 0, "order_by() needs at least one key");
  static_assert(
      aggregate_is_ordered_once<Aggregate, !is_ordered_argument<decltype(aggregate.argument)>>,
      "this aggregate is already ordered: list every key in one .order_by()");
  (check_sort_key<sort_operand_t<Keys>>(), ...);
  auto order = make_item_list(to_sort_operand(std::forward<Keys>(keys))...);
  return aggregate.with_argument(ordered_argument<decltype(aggregate.argument), decltype(order)>{
      aggregate.argument, std::move(order)});
}

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/set_operation/set_operation.hpp
// UNION [ALL], INTERSECT [ALL], EXCEPT [ALL] of SELECT statements: union_(a, b, ...) is a
// statement whose head renders its members joined by the operator, followed by the slots ORDER BY
// (by result column name), LIMIT and OFFSET over the whole. The members must select the same
// number of columns with the same SQL types; a result column can be NULL when it can in any member.

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

// ---- pgdsl/set_operation/set_order_by.hpp
// ORDER BY over a whole UNION / INTERSECT / EXCEPT. PostgreSQL sorts a set operation only by its
// result columns, so a key names a column the first query selects (users.id, or
// users.id.desc().nulls_last()) and renders as that result column's name: ORDER BY "id" DESC.

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the rule on a set operation's sort keys: names the key.
template <class Key, bool Holds>
inline constexpr bool set_sort_key_is_a_result_column = Holds;

namespace detail {

/// A key of a set operation's ORDER BY: the result column's name, direction, NULLS placement.
template <class Column, bool Descending, int Nulls, bool Explicit>
struct set_sort_key {
  static constexpr void render(sql_writer& w) {
    w.identifier(Column::name.view());
    if constexpr (Explicit) w << (Descending ? " DESC" : " ASC");
    if constexpr (Nulls == 1) w << " NULLS FIRST";
    if constexpr (Nulls == 2) w << " NULLS LAST";
  }
};

template <class Key>
struct set_sort_key_of {
  using type = set_sort_key<Key, false, 0, false>;
};
template <class E, bool Descending, int Nulls>
struct set_sort_key_of<sort_item<E, Descending, Nulls>> {
  using type = set_sort_key<E, Descending, Nulls, true>;
};

/// How many of Columns are named `name` (the key must name exactly one).
template <class... Columns>
constexpr std::size_t columns_named(std::string_view name, type_list<Columns...>) {
  return ((Columns::name == name ? 1U : 0U) + ... + 0U);
}

template <class Statement, class Key>
constexpr void check_set_sort_key() {
  using column = typename sort_expression<Key>::type;
  constexpr bool named = requires {
    column::name;
  };
  if constexpr (named)
    static_assert(
        set_sort_key_is_a_result_column<description_t<column>,
                                        columns_named(column::name.view(),
                                                      typename Statement::result_columns{}) == 1>,
        "ORDER BY of UNION, INTERSECT or EXCEPT sorts by the result's columns: name a column "
        "the first query selects (rendered by its name, which must be unique in the result)");
  else
    static_assert(set_sort_key_is_a_result_column<description_t<column>, false>,
                  "ORDER BY of UNION, INTERSECT or EXCEPT sorts by the result's columns: name a "
                  "column the first query selects (rendered by its name, which must be unique in "
                  "the result)");
}

struct no_set_order_by {
  using slot = order_by_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

template <class... Keys>
struct set_order_by_clause {
  using slot = order_by_slot;
  static constexpr void render(sql_writer& w) {
    w << " ORDER BY ";
    render_list<Keys...>(w);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

template <class Statement>
struct clause_methods<no_set_order_by, Statement> {
  /// ORDER BY result columns, all in one call: users.id, users.id.desc().nulls_last(), ...
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&...) && {
    (check_set_sort_key<Statement, std::remove_cvref_t<Keys>>(), ...);
    return replace_clause<order_by_slot>(
        moved<Statement>(*this),
        set_order_by_clause<typename set_sort_key_of<std::remove_cvref_t<Keys>>::type...>{});
  }
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const& {
    return copied<Statement>(*this).order_by(std::forward<Keys>(keys)...);
  }
};

template <class... Keys, class Statement>
struct clause_methods<set_order_by_clause<Keys...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse order_by(A&&...) const {
    static_assert(clause_can_be_added<order_by_slot, Allowed>,
                  "ORDER BY is already set: list every key in one .order_by()");
    return {};
  }
};

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {

/// The condition of the rule that a set operation combines SELECT statements.
template <class Query, bool Holds>
inline constexpr bool set_operation_member_is_a_select = Holds;
/// The condition of the rule that every member selects as many columns as the first.
template <class Member, class FirstCount, class MemberCount, bool Holds>
inline constexpr bool set_operation_column_counts_match = Holds;
/// The condition of the rule that every member's column has the first member's SQL type.
template <class Column, class FirstType, class MemberType, bool Holds>
inline constexpr bool set_operation_column_types_match = Holds;
/// The condition of the rule that no member locks rows.
template <class Member, bool Holds>
inline constexpr bool set_operation_member_does_not_lock = Holds;
/// Counts and positions in the messages above: set_column<2> is the second column.
template <std::size_t N>
struct set_column {};

namespace detail {

struct set_head_slot {};

/// One result column of a set operation: named and typed by the first member's, NULL when the
/// column can be NULL in any member.
template <class First, class... Others>
struct set_result_column {
  using key_type = typename First::key_type;
  using sql_type = typename First::sql_type;
  using value_type = std::conditional_t<(is_optional_v<typename First::value_type> || ... ||
                                         is_optional_v<typename Others::value_type>),
                                        std::optional<sql_type>, sql_type>;
  static constexpr std::string_view name = First::name;
  static constexpr std::string_view qualified_name = First::qualified_name;
};

template <std::size_t I, class... Lists>
using set_column_at = set_result_column<at_t<I, Lists>...>;
template <class Indices, class... Lists>
struct set_columns;
template <std::size_t... I, class... Lists>
struct set_columns<std::index_sequence<I...>, Lists...> {
  using type = type_list<set_column_at<I, Lists...>...>;
};

template <class Q>
inline constexpr bool is_set_operation = false;

template <class M>
inline constexpr bool is_plain_select = false;
template <bool Distinct, class... Items, class... Clauses>
inline constexpr bool is_plain_select<statement<select_list<Distinct, Items...>, Clauses...>> =
    true;

/// A member in parentheses when it has clauses of its own (ORDER BY, LIMIT, OFFSET), a WITH list,
/// or is itself a set operation, so that nothing it says applies to the whole.
template <class M>
inline constexpr bool member_needs_parentheses =
    !is_plain_select<M> || !std::is_base_of_v<filled_slot<order_by_slot, no_order_by>, M> ||
    !std::is_base_of_v<filled_slot<limit_slot, no_limit>, M> ||
    !std::is_base_of_v<filled_slot<offset_slot, no_offset>, M>;

template <class M>
constexpr void render_member(sql_writer& w) {
  if constexpr (member_needs_parentheses<M>) w << '(';
  M::render(w);
  if constexpr (member_needs_parentheses<M>) w << ')';
}

/// The members of a set operation joined by its operator (" UNION ", " EXCEPT ALL ", ...).
template <fixed_string Operator, class... Members>
struct set_operation_head {
  pack<Members...> members;

  using slot = set_head_slot;
  using params = concat_t<typename Members::params...>;
  using unscoped_tables = concat_t<typename Members::outer_tables...>;
  template <class NullTables>
  using result_columns = typename set_columns<
      std::make_index_sequence<at_t<0, type_list<typename Members::result_columns...>>::size>,
      typename Members::result_columns...>::type;

  static constexpr void render(sql_writer& w) {
    std::size_t index = 0;
    ((w << (index++ == 0 ? std::string_view() : Operator.view()), render_member<Members>(w)), ...);
  }
  template <class F>
  constexpr void bind(F& f) const {
    members.for_each([&f](const auto& member) { member.bind(f); });
  }
};

template <fixed_string Operator, class... Members, class... Clauses>
inline constexpr bool
    is_set_operation<statement<set_operation_head<Operator, Members...>, Clauses...>> = true;
template <fixed_string Operator, class... Members, class... Clauses>
inline constexpr bool
    is_select_query<statement<set_operation_head<Operator, Members...>, Clauses...>> = true;

template <std::size_t I, class FirstColumn, class Column>
constexpr void check_member_column() {
  using first_type = typename FirstColumn::sql_type;
  using member_type = typename Column::sql_type;
  static_assert(set_operation_column_types_match<set_column<I + 1>, sql_type_name<first_type>,
                                                 sql_type_name<member_type>,
                                                 std::is_same_v<first_type, member_type>>,
                "UNION, INTERSECT and EXCEPT need the same SQL type in each column of every "
                "query: convert one side with pgdsl::cast<T>(...)");
}

template <class First, class Member, std::size_t... I>
constexpr void check_member_types(std::index_sequence<I...>) {
  (check_member_column<I, at_t<I, typename First::result_columns>,
                       at_t<I, typename Member::result_columns>>(),
   ...);
}

template <class First, class Member>
constexpr void check_member() {
  constexpr bool is_select = is_select_query<Member>;
  static_assert(set_operation_member_is_a_select<Member, is_select>,
                "UNION, INTERSECT and EXCEPT combine SELECT statements");
  if constexpr (is_select) {
    constexpr bool locks =
        !is_set_operation<Member> && !std::is_base_of_v<filled_slot<lock_slot, no_lock>, Member>;
    static_assert(set_operation_member_does_not_lock<Member, !locks>,
                  "FOR UPDATE / FOR SHARE is not allowed in UNION, INTERSECT or EXCEPT: lock the "
                  "rows in a query of their own");
    constexpr std::size_t first_count = First::result_columns::size;
    constexpr std::size_t count = Member::result_columns::size;
    static_assert(set_operation_column_counts_match<Member, set_column<first_count>,
                                                    set_column<count>, first_count == count>,
                  "UNION, INTERSECT and EXCEPT need the same number of columns in every query");
    if constexpr (first_count == count)
      check_member_types<First, Member>(std::make_index_sequence<count>{});
  }
}

template <fixed_string Operator, class First, class... Others>
constexpr auto make_set_operation(First&& first, Others&&... others) {
  static_assert(sizeof...(Others) >= 1, "a set operation combines at least two queries");
  using first_type = std::remove_cvref_t<First>;
  check_member<first_type, first_type>();
  (check_member<first_type, std::remove_cvref_t<Others>>(), ...);
  if constexpr ((is_select_query<first_type> && ... &&
                 is_select_query<std::remove_cvref_t<Others>>)) {
    using head = set_operation_head<Operator, first_type, std::remove_cvref_t<Others>...>;
    return statement<head, no_set_order_by, no_limit, no_offset>(
        head{pack<first_type, std::remove_cvref_t<Others>...>(std::forward<First>(first),
                                                              std::forward<Others>(others)...)},
        {}, {}, {});
  } else {
    return misuse{};  // reported by check_member
  }
}

}  // namespace detail

/// a UNION b [UNION c ...]: the rows of every query, duplicates removed.
template <class... Queries>
[[nodiscard]] constexpr auto union_(Queries&&... queries) {
  return detail::make_set_operation<" UNION ">(std::forward<Queries>(queries)...);
}
/// a UNION ALL b ...: the rows of every query, duplicates kept.
template <class... Queries>
[[nodiscard]] constexpr auto union_all(Queries&&... queries) {
  return detail::make_set_operation<" UNION ALL ">(std::forward<Queries>(queries)...);
}
/// a INTERSECT b ...: the rows every query returns; _all keeps duplicates.
template <class... Queries>
[[nodiscard]] constexpr auto intersect(Queries&&... queries) {
  return detail::make_set_operation<" INTERSECT ">(std::forward<Queries>(queries)...);
}
template <class... Queries>
[[nodiscard]] constexpr auto intersect_all(Queries&&... queries) {
  return detail::make_set_operation<" INTERSECT ALL ">(std::forward<Queries>(queries)...);
}
/// a EXCEPT b ...: the rows of a that the others do not return; _all counts duplicates.
template <class... Queries>
[[nodiscard]] constexpr auto except_(Queries&&... queries) {
  return detail::make_set_operation<" EXCEPT ">(std::forward<Queries>(queries)...);
}
template <class... Queries>
[[nodiscard]] constexpr auto except_all(Queries&&... queries) {
  return detail::make_set_operation<" EXCEPT ALL ">(std::forward<Queries>(queries)...);
}

}  // namespace pgdsl

// ---- pgdsl/window/window.hpp
// A window definition, the part of f(...) OVER (...) in parentheses: pgdsl::window()
// .partition_by(keys...).order_by(keys...).rows_between(start, end) (or rows/range/groups with
// one bound). Frame bounds are compile-time (unbounded_preceding, preceding<3>, current_row, ...),
// so a frame adds no parameter and its order (start not after end) is checked when it is written.

#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the frame rules: the frame's start is not after its end, and neither is the
/// unbounded end on the wrong side.
template <class Start, class End, bool Holds>
inline constexpr bool frame_bounds_are_in_order = Holds;
/// The condition of the rule that each part of a window is given once.
template <class Part, bool Holds>
inline constexpr bool window_part_can_be_added = Holds;
struct partition_by_part {};
struct order_by_part {};
struct frame_part {};

namespace detail {
/// The bounds in the order SQL requires of a frame's start and end.
enum class bound_position {
  unbounded_preceding,
  preceding,
  current_row,
  following,
  unbounded_following
};
}  // namespace detail

/// One end of a window frame; Offset counts rows (ROWS), peer groups (GROUPS) or ORDER BY values
/// (RANGE, which takes it over a numeric key).
template <detail::bound_position Position, long long Offset = 0>
struct frame_bound {
  static_assert(Offset >= 0, "a frame offset counts back or forward and cannot be negative");
  static constexpr detail::bound_position position = Position;
  static constexpr bool has_offset = Position == detail::bound_position::preceding ||
                                     Position == detail::bound_position::following;

  static constexpr void render(sql_writer& w) {
    using enum detail::bound_position;
    if constexpr (Position == unbounded_preceding) w << "UNBOUNDED PRECEDING";
    if constexpr (Position == current_row) w << "CURRENT ROW";
    if constexpr (Position == unbounded_following) w << "UNBOUNDED FOLLOWING";
    if constexpr (has_offset) {
      w.number(Offset);
      w << (Position == preceding ? " PRECEDING" : " FOLLOWING");
    }
  }
};

inline constexpr frame_bound<detail::bound_position::unbounded_preceding> unbounded_preceding{};
inline constexpr frame_bound<detail::bound_position::current_row> current_row{};
inline constexpr frame_bound<detail::bound_position::unbounded_following> unbounded_following{};
/// N PRECEDING / N FOLLOWING.
template <long long N>
inline constexpr frame_bound<detail::bound_position::preceding, N> preceding{};
template <long long N>
inline constexpr frame_bound<detail::bound_position::following, N> following{};

namespace detail {

struct no_frame {
  static constexpr bool range_with_offset = false;
  static constexpr void render(sql_writer&) {}
};

/// ROWS|RANGE|GROUPS start, or ROWS|RANGE|GROUPS BETWEEN start AND end (End void: no BETWEEN).
template <fixed_string Mode, class Start, class End>
struct frame {
  static constexpr bool range_with_offset =
      Mode.view() == "RANGE" && (Start::has_offset || End::has_offset);
  static constexpr void render(sql_writer& w) {
    w << Mode.view() << " BETWEEN ";
    Start::render(w);
    w << " AND ";
    End::render(w);
  }
};
template <fixed_string Mode, class Start>
struct frame<Mode, Start, void> {
  static constexpr bool range_with_offset = Mode.view() == "RANGE" && Start::has_offset;
  static constexpr void render(sql_writer& w) {
    w << Mode.view() << ' ';
    Start::render(w);
  }
};

template <class Start, class End>
constexpr bool check_frame() {
  using enum bound_position;
  constexpr bool in_order = Start::position != unbounded_following &&
                            End::position != unbounded_preceding &&
                            Start::position <= End::position;
  static_assert(frame_bounds_are_in_order<Start, End, in_order>,
                "a frame's start cannot come after its end (the order is unbounded_preceding, "
                "preceding<N>, current_row, following<N>, unbounded_following), nor start at "
                "unbounded_following or end at unbounded_preceding");
  return in_order;
}

template <class Part, bool Empty>
constexpr void check_window_part() {
  static_assert(window_part_can_be_added<Part, Empty>,
                "this part of the window is already set: give every key in one call, and one "
                "frame");
}

}  // namespace detail

/// ( [PARTITION BY ...] [ORDER BY ...] [frame] ): the window of an OVER.
template <class Partition, class Order, class Frame>
struct window_spec {
  Partition partition;
  Order order;

  using pgdsl_window_tag = void;
  using tables = concat_t<typename Partition::tables, typename Order::tables>;
  using params = concat_t<typename Partition::params, typename Order::params>;
  using frame_type = Frame;
  static constexpr bool has_partition = !std::is_same_v<Partition, detail::item_list<>>;
  static constexpr bool has_order = !std::is_same_v<Order, detail::item_list<>>;
  static constexpr bool has_frame = !std::is_same_v<Frame, detail::no_frame>;

  static constexpr void render(sql_writer& w) {
    w << '(';
    if constexpr (has_partition) {
      w << "PARTITION BY ";
      Partition::render(w);
    }
    if constexpr (has_order) {
      if constexpr (has_partition) w << ' ';
      w << "ORDER BY ";
      Order::render(w);
    }
    if constexpr (has_frame) {
      if constexpr (has_partition || has_order) w << ' ';
      Frame::render(w);
    }
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    partition.bind(f);
    order.bind(f);
  }

  /// PARTITION BY keys: the rows a window function sees share these values.
  template <class... Keys>
  [[nodiscard]] constexpr auto partition_by(Keys&&... keys) const {
    detail::check_window_part<partition_by_part, !has_partition>();
    static_assert(sizeof...(Keys) > 0, "partition_by() needs at least one key");
    auto list = detail::make_item_list(to_operand(std::forward<Keys>(keys))...);
    return window_spec<decltype(list), Order, Frame>{std::move(list), order};
  }
  /// ORDER BY keys, as in a statement's: columns, expressions, expr.asc() / expr.desc().
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const {
    detail::check_window_part<order_by_part, !has_order>();
    static_assert(sizeof...(Keys) > 0, "order_by() needs at least one key");
    (detail::check_sort_key<detail::sort_operand_t<Keys>>(), ...);
    auto list = detail::make_item_list(detail::to_sort_operand(std::forward<Keys>(keys))...);
    return window_spec<Partition, decltype(list), Frame>{partition, std::move(list)};
  }
  /// ROWS BETWEEN start AND end: the frame counted in rows around the current one.
  template <class Start, class End>
  [[nodiscard]] constexpr auto rows_between(Start, End) const {
    return with_frame<"ROWS", Start, End>();
  }
  /// RANGE BETWEEN start AND end: rows whose ORDER BY value is within the offsets (a RANGE with an
  /// offset needs exactly one numeric ORDER BY key); without offsets, peers count as one.
  template <class Start, class End>
  [[nodiscard]] constexpr auto range_between(Start, End) const {
    return with_frame<"RANGE", Start, End>();
  }
  /// GROUPS BETWEEN start AND end: the frame counted in peer groups.
  template <class Start, class End>
  [[nodiscard]] constexpr auto groups_between(Start, End) const {
    return with_frame<"GROUPS", Start, End>();
  }
  /// ROWS start (the end is the current row), and likewise RANGE and GROUPS.
  template <class Start>
  [[nodiscard]] constexpr auto rows(Start) const {
    return with_frame<"ROWS", Start, void>();
  }
  template <class Start>
  [[nodiscard]] constexpr auto range(Start) const {
    return with_frame<"RANGE", Start, void>();
  }
  template <class Start>
  [[nodiscard]] constexpr auto groups(Start) const {
    return with_frame<"GROUPS", Start, void>();
  }

 private:
  template <fixed_string Mode, class Start, class End>
  constexpr auto with_frame() const {
    detail::check_window_part<frame_part, !has_frame>();
    detail::check_frame<Start,
                        std::conditional_t<std::is_void_v<End>, decltype(current_row), End>>();
    return window_spec<Partition, Order, detail::frame<Mode, Start, End>>{partition, order};
  }
};

/// An empty window, OVER (): the function sees every row of the result.
[[nodiscard]] constexpr auto window() {
  return window_spec<detail::item_list<>, detail::item_list<>, detail::no_frame>{};
}

}  // namespace pgdsl

// ---- pgdsl/window/window_functions.hpp
// Window functions: row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead,
// first_value, last_value, nth_value, each called with .over(window); aggregates take .over() too.
// A window function without OVER is not SQL: it is no expression until .over() makes it one.

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// The condition of the rule on what .over() takes.
template <class Window, bool Holds>
inline constexpr bool over_takes_a_window = Holds;
/// The condition of the rule on RANGE frames with an offset.
template <class Window, bool Holds>
inline constexpr bool range_offset_has_one_numeric_key = Holds;
/// The condition of the rule on lag()/lead()'s default: names its SQL type and the value's.
template <class ValueType, class DefaultType, bool Holds>
inline constexpr bool default_has_the_value_type = Holds;
/// The condition of the rule on integer arguments (ntile's buckets, lag's offset, nth_value's n).
template <class ArgumentType, bool Holds>
inline constexpr bool argument_is_an_integer = Holds;

namespace detail {

template <class Order>
struct single_numeric_key : std::false_type {};
template <class Key>
struct single_numeric_key<item_list<Key>>
    : std::bool_constant<is_numeric(
          type_traits<sql_type_t<typename sort_expression<Key>::type>>::category)> {};

template <class Window>
constexpr bool range_offset_allowed() {
  if constexpr (requires { typename Window::pgdsl_window_tag; })
    return !Window::frame_type::range_with_offset ||
           single_numeric_key<std::remove_cvref_t<decltype(Window::order)>>::value;
  else
    return true;  // reported by the rule above
}

}  // namespace detail

/// Function OVER Window: a window function or an aggregate computed over a window of rows.
template <class Function, class Window>
struct over_call : expression_ops<over_call<Function, Window>> {
  Function function;
  Window window;

  using sql_type = sql_type_t<Function>;
  using tables = concat_t<typename Function::tables, typename Window::tables>;
  using params = concat_t<typename Function::params, typename Window::params>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Function::template nullable_in<NullTables>;

  static constexpr void render(sql_writer& w) {
    Function::render(w);
    w << " OVER ";
    Window::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    function.bind(f);
    window.bind(f);
  }
};

/// A window function waiting for its window: call .over(window) to make it an expression.
template <class Call>
struct window_function {
  Call call;

  using pgdsl_needs_over = void;

  template <class Window>
  [[nodiscard]] constexpr auto over(const Window& window) const {
    return detail::make_over(call, window);
  }
};

namespace detail {

/// function OVER window, once the window is checked (aggregates' .over() comes here too).
template <class Function, class Window>
constexpr auto make_over(const Function& function, const Window& window) {
  constexpr bool is_window = requires {
    typename Window::pgdsl_window_tag;
  };
  static_assert(over_takes_a_window<Window, is_window>,
                ".over() takes a window: pgdsl::window().partition_by(...).order_by(...)");
  if constexpr (is_window) {
    static_assert(range_offset_has_one_numeric_key<Window, range_offset_allowed<Window>()>,
                  "RANGE with an offset (preceding<N>, following<N>) needs exactly one ORDER BY "
                  "key, a number: use ROWS or GROUPS otherwise");
    return over_call<Function, Window>{{}, function, window};
  } else {
    return function;
  }
}

}  // namespace detail

namespace detail {

template <fixed_string Name, class T, null_rule Nulls, class... Args>
constexpr auto window_call(Args&&... arguments) {
  auto made = call<Name, T, Nulls>(std::forward<Args>(arguments)...);
  return window_function<decltype(made)>{std::move(made)};
}

template <class E>
constexpr void check_integer_argument() {
  static_assert(
      argument_is_an_integer<sql_type_name<sql_type_t<E>>,
                             type_traits<sql_type_t<E>>::category == type_category::integral>,
      "this argument counts rows or buckets: pass an integer");
}

/// lag()/lead()'s default: a C++ value becomes a parameter of the value's type; an expression
/// must have that type already (PostgreSQL would otherwise pick a common type for the result).
template <class Value, class Default>
constexpr auto offset_default(Default&& fallback) {
  using value_type = sql_type_t<Value>;
  if constexpr (expression<Default>) {
    using default_type = sql_type_t<Default>;
    static_assert(default_has_the_value_type<sql_type_name<value_type>, sql_type_name<default_type>,
                                             std::is_same_v<value_type, default_type>>,
                  "lag() and lead() take a default of the value's SQL type: cast it with "
                  "pgdsl::cast<T>(...)");
    return std::remove_cvref_t<Default>(std::forward<Default>(fallback));
  } else {
    using stored = nullable_base_t<parameter_storage_t<Default>>;
    constexpr bool converts =
        std::is_constructible_v<value_type, stored> && comparable_types<value_type, stored>();
    static_assert(
        default_has_the_value_type<sql_type_name<value_type>, sql_type_name<stored>, converts>,
        "lag() and lead() take a default of the value's SQL type: pass a value that "
        "converts to it");
    if constexpr (converts)
      return parameter<value_type>{{}, value_type(std::forward<Default>(fallback))};
    else
      return parameter<value_type>{};
  }
}

template <fixed_string Name, class V>
constexpr auto offset_function(V&& value) {
  return window_call<Name, sql_type_t<operand_t<V>>, null_rule::always>(std::forward<V>(value));
}
template <fixed_string Name, class V, class N>
constexpr auto offset_function(V&& value, N&& offset) {
  check_integer_argument<operand_t<N>>();
  return window_call<Name, sql_type_t<operand_t<V>>, null_rule::always>(std::forward<V>(value),
                                                                        std::forward<N>(offset));
}
template <fixed_string Name, class V, class N, class D>
constexpr auto offset_function(V&& value, N&& offset, D&& fallback) {
  check_integer_argument<operand_t<N>>();
  auto v = to_operand(std::forward<V>(value));
  auto d = offset_default<decltype(v)>(std::forward<D>(fallback));
  return window_call<Name, sql_type_t<decltype(v)>, null_rule::if_any_argument>(
      std::move(v), std::forward<N>(offset), std::move(d));
}

}  // namespace detail

/// row_number(): 1, 2, 3, ... within the partition, in the window's order.
constexpr auto row_number() {
  return window_function<function_call<"row_number", std::int64_t, null_rule::never>>{};
}
/// rank(): the row's rank with gaps (peers share one); dense_rank(): without gaps.
constexpr auto rank() {
  return window_function<function_call<"rank", std::int64_t, null_rule::never>>{};
}
constexpr auto dense_rank() {
  return window_function<function_call<"dense_rank", std::int64_t, null_rule::never>>{};
}
/// percent_rank(): (rank - 1) / (rows - 1), 0 to 1; cume_dist(): rows up to the row's last peer
/// over all rows.
constexpr auto percent_rank() {
  return window_function<function_call<"percent_rank", double, null_rule::never>>{};
}
constexpr auto cume_dist() {
  return window_function<function_call<"cume_dist", double, null_rule::never>>{};
}
/// ntile(buckets): the bucket number, 1 to buckets, dividing the partition as equally as possible.
template <class N>
constexpr auto ntile(N&& buckets) {
  detail::check_integer_argument<operand_t<N>>();
  return detail::window_call<"ntile", std::int32_t, null_rule::if_any_argument>(
      std::forward<N>(buckets));
}
/// lag(value [, offset [, default]]): value at the row `offset` rows (1 by default) before the
/// current one. Without a default it is NULL for the first rows, so it reads as std::optional; a
/// default of the value's type makes it NULL only when the value (or the default) can be.
template <class... A>
constexpr auto lag(A&&... arguments) {
  static_assert(sizeof...(A) >= 1 && sizeof...(A) <= 3, "lag(value [, offset [, default]])");
  return detail::offset_function<"lag">(std::forward<A>(arguments)...);
}
/// lead(value [, offset [, default]]): likewise, `offset` rows after the current one.
template <class... A>
constexpr auto lead(A&&... arguments) {
  static_assert(sizeof...(A) >= 1 && sizeof...(A) <= 3, "lead(value [, offset [, default]])");
  return detail::offset_function<"lead">(std::forward<A>(arguments)...);
}
/// first_value(value), last_value(value): value at the first/last row of the frame (the frame
/// holds the current row, so they are NULL only when the value can be). Mind the default frame:
/// with an ORDER BY it ends at the current row's last peer.
template <expression E>
constexpr auto first_value(const E& value) {
  return detail::window_call<"first_value", sql_type_t<E>, null_rule::if_any_argument>(value);
}
template <expression E>
constexpr auto last_value(const E& value) {
  return detail::window_call<"last_value", sql_type_t<E>, null_rule::if_any_argument>(value);
}
/// nth_value(value, n): value at the n-th row of the frame, NULL when the frame is shorter.
template <expression E, class N>
constexpr auto nth_value(const E& value, N&& n) {
  detail::check_integer_argument<operand_t<N>>();
  return detail::window_call<"nth_value", sql_type_t<E>, null_rule::always>(value,
                                                                            std::forward<N>(n));
}

}  // namespace pgdsl

// ---- pgdsl/ddl/create_all.hpp
// create_all<users_t, orders_t, ...>(): the whole schema of a set of tables as one script, known
// at compile time: the enum types their columns use, the tables ordered so that each comes after
// the tables its foreign keys reference (a cycle does not compile), then their indexes.
// drop_all<...>() removes the same. Run a script with db.run_command(script.sql) (one implicit
// transaction: all or nothing) or statement by statement with script.for_each(f).

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

// ---- pgdsl/ddl/create_index.hpp
// CREATE INDEX for an index a table declares in its table_args(), found by name:
//   db.execute(pgdsl::create_index<"users_email_idx">(users).concurrently());
// CONCURRENTLY is an option of the statement, not of the index: it builds the index without
// blocking writes, and cannot run inside a transaction (so create_all never uses it).

#include <type_traits>

// ---- pgdsl/ddl/detail/ddl_statement.hpp
// The shape every DDL statement shares: compile-time SQL (`sql`, as the DML statements have it),
// no parameters and no result columns, so connection::execute() runs it like any static statement
// and db.run_command(statement.sql) runs it with the simple protocol.

#include <cstddef>


namespace pgdsl::detail {

template <class Statement>
struct ddl_statement {
  using param_types = type_list<>;
  using result_columns = type_list<>;
  static constexpr std::size_t param_count = 0;
  /// The SQL text, a compile-time constant: static_assert(create_table(users).sql == "...").
  static constexpr sql_text<Statement> sql{};

  template <class F>
  constexpr void bind(F&&) const {}
  static constexpr void check_complete() {}
};

}  // namespace pgdsl::detail

// ---- pgdsl/ddl/table_args.hpp
// What a table declares beyond its columns: composite primary and unique keys, CHECK conditions
// and indexes. A table lists them in a member function, where its columns are in scope:
//   constexpr auto table_args() const {
//     return pgdsl::table_args(pgdsl::primary_key_of(order_id, line),
//                              pgdsl::check<"qty_positive">(qty > pgdsl::lit<0>),
//                              pgdsl::index<"lines_product_idx">(product_id));
//   }
// (SQLAlchemy's __table_args__). Only the types matter: the function is never called.

#include <type_traits>
#include <utility>


namespace pgdsl {

/// The conditions the table_args rules check, spelled so that a failure names the table.
template <class Expression, bool Holds>
inline constexpr bool schema_expression_has_no_parameters = Holds;
template <class Table, class Referenced, bool Holds>
inline constexpr bool table_part_uses_its_own_columns = Holds;

namespace detail {

template <fixed_string Name>
constexpr void render_constraint_name(sql_writer& w) {
  if constexpr (!Name.empty()) {
    w << "CONSTRAINT ";
    w.identifier(Name.view());
    w << ' ';
  }
}

template <class Expression>
constexpr void check_schema_expression() {
  static_assert(schema_expression_has_no_parameters<Expression, Expression::params::size == 0>,
                "a CHECK condition or an index expression is part of the schema and cannot hold "
                "bound values: write constants as pgdsl::lit<42> or pgdsl::lit_text<\"...\">");
}

/// PRIMARY KEY (a, b) or UNIQUE (a, b), optionally named.
template <bool Primary, fixed_string Name, class... Columns>
struct key_part {
  using referenced = type_list<typename Columns::table_type...>;
  static constexpr void render(sql_writer& w) {
    render_constraint_name<Name>(w);
    w << (Primary ? "PRIMARY KEY (" : "UNIQUE (");
    render_column_names<Columns...>(w);
    w << ')';
  }
};

/// CHECK (condition), optionally named.
template <fixed_string Name, class Condition>
struct check_part {
  using referenced = typename Condition::tables;
  static constexpr void render(sql_writer& w) {
    check_schema_expression<Condition>();
    render_constraint_name<Name>(w);
    w << "CHECK (";
    Condition::render(w);
    w << ')';
  }
};

/// CHECK (sql), the condition written as SQL text (what pgdsl-codegen writes for a CHECK read
/// from the catalog).
template <fixed_string Name, fixed_string Sql>
struct check_sql_part {
  using referenced = type_list<>;
  static constexpr void render(sql_writer& w) {
    render_constraint_name<Name>(w);
    w << "CHECK (";
    w << Sql.view();
    w << ')';
  }
};

/// One key of an index: a column by name, or an expression in parentheses.
template <class Key>
constexpr void render_index_key(sql_writer& w) {
  if constexpr (column_type<Key>) {
    w.identifier(Key::name.view());
  } else {
    check_schema_expression<Key>();
    w << '(';
    Key::render(w);
    w << ')';
  }
}

struct no_predicate {
  using tables = type_list<>;
};

/// An index of the table: its name, keys, UNIQUE and a partial index's WHERE condition.
template <fixed_string Name, bool Unique, class Predicate, class... Keys>
struct index_part {
  static_assert(!Name.empty(), "an index needs a name: index<\"users_email_idx\">(email)");
  static constexpr auto name = Name;
  static constexpr bool is_unique = Unique;
  using referenced = concat_t<typename Keys::tables..., typename Predicate::tables>;

  /// UNIQUE INDEX.
  [[nodiscard]] constexpr auto unique() const {
    return index_part<Name, true, Predicate, Keys...>{};
  }
  /// A partial index: only the rows where `condition` holds.
  template <class Condition>
  [[nodiscard]] constexpr auto where(const Condition&) const {
    static_assert(std::is_same_v<Predicate, no_predicate>, "an index has one WHERE condition");
    return index_part<Name, Unique, Condition, Keys...>{};
  }

  /// "name" ON "table" (keys) [WHERE condition], after CREATE [UNIQUE] INDEX [options].
  template <class Table>
  static constexpr void render_definition(sql_writer& w) {
    w.identifier(Name.view());
    w << " ON ";
    w.identifier(Table::sql_name.view());
    w << " (";
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), render_index_key<Keys>(w)), ...);
    w << ')';
    if constexpr (!std::is_same_v<Predicate, no_predicate>) {
      check_schema_expression<Predicate>();
      w << " WHERE ";
      Predicate::render(w);
    }
  }
};

template <class Part>
inline constexpr bool is_index_part = false;
template <fixed_string Name, bool Unique, class Predicate, class... Keys>
inline constexpr bool is_index_part<index_part<Name, Unique, Predicate, Keys...>> = true;

}  // namespace detail

/// The parts a table declares in table_args(): keys, checks and indexes, in order.
template <class... Parts>
struct table_args_list {
  using parts = type_list<Parts...>;
};

/// Collects a table's keys, checks and indexes (see the top of this header).
template <class... Parts>
constexpr table_args_list<Parts...> table_args(const Parts&...) {
  return {};
}

/// PRIMARY KEY (columns...): a composite primary key; primary_key_of<"name">(...) names it.
template <fixed_string Name = "", column_type... Columns>
constexpr detail::key_part<true, Name, Columns...> primary_key_of(const Columns&...) {
  static_assert(sizeof...(Columns) > 0, "primary_key_of needs at least one column");
  return {};
}
/// UNIQUE (columns...): a composite unique key; unique_of<"name">(...) names it.
template <fixed_string Name = "", column_type... Columns>
constexpr detail::key_part<false, Name, Columns...> unique_of(const Columns&...) {
  static_assert(sizeof...(Columns) > 0, "unique_of needs at least one column");
  return {};
}
/// CHECK (condition): a DSL condition on the table's columns, constants as pgdsl::lit<...>;
/// check<"name">(...) names the constraint.
template <fixed_string Name = "", class Condition>
constexpr detail::check_part<Name, Condition> check(const Condition&) {
  return {};
}
/// CHECK (sql) with the condition as SQL text written by the schema's author; prefer check(),
/// whose condition is a typed DSL expression.
template <fixed_string Name, fixed_string Sql>
constexpr detail::check_sql_part<Name, Sql> check_sql() {
  return {};
}
/// An index on columns or expressions: index<"users_email_idx">(email), then .unique() and
/// .where(condition) for a partial index.
template <fixed_string Name, class... Keys>
constexpr detail::index_part<Name, false, detail::no_predicate, Keys...> index(const Keys&...) {
  static_assert(sizeof...(Keys) > 0, "an index needs at least one column or expression");
  return {};
}

namespace detail {

template <class Table>
struct table_args_of {
  using type = table_args_list<>;
};
template <class Table>
requires requires(const Table& t) {
  t.table_args();
}
struct table_args_of<Table> {
  using type = decltype(std::declval<const Table&>().table_args());
};

/// The parts of Table's table_args() (an empty list when it declares none).
template <class Table>
using table_parts_t = typename table_args_of<Table>::type::parts;

template <class List>
struct index_parts;
template <class... Parts>
struct index_parts<type_list<Parts...>> {
  using type = concat_t<std::conditional_t<is_index_part<Parts>, type_list<Parts>, type_list<>>...>;
};
template <class List>
struct constraint_parts;
template <class... Parts>
struct constraint_parts<type_list<Parts...>> {
  using type = concat_t<std::conditional_t<is_index_part<Parts>, type_list<>, type_list<Parts>>...>;
};

/// A table part may only use the table's own columns.
template <class Table, class Part>
constexpr void check_part_tables() {
  using referenced = typename Part::referenced;
  using own = type_list<typename Table::table_identity>;
  if constexpr (!is_subset_v<referenced, own>) {
    using stranger = at_t<0, difference_t<referenced, own>>;
    static_assert(table_part_uses_its_own_columns<typename Table::description,
                                                  typename stranger::description, false>,
                  "a key, CHECK or index declared in a table's table_args() can only use that "
                  "table's own columns");
  }
}

}  // namespace detail

}  // namespace pgdsl

namespace pgdsl {

/// The condition the lookup checks, spelled so that a failure names the table and the index.
template <class Table, class IndexName, bool Holds>
inline constexpr bool table_declares_the_index = Holds;

namespace detail {

enum create_index_options : unsigned { index_concurrently = 1, index_if_not_exists = 2 };

template <class Table, class Index, unsigned Options>
struct create_index_statement : ddl_statement<create_index_statement<Table, Index, Options>> {
  static constexpr void render(sql_writer& w) {
    check_part_tables<Table, Index>();
    w << (Index::is_unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    if constexpr ((Options & index_concurrently) != 0) w << "CONCURRENTLY ";
    if constexpr ((Options & index_if_not_exists) != 0) w << "IF NOT EXISTS ";
    Index::template render_definition<Table>(w);
  }
  /// CREATE INDEX CONCURRENTLY: builds without blocking writes; not inside a transaction.
  [[nodiscard]] constexpr auto concurrently() const {
    return create_index_statement<Table, Index, Options | index_concurrently>{};
  }
  /// CREATE INDEX IF NOT EXISTS.
  [[nodiscard]] constexpr auto if_not_exists() const {
    return create_index_statement<Table, Index, Options | index_if_not_exists>{};
  }
};

template <class Part, fixed_string Name>
inline constexpr bool index_named = false;
template <fixed_string Name, bool Unique, class Predicate, class... Keys, fixed_string Wanted>
inline constexpr bool index_named<index_part<Name, Unique, Predicate, Keys...>, Wanted> =
    Name == Wanted;

template <fixed_string Name, class Parts>
struct find_index {
  using type = void;
};
template <fixed_string Name, class First, class... Rest>
struct find_index<Name, type_list<First, Rest...>> {
  using type = typename std::conditional_t<index_named<First, Name>, std::type_identity<First>,
                                           find_index<Name, type_list<Rest...>>>::type;
};

}  // namespace detail

/// CREATE INDEX for the index named Name in the table's table_args().
template <fixed_string Name, table_type Table>
constexpr auto create_index(const Table&) {
  using index = typename detail::find_index<Name, detail::table_parts_t<Table>>::type;
  if constexpr (std::is_void_v<index>) {
    static_assert(table_declares_the_index<typename Table::description, name_type<Name>, false>,
                  "create_index<Name>: the table declares no index of that name in table_args()");
  } else {
    return detail::create_index_statement<Table, index, 0>{};
  }
}

}  // namespace pgdsl

// ---- pgdsl/ddl/create_table.hpp
// CREATE TABLE and DROP TABLE from a table descriptor, rendered at compile time:
//   static_assert(pgdsl::create_table(users).sql == R"(CREATE TABLE "users" ("id" int8 ...))");
//   db.execute(pgdsl::create_table(users).if_not_exists());
// Columns come in declaration order, then the keys and checks of the table's table_args().

#include <cstddef>

// ---- pgdsl/ddl/column_definition.hpp
// A column's definition in CREATE TABLE, from its descriptor: the SQL type from the C++ mapping
// (type_traits<T>::sql_name, varchar(n) and numeric(p, s) from the column's modifiers, enum types
// quoted as identifiers, arrays as T[]), NOT NULL unless the C++ type is std::optional, then each
// constraint marker in the order it is listed.

#include <type_traits>

// ---- pgdsl/ddl/detail/constraint_traits.hpp
// What the DDL layer reads from a column's constraint markers: the constraint behind a named<>,
// the column a references<> points to, and the varchar(n) / numeric(p, s) modifiers.

#include <cstddef>
#include <string_view>
#include <type_traits>


namespace pgdsl::detail {

/// The constraint itself: C, or the C of named<Name, C>.
template <class C>
struct unnamed_constraint {
  using type = C;
};
template <fixed_string Name, class C>
struct unnamed_constraint<named<Name, C>> {
  using type = C;
};
template <class C>
using unnamed_constraint_t = typename unnamed_constraint<C>::type;

/// The class and member type of a pointer to member: &users_t::id.
template <class M>
struct member_pointer_parts;
template <class Class, class Member>
struct member_pointer_parts<Member Class::*> {
  using owner = Class;
  using member = Member;
};

/// For references<Target, ...>: the referenced column's descriptor type; void for others.
template <class C>
struct referenced_column {
  using type = void;
};
template <auto Target, class... Actions>
struct referenced_column<references<Target, Actions...>> {
  using type = typename member_pointer_parts<decltype(Target)>::member;
};

/// The referenced columns of a column's constraints (named or not), as a type_list.
template <class Constraints>
struct referenced_columns;
template <class... C>
struct referenced_columns<type_list<C...>> {
  using type = concat_t<std::conditional_t<
      std::is_void_v<typename referenced_column<unnamed_constraint_t<C>>::type>, type_list<>,
      type_list<typename referenced_column<unnamed_constraint_t<C>>::type>>...>;
};

template <class C>
inline constexpr std::size_t varchar_length_of = 0;
template <std::size_t N>
inline constexpr std::size_t varchar_length_of<varchar<N>> = N;

template <class C>
struct precision_of {
  static constexpr std::size_t digits = 0;
  static constexpr std::size_t scale = 0;
};
template <std::size_t P, std::size_t S>
struct precision_of<precision<P, S>> : precision<P, S> {};

/// The first non-zero value of a pack, else 0.
template <class... V>
constexpr std::size_t first_nonzero(V... values) {
  std::size_t found = 0;
  ((found = found != 0 ? found : values), ...);
  return found;
}

/// True for the markers CREATE TABLE writes no constraint for: varchar<n> and precision<p, s>
/// (read by the column type) and renamed_from<"old"> (read by autogenerate).
template <class C>
inline constexpr bool is_type_modifier = false;
template <std::size_t N>
inline constexpr bool is_type_modifier<varchar<N>> = true;
template <std::size_t P, std::size_t S>
inline constexpr bool is_type_modifier<precision<P, S>> = true;
template <fixed_string Old>
inline constexpr bool is_type_modifier<renamed_from<Old>> = true;

template <class C>
inline constexpr std::string_view renamed_from_name = {};
template <fixed_string Old>
inline constexpr std::string_view renamed_from_name<renamed_from<Old>> = Old.view();

}  // namespace pgdsl::detail

namespace pgdsl {

/// The conditions the DDL rules check, spelled so that a failure names the column.
template <class Column, bool Holds>
inline constexpr bool varchar_is_on_a_text_column = Holds;
template <class Column, bool Holds>
inline constexpr bool precision_is_on_a_numeric_column = Holds;
template <class Column, bool Holds>
inline constexpr bool key_column_is_not_optional = Holds;
template <class Column, class Referenced, bool Holds>
inline constexpr bool foreign_key_has_the_referenced_type = Holds;

namespace detail {

/// The element type of an array mapping (std::vector<T>: T), for std::conditional_t.
template <class Array>
struct array_element_of {
  using type = typename type_traits<Array>::element;
};

/// The SQL name of a scalar (non-array) mapped type, with the column's modifiers applied.
template <class Column, class T, class... Constraints>
constexpr void render_scalar_type(sql_writer& w) {
  using traits = type_traits<T>;
  constexpr std::size_t length = first_nonzero(varchar_length_of<Constraints>...);
  constexpr std::size_t digits = first_nonzero(precision_of<Constraints>::digits...);
  constexpr std::size_t scale = first_nonzero(precision_of<Constraints>::scale...);
  if constexpr (length != 0) {
    static_assert(varchar_is_on_a_text_column<typename Column::description,
                                              traits::category == type_category::text>,
                  "varchar<n> applies to a text column (std::string or a vector of them)");
    w << "varchar(";
    w.number(length);
    w << ')';
  } else if constexpr (digits != 0) {
    static_assert(precision_is_on_a_numeric_column<typename Column::description,
                                                   std::is_same_v<T, pgdsl::numeric>>,
                  "precision<p, s> applies to a pgdsl::numeric column (or a vector of them)");
    w << "numeric(";
    w.number(digits);
    w << ", ";
    w.number(scale);
    w << ')';
  } else if constexpr (traits::category == type_category::enumeration) {
    w.identifier(traits::sql_name);  // a user type: its name is an identifier, quoted
  } else {
    w << traits::sql_name;
  }
}

template <class Column, class Constraints>
struct column_type_renderer;
template <class Column, class... Constraints>
struct column_type_renderer<Column, type_list<Constraints...>> {
  static constexpr void render(sql_writer& w) {
    using type = nullable_base_t<typename Column::value_type>;
    if constexpr (type_traits<type>::category == type_category::array) {
      render_scalar_type<Column, typename type_traits<type>::element, Constraints...>(w);
      w << "[]";
    } else {
      render_scalar_type<Column, type, Constraints...>(w);
    }
  }
};

constexpr void render_action(sql_writer& w, referential_action action) {
  switch (action) {
    case referential_action::no_action:
      w << "NO ACTION";
      break;
    case referential_action::restrict:
      w << "RESTRICT";
      break;
    case referential_action::cascade:
      w << "CASCADE";
      break;
    case referential_action::set_null:
      w << "SET NULL";
      break;
    case referential_action::set_default:
      w << "SET DEFAULT";
      break;
  }
}

template <class Action>
constexpr void render_referential_action(sql_writer& w) {
  if constexpr (requires { Action::action; }) {
    w << (std::is_same_v<Action, on_delete<Action::action>> ? " ON DELETE " : " ON UPDATE ");
    render_action(w, Action::action);
  } else {
    static_assert(std::is_void_v<Action>,
                  "references<Target, ...> takes on_delete<...> and "
                  "on_update<...> after its target");
  }
}

template <class Column, class Constraint>
struct column_constraint_renderer {
  static constexpr void render(sql_writer& w) {
    if constexpr (std::is_same_v<Constraint, primary_key>) {
      static_assert(key_column_is_not_optional<typename Column::description, !Column::is_nullable>,
                    "a primary key column cannot be std::optional (a primary key is NOT NULL)");
      w << " PRIMARY KEY";
    } else if constexpr (std::is_same_v<Constraint, unique>) {
      w << " UNIQUE";
    } else if constexpr (std::is_same_v<Constraint, identity>) {
      static_assert(key_column_is_not_optional<typename Column::description, !Column::is_nullable>,
                    "an identity column cannot be std::optional (identity columns are NOT NULL)");
      w << " GENERATED BY DEFAULT AS IDENTITY";
    } else if constexpr (requires { Constraint::sql; }) {
      w << " DEFAULT ";
      w << Constraint::sql.view();
    } else if constexpr (requires {
                           Constraint::name;
                           typename Constraint::constraint;
                         }) {
      w << " CONSTRAINT ";
      w.identifier(Constraint::name.view());
      column_constraint_renderer<Column, typename Constraint::constraint>::render(w);
    } else if constexpr (!std::is_void_v<typename referenced_column<Constraint>::type>) {
      render_references<Constraint>(w);
    } else {
      static_assert(is_type_modifier<Constraint>,
                    "not a column constraint pgdsl knows: use primary_key, unique, identity, "
                    "default_sql<...>, references<...>, varchar<n>, precision<p, s> or named<...>");
    }
  }

  template <class C>
  static constexpr void render_references(sql_writer& w) {
    using target = typename referenced_column<C>::type;
    static_assert(foreign_key_has_the_referenced_type<
                      typename Column::description, typename target::description,
                      std::is_same_v<typename Column::sql_type, typename target::sql_type>>,
                  "a foreign key column must have the C++ type of the column it references");
    w << " REFERENCES ";
    w.identifier(target::table_type::sql_name.view());
    w << " (";
    w.identifier(target::name.view());
    w << ')';
    render_actions(w, static_cast<C*>(nullptr));
  }
  template <auto Target, class... Actions>
  static constexpr void render_actions(sql_writer& w, references<Target, Actions...>*) {
    (render_referential_action<Actions>(w), ...);
  }
};

template <class Column, class Constraints>
struct column_constraints_renderer;
template <class Column, class... Constraints>
struct column_constraints_renderer<Column, type_list<Constraints...>> {
  static constexpr void render(sql_writer& w) {
    (column_constraint_renderer<Column, Constraints>::render(w), ...);
  }
};

}  // namespace detail

/// The SQL type of a column: int8, varchar(80), numeric(12, 2), "mood", text[].
template <column_type Column>
constexpr void render_column_type(sql_writer& w) {
  detail::column_type_renderer<Column, typename Column::constraints>::render(w);
}

/// "name" type [NOT NULL] [constraints...], as CREATE TABLE lists it.
template <column_type Column>
constexpr void render_column_definition(sql_writer& w) {
  w.identifier(Column::name.view());
  w << ' ';
  render_column_type<Column>(w);
  if constexpr (!Column::is_nullable) w << " NOT NULL";
  detail::column_constraints_renderer<Column, typename Column::constraints>::render(w);
}

}  // namespace pgdsl

namespace pgdsl {

namespace detail {

template <class Columns, class Parts>
struct table_body;
template <class... Columns, class... Parts>
struct table_body<type_list<Columns...>, type_list<Parts...>> {
  template <class Table>
  static constexpr void render(sql_writer& w) {
    (check_part_tables<Table, Parts>(), ...);
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ", "), render_column_definition<Columns>(w)), ...);
    ((w << ", ", Parts::render(w)), ...);
  }
};

/// Options of CREATE TABLE, as bits of one template argument.
enum create_table_options : unsigned { table_if_not_exists = 1, table_temporary = 2 };

template <class Table, unsigned Options>
struct create_table_statement : ddl_statement<create_table_statement<Table, Options>> {
  static constexpr void render(sql_writer& w) {
    w << ((Options & table_temporary) != 0 ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ");
    if constexpr ((Options & table_if_not_exists) != 0) w << "IF NOT EXISTS ";
    w.identifier(Table::sql_name.view());
    w << " (";
    table_body<columns_of_t<Table>,
               typename constraint_parts<table_parts_t<Table>>::type>::template render<Table>(w);
    w << ')';
  }

  /// CREATE TABLE IF NOT EXISTS: nothing happens when a table of that name exists (whatever its
  /// columns: verify_schema says whether they match).
  [[nodiscard]] constexpr auto if_not_exists() const {
    return create_table_statement<Table, Options | table_if_not_exists>{};
  }
  /// CREATE TEMPORARY TABLE: the table lives until the session ends.
  [[nodiscard]] constexpr auto temporary() const {
    return create_table_statement<Table, Options | table_temporary>{};
  }
};

enum drop_options : unsigned { drop_if_exists = 1, drop_cascade = 2 };

/// DROP <Kind> [IF EXISTS] names... [CASCADE], for tables and types.
template <class Names, unsigned Options>
struct drop_statement;
template <class... Named, unsigned Options>
struct drop_statement<type_list<Named...>, Options>
    : ddl_statement<drop_statement<type_list<Named...>, Options>> {
  static constexpr void render(sql_writer& w) {
    w << "DROP ";
    w << at_t<0, type_list<Named...>>::drop_kind;
    if constexpr ((Options & drop_if_exists) != 0) w << " IF EXISTS";
    std::size_t index = 0;
    ((w << (index++ == 0 ? " " : ", "), w.identifier(Named::drop_name)), ...);
    if constexpr ((Options & drop_cascade) != 0) w << " CASCADE";
  }
  /// DROP ... IF EXISTS: no error when it is missing.
  [[nodiscard]] constexpr auto if_exists() const {
    return drop_statement<type_list<Named...>, Options | drop_if_exists>{};
  }
  /// DROP ... CASCADE: also drops what depends on it (foreign keys of other tables, views).
  [[nodiscard]] constexpr auto cascade() const {
    return drop_statement<type_list<Named...>, Options | drop_cascade>{};
  }
};

template <class Table>
struct dropped_table {
  static constexpr const char* drop_kind = "TABLE";
  static constexpr std::string_view drop_name = Table::sql_name.view();
};

}  // namespace detail

/// CREATE TABLE for a table descriptor; .if_not_exists() and .temporary() change it.
template <table_type Table>
constexpr auto create_table(const Table&) {
  detail::check_not_a_view<Table>();
  return detail::create_table_statement<Table, 0>{};
}

/// DROP TABLE of one or more tables (one statement: foreign keys between them do not matter);
/// .if_exists() and .cascade() change it.
template <table_type... Tables>
constexpr auto drop_table(const Tables&...) {
  static_assert(sizeof...(Tables) > 0, "drop_table needs at least one table");
  return detail::drop_statement<type_list<detail::dropped_table<Tables>...>, 0>{};
}

}  // namespace pgdsl

// ---- pgdsl/ddl/create_type.hpp
// CREATE TYPE ... AS ENUM for a C++ enum mapped to a PostgreSQL enum: its type_traits (category
// enumeration) list the labels in the enum's order, and the DDL takes the name and labels from
// there, so the mapping is written once (examples/enum_mapping.cpp):
//   static_assert(pgdsl::create_type<app::mood>().sql ==
//                 R"(CREATE TYPE "mood" AS ENUM ('sad', 'ok', 'happy'))");

#include <concepts>
#include <iterator>
#include <string_view>


namespace pgdsl {

/// A C++ type mapped to a PostgreSQL enum: category enumeration and a `labels` range.
template <class E>
concept enum_mapping =
    parameter_type<E> && type_traits<E>::category == type_category::enumeration&& requires {
  { *std::begin(type_traits<E>::labels) } -> std::convertible_to<std::string_view>;
};

namespace detail {

template <class E>
struct create_type_statement : ddl_statement<create_type_statement<E>> {
  static constexpr void render(sql_writer& w) {
    w << "CREATE TYPE ";
    w.identifier(type_traits<E>::sql_name);
    w << " AS ENUM (";
    bool first = true;
    for (std::string_view label : type_traits<E>::labels) {
      if (!first) w << ", ";
      first = false;
      w.string_literal(label);
    }
    w << ')';
  }
};

template <class E>
struct dropped_type {
  static constexpr const char* drop_kind = "TYPE";
  static constexpr std::string_view drop_name = type_traits<E>::sql_name;
};

}  // namespace detail

/// CREATE TYPE "name" AS ENUM ('label', ...) for an enum mapping.
template <enum_mapping E>
constexpr auto create_type() {
  return detail::create_type_statement<E>{};
}

/// DROP TYPE of one or more enum mappings; .if_exists() and .cascade() change it.
template <enum_mapping... E>
constexpr auto drop_type() {
  static_assert(sizeof...(E) > 0, "drop_type needs at least one type");
  return detail::drop_statement<type_list<detail::dropped_type<E>...>, 0>{};
}

}  // namespace pgdsl

namespace pgdsl {

/// The condition create_all checks, spelled so that a failure names the rule.
template <bool Holds>
inline constexpr bool foreign_keys_form_no_cycle = Holds;

namespace detail {

/// True when a column of From references a column of To (a table other than From).
template <class From, class To>
struct references_table;
template <class... Columns, class To>
struct references_table<type_list<Columns...>, To> {
  template <class Column>
  static constexpr bool column_references() {
    using targets = typename referenced_columns<typename Column::constraints>::type;
    return []<class... Target>(type_list<Target...>) {
      return (std::is_same_v<typename Target::table_type, typename To::table_identity> || ...);
    }(targets{});
  }
  static constexpr bool value = (column_references<Columns>() || ...);
};

template <std::size_t N>
struct table_order {
  std::array<std::size_t, N> at{};
  bool acyclic = true;
};

/// Kahn's algorithm, stable: among the tables whose references are all created, the first listed
/// goes next.
template <class... Tables>
constexpr auto dependency_order() {
  constexpr std::size_t n = sizeof...(Tables);
  // edge[from][to]: a column of table `from` references table `to`.
  std::array<std::array<bool, n>, n> edge{};
  std::size_t row = 0;
  (
      [&]<class From>(std::type_identity<From>) {
        std::size_t column = 0;
        ((edge[row][column] = column != row && references_table<columns_of_t<From>, Tables>::value,
          ++column),
         ...);
        ++row;
      }(std::type_identity<Tables>{}),
      ...);
  table_order<n> order;
  std::array<bool, n> placed{};
  for (std::size_t step = 0; step < n; ++step) {
    bool found = false;
    for (std::size_t candidate = 0; candidate < n && !found; ++candidate) {
      if (placed[candidate]) continue;
      bool ready = true;
      for (std::size_t target = 0; target < n; ++target)
        if (edge[candidate][target] && !placed[target]) ready = false;
      if (ready) {
        order.at[step] = candidate;
        placed[candidate] = true;
        found = true;
      }
    }
    if (!found) {
      order.acyclic = false;
      for (std::size_t i = 0; i < n; ++i) order.at[i] = i;
      return order;
    }
  }
  return order;
}

/// The enum mappings a column uses (its type or its array's element), as a type_list.
template <class Column>
struct column_enum {
  using base = nullable_base_t<typename Column::value_type>;
  using scalar =
      typename std::conditional_t<type_traits<base>::category == type_category::array,
                                  array_element_of<base>, std::type_identity<base>>::type;
  using type = std::conditional_t<enum_mapping<scalar>, type_list<scalar>, type_list<>>;
};

template <class Found, class... Rest>
struct unique_types {
  using type = Found;
};
template <class... Found, class First, class... Rest>
struct unique_types<type_list<Found...>, First, Rest...>
    : unique_types<std::conditional_t<contains_v<First, type_list<Found...>>, type_list<Found...>,
                                      type_list<Found..., First>>,
                   Rest...> {};

template <class Columns>
struct enums_of_columns;
template <class... Columns>
struct enums_of_columns<type_list<Columns...>> {
  using type = concat_t<typename column_enum<Columns>::type...>;
};

template <class List>
struct unique_list;
template <class... T>
struct unique_list<type_list<T...>> : unique_types<type_list<>, T...> {};

/// The enum mappings the columns of Tables use, each once, in order of first use.
template <class... Tables>
using enums_of_t =
    typename unique_list<concat_t<typename enums_of_columns<columns_of_t<Tables>>::type...>>::type;

/// A list of DDL statements rendered as one script, separated by ";\n".
template <class... Statements>
struct ddl_script {
  /// The script's text, a compile-time constant: db.run_command(script.sql).
  static constexpr sql_text<ddl_script> sql{};
  static constexpr std::size_t statement_count = sizeof...(Statements);

  static constexpr void render(sql_writer& w) {
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ";\n"), Statements::render(w)), ...);
  }
  static constexpr void check_complete() {}
  /// Calls f(statement) for each statement in order, e.g. [&](auto s) { db.execute(s); }.
  template <class F>
  constexpr void for_each(F&& f) const {
    (f(Statements{}), ...);
  }
};

template <class Table, class Indexes>
struct table_indexes;
template <class Table, class... Indexes>
struct table_indexes<Table, type_list<Indexes...>> {
  using type = type_list<create_index_statement<Table, Indexes, 0>...>;
};

template <class Lists>
struct script_of;
template <class... Statements>
struct script_of<type_list<Statements...>> {
  using type = ddl_script<Statements...>;
};

template <unsigned Options, class Ordered, class Enums>
struct create_all_script_of;
template <unsigned Options, class... Tables, class... Enums>
struct create_all_script_of<Options, type_list<Tables...>, type_list<Enums...>> {
  using type = typename script_of<concat_t<
      type_list<create_type_statement<Enums>...>,
      type_list<create_table_statement<Tables, Options>...>,
      typename table_indexes<Tables, typename index_parts<table_parts_t<Tables>>::type>::type...>>::
      type;
};

template <unsigned Options, class... Tables>
struct create_all_of {
  static constexpr auto order = dependency_order<Tables...>();
  template <std::size_t... I>
  static auto ordered(std::index_sequence<I...>)
      -> type_list<at_t<order.at[I], type_list<Tables...>>...>;
  using ordered_tables = decltype(ordered(std::make_index_sequence<sizeof...(Tables)>{}));
  using type = typename create_all_script_of<Options, ordered_tables, enums_of_t<Tables...>>::type;
};

}  // namespace detail

/// CREATE TYPE for the enums the tables use, CREATE TABLE for each table in foreign-key order,
/// CREATE INDEX for their indexes: one compile-time script. Foreign keys to tables outside the
/// list are assumed to exist already.
template <table_type... Tables>
constexpr auto create_all() {
  static_assert(sizeof...(Tables) > 0, "create_all needs at least one table");
  static_assert(
      foreign_keys_form_no_cycle<detail::dependency_order<Tables...>().acyclic>,
      "create_all: the tables' foreign keys form a cycle, so no order creates each table after "
      "the tables it references; make one of the foreign keys refer to a table outside the list "
      "and add it later with ALTER TABLE");
  return typename detail::create_all_of<0, Tables...>::type{};
}

/// DROP TABLE IF EXISTS of every table, then DROP TYPE IF EXISTS of the enums they use.
template <table_type... Tables>
constexpr auto drop_all() {
  using enums = detail::enums_of_t<Tables...>;
  using drop_tables = decltype(drop_table(Tables{}...).if_exists());
  if constexpr (enums::size == 0) {
    return detail::ddl_script<drop_tables>{};
  } else {
    return []<class... E>(type_list<E...>) {
      return detail::ddl_script<drop_tables, decltype(drop_type<E...>().if_exists())>{};
    }(enums{});
  }
}

}  // namespace pgdsl

// ---- pgdsl/execution/all.hpp
// The execution layer in one include: connections, statements and raw SQL, typed results,
// transactions and savepoints, COPY (binary, text and CSV), LISTEN/NOTIFY, the retry helper,
// observability and the SQLSTATE exceptions.
// This layer is the only one that includes <libpq-fe.h>.

// ---- pgdsl/execution/bulk_insert.hpp
// insert_rows: many rows inserted with multi-row INSERTs, each under PostgreSQL's 65,535-parameter
// limit, all sent in one pipeline (so the server never waits for the client between them).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/connection.hpp
// connection: one libpq connection, move-only, closed by its destructor. It runs single
// statements (static ones prepared once, binary both ways; statements rendered at run time; raw
// SQL with bound parameters; commands) and owns the per-connection settings: prepared-statement
// mode, statement timeout, query hook and notice handler. Every other capability lives in a
// header of its own and reaches the connection's state through detail::connection_access; the
// member functions below that are "defined in" another header are shortcuts to those
// capabilities, usable once that header (or <pgdsl/pgdsl.hpp>) is included. A new capability
// does not edit this header.

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>

// ---- pgdsl/execution/column_list.hpp
// column_list: the columns a COPY reads or writes (pgdsl::columns(users.id, users.name)) and the
// COPY statement's text for a table and its columns; shared by copy_into and copy_out, and
// declared before connection so its member templates can name it.

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>


namespace pgdsl {

/// The columns a COPY reads or writes, in order: pgdsl::columns(users.id, users.name).
template <class... Columns>
struct column_list {};

/// Names the columns of copy_into / copy_out.
template <column_type... Columns>
constexpr column_list<std::remove_cvref_t<Columns>...> columns(const Columns&...) {
  static_assert(sizeof...(Columns) > 0, "columns() needs at least one column");
  return {};
}

namespace detail {

template <class T>
concept tuple_like_row = requires {
  std::tuple_size<std::remove_cvref_t<T>>::value;
};

template <class List>
struct column_list_of;
template <class... C>
struct column_list_of<type_list<C...>> {
  using type = column_list<C...>;
};

/// Which way a COPY moves rows.
enum class copy_direction { in, out };

/// COPY "table" ("a", "b") FROM STDIN / TO STDOUT, without options (every format's start).
template <copy_direction Direction, class Table, class... Columns>
std::string copy_sql_start() {
  std::string sql = "COPY ";
  render_appending(sql, 1, [](sql_writer& w) {
    Table::table_identity::render_reference(w);
    w << " (";
    detail::render_column_names<Columns...>(w);
    w << ") ";
  });
  sql += Direction == copy_direction::in ? "FROM STDIN" : "TO STDOUT";
  return sql;
}

/// COPY "table" ("a", "b") FROM STDIN / TO STDOUT (FORMAT binary), rendered once per table,
/// columns and direction.
template <copy_direction Direction, class Table, class... Columns>
const std::string& copy_sql() {
  static const std::string text =
      copy_sql_start<Direction, Table, Columns...>() + " (FORMAT binary)";
  return text;
}

/// COPY (<statement>) TO STDOUT (FORMAT binary), rendered once per statement.
template <class Q>
const std::string& copy_statement_sql() {
  static const std::string text =
      "COPY (" + std::string(Q::sql.view()) + ") TO STDOUT (FORMAT binary)";
  return text;
}

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/execution/connection_options.hpp
// connection_options: where to connect and how the connection behaves. Connection parameters are
// handed to libpq's PQconnectdbParams unparsed (a URL or key=value string in `conninfo`, then the
// named fields, which win), so libpq's own rules for URLs, multiple hosts and PG* variables apply.

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pgdsl {

/// Everything a connection needs; empty fields fall back to the URL, then to libpq's defaults
/// and PG* environment variables.
struct connection_options {
  /// A URL (postgresql://user@host:5432/db?...) or key=value string; the fields below override it.
  std::string conninfo{};
  std::string host{};                       ///< host name, IP address or unix socket directory
  std::uint16_t port = 0;                   ///< 0 = from conninfo / PGPORT / 5432
  std::string dbname{};                     ///< database name
  std::string user{};                       ///< role name
  std::string password{};                   ///< never appears in any message
  std::chrono::seconds connect_timeout{0};  ///< 0 = wait indefinitely
  std::string application_name{};           ///< shown in pg_stat_activity
  std::string options{};                    ///< server options, e.g. "-c search_path=app"
  std::string sslmode{};  ///< disable, allow, prefer, require, verify-ca, verify-full
  /// Any other libpq keyword (target_session_attrs, sslrootcert, ...), in order.
  std::vector<std::pair<std::string, std::string>> extra{};

  /// Prepare each static statement once per connection and reuse it; false = unnamed statements
  /// only, which is what PgBouncer in transaction-pooling mode requires.
  bool prepared_statements = true;
  /// The server session may change at every transaction's end: a transaction pooler such as
  /// PgBouncer with pool_mode = transaction sits in between (docs/pgbouncer.md). Statements run
  /// unnamed whatever prepared_statements says, and what would keep state in the session (LISTEN,
  /// session advisory locks, WITH HOLD cursors, PREPARE, a session SET, temporary tables not
  /// dropped at commit, statement_timeout below)
  /// is refused with transaction_pooling_error.
  bool transaction_pooling = false;
  /// statement_timeout for every statement on this connection (a session SET); 0 = the server's
  /// setting. Refused with transaction_pooling.
  std::chrono::milliseconds statement_timeout{0};
};

namespace detail {

// The keyword/value arrays PQconnectdbParams takes; the strings live in `storage`.
struct conninfo_arrays {
  std::vector<std::pair<std::string, std::string>> storage;
  std::vector<const char*> keywords;
  std::vector<const char*> values;

  explicit conninfo_arrays(const connection_options& o) {
    // With expand_dbname, the first "dbname" holding a URL or key=value string is expanded and
    // every later keyword overrides what it set.
    if (!o.conninfo.empty()) storage.emplace_back("dbname", o.conninfo);
    add("host", o.host);
    if (o.port != 0) add("port", std::to_string(o.port));
    add("dbname", o.dbname);
    add("user", o.user);
    add("password", o.password);
    if (o.connect_timeout.count() > 0)
      add("connect_timeout", std::to_string(o.connect_timeout.count()));
    add("application_name", o.application_name);
    add("options", o.options);
    add("sslmode", o.sslmode);
    for (const auto& [keyword, value] : o.extra) add(keyword, value);
    for (const auto& [keyword, value] : storage) {
      keywords.push_back(keyword.c_str());
      values.push_back(value.c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
  }

 private:
  void add(std::string keyword, std::string value) {
    if (!value.empty()) storage.emplace_back(std::move(keyword), std::move(value));
  }
};

}  // namespace detail
}  // namespace pgdsl

// ---- pgdsl/execution/cursor_options.hpp
// cursor_options: how db.cursor() reads a result in batches through a server-side cursor.

namespace pgdsl {

/// How db.cursor() fetches: rows per FETCH. Larger batches mean fewer round trips, smaller ones
/// less memory (at most two batches are held at once: the one being read and the next).
/// Values below 1 count as 1.
struct cursor_options {
  int fetch_size = 2000;
};

}  // namespace pgdsl

// ---- pgdsl/execution/insert_rows_options.hpp
// insert_rows_options: how db.insert_rows() splits its rows into multi-row INSERT statements.

#include <cstddef>

namespace pgdsl {

/// Rows per INSERT statement of db.insert_rows(). 0 (the default) means as many as PostgreSQL's
/// 65,535-parameter limit allows; a larger value is capped at that limit. Smaller statements
/// hold fewer rows in memory at once on both sides and fail in smaller units; larger ones cost
/// fewer round trips of parsing.
struct insert_rows_options {
  std::size_t rows_per_statement = 0;
};

}  // namespace pgdsl

// ---- pgdsl/execution/detail/connect.hpp
// connect: opens a libpq connection from connection_options and turns a failure into
// connection_error whose message names the target (host, port, database) and libpq's reason,
// with every credential removed (see redact.hpp). A connection string libpq cannot parse, or one
// that looks like a URL but is not, is refused before anything is sent.

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// ---- pgdsl/execution/detail/pq_handles.hpp
// Owning handles for libpq objects and the few reads every result needs (affected-row count,
// a column's label for messages), kept in one place so the rest of the layer stays small.

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace pgdsl::detail {

struct result_deleter {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
/// A PGresult owned by exactly one object.
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

struct connection_deleter {
  void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
using connection_ptr = std::unique_ptr<PGconn, connection_deleter>;

inline bool succeeded(const PGresult* result) noexcept {
  if (result == nullptr) return false;
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_SINGLE_TUPLE;
}

/// Rows a command touched (INSERT/UPDATE/DELETE/MERGE/SELECT/COPY); 0 for other commands.
inline std::uint64_t affected_rows(const PGresult* result) noexcept {
  const char* text = PQcmdTuples(const_cast<PGresult*>(result));
  std::uint64_t count = 0;
  const std::string_view digits(text);
  std::from_chars(digits.data(), digits.data() + digits.size(), count);
  return count;
}

/// Rows returned, or else rows affected: the number the observability hook reports.
inline std::uint64_t row_count(const PGresult* result) noexcept {
  if (result == nullptr) return 0;
  if (PQresultStatus(result) == PGRES_TUPLES_OK && PQnfields(result) > 0)
    return static_cast<std::uint64_t>(PQntuples(result));
  return affected_rows(result);
}

/// The column's name for messages: the statement's qualified name, else the server's label.
inline std::string column_label(std::string_view qualified_name, const PGresult* result,
                                int column) {
  if (!qualified_name.empty()) return std::string(qualified_name);
  const char* name = PQfname(result, column);
  // append, not "\"" + std::string: g++ 12 -O2 warns (-Wrestrict) inside that operator+.
  std::string label(1, '"');
  label.append(name ? name : "?").append("\" (column ").append(std::to_string(column + 1));
  label.push_back(')');
  return label;
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/redact.hpp
// redact: keeps credentials out of the messages pgdsl builds from libpq's text. libpq echoes a
// malformed URL or key=value string (or a piece of it) verbatim, so every such message loses the
// passwords found in the connection string and options, and any URL userinfo or password=value
// it still contains. Also decides which strings are refused before libpq or the server sees them.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pgdsl::detail {

inline constexpr std::string_view redacted_text = "********";

constexpr bool is_conninfo_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_word_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

/// True for the two prefixes libpq reads as a URL.
constexpr bool has_uri_prefix(std::string_view text) noexcept {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

/// True when libpq parses `text` as connection parameters (a URL or key=value string) rather than
/// taking all of it for a database name.
constexpr bool is_connection_string(std::string_view text) noexcept {
  return has_uri_prefix(text) || text.find('=') != std::string_view::npos;
}

/// A string libpq would take for a database name although it was meant as a URL: it has a scheme
/// ("postgres:/u:pw@host"), a "://" or userinfo's "@". Sent on, it would reach the server, whose
/// error (and log) would then hold the password; pgdsl refuses it instead.
constexpr bool looks_like_malformed_url(std::string_view text) noexcept {
  if (is_connection_string(text)) return false;
  if (text.find("://") != std::string_view::npos || text.find('@') != std::string_view::npos)
    return true;
  std::size_t i = 0;
  while (i < text.size() &&
         (is_word_char(text[i]) || text[i] == '+' || text[i] == '.' || text[i] == '-'))
    ++i;
  return i > 0 && i < text.size() && text[i] == ':';
}

// Where the value after "password=" (at `at`, just past '=') ends: a quoted value at its closing
// quote, else at blank space or the '&' that separates URL query parameters.
constexpr std::size_t password_value_end(std::string_view text, std::size_t at) noexcept {
  if (at < text.size() && (text[at] == '\'' || text[at] == '"')) {
    const char quote = text[at];
    std::size_t i = at + 1;
    while (i < text.size() && text[i] != quote)
      i += (text[i] == '\\' && i + 1 < text.size()) ? 2 : 1;
    return i < text.size() ? i + 1 : i;
  }
  std::size_t i = at;
  while (i < text.size() && !is_conninfo_space(text[i]) && text[i] != '&' && text[i] != '"' &&
         text[i] != '\'')
    ++i;
  return i;
}

// Calls f(begin, end) for every value of a "password" keyword (any case, spaces around '='),
// quoted or not, in a key=value string, a URL query or a message.
template <class F>
constexpr void for_each_password_value(std::string_view text, F&& f) {
  constexpr std::string_view keyword = "password";
  for (std::size_t i = 0; i + keyword.size() <= text.size(); ++i) {
    bool match = i == 0 || !is_word_char(text[i - 1]);
    for (std::size_t k = 0; match && k < keyword.size(); ++k)
      match = ascii_lower(text[i + k]) == keyword[k];
    if (!match) continue;
    std::size_t at = i + keyword.size();
    while (at < text.size() && is_conninfo_space(text[at])) ++at;
    if (at >= text.size() || text[at] != '=') continue;
    ++at;
    while (at < text.size() && is_conninfo_space(text[at])) ++at;
    const std::size_t end = password_value_end(text, at);
    f(at, end);
    i = end > i ? end - 1 : i;
  }
}

// Calls f(begin, end) for the userinfo ("user:password") of every "scheme://userinfo@" in text:
// up to the last '@' before the next blank, quote or '?', so a malformed password with an '@' or
// '/' in it is covered whole.
template <class F>
constexpr void for_each_url_userinfo(std::string_view text, F&& f) {
  for (std::size_t slashes = text.find("://"); slashes != std::string_view::npos;
       slashes = text.find("://", slashes + 3)) {
    const std::size_t begin = slashes + 3;
    std::size_t end = begin;
    std::size_t last_at = std::string_view::npos;
    while (end < text.size() && !is_conninfo_space(text[end]) && text[end] != '"' &&
           text[end] != '\'' && text[end] != '?') {
      if (text[end] == '@') last_at = end;
      ++end;
    }
    if (last_at != std::string_view::npos) f(begin, last_at);
  }
}

inline std::string percent_decoded(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += char(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// The credentials a connection string holds: the password of a URL's userinfo and every
/// password=value, raw and %-decoded, unquoted, and the pieces libpq may echo on their own.
inline std::vector<std::string> connection_string_secrets(std::string_view conninfo) {
  std::vector<std::string> secrets;
  auto add = [&](std::string_view secret) {
    if (secret.empty()) return;
    secrets.emplace_back(secret);
    secrets.push_back(percent_decoded(secret));
  };
  for_each_url_userinfo(conninfo, [&](std::size_t begin, std::size_t end) {
    const std::string_view userinfo = conninfo.substr(begin, end - begin);
    const std::size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos) add(userinfo.substr(colon + 1));
  });
  // The lookalike "scheme:/user:password@host": what lies between the scheme and the last '@'.
  if (looks_like_malformed_url(conninfo)) {
    const std::size_t at = conninfo.rfind('@');
    if (at != std::string_view::npos) add(conninfo.substr(0, at));
  }
  for_each_password_value(conninfo, [&](std::size_t begin, std::size_t end) {
    std::string_view value = conninfo.substr(begin, end - begin);
    if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"')) {
      value.remove_prefix(1);
      if (value.ends_with('\'') || value.ends_with('"')) value.remove_suffix(1);
    }
    add(value);
    // libpq stops an unquoted value at blank space and reports what follows on its own
    // ("missing "=" after ..."): the words up to the next keyword= count as the password too.
    std::size_t next = end;
    while (next < conninfo.size()) {
      while (next < conninfo.size() && is_conninfo_space(conninfo[next])) ++next;
      std::size_t word_end = next;
      while (word_end < conninfo.size() && !is_conninfo_space(conninfo[word_end])) ++word_end;
      const std::string_view word = conninfo.substr(next, word_end - next);
      if (word.empty() || word.find('=') != std::string_view::npos) break;
      add(word);
      next = word_end;
    }
  });
  // Pieces of a secret split where libpq splits tokens ('@', '%', ':', '/', blanks).
  const std::size_t whole = secrets.size();
  for (std::size_t s = 0; s < whole; ++s) {
    const std::string secret = secrets[s];
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= secret.size(); ++i) {
      if (i == secret.size() || secret[i] == '@' || secret[i] == '%' || secret[i] == ':' ||
          secret[i] == '/' || is_conninfo_space(secret[i])) {
        if (i - begin >= 2 && i - begin < secret.size())
          secrets.push_back(secret.substr(begin, i - begin));
        begin = i + 1;
      }
    }
  }
  return secrets;
}

inline void erase_all(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (std::size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + redacted_text.size()))
    text.replace(at, secret.size(), redacted_text);
}

/// `text` without any of `secrets` (longest first), URL userinfo or password=value.
inline std::string redact_secrets(std::string text, std::vector<std::string> secrets) {
  std::vector<std::string> by_length(std::move(secrets));
  for (std::size_t i = 0; i < by_length.size(); ++i)  // longest first: pieces after wholes
    for (std::size_t j = i + 1; j < by_length.size(); ++j)
      if (by_length[j].size() > by_length[i].size()) std::swap(by_length[i], by_length[j]);
  for (const std::string& secret : by_length) erase_all(text, secret);
  std::string out;
  std::size_t copied = 0;
  auto replace_ranges = [&](auto&& for_each_range) {
    out.clear();
    copied = 0;
    for_each_range(std::string_view(text), [&](std::size_t begin, std::size_t end) {
      if (begin < copied || end <= begin) return;
      out.append(text, copied, begin - copied);
      out += redacted_text;
      copied = end;
    });
    out.append(text, copied, std::string::npos);
    text.swap(out);
  };
  replace_ranges([](std::string_view t, auto&& f) { for_each_url_userinfo(t, f); });
  replace_ranges([](std::string_view t, auto&& f) { for_each_password_value(t, f); });
  return text;
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/server_farewell.hpp
// server_farewell: why the server closed a connection, kept so that connection_error can say so.
// A backend that is terminated (pg_terminate_backend, a fast shutdown) sends a FATAL message, which
// libpq keeps only as text in PQerrorMessage (pgdsl asks for verbose messages, which carry the
// SQLSTATE); a backend told to quit because another one crashed sends a WARNING (57P02) as a
// notice, recorded here per PGconn through a libpq event procedure's instance data.

#include <libpq-events.h>
#include <libpq-fe.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace pgdsl::detail {

/// What the server said last before it went away (empty when it said nothing).
struct server_farewell {
  std::string sqlstate;
  std::string message;
  std::string detail;
  std::string then;  ///< libpq's own text after the server's (e.g. "server closed the connection")
  /// The SQLSTATE of the last error thrown for a statement on this connection (kept apart from
  /// the farewell: a pool reads it to retire a connection that saw 08, 57P0x or 25006).
  std::string last_error{};
};

inline int farewell_events(PGEventId event, void* info, void*) {
  if (event == PGEVT_CONNDESTROY) {
    PGconn* conn = static_cast<PGEventConnDestroy*>(info)->conn;
    delete static_cast<server_farewell*>(PQinstanceData(conn, farewell_events));
  } else if (event == PGEVT_CONNRESET) {
    PGconn* conn = static_cast<PGEventConnReset*>(info)->conn;
    if (auto* farewell = static_cast<server_farewell*>(PQinstanceData(conn, farewell_events)))
      *farewell = server_farewell{};
  }
  return 1;
}

/// Prepares `conn` to keep the server's last word: verbose messages (with their SQLSTATE) and a
/// farewell record for notices.
inline void watch_farewell(PGconn* conn) {
  PQsetErrorVerbosity(conn, PQERRORS_VERBOSE);
  if (PQregisterEventProc(conn, farewell_events, "pgdsl", nullptr) == 1)
    PQsetInstanceData(conn, farewell_events, new server_farewell{});
}

/// The record of `conn`, or null when watch_farewell was not called on it.
inline server_farewell* farewell_of(const PGconn* conn) {
  return conn ? static_cast<server_farewell*>(PQinstanceData(conn, farewell_events)) : nullptr;
}

/// Records a notice that announces the end of the session (SQLSTATE class 57P: admin shutdown,
/// crash shutdown, cannot connect now).
inline void note_farewell(const PGconn* conn, const PGresult* notice) {
  const char* code = PQresultErrorField(notice, PG_DIAG_SQLSTATE);
  if (code == nullptr || !std::string_view(code).starts_with("57P")) return;
  if (server_farewell* farewell = farewell_of(conn)) {
    const char* message = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
    const char* detail = PQresultErrorField(notice, PG_DIAG_MESSAGE_DETAIL);
    *farewell = server_farewell{code, message ? message : "", detail ? detail : "", "",
                                std::move(farewell->last_error)};
  }
}

/// Records (or, with an empty code, clears) the SQLSTATE of the last error on `conn`.
inline void note_error(const PGconn* conn, std::string_view sqlstate) {
  if (server_farewell* farewell = farewell_of(conn)) farewell->last_error.assign(sqlstate);
}

/// The SQLSTATE of the last error thrown for a statement on `conn` since it was cleared.
inline std::string_view last_error(const PGconn* conn) {
  const server_farewell* farewell = farewell_of(conn);
  return farewell ? std::string_view(farewell->last_error) : std::string_view();
}

constexpr bool is_sqlstate_char(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/// The server error in libpq's verbose text ("FATAL:  57P01: terminating connection ...\n
/// DETAIL:  ...\nLOCATION:  ..."), the first one found; empty when there is none.
inline server_farewell server_error_in_text(std::string_view text) {
  server_farewell found;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (!found.sqlstate.empty()) {
      if (line.starts_with("DETAIL:  ")) found.detail = std::string(line.substr(9));
      if (!line.starts_with("DETAIL:") && !line.starts_with("HINT:") &&
          !line.starts_with("LOCATION:")) {
        found.then =
            std::string(line) + (newline == std::string_view::npos ? "" : "\n") + std::string(text);
        break;
      }
      continue;
    }
    // "<severity>:  <code>: <message>", the severity possibly translated.
    const std::size_t colon = line.find(":  ");
    if (colon == std::string_view::npos || colon == 0) continue;
    const std::string_view rest = line.substr(colon + 3);
    if (rest.size() < 7 || rest[5] != ':' || rest[6] != ' ') continue;
    bool code = true;
    for (std::size_t i = 0; i < 5; ++i) code = code && is_sqlstate_char(rest[i]);
    if (!code) continue;
    found.sqlstate = std::string(rest.substr(0, 5));
    found.message = std::string(rest.substr(7));
  }
  return found;
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/throw_sql_error.hpp
// throw_sql_error: turns a failed libpq result into the typed exception of its SQLSTATE (detail
// fields included), or into connection_error when the connection broke. The code-to-type mapping
// itself is the table in error/sqlstate_errors.hpp; this header only reads libpq's fields.

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <utility>


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

namespace pgdsl::detail {

// "host:port/dbname" as libpq resolved it (from the URL, the options or PG* variables).
inline std::string connection_target(PGconn* conn, const connection_options& options) {
  const char* host = conn ? PQhost(conn) : nullptr;
  const char* port = conn ? PQport(conn) : nullptr;
  const char* db = conn ? PQdb(conn) : nullptr;
  std::string target = host && *host ? host : (options.host.empty() ? "?" : options.host);
  if (port && *port) target += std::string(":") + port;
  if (db && *db) target += std::string("/") + db;
  return target;
}

// Every password the options hold: the field, password= among the extra keywords, and those in
// the connection string (URL userinfo and query, key=value).
inline std::vector<std::string> option_secrets(const connection_options& options) {
  std::vector<std::string> secrets = connection_string_secrets(options.conninfo);
  if (!options.password.empty()) secrets.push_back(options.password);
  for (const auto& [keyword, value] : options.extra)
    if (keyword == "password" && !value.empty()) secrets.push_back(value);
  return secrets;
}

/// Refuses, before anything is sent, a connection string that libpq cannot parse or would take
/// for a database name although it looks like a URL; the message never holds a credential.
inline void check_connection_string(const connection_options& options) {
  const std::string& text = options.conninfo;
  if (text.empty()) return;
  if (looks_like_malformed_url(text))
    throw connection_error(
        "the connection string looks like a URL but is not one (a URL starts with "
        "postgresql:// or postgres://); it was not sent, since libpq would take all of it, "
        "credentials included, for a database name",
        "08001");
  if (!is_connection_string(text)) return;  // a database name
  char* reason = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(text.c_str(), &reason);
  if (parsed) {
    PQconninfoFree(parsed);
    return;
  }
  std::string message =
      "invalid connection string: " + trimmed_message(reason ? reason : "out of memory");
  if (reason) PQfreemem(reason);
  throw connection_error(redact_secrets(std::move(message), option_secrets(options)), "08001");
}

/// Throws the connection_error (08001) of a connection attempt that failed: the target and
/// libpq's reason, every credential removed (`conn` may be null: out of memory). Shared by the
/// blocking connect below and the nonblocking one of the async layer.
[[noreturn]] inline void throw_connect_failure(PGconn* conn, const connection_options& options) {
  std::string message = "could not connect to " + connection_target(conn, options) + ": " +
                        trimmed_message(conn ? PQerrorMessage(conn) : "out of memory");
  std::vector<std::string> secrets = option_secrets(options);
  if (conn) {  // the password may also come from PGPASSWORD or a password file
    if (PQconninfoOption* used = PQconninfo(conn)) {
      for (PQconninfoOption* o = used; o->keyword; ++o)
        if (std::string_view(o->keyword) == "password" && o->val && *o->val)
          secrets.emplace_back(o->val);
      PQconninfoFree(used);
    }
  }
  throw connection_error(redact_secrets(std::move(message), std::move(secrets)), "08001");
}

/// Opens a connection; throws connection_error (SQLSTATE 08001) when it cannot.
inline connection_ptr connect(const connection_options& options) {
  check_connection_string(options);
  const conninfo_arrays params(options);
  connection_ptr conn(PQconnectdbParams(params.keywords.data(), params.values.data(), 1));
  if (conn && PQstatus(conn.get()) == CONNECTION_OK) {
    watch_farewell(conn.get());
    return conn;
  }
  throw_connect_failure(conn.get(), options);
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/connection_state.hpp
// connection_state: what a connection owns besides the PGconn, kept on the heap so its address
// stays fixed when the connection object moves (libpq's notice receiver holds that address).
// It includes the prepared-statement cache, keyed by the static address of a statement's SQL.

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// ---- pgdsl/execution/observability.hpp
// Observability: what a query hook sees (SQL text, duration, row count, error; never the bound
// values), a slow-query helper that forwards only statements over a threshold, and the notices
// (RAISE NOTICE, warnings) the server sends on a connection.

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace pgdsl {

/// One finished statement, as the query hook sees it.
struct query_event {
  std::string_view sql;               ///< the SQL text with $n placeholders, never the values
  std::chrono::nanoseconds duration;  ///< from sending to receiving the whole result
  std::uint64_t rows;                 ///< rows returned, else rows affected
  const std::exception* error;        ///< the exception about to be thrown; nullptr on success
};

/// Called once after every statement (execute, query, run_command, COPY, each statement of a
/// pipeline) on a connection that has one installed. An exception it throws after a successful
/// statement reaches the caller in place of the result (in a pipeline: as that statement's
/// failure, thrown by finish()); after a failed statement the statement's error is thrown and
/// the hook's dropped.
using query_hook = std::function<void(const query_event&)>;

/// A hook that forwards to `sink` only statements that took at least `threshold`
/// (failed statements too, so a timeout shows up as a slow query).
inline query_hook slow_query_hook(std::chrono::nanoseconds threshold, query_hook sink) {
  return [threshold, sink = std::move(sink)](const query_event& event) {
    if (event.duration >= threshold) sink(event);
  };
}

/// A message the server sent without failing the statement (NOTICE, WARNING, ...).
struct notice {
  std::string severity{};  ///< NOTICE, WARNING, INFO, LOG or DEBUG
  std::string sqlstate{};  ///< e.g. "00000" or "01000"
  std::string message{};   ///< the primary message
  std::string detail{};    ///< optional detail
  std::string hint{};      ///< optional hint
};

/// Receives the notices of a connection (by default libpq prints them to stderr).
using notice_handler = std::function<void(const notice&)>;

namespace detail {

// Times one statement for the hook, which is called once: with the statement's error (the hook's
// own exception is then dropped, the statement's error reaches the caller), or after success (the
// hook's exception then reaches the caller in place of the result). Does nothing, not even read
// the clock, when no hook is set.
template <class Run, class Rows>
auto observe(const query_hook& hook, std::string_view sql, Run&& run, Rows&& rows) {
  if (!hook) return run();
  const auto start = std::chrono::steady_clock::now();
  auto outcome = [&] {
    try {
      return run();
    } catch (const std::exception& failure) {
      try {
        hook(query_event{sql, std::chrono::steady_clock::now() - start, 0, &failure});
      } catch (...) {  // the statement's error is the one to report
      }
      throw;
    }
  }();
  hook(query_event{sql, std::chrono::steady_clock::now() - start, rows(outcome), nullptr});
  return outcome;
}

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl::detail {

/// One statement this connection prepared: its server-side name (empty in unnamed mode, where
/// the entry only records the check) and the result columns its types were checked against.
struct prepared_statement {
  std::string name;
  const void* checked_columns = nullptr;
  /// Raw SQL: the argument types it was parsed with (parameter_types_tag); nullptr otherwise.
  const void* parameter_types = nullptr;
};

/// Identifies a result-column list at run time (one address per list type).
template <class Columns>
inline constexpr char columns_tag = 0;
/// Identifies the argument types of a raw query at run time (one address per list type).
template <class Parameters>
inline constexpr char parameter_types_tag = 0;

/// Server-side prepared statements of one connection. The key is Q::sql.c_str(): one address per
/// statement, so a lookup hashes a pointer, never the text. Two statement types that share their
/// SQL object but declare different columns are told apart by checked_columns.
class prepared_cache {
 public:
  prepared_statement* find(const char* sql) {
    const auto found = statements_.find(sql);
    return found == statements_.end() ? nullptr : &found->second;
  }
  prepared_statement& insert(const char* sql, prepared_statement statement) {
    return statements_.insert_or_assign(sql, std::move(statement)).first->second;
  }
  void erase(const char* sql) { statements_.erase(sql); }
  void clear() noexcept {
    statements_.clear();
    shapes_.clear();
  }
  std::size_t size() const noexcept { return statements_.size(); }
  /// The keys of statements whose SQL is a shape of a dynamic statement (rendered at run time,
  /// interned, so its address is its key like a static statement's), least recently used first.
  /// The dynamic layer keeps at most shape_limit of them prepared on this connection.
  std::vector<const char*>& shapes() noexcept { return shapes_; }
  std::size_t shape_limit = 64;
  /// A name no statement of this process has used (see unique_statement_name).
  std::string next_name() { return unique_statement_name(); }

 private:
  // Unique per process, with a random part per process: behind a transaction pooler a statement
  // can reach a server session where another client prepared statements; the same name there
  // would silently run the other client's statement, a distinct one fails with 26000.
  static std::string unique_statement_name() {
    static const std::string prefix = [] {
      unsigned long long seed = static_cast<unsigned long long>(
          std::chrono::steady_clock::now().time_since_epoch().count());
      try {
        seed ^= (static_cast<unsigned long long>(std::random_device{}()) << 32);
      } catch (...) {  // no entropy source: the clock alone
      }
      char text[17];
      std::snprintf(text, sizeof text, "%016llx", seed);
      return std::string(text);
    }();
    static std::atomic<unsigned long> counter{0};
    return "pgdsl_" + prefix + "_" + std::to_string(++counter);
  }

  std::unordered_map<const char*, prepared_statement> statements_;
  std::vector<const char*> shapes_;
};

struct connection_state {
  connection_ptr conn;
  bool prepared_statements = true;
  bool transaction_pooling = false;  // raw SQL and commands are checked for session state
  std::chrono::milliseconds statement_timeout{0};
  prepared_cache prepared;
  query_hook hook;
  notice_handler on_notice;
  PQnoticeReceiver default_receiver = nullptr;  // libpq's own (prints to stderr)
  void* default_receiver_arg = nullptr;
  unsigned long savepoint_counter = 0;
  unsigned long cursor_counter = 0;
  unsigned long session = 0;  // incremented by reset(): transactions of an older session are gone
};

// libpq calls this for every notice; exceptions must not cross back into C.
inline void receive_notice(void* state, const PGresult* message) noexcept {
  auto* self = static_cast<connection_state*>(state);
  note_farewell(self->conn.get(), message);
  if (!self->on_notice) {
    // What libpq's default receiver prints, at libpq's default verbosity: pgdsl's connections
    // are verbose only so that a lost connection keeps the server's SQLSTATE (server_farewell).
    if (char* text =
            PQresultVerboseErrorMessage(message, PQERRORS_DEFAULT, PQSHOW_CONTEXT_ERRORS)) {
      std::fputs(text, stderr);
      PQfreemem(text);
    } else if (self->default_receiver) {
      self->default_receiver(self->default_receiver_arg, message);
    }
    return;
  }
  auto field = [&](int code) {
    const char* text = PQresultErrorField(message, code);
    return text ? std::string(text) : std::string();
  };
  try {
    self->on_notice(notice{field(PG_DIAG_SEVERITY), field(PG_DIAG_SQLSTATE),
                           field(PG_DIAG_MESSAGE_PRIMARY), field(PG_DIAG_MESSAGE_DETAIL),
                           field(PG_DIAG_MESSAGE_HINT)});
  } catch (...) {  // a throwing handler loses its notice rather than corrupting libpq's state
  }
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/dynamic_parameters.hpp
// dynamic_parameters: the binary parameter arrays of a statement whose parameter count is only
// known at run time (a multi-row INSERT). Types come from each bound value; fixed-size values are
// encoded into one shared buffer, text and bytea point at the caller's bytes.

#include <climits>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// ---- pgdsl/execution/detail/parameters.hpp
// parameter_block: the binary parameter arrays libpq takes, sized at compile time. Fixed-size
// values are encoded into per-parameter inline storage (no heap); text, bytea and json point at the
// caller's bytes (wire_view); only larger encodings (numeric, arrays) spill into one shared buffer.

#include <array>
#include <climits>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

// ---- pgdsl/execution/detail/protocol.hpp
// protocol: what a statement sends and how its results are taken, apart from how the caller
// waits for the socket. Every Parse, Describe and Execute leaves through the send_* functions
// here (one call site per libpq function); results are taken with take_result(conn, wait), where
// `wait` is the caller's way to block until the socket is ready: poll() for the blocking
// connection and the pipeline (socket_wait.hpp), a coroutine's wait for an asynchronous one.

#include <libpq-fe.h>


namespace pgdsl::detail {

inline constexpr int binary_results = 1;
inline constexpr int text_results = 0;

/// A statement's bound parameters, as libpq takes them (parameter_block, dynamic_parameters).
struct bound_parameters {
  int count = 0;
  const oid* types = nullptr;
  const char* const* values = nullptr;
  const int* lengths = nullptr;
  const int* formats = nullptr;
};

/// Parse: prepares `sql` under `name` ("" is the unnamed statement).
inline bool send_prepare(PGconn* conn, const char* name, const char* sql,
                         const bound_parameters& params) noexcept {
  return PQsendPrepare(conn, name, sql, params.count, params.types) == 1;
}

/// Describe of a prepared statement: its parameter and result column types.
inline bool send_describe(PGconn* conn, const char* name) noexcept {
  return PQsendDescribePrepared(conn, name) == 1;
}

/// Bind and Execute: the prepared statement `name`, or, with name == nullptr, `sql` parsed on
/// the spot (unnamed).
inline bool send_statement(PGconn* conn, const char* name, const char* sql,
                           const bound_parameters& params,
                           int result_format = binary_results) noexcept {
  if (name != nullptr)
    return PQsendQueryPrepared(conn, name, params.count, params.values, params.lengths,
                               params.formats, result_format) == 1;
  return PQsendQueryParams(conn, sql, params.count, params.types, params.values, params.lengths,
                           params.formats, result_format) == 1;
}

/// A command in the simple protocol (no parameters; several commands separated by ';').
inline bool send_command(PGconn* conn, const char* sql) noexcept {
  return PQsendQuery(conn, sql) == 1;
}

/// What a wait is for: input, or input and room to send what libpq still holds.
enum class socket_need : unsigned char { read, read_write };

/// The next result of what was sent, or null at the end of one step's results (the end of all
/// results outside pipeline mode). `wait(conn, need)` blocks until the socket is ready and
/// returns false when waiting failed; libpq then reports the failure as a result.
template <class Wait>
result_ptr take_result(PGconn* conn, Wait&& wait) {
  while (PQisBusy(conn)) {
    const int unsent = PQflush(conn);
    if (unsent < 0) break;
    if (!wait(conn, unsent > 0 ? socket_need::read_write : socket_need::read)) break;
    if (PQconsumeInput(conn) != 1) break;
  }
  return result_ptr(PQgetResult(conn));
}

/// Every result up to the end of what was sent, as PQexec keeps them: the first failure, else
/// the last result; a COPY's start (COPY IN/OUT) ends the reading, the data follows it.
template <class Wait>
result_ptr take_final_result(PGconn* conn, Wait&& wait) {
  result_ptr kept;
  while (result_ptr next = take_result(conn, wait)) {
    const ExecStatusType status = PQresultStatus(next.get());
    if (kept == nullptr || succeeded(kept.get())) kept = std::move(next);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) break;
    if (PQstatus(conn) == CONNECTION_BAD) break;
  }
  return kept;
}

/// One row of a COPY TO (a CopyData message; free with PQfreemem) and its length; -1 at the end
/// of the data, -2 on failure.
template <class Wait>
int take_copy_data(PGconn* conn, char** message, Wait&& wait) {
  for (;;) {
    const int length = PQgetCopyData(conn, message, 1);
    if (length != 0) return length;
    if (!wait(conn, socket_need::read) || PQconsumeInput(conn) != 1)
      return PQgetCopyData(conn, message, 0);  // libpq reports what broke
  }
}

}  // namespace pgdsl::detail

namespace pgdsl::detail {

// What a raw-SQL argument binds as: string literals and C strings bind as text views.
template <class T>
using parameter_value_t = std::conditional_t<
    (std::is_array_v<std::remove_cvref_t<T>> ||
     std::is_pointer_v<std::remove_cvref_t<T>>)&&std::is_convertible_v<T, std::string_view>,
    std::string_view, std::remove_cvref_t<T>>;

template <class T>
inline constexpr oid parameter_oid_v = type_traits<nullable_base_t<T>>::type_oid;

template <class List>
struct parameter_oids;
template <class... T>
struct parameter_oids<type_list<T...>> {
  static constexpr std::array<oid, sizeof...(T)> value{parameter_oid_v<T>...};
};

inline constexpr std::size_t inline_parameter_bytes = 16;

template <std::size_t N>
class parameter_block {
 public:
  parameter_block() = default;
  /// Encodes a static statement's bound values, $1 to $N in order.
  template <class Statement>
  explicit parameter_block(const Statement& statement) {
    statement.bind([&](const auto& value) { add(value); });
    finish();
  }
  parameter_block(const parameter_block&) = delete;  // values_ may point into this object
  parameter_block& operator=(const parameter_block&) = delete;

  /// Encodes the next parameter ($1, $2, ... in call order); an empty optional is NULL.
  template <class T>
  void add(const T& value) {
    const std::size_t index = next_++;
    if constexpr (is_optional_v<T>) {
      if (!value) {
        values_[index] = nullptr;  // NULL: finish() must leave it so
        lengths_[index] = 0;
        spill_at_[index] = not_spilled;
        return;
      }
      add_present(index, *value);
    } else {
      add_present(index, value);
    }
  }

  /// Points spilled parameters into the final spill buffer; call once after the last add().
  void finish() noexcept {
    if (spill_.empty()) return;
    for (std::size_t i = 0; i < N; ++i)
      if (spill_at_[i] != not_spilled) values_[i] = spill_.data() + spill_at_[i];
  }

  const char* const* values() const noexcept { return N ? values_.data() : nullptr; }
  const int* lengths() const noexcept { return N ? lengths_.data() : nullptr; }
  static const int* formats() noexcept { return N ? binary_formats.data() : nullptr; }

  /// The block as libpq takes it, typed by the statement's parameter types.
  template <class ParamTypes>
  bound_parameters bound() const noexcept {
    return {static_cast<int>(N), parameter_oids<ParamTypes>::value.data(), values(), lengths(),
            formats()};
  }

 private:
  static constexpr std::size_t not_spilled = static_cast<std::size_t>(-1);
  static constexpr std::array<int, N> binary_formats = [] {
    std::array<int, N> formats{};
    formats.fill(1);
    return formats;
  }();

  // The `Out` of type_traits<T>::encode: fills inline storage, then moves to the spill buffer.
  struct writer {
    parameter_block& block;
    std::size_t index;
    std::size_t size = 0;
    void append(const char* bytes, std::size_t count) {
      std::size_t& at = block.spill_at_[index];
      if (at == not_spilled && size + count <= inline_parameter_bytes) {
        std::memcpy(block.inline_[index].data() + size, bytes, count);
      } else {
        if (at == not_spilled) {
          at = block.spill_.size();
          block.spill_.append(block.inline_[index].data(), size);
        }
        block.spill_.append(bytes, count);
      }
      size += count;
    }
  };

  template <class T>
  void add_present(std::size_t index, const T& value) {
    using traits = type_traits<T>;
    spill_at_[index] = not_spilled;
    if constexpr (pgdsl::has_wire_view<T>) {
      // wire_view refuses what the type cannot hold (a NUL in text) before anything is sent.
      const std::string_view bytes = traits::wire_view(value);
      values_[index] = bytes.data() != nullptr ? bytes.data() : "";  // nullptr would mean NULL
      lengths_[index] = checked_length(index, bytes.size());
    } else {
      writer out{*this, index};
      traits::encode(value, out);
      values_[index] = inline_[index].data();
      lengths_[index] = checked_length(index, out.size);
    }
  }

  static int checked_length(std::size_t index, std::size_t size) {
    if (size > static_cast<std::size_t>(INT_MAX))
      throw out_of_range_value("parameter $" + std::to_string(index + 1) +
                               " is larger than libpq accepts (2 GiB)");
    return static_cast<int>(size);
  }

  std::array<const char*, N> values_{};
  std::array<int, N> lengths_{};
  std::array<std::array<char, inline_parameter_bytes>, N> inline_;
  std::array<std::size_t, N> spill_at_;
  std::string spill_;
  std::size_t next_ = 0;
};

}  // namespace pgdsl::detail

namespace pgdsl::detail {

class dynamic_parameters {
 public:
  void reserve(std::size_t count) {
    types_.reserve(count);
    values_.reserve(count);
    lengths_.reserve(count);
    formats_.reserve(count);
    offsets_.reserve(count);
  }

  /// Encodes the next parameter; an empty optional is NULL (typed by its value type).
  template <class T>
  void add(const T& value) {
    types_.push_back(parameter_oid_v<T>);
    formats_.push_back(1);
    if constexpr (is_optional_v<T>) {
      if (!value) return push(nullptr, 0, not_encoded);
      add_present(*value);
    } else {
      add_present(value);
    }
  }

  /// Points encoded parameters into the final buffer; call once after the last add().
  void finish() noexcept {
    for (std::size_t i = 0; i < offsets_.size(); ++i)
      if (offsets_[i] != not_encoded) values_[i] = encoded_.data() + offsets_[i];
  }

  void clear() noexcept {
    types_.clear();
    values_.clear();
    lengths_.clear();
    formats_.clear();
    offsets_.clear();
    encoded_.clear();
  }

  int count() const noexcept { return static_cast<int>(values_.size()); }
  const oid* types() const noexcept { return types_.data(); }
  const char* const* values() const noexcept { return values_.data(); }
  const int* lengths() const noexcept { return lengths_.data(); }
  const int* formats() const noexcept { return formats_.data(); }
  /// The parameters as libpq takes them.
  bound_parameters bound() const noexcept {
    return {count(), types(), values(), lengths(), formats()};
  }

 private:
  static constexpr std::size_t not_encoded = static_cast<std::size_t>(-1);

  void push(const char* bytes, std::size_t size, std::size_t offset) {
    if (size > static_cast<std::size_t>(INT_MAX))
      throw out_of_range_value("parameter $" + std::to_string(values_.size() + 1) +
                               " is larger than libpq accepts (2 GiB)");
    values_.push_back(bytes);
    lengths_.push_back(static_cast<int>(size));
    offsets_.push_back(offset);
  }

  template <class T>
  void add_present(const T& value) {
    if constexpr (pgdsl::has_wire_view<T>) {
      const std::string_view bytes = type_traits<T>::wire_view(value);
      push(bytes.data() != nullptr ? bytes.data() : "", bytes.size(), not_encoded);
    } else {
      const std::size_t start = encoded_.size();
      type_traits<T>::encode(value, encoded_);
      push(nullptr, encoded_.size() - start, start);
    }
  }

  std::vector<oid> types_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<std::size_t> offsets_;
  std::string encoded_;
};

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/session_state.hpp
// session_state: finds, in raw SQL, the commands whose effect outlives the transaction in the
// server session (LISTEN, session advisory locks, WITH HOLD cursors, PREPARE, plain SET, temporary
// tables that outlive the transaction). Behind a
// transaction pooler (connection_options::transaction_pooling) the session is handed to other
// clients at every commit, so these would silently misbehave: the connection refuses them with
// transaction_pooling_error instead. A light scanner, not a parser: it skips literals, quoted
// identifiers, dollar-quoted bodies and comments, and looks at each statement's leading words.

#include <array>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>


namespace pgdsl::detail {

inline bool same_word(std::string_view word, std::string_view upper) noexcept {
  if (word.size() != upper.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(word[i])) != upper[i]) return false;
  return true;
}

inline bool word_char(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The words of SQL text outside literals, quoted identifiers, dollar quotes and comments, with
// a ';' between statements reported as an empty word.
class sql_words {
 public:
  explicit sql_words(std::string_view sql) noexcept : sql_(sql) {}

  /// The next word, "" at a statement's end, or false at the end of the text.
  bool next(std::string_view& word) noexcept {
    while (at_ < sql_.size()) {
      const char c = sql_[at_];
      if (c == ';') {
        ++at_;
        word = {};
        return true;
      }
      if (c == '-' && peek(1) == '-') {
        skip_past("\n", 2);
      } else if (c == '/' && peek(1) == '*') {
        skip_past("*/", 2);  // nested comments are rare enough to ignore
      } else if (c == '\'' || c == '"') {
        skip_quoted(c);
      } else if (c == '$' && dollar_tag_length() > 0) {
        const std::size_t length = dollar_tag_length();
        const std::string_view tag = sql_.substr(at_, length);
        skip_past(tag, length);
      } else if (word_char(c)) {
        const std::size_t start = at_;
        while (at_ < sql_.size() && word_char(sql_[at_])) ++at_;
        word = sql_.substr(start, at_ - start);
        return true;
      } else {
        ++at_;
      }
    }
    return false;
  }

 private:
  char peek(std::size_t ahead) const noexcept {
    return at_ + ahead < sql_.size() ? sql_[at_ + ahead] : '\0';
  }
  void skip_past(std::string_view end, std::size_t opening) noexcept {
    const std::size_t found = sql_.find(end, at_ + opening);
    at_ = found == std::string_view::npos ? sql_.size() : found + end.size();
  }
  void skip_quoted(char quote) noexcept {  // a doubled quote stays inside
    for (++at_; at_ < sql_.size(); ++at_) {
      if (sql_[at_] != quote) continue;
      if (peek(1) != quote) {
        ++at_;
        return;
      }
      ++at_;
    }
  }
  // Length of a $tag$ opening at the current position ($$ included), 0 when there is none.
  std::size_t dollar_tag_length() const noexcept {
    std::size_t end = at_ + 1;
    while (end < sql_.size() && sql_[end] != '$' &&
           (std::isalnum(static_cast<unsigned char>(sql_[end])) || sql_[end] == '_'))
      ++end;
    if (end >= sql_.size() || sql_[end] != '$') return 0;
    if (end > at_ + 1 && std::isdigit(static_cast<unsigned char>(sql_[at_ + 1]))) return 0;  // $1
    return end - at_ + 1;
  }

  std::string_view sql_;
  std::size_t at_ = 0;
};

/// What in `sql` keeps state in the server session beyond the transaction, described for an
/// error message; empty when nothing does.
inline std::string session_state_in(std::string_view sql) {
  // SET of these is carried over by PgBouncer, which re-applies them on every server connection.
  constexpr std::array<std::string_view, 5> carried = {"CLIENT_ENCODING", "DATESTYLE", "TIMEZONE",
                                                       "STANDARD_CONFORMING_STRINGS",
                                                       "APPLICATION_NAME"};
  constexpr const char* temporary =
      "CREATE TEMP (a temporary object lives in one server session; create the table with ON "
      "COMMIT DROP inside a transaction, or use a regular table)";
  sql_words words(sql);
  std::string_view word, first, previous;
  std::size_t position = 0;  // of `word` within its statement
  bool creates_temporary = false, dropped_at_commit = false;
  for (bool more = words.next(word);; more = words.next(word)) {
    if (!more || word.empty()) {  // a statement's end
      if (creates_temporary && !dropped_at_commit) return temporary;
      if (!more) break;
      position = 0;
      first = previous = {};
      creates_temporary = dropped_at_commit = false;
      continue;
    }
    if (position == 0) first = word;
    // CREATE [OR REPLACE] [LOCAL | GLOBAL] TEMP[ORARY] ...; only ON COMMIT DROP ends it with
    // the transaction.
    if (same_word(first, "CREATE") && (same_word(word, "TEMP") || same_word(word, "TEMPORARY")) &&
        (position == 1 || same_word(previous, "LOCAL") || same_word(previous, "GLOBAL") ||
         same_word(previous, "REPLACE")))
      creates_temporary = true;
    if (same_word(previous, "COMMIT") && same_word(word, "DROP")) dropped_at_commit = true;
    if (position == 0 && same_word(word, "LISTEN"))
      return "LISTEN (notifications are delivered to one server session, which the pooler hands "
             "to other clients)";
    if (position == 0 && same_word(word, "PREPARE"))
      return "PREPARE (a prepared statement lives in one server session)";
    if (position == 1 && same_word(first, "SET") && !same_word(word, "LOCAL") &&
        !same_word(word, "TRANSACTION") && !same_word(word, "CONSTRAINTS")) {
      std::string_view name = word;
      if (same_word(word, "SESSION")) words.next(name);
      bool is_carried = false;
      for (std::string_view parameter : carried)
        is_carried = is_carried || same_word(name, parameter);
      if (!is_carried)
        return "SET " + std::string(name) +
               " (a session setting stays with one server session, and other clients get it; "
               "use SET LOCAL inside a transaction)";
    }
    if (same_word(first, "DECLARE") && same_word(previous, "WITH") && same_word(word, "HOLD"))
      return "DECLARE ... WITH HOLD (the cursor outlives its transaction in one server session)";
    if (same_word(word, "PG_ADVISORY_LOCK") || same_word(word, "PG_ADVISORY_LOCK_SHARED") ||
        same_word(word, "PG_TRY_ADVISORY_LOCK") || same_word(word, "PG_TRY_ADVISORY_LOCK_SHARED"))
      return std::string(word) +
             " (a session advisory lock is held by one server session until it is unlocked; use "
             "pg_advisory_xact_lock, released at the end of the transaction)";
    previous = word;
    ++position;
  }
  return {};
}

/// Throws transaction_pooling_error when `sql` would keep state in the server session.
inline void refuse_session_state(const char* sql) {
  std::string found = session_state_in(sql);
  if (!found.empty()) throw transaction_pooling_error(std::move(found), sql);
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/statement_runner.hpp
// The blocking execute path: a statement's steps sent through protocol.hpp and its results taken
// with poll_wait. Static statements are prepared and checked once per connection (prepare.hpp),
// then executed by name (or unnamed, checked on every run); raw SQL and statements rendered at
// run time are executed unnamed with their columns checked on every run; commands go through the
// simple protocol. Streaming, COPY and the pipeline send their statements with the same steps.

#include <libpq-fe.h>

#include <cstring>
#include <string>

// ---- pgdsl/execution/detail/prepare.hpp
// prepare: the one prepare-and-check of a static statement. plan_statement() decides from the
// connection's cache which steps a statement needs before it can run (Parse, Describe) and
// records them; the steps go out through protocol.hpp and their results come back to
// accept_step(), which checks the described columns against the statement's declared ones, so a
// mismatch is reported before the statement ever runs. The blocking connection sends the steps
// in one round trip (prepare_now); a pipeline queues them in front of the statement.

#include <libpq-fe.h>

#include <cstring>
#include <string>

// ---- pgdsl/execution/detail/columns.hpp
// Compile-time facts about a statement's result columns (value types, lookup by key type and by
// name) and the decoding of one field straight from the PGresult's binary bytes.

#include <libpq-fe.h>

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>


namespace pgdsl::detail {

template <class Columns>
struct columns_info;
template <class... E>
struct columns_info<type_list<E...>> {
  static constexpr std::size_t size = sizeof...(E);
  using tuple = std::tuple<typename E::value_type...>;
  using keys = type_list<typename E::key_type...>;

  /// The position of the column whose name is `name` (size when none is).
  static constexpr std::size_t index_of_name(std::string_view name) {
    std::size_t index = 0;
    for (bool found : {(E::name == name)...}) {
      if (found) return index;
      ++index;
    }
    return size;
  }
  static constexpr bool names_known = ((!std::string_view(E::name).empty()) && ...);
};

template <std::size_t I, class Columns>
using column_value_t = typename at_t<I, Columns>::value_type;

/// The index of the column a key (row[users.email]) finds; checked with a readable message.
template <class Columns, class Key>
constexpr std::size_t column_index_of_key() {
  using keys = typename columns_info<Columns>::keys;
  static_assert(contains_v<std::remove_cvref_t<Key>, keys>,
                "this expression is not one of the statement's result columns; "
                "select it, or read the row by position with get<I>()");
  return index_of_v<std::remove_cvref_t<Key>, keys>;
}

/// Throws unexpected_null for column `column` (out of line: the decode path stays small).
template <class E>
[[noreturn, gnu::noinline, gnu::cold]] void throw_unexpected_null(const PGresult* result,
                                                                  int column) {
  throw unexpected_null(column_label(E::qualified_name, result, column),
                        type_traits<nullable_base_t<typename E::value_type>>::sql_name);
}

/// Decodes column `column` of row `row` as E::value_type, straight from the binary bytes.
/// One libpq call besides the value in the usual case: PQgetisnull is asked only for an empty
/// value, which is how libpq shows NULL (and which no fixed-size type has).
template <class E>
[[gnu::always_inline]] inline typename E::value_type decode_field(const PGresult* result, int row,
                                                                  int column) {
  using value = typename E::value_type;
  using base = nullable_base_t<value>;
  const int length = PQgetlength(result, row, column);
  if (length == 0 && PQgetisnull(result, row, column)) [[unlikely]] {
    if constexpr (is_optional_v<value>)
      return value{};
    else
      throw_unexpected_null<E>(result, column);
  }
  return type_traits<base>::decode(
      std::string_view(PQgetvalue(result, row, column), static_cast<std::size_t>(length)));
}

template <class E>
void check_column_type(const PGresult* description, int column) {
  using base = nullable_base_t<typename E::value_type>;
  const oid server_type = PQftype(description, column);
  if (!type_traits<base>::accepts(server_type))
    throw type_mismatch(column_label(E::qualified_name, description, column), server_type,
                        type_traits<base>::sql_name);
}

/// Throws type_mismatch unless every declared column can be read from the server's type, and
/// column_count_mismatch unless the counts agree (a statement declaring no columns accepts any).
template <class Columns, class CountError>
void check_column_types(const PGresult* description, const CountError& count_error) {
  constexpr std::size_t declared = columns_info<Columns>::size;
  if constexpr (declared > 0) {
    const auto returned = static_cast<std::size_t>(PQnfields(description));
    if (returned != declared) count_error(declared, returned);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (check_column_type<at_t<I, Columns>>(description, static_cast<int>(I)), ...);
    }
    (std::make_index_sequence<declared>{});
  }
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/result_error.hpp
// Moved to pgdsl/error/result_error.hpp; this path forwards to it.

namespace pgdsl::detail {

static_assert(std::is_same_v<oid, Oid>, "pgdsl::oid must be libpq's Oid");

/// Refuses to start a statement on a connection that is closed or still busy with a pipeline
/// or a cursor (whose results would otherwise be mixed with this statement's).
inline void ensure_open(PGconn* conn, const char* sql) {
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK)
    throw connection_error("the connection is closed or broken; call reset() to reconnect", "08003",
                           sql);
  if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF)
    throw sql_error(sql_error_fields{
        .message = "the connection is in pipeline mode: a pipeline or cursor on it is still "
                   "being read; finish it before running another statement",
        .sql = sql});
}

/// Checks the declared columns against a described statement or a result.
template <class Columns>
void check_columns(const PGresult* description, const char* sql) {
  check_column_types<Columns>(description, [&](std::size_t declared, std::size_t returned) {
    throw column_count_mismatch(declared, returned, sql);
  });
}

/// What a statement needs before it runs on a connection, and how it runs.
struct statement_plan {
  const char* target;     ///< the statement Parse/Describe address ("" = unnamed)
  const char* run_as;     ///< the prepared statement to execute; nullptr = unnamed, checked
  bool prepare = false;   ///< a Parse must go first
  bool describe = false;  ///< a Describe must go first, its columns checked
};

/// The steps static statement `sql` (declaring Columns) needs on this connection, recorded in
/// the cache as if they succeeded; forget_statement() undoes that when one fails. In prepared
/// mode a statement is parsed once under a fresh name and described once per column list; in
/// unnamed mode it is parsed and described unnamed once, then parsed again on every run and its
/// result checked each time (each run may be planned afresh). `parameter_types` tells apart the
/// argument types of raw SQL (one literal can be run with an int here and a long there): a call
/// with other types than the statement was parsed with runs unnamed, its result checked.
template <class Columns>
statement_plan plan_statement(connection_state& state, const char* sql,
                              const void* parameter_types = nullptr) {
  prepared_statement* statement = state.prepared.find(sql);
  if (statement != nullptr && statement->parameter_types != parameter_types)
    return {"", nullptr, false, false};
  const bool checked = statement != nullptr && statement->checked_columns == &columns_tag<Columns>;
  if (!state.prepared_statements) {
    if (!checked)
      state.prepared.insert(
          sql, prepared_statement{std::string(), &columns_tag<Columns>, parameter_types});
    return {"", nullptr, !checked, !checked};
  }
  bool prepare = false;
  if (statement == nullptr) {
    statement = &state.prepared.insert(
        sql, prepared_statement{state.prepared.next_name(), nullptr, parameter_types});
    prepare = true;
  }
  statement->checked_columns = &columns_tag<Columns>;
  const char* name = statement->name.c_str();
  return {name, name, prepare, !checked};
}

/// Forgets what plan_statement() recorded for `sql` (a step failed; planned afresh next time).
inline void forget_statement(connection_state& state, const char* sql) {
  state.prepared.erase(sql);
}

/// Handles the result of a Parse (describe == false) or a Describe: throws the server's error,
/// or the column mismatch of a description.
template <class Columns>
void accept_step(PGconn* conn, const PGresult* outcome, bool describe, const char* sql) {
  if (!succeeded(outcome)) throw_sql_error(conn, outcome, sql);
  if (describe) check_columns<Columns>(outcome, sql);
}

/// Drops a server-side statement; failures are irrelevant (it dies with the session).
template <class Wait>
void deallocate(PGconn* conn, const char* name, Wait& wait) noexcept {
  if (*name == '\0') return;
  try {
    const std::string command = std::string("DEALLOCATE ") + name;
    if (send_command(conn, command.c_str())) take_final_result(conn, wait);
  } catch (...) {  // out of memory: the statement dies with the session
  }
}

/// The result of the next step of a pipeline, with the null that ends it taken too.
template <class Wait>
result_ptr take_step(PGconn* conn, Wait& wait) {
  result_ptr outcome = take_result(conn, wait);
  if (outcome != nullptr) result_ptr end_of_step = take_result(conn, wait);
  return outcome;
}

/// Reads and drops a pipeline's results up to and including its sync.
template <class Wait>
void skip_to_sync(PGconn* conn, Wait& wait) {
  for (;;) {
    const result_ptr next = take_result(conn, wait);
    if (next != nullptr ? PQresultStatus(next.get()) == PGRES_PIPELINE_SYNC
                        : PQstatus(conn) == CONNECTION_BAD)
      return;
  }
}

/// Sends a plan's Parse and Describe in one pipeline with a single Sync (one round trip, and a
/// transaction pooler cannot split them between server sessions), then accepts their results.
/// When one fails the statement is forgotten (and dropped from the server) before the throw.
template <class Columns, class Wait>
void prepare_now(connection_state& state, const char* sql, const statement_plan& plan,
                 const bound_parameters& params, Wait&& wait) {
  PGconn* conn = state.conn.get();
  if (PQenterPipelineMode(conn) != 1) throw_sql_error(conn, nullptr, sql);
  const bool sent = (!plan.prepare || send_prepare(conn, plan.target, sql, params)) &&
                    (!plan.describe || send_describe(conn, plan.target)) &&
                    PQpipelineSync(conn) == 1;
  result_ptr parsed, described;
  if (sent) {
    if (plan.prepare) parsed = take_step(conn, wait);
    if (plan.describe) described = take_step(conn, wait);
    skip_to_sync(conn, wait);
  }
  PQexitPipelineMode(conn);
  try {
    if (!sent) throw_sql_error(conn, nullptr, sql);
    if (plan.prepare) accept_step<Columns>(conn, parsed.get(), false, sql);
    if (plan.describe) accept_step<Columns>(conn, described.get(), true, sql);
  } catch (...) {
    const std::string name = plan.target;  // owned by the cache entry forgotten next
    forget_statement(state, sql);
    if (!plan.prepare || succeeded(parsed.get())) deallocate(conn, name.c_str(), wait);
    throw;
  }
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/socket_wait.hpp
// socket_wait: how the blocking connection and the pipeline wait for the server: poll() on
// libpq's socket. The protocol functions take the wait as an argument, so an asynchronous
// connection can pass its own (an Asio socket wait) and reuse everything else.

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>


namespace pgdsl::detail {

/// Blocks in poll() until the socket is readable (or writable, when asked); false on failure.
struct poll_wait {
  bool operator()(PGconn* conn, socket_need need) const noexcept {
    pollfd socket{PQsocket(conn),
                  static_cast<short>(POLLIN | (need == socket_need::read_write ? POLLOUT : 0)), 0};
    for (;;) {
      if (poll(&socket, 1, -1) >= 0) return true;
      if (errno != EINTR) return false;
    }
  }
};

/// The results of a statement sent on a blocking connection: the first failure or the last
/// result (see take_final_result).
inline result_ptr take_final_result(PGconn* conn) {
  return take_final_result(conn, poll_wait{});
}

}  // namespace pgdsl::detail

namespace pgdsl::detail {

// SQLSTATE 0A000 "cached plan must not change result type": the table changed under a
// prepared statement; preparing it again (outside a transaction block) brings it up to date.
inline bool result_type_changed(const PGresult* failed) noexcept {
  const char* code = failed ? PQresultErrorField(failed, PG_DIAG_SQLSTATE) : nullptr;
  const char* message = failed ? PQresultErrorField(failed, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  return code && message && std::strcmp(code, "0A000") == 0 &&
         std::strstr(message, "cached plan must not change result type") != nullptr;
}
inline bool result_type_changed(const sql_error& failed) noexcept {
  return failed.sqlstate() == "0A000" &&
         std::strstr(failed.what(), "cached plan must not change result type") != nullptr;
}

/// Makes static statement `sql` ready to run on this connection (prepared and its columns
/// checked, once); returns the prepared statement to execute, nullptr in unnamed mode.
template <class Columns>
const char* ready_statement(connection_state& state, const char* sql,
                            const bound_parameters& params,
                            const void* parameter_types = nullptr) {
  ensure_open(state.conn.get(), sql);
  statement_plan plan = plan_statement<Columns>(state, sql, parameter_types);
  if (!plan.prepare && !plan.describe) return plan.run_as;
  try {
    prepare_now<Columns>(state, sql, plan, params, poll_wait{});
  } catch (const sql_error& e) {
    // Described for other columns after its table changed (raw SQL such as SELECT *): the
    // statement was forgotten; outside a transaction block it is prepared afresh, once.
    if (plan.prepare || !result_type_changed(e) ||
        PQtransactionStatus(state.conn.get()) != PQTRANS_IDLE)
      throw;
    plan = plan_statement<Columns>(state, sql, parameter_types);
    prepare_now<Columns>(state, sql, plan, params, poll_wait{});
  }
  return plan.run_as;
}

/// Executes what ready_statement() returned and takes its result, successful or not; a result
/// of a statement run unnamed has its columns checked.
template <class Columns>
result_ptr run_ready(PGconn* conn, const char* name, const char* sql,
                     const bound_parameters& params) {
  if (!send_statement(conn, name, sql, params)) throw_sql_error(conn, nullptr, sql);
  result_ptr outcome = take_final_result(conn);
  if (succeeded(outcome.get()) && name == nullptr) check_columns<Columns>(outcome.get(), sql);
  return outcome;
}


/// Runs a static statement with its bound parameters and returns the successful result.
/// (`parameter_types`: see plan_statement).
template <class Columns>
result_ptr run_static(connection_state& state, const char* sql, const bound_parameters& params,
                      const void* parameter_types = nullptr) {
  PGconn* conn = state.conn.get();
  const char* name = ready_statement<Columns>(state, sql, params, parameter_types);
  result_ptr outcome = run_ready<Columns>(conn, name, sql, params);
  if (succeeded(outcome.get())) return outcome;
  if (name != nullptr && result_type_changed(outcome.get()) &&
      PQtransactionStatus(conn) == PQTRANS_IDLE) {
    const std::string stale = name;
    forget_statement(state, sql);
    poll_wait wait;
    deallocate(conn, stale.c_str(), wait);
    name = ready_statement<Columns>(state, sql, params, parameter_types);
    outcome = run_ready<Columns>(conn, name, sql, params);
    if (succeeded(outcome.get())) return outcome;
  }
  throw_sql_error(conn, outcome.get(), sql);
}

/// Runs SQL unnamed with bound parameters (raw SQL, statements rendered at run time); the
/// result's columns are checked on every run.
template <class Columns>
result_ptr run_unnamed(connection_state& state, const char* sql, const bound_parameters& params) {
  PGconn* conn = state.conn.get();
  ensure_open(conn, sql);
  result_ptr outcome = run_ready<Columns>(conn, nullptr, sql, params);
  if (!succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
  return outcome;
}

/// Sends a command in the simple protocol and takes its result; throws unless its status is
/// `expected` (a COPY's start) or, by default, success.
inline result_ptr run_command(PGconn* conn, const char* sql,
                              ExecStatusType expected = PGRES_COMMAND_OK) {
  ensure_open(conn, sql);
  if (!send_command(conn, sql)) throw_sql_error(conn, nullptr, sql);
  result_ptr outcome = take_final_result(conn);
  const bool ok = expected == PGRES_COMMAND_OK
                      ? succeeded(outcome.get())
                      : outcome != nullptr && PQresultStatus(outcome.get()) == expected;
  if (!ok) throw_sql_error(conn, outcome.get(), sql);
  return outcome;
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/raw_query.hpp
// Raw SQL for what the DSL cannot express yet: raw_sql (a NUL-terminated SQL string, never built
// from values) and the result columns of db.query<T...>(sql, args...), which are known by
// position and by the server's labels (used in messages), not by a compile-time name. Raw SQL
// whose text is fixed (a literal) is prepared once per connection like a DSL statement; text
// made at run time (runtime_sql) runs unnamed, or prepared through db.prepare<T...>(text).

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// The SQL of a raw query, passed to libpq as is. Values go in parameters ($1, $2, ...), never
/// into this text. A string literal converts implicitly (the text is fixed when the program is
/// compiled); text made at run time must say so with runtime_sql(), so every such place can be
/// found with grep and reviewed.
/// The condition of the raw SQL rule, spelled so that a failure names the text's type.
template <class Text, bool Holds>
inline constexpr bool sql_is_a_literal = Holds;

class raw_sql {
 public:
  /// SQL written in the program as a string literal.
  template <std::size_t N>
  consteval raw_sql(const char (&sql)[N]) noexcept  // NOLINT: implicit by design
      : sql_(sql), fixed_(true) {}

  /// SQL rendered at compile time (a statement's or a DDL script's `.sql`) is as fixed as a
  /// literal: db.run_command(pgdsl::create_all<users_t, orders_t>().sql).
  template <class Statement>
  constexpr raw_sql(sql_text<Statement> text) noexcept  // NOLINT: implicit by design
      : sql_(text.c_str()), fixed_(true) {}

  /// Any other text (a std::string, a const char* variable) is refused with the way to say it.
  template <class Text>
  requires(!std::is_array_v<Text> && std::is_convertible_v<const Text&, std::string_view>)
      raw_sql(const Text&)
      : sql_(nullptr) {  // NOLINT: exists to explain the refusal
    static_assert(sql_is_a_literal<Text, false>,
                  "raw SQL text made at run time must be marked: pass pgdsl::runtime_sql(text) "
                  "(and bind every value as a parameter)");
  }

  const char* c_str() const noexcept { return sql_; }
  /// The text is fixed for the program's life (a literal, a compile-time rendering): its address
  /// can key the connection's prepared-statement cache, as a DSL statement's does.
  constexpr bool is_fixed() const noexcept { return fixed_; }

 private:
  constexpr explicit raw_sql(const char* sql) noexcept : sql_(sql) {}
  friend raw_sql runtime_sql(const char* sql) noexcept;

  const char* sql_;
  bool fixed_ = false;
};

/// SQL text made at run time (DDL with a generated name, a script read from a file). The text
/// must outlive the call it is passed to, and must never contain values: bind them.
inline raw_sql runtime_sql(const char* sql) noexcept {
  return raw_sql(sql);
}
/// SQL text made at run time, as a std::string (see above).
inline raw_sql runtime_sql(const std::string& sql) noexcept {
  return runtime_sql(sql.c_str());
}

/// Column I of a raw query, decoded as T; its key is the column itself (read it with get<I>()).
template <std::size_t I, class T>
struct raw_column {
  using key_type = raw_column;
  using value_type = T;
  static constexpr std::string_view name{};
  static constexpr std::string_view qualified_name{};
};

namespace detail {

template <class Indices, class... T>
struct make_raw_columns;
template <std::size_t... I, class... T>
struct make_raw_columns<std::index_sequence<I...>, T...> {
  using type = type_list<raw_column<I, T>...>;
};

// A raw-query argument as the parameter it binds: string literals and C strings as text views.
template <class A>
decltype(auto) as_parameter(const A& argument) {
  if constexpr (std::is_same_v<parameter_value_t<A>, std::remove_cvref_t<A>>)
    return (argument);
  else
    return parameter_value_t<A>(argument);
}

}  // namespace detail

/// The result columns of db.query<T...>(...).
template <class... T>
using raw_columns = typename detail::make_raw_columns<std::index_sequence_for<T...>, T...>::type;

}  // namespace pgdsl

// ---- pgdsl/execution/result.hpp
// result: the typed answer to one statement, owning its PGresult. It is a range of rows
// (range-for with structured bindings), and has the usual ways to take exactly what is expected:
// one(), one_or_none(), scalar(), all(), as<S>(), plus rows_affected() for commands.

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// ---- pgdsl/execution/row.hpp
// row and record: one row of a typed result. A row is a view into the result (a PGresult pointer
// and a row number) that decodes a field when it is read; a record owns its decoded values and
// outlives the result. Both are tuple-like, so structured bindings work, and both find a column
// by the expression that selected it: row[users.email].

#include <libpq-fe.h>

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/detail/column_by_name.hpp
// Reading a field by the server's column name, for rows whose shape the program does not know
// (SELECT *, a query built elsewhere): the name is looked up and the type checked at run time,
// with the same decoders and the same typed errors as the compile-time path.

#include <libpq-fe.h>

#include <string>
#include <string_view>


namespace pgdsl::detail {

/// A column read by name as T: the server's label names it in messages.
template <class T>
struct column_read_by_name {
  using value_type = T;
  static constexpr std::string_view qualified_name{};
};

/// The result's column names, comma-separated, for messages.
inline std::string column_names_of(const PGresult* result) {
  std::string names;
  for (int i = 0; i < PQnfields(result); ++i) {
    if (i > 0) names += ", ";
    names += PQfname(result, i);
  }
  return names;
}

/// The number of the first column whose name is exactly `name` (case-sensitive, as the server
/// labels it: an unquoted `AS Total` is `total`); no_such_column when there is none.
inline int column_number(const PGresult* result, std::string_view name) {
  for (int i = 0; i < PQnfields(result); ++i)
    if (name == PQfname(result, i)) return i;
  throw no_such_column(std::string(name), column_names_of(result));
}

/// Field `column` of row `row` as T, after checking that T reads the column's server type.
template <class T>
T decode_checked(const PGresult* result, int row, int column) {
  check_column_type<column_read_by_name<T>>(result, column);
  return decode_field<column_read_by_name<T>>(result, row, column);
}

}  // namespace pgdsl::detail

namespace pgdsl {

template <class Columns>
class record;
template <class Columns>
class row;

namespace detail {
template <class S, class Columns>
S map_row(const row<Columns>& source);
}

/// A view of one row of a result; valid while the result lives.
template <class Columns>
class row {
 public:
  row(const PGresult* result, int index) noexcept : result_(result), index_(index) {}

  /// Decodes column I (0-based).
  template <std::size_t I>
  detail::column_value_t<I, Columns> get() const {
    static_assert(I < detail::columns_info<Columns>::size, "column index out of range");
    return detail::decode_field<at_t<I, Columns>>(result_, index_, static_cast<int>(I));
  }

  /// Decodes the column the server labels `name` as T, its type checked now: for rows of a shape
  /// known only at run time (`SELECT *` through execute_raw). no_such_column for a name the result
  /// lacks, type_mismatch when T cannot read the column's type, unexpected_null for a NULL into a
  /// T that is not std::optional.
  template <class T>
  T get(std::string_view name) const {
    return detail::decode_checked<T>(result_, index_, detail::column_number(result_, name));
  }
  /// True when the field of the column labelled `name` is NULL (no_such_column as for get).
  bool is_null(std::string_view name) const {
    return PQgetisnull(result_, index_, detail::column_number(result_, name)) != 0;
  }

  /// Decodes the column selected by `key`, e.g. row[users.email].
  template <class Key>
  auto operator[](const Key&) const {
    return get<detail::column_index_of_key<Columns, Key>()>();
  }

  /// Decodes every column into an owning record.
  record<Columns> to_record() const {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return record<Columns>(typename detail::columns_info<Columns>::tuple(get<I>()...));
    }
    (std::make_index_sequence<detail::columns_info<Columns>::size>{});
  }

  /// The row mapped into S, by member name (as result::as<S>() maps every row).
  template <class S>
  S as() const {
    return detail::map_row<S>(*this);
  }

  /// The row's position in its result.
  int index() const noexcept { return index_; }

 private:
  const PGresult* result_;
  int index_;
};

/// One decoded row that owns its values (what one(), one_or_none() and all() return).
template <class Columns>
class record {
 public:
  using tuple_type = typename detail::columns_info<Columns>::tuple;

  explicit record(tuple_type values) : values_(std::move(values)) {}

  template <std::size_t I>
  auto& get() & {
    return std::get<I>(values_);
  }
  template <std::size_t I>
  const auto& get() const& {
    return std::get<I>(values_);
  }
  template <std::size_t I>
  auto&& get() && {
    return std::get<I>(std::move(values_));
  }

  /// The value of the column selected by `key`, e.g. rec[users.email].
  template <class Key>
  const auto& operator[](const Key&) const {
    return std::get<detail::column_index_of_key<Columns, Key>()>(values_);
  }

  /// The values as a std::tuple, in column order.
  const tuple_type& values() const& noexcept { return values_; }
  tuple_type values() && noexcept { return std::move(values_); }

  friend bool operator==(const record&, const record&) = default;

 private:
  tuple_type values_;
};

}  // namespace pgdsl

template <class Columns>
struct std::tuple_size<pgdsl::row<Columns>>
    : std::integral_constant<std::size_t, pgdsl::detail::columns_info<Columns>::size> {};
template <std::size_t I, class Columns>
struct std::tuple_element<I, pgdsl::row<Columns>> {
  using type = pgdsl::detail::column_value_t<I, Columns>;
};
template <class Columns>
struct std::tuple_size<pgdsl::record<Columns>>
    : std::integral_constant<std::size_t, pgdsl::detail::columns_info<Columns>::size> {};
template <std::size_t I, class Columns>
struct std::tuple_element<I, pgdsl::record<Columns>> {
  using type = pgdsl::detail::column_value_t<I, Columns>;
};

// ---- pgdsl/execution/struct_mapping.hpp
// map_row: how result::as<S>() fills a user struct from one row. Boost.Hana-adapted structs and
// plain aggregates map by member name (a member with no column of that name fails to compile);
// rows of columns without names (raw queries) map by position. A nullable column into a
// non-optional member fails to compile with a sentence saying so.

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/detail/member_names.hpp
// Member-name reflection for plain aggregates, so .as<S>() can map columns to members by name
// on g++ 12 and clang 14 alike: the field count comes from aggregate initialisation, each member's
// address from a structured binding of an object that is declared but never defined, and its name
// from __PRETTY_FUNCTION__ of a template taking that address. Counting and binding are the shared
// engine of util/detail/aggregate_members.hpp (up to 64 members, the same limit as tables).

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>


namespace pgdsl::detail {

template <class T>
struct reflection_wrapper {
  const T value;
};

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wundefined-var-template"
#pragma clang diagnostic ignored "-Wundefined-internal"
#endif

// Declared, never defined: only the addresses of its members are used, at compile time.
template <class T>
extern const reflection_wrapper<T> fake_object;

template <class T>
constexpr auto member_addresses() {
  constexpr std::size_t count = aggregate_field_count<T>();
  static_assert(count >= 1 && count <= max_aggregate_members,
                "pgdsl maps aggregates of 1 to 64 members; adapt larger structs with "
                "BOOST_HANA_DEFINE_STRUCT");
  return visit_members<count>(fake_object<T>.value,
                              [](const auto&... members) { return std::tuple(&members...); });
}

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// clang 14 takes a pointer to a subobject as a template argument only inside a class object.
template <class M>
struct address_holder {
  const M* address;
};
template <class M>
address_holder(const M*) -> address_holder<M>;

template <auto Holder>
constexpr std::string_view signature_of() {
  return __PRETTY_FUNCTION__;
}

// The member's name is the identifier right before the holder's closing brace:
// g++ "{(& fake_object<S>.reflection_wrapper<S>::value.S::name)}", clang
// "{&fake_object.value.name}".
constexpr std::string_view name_in_signature(std::string_view signature) {
  const std::size_t close = signature.rfind('}');
  std::size_t end = close;
  while (end > 0 && (signature[end - 1] == ')' || signature[end - 1] == ' ')) --end;
  std::size_t begin = end;
  while (begin > 0 && signature[begin - 1] != '.' && signature[begin - 1] != ':') --begin;
  return signature.substr(begin, end - begin);
}

/// The names of an aggregate's members, in declaration order. Use it only in constant
/// expressions: the views point into compile-time strings.
template <class T>
consteval auto member_names() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<std::string_view, sizeof...(I)>{
        name_in_signature(signature_of<address_holder{std::get<I>(member_addresses<T>())}>())...};
  }
  (std::make_index_sequence<std::tuple_size_v<decltype(member_addresses<T>())>>{});
}

}  // namespace pgdsl::detail

namespace pgdsl {

/// The struct member and the result column a mapping rule is about, named in the compiler's
/// message (as struct_member<name<'t', 'o', 't', 'a', 'l'>>, column_named<...>; a member mapped by position is
/// struct_member<member_number<2>>).
template <class Name>
struct struct_member {};
template <class Name>
struct column_named {};
template <std::size_t I>
struct member_number {};

/// The conditions of the mapping rules, spelled so that the message names member and column.
template <class Member, bool Holds>
inline constexpr bool member_has_a_column_of_its_name = Holds;
template <class Member, class Column, bool Holds>
inline constexpr bool nullable_column_needs_an_optional_member = Holds;
template <class Member, class Column, bool Holds>
inline constexpr bool column_type_fits_the_member = Holds;

}  // namespace pgdsl

namespace pgdsl::detail {

/// name<...> of a name known at compile time as a string_view: a column's `name`, or entry M of
/// an array of member names.
template <const std::string_view& Text, std::size_t... I>
auto name_of_view(std::index_sequence<I...>) -> name<Text[I]...>;
template <const std::string_view& Text>
using name_of_view_t = decltype(name_of_view<Text>(std::make_index_sequence<Text.size()>{}));
template <const auto& Names, std::size_t M, std::size_t... I>
auto name_of_entry(std::index_sequence<I...>) -> name<Names[M][I]...>;
template <const auto& Names, std::size_t M>
using name_of_entry_t =
    decltype(name_of_entry<Names, M>(std::make_index_sequence<Names[M].size()>{}));
/// name<...> of a Boost.Hana struct member's key.
template <char... C>
name<C...> name_of_hana_key(boost::hana::string<C...>);

template <std::size_t I, class Columns>
constexpr auto column_name_type() {
  if constexpr (I < columns_info<Columns>::size && requires { at_t<I, Columns>::name; })
    return column_named<name_of_view_t<at_t<I, Columns>::name>>{};
  else
    return column_named<member_number<I>>{};
}

// Reads column I of the row into one member, after the rules that make the mapping safe.
// MemberName names the member in the messages (struct_member<...>).
template <std::size_t I, class MemberName, class Columns, class Member>
void read_member(const row<Columns>& source, Member& member) {
  constexpr bool found = I < columns_info<Columns>::size;
  static_assert(member_has_a_column_of_its_name<MemberName, found>,
                "a struct member has no result column of the same name; select a column with "
                "that name (or alias one with .as<\"name\">()), or remove the member");
  if constexpr (found) {
    using value = column_value_t<I, Columns>;
    using column = decltype(column_name_type<I, Columns>());
    constexpr bool nullable_into_plain = is_optional_v<value> && !is_optional_v<Member>;
    static_assert(nullable_column_needs_an_optional_member<MemberName, column, !nullable_into_plain>,
                  "a nullable column (an outer join's, an aggregate's such as sum(), or a nullable "
                  "column) is read into a non-optional struct member: declare that member "
                  "std::optional<T>, or select coalesce(expression, default)");
    constexpr bool assignable = std::is_assignable_v<Member&, value>;
    static_assert(column_type_fits_the_member<MemberName, column, nullable_into_plain || assignable>,
                  "a result column's C++ type cannot be assigned to the struct member of the "
                  "same name; change the member's type to the column's");
    if constexpr (!nullable_into_plain && assignable) member = source.template get<I>();
  }
}

template <class S, class Columns>
S map_hana_struct(const row<Columns>& source) {
  S object{};
  boost::hana::for_each(boost::hana::accessors<S>(), [&](auto accessor) {
    using key = std::remove_cvref_t<decltype(boost::hana::first(accessor))>;
    constexpr std::string_view name = boost::hana::to<const char*>(key{});
    constexpr std::size_t index = columns_info<Columns>::index_of_name(name);
    using member = struct_member<decltype(name_of_hana_key(key{}))>;
    read_member<index, member>(source, boost::hana::second(accessor)(object));
  });
  return object;
}

// True when every member of S has a column of its name whose C++ type is the member's own type:
// then S is built by aggregate initialization, each value decoded straight into its member.
template <class S>
inline constexpr auto member_names_v = member_names<S>();

template <class S, class Columns>
constexpr bool maps_exactly_by_name() {
  using members = decltype(tie_members(std::declval<S&>()));
  return []<std::size_t... M>(std::index_sequence<M...>) {
    return ([] {
      constexpr std::size_t index = columns_info<Columns>::index_of_name(member_names_v<S>[M]);
      if constexpr (index >= columns_info<Columns>::size) {
        return false;
      } else {
        return std::is_same_v<std::remove_cvref_t<std::tuple_element_t<M, members>>,
                              column_value_t<index, Columns>>;
      }
    }() && ...);
  }
  (std::make_index_sequence<member_names_v<S>.size()>{});
}

template <class S, class Columns>
S map_aggregate_by_name(const row<Columns>& source) {
  static constexpr auto names = member_names<S>();
  if constexpr (maps_exactly_by_name<S, Columns>()) {
    return [&]<std::size_t... M>(std::index_sequence<M...>) {
      return S{source.template get<columns_info<Columns>::index_of_name(names[M])>()...};
    }
    (std::make_index_sequence<names.size()>{});
  } else {
    S object{};
    auto members = tie_members(object);
    [&]<std::size_t... M>(std::index_sequence<M...>) {
      (read_member<columns_info<Columns>::index_of_name(names[M]),
                   struct_member<name_of_entry_t<member_names_v<S>, M>>>(source,
                                                                         std::get<M>(members)),
       ...);
    }
    (std::make_index_sequence<names.size()>{});
    return object;
  }
}

template <class S, class Columns>
S map_by_position(const row<Columns>& source) {
  constexpr std::size_t columns = columns_info<Columns>::size;
  if constexpr (std::is_aggregate_v<S>) {
    static_assert(aggregate_field_count<S>() == columns,
                  "the struct's member count differs from the number of result columns; columns "
                  "without names (raw queries) map to members by position");
    using members = decltype(tie_members(std::declval<S&>()));
    constexpr bool exact = []<std::size_t... I>(std::index_sequence<I...>) {
      return (std::is_same_v<std::remove_cvref_t<std::tuple_element_t<I, members>>,
                             column_value_t<I, Columns>> &&
              ...);
    }
    (std::make_index_sequence<columns>{});
    if constexpr (exact) {  // each value decoded straight into its member
      return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return S{source.template get<I>()...};
      }
      (std::make_index_sequence<columns>{});
    } else {
      S object{};
      auto member_refs = tie_members(object);
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (read_member<I, struct_member<member_number<I>>>(source, std::get<I>(member_refs)), ...);
      }
      (std::make_index_sequence<columns>{});
      return object;
    }
  } else {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return S(source.template get<I>()...);
    }
    (std::make_index_sequence<columns>{});
  }
}

/// Builds one S from one row (see the header comment for the rules).
template <class S, class Columns>
S map_row(const row<Columns>& source) {
  if constexpr (boost::hana::Struct<S>::value)
    return map_hana_struct<S>(source);
  else if constexpr (std::is_aggregate_v<S> && columns_info<Columns>::names_known)
    return map_aggregate_by_name<S>(source);
  else
    return map_by_position<S>(source);
}

}  // namespace pgdsl::detail

namespace pgdsl {

/// The rows a statement returned, decoded on access into the columns' C++ types.
template <class Columns>
class result {
 public:
  using row_type = row<Columns>;
  using record_type = record<Columns>;

  /// Random-access iterator over rows; dereferencing yields a row view by value.
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = row_type;
    using difference_type = std::ptrdiff_t;
    using reference = row_type;
    using pointer = void;

    iterator() = default;
    iterator(const PGresult* result, int index) noexcept : result_(result), index_(index) {}
    row_type operator*() const noexcept { return row_type(result_, index_); }
    row_type operator[](difference_type n) const noexcept {
      return row_type(result_, index_ + static_cast<int>(n));
    }
    iterator& operator++() noexcept { return ++index_, *this; }
    iterator operator++(int) noexcept { return iterator(result_, index_++); }
    iterator& operator--() noexcept { return --index_, *this; }
    iterator operator--(int) noexcept { return iterator(result_, index_--); }
    iterator& operator+=(difference_type n) noexcept {
      return index_ += static_cast<int>(n), *this;
    }
    iterator& operator-=(difference_type n) noexcept {
      return index_ -= static_cast<int>(n), *this;
    }
    friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
    friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
    friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
    friend difference_type operator-(iterator a, iterator b) noexcept {
      return a.index_ - b.index_;
    }
    friend bool operator==(iterator a, iterator b) noexcept { return a.index_ == b.index_; }
    friend auto operator<=>(iterator a, iterator b) noexcept { return a.index_ <=> b.index_; }

   private:
    const PGresult* result_ = nullptr;
    int index_ = 0;
  };

  /// Takes ownership of a successful result of the statement `sql`; `sql` must be static text
  /// (a static statement's SQL), or is copied when `copy_sql` is true (raw queries).
  result(detail::result_ptr handle, const char* sql, bool copy_sql = false)
      : handle_(std::move(handle)), static_sql_(copy_sql ? nullptr : sql) {
    if (copy_sql) owned_sql_ = sql;
  }

  iterator begin() const noexcept { return iterator(handle_.get(), 0); }
  iterator end() const noexcept { return iterator(handle_.get(), PQntuples(handle_.get())); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(PQntuples(handle_.get())); }
  bool empty() const noexcept { return size() == 0; }
  row_type operator[](std::size_t index) const noexcept {
    return row_type(handle_.get(), static_cast<int>(index));
  }

  /// Rows inserted, updated, deleted, selected or copied, as the server counted them.
  std::uint64_t rows_affected() const noexcept { return detail::affected_rows(handle_.get()); }

  /// The only row; no_rows or too_many_rows otherwise.
  record_type one() const {
    if (size() != 1) {
      if (empty()) throw no_rows(std::string(sql()));
      throw too_many_rows(size(), std::string(sql()));
    }
    return (*this)[0].to_record();
  }

  /// The only row, or nothing when there is none; too_many_rows when there are several.
  std::optional<record_type> one_or_none() const {
    if (empty()) return std::nullopt;
    if (size() > 1) throw too_many_rows(size(), std::string(sql()));
    return (*this)[0].to_record();
  }

  /// The single value of a one-column, one-row result.
  auto scalar() const {
    static_assert(detail::columns_info<Columns>::size == 1,
                  "scalar() needs a statement that returns exactly one column");
    if (size() != 1) {
      if (empty()) throw no_rows(std::string(sql()));
      throw too_many_rows(size(), std::string(sql()));
    }
    return (*this)[0].template get<0>();
  }

  /// The only row mapped into S (as as<S>() maps each row); no_rows or too_many_rows otherwise.
  template <class S>
  S one_as() const {
    if (size() != 1) {
      if (empty()) throw no_rows(std::string(sql()));
      throw too_many_rows(size(), std::string(sql()));
    }
    return detail::map_row<S>((*this)[0]);
  }

  /// Every row, decoded into owning records.
  std::vector<record_type> all() const {
    std::vector<record_type> rows;
    rows.reserve(size());
    for (const row_type& r : *this) rows.push_back(r.to_record());
    return rows;
  }

  /// Every row mapped into S: by member name for Boost.Hana-adapted structs and for aggregates
  /// (columns without a name, as in raw queries, map by position).
  template <class S>
  std::vector<S> as() const {
    std::vector<S> rows;
    rows.reserve(size());
    for (const row_type& r : *this) rows.push_back(detail::map_row<S>(r));
    return rows;
  }

  /// The result's column names as the server labels them, in order.
  std::vector<std::string> column_names() const {
    std::vector<std::string> names;
    for (int i = 0; i < PQnfields(handle_.get()); ++i) names.emplace_back(PQfname(handle_.get(), i));
    return names;
  }

  /// The underlying libpq result (owned by this object).
  const PGresult* native_handle() const noexcept { return handle_.get(); }
  /// The statement's SQL text.
  std::string_view sql() const noexcept {
    return static_sql_ ? std::string_view(static_sql_) : std::string_view(owned_sql_);
  }

 private:
  detail::result_ptr handle_;
  const char* static_sql_;
  std::string owned_sql_;
};

}  // namespace pgdsl

// ---- pgdsl/execution/runtime_statement.hpp
// runtime_statement: what the connection needs from a statement whose SQL is rendered at run time
// (the multi-row INSERT of insert_into(t).columns(...).values(rows)): its text, its parameter
// count and its bound values in $n order. Such statements run unnamed, never prepared.

#include <concepts>
#include <cstddef>
#include <string>

// ---- pgdsl/execution/statement_concept.hpp
// static_statement: what execute() needs from a statement whose SQL is known at compile time.
// The DSL's statements satisfy it; so does anything else that renders its SQL into static storage,
// names its parameter types in $n order and describes its result columns.

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>


namespace pgdsl {

namespace detail {

template <class T>
inline constexpr bool is_type_list = false;
template <class... T>
inline constexpr bool is_type_list<type_list<T...>> = true;

// Accepts any parameter value, to check that q.bind(f) is callable.
struct any_parameter_sink {
  template <class T>
  void operator()(const T&) const noexcept {}
};

template <class List, template <class> class Pred>
inline constexpr bool all_of_list = false;
template <class... T, template <class> class Pred>
inline constexpr bool all_of_list<type_list<T...>, Pred> = (Pred<T>::value && ...);

}  // namespace detail

/// One output column of a statement: the expression type that finds it (row[users.email]), the
/// C++ type it decodes into, its bare name (for .as<S>()) and its qualified name (for messages).
template <class E>
concept result_column_type = requires {
  typename E::key_type;
  typename E::value_type;
  { E::name } -> std::convertible_to<std::string_view>;
  { E::qualified_name } -> std::convertible_to<std::string_view>;
};

namespace detail {
template <class E>
struct is_result_column : std::bool_constant<result_column_type<E>> {};
template <class T>
struct is_bindable : std::bool_constant<parameter_type<nullable_base_t<T>>> {};
}  // namespace detail

/// A statement with compile-time SQL. Q::sql.c_str() lives in static storage and is unique per
/// statement type, so its address identifies the statement (the prepared-statement cache key).
template <class Q>
concept static_statement = requires(const Q& q) {
  { Q::sql.c_str() } -> std::same_as<const char*>;
  { Q::sql.size() } -> std::convertible_to<std::size_t>;
  { Q::param_count } -> std::convertible_to<std::size_t>;
  typename Q::param_types;
  typename Q::result_columns;
  requires detail::is_type_list<typename Q::param_types>;
  requires detail::is_type_list<typename Q::result_columns>;
  requires Q::param_types::size == Q::param_count;
  requires detail::all_of_list<typename Q::param_types, detail::is_bindable>;
  requires detail::all_of_list<typename Q::result_columns, detail::is_result_column>;
  q.bind(detail::any_parameter_sink{});
};

}  // namespace pgdsl

namespace pgdsl {

/// A statement that renders its SQL at run time.
template <class Q>
concept runtime_statement = requires(const Q& q) {
  { q.sql.c_str() } -> std::convertible_to<const char*>;
  { q.param_count() } -> std::convertible_to<std::size_t>;
  typename Q::result_columns;
  requires detail::is_type_list<typename Q::result_columns>;
  q.bind(detail::any_parameter_sink{});
};

/// PostgreSQL's limit on the parameters of one statement (the wire protocol counts them in 16
/// bits).
inline constexpr std::size_t max_statement_parameters = 65535;

/// A statement has more parameters than PostgreSQL accepts in one statement.
class too_many_parameters : public error {
 public:
  explicit too_many_parameters(std::size_t count)
      : error("the statement has " + std::to_string(count) +
              " parameters, PostgreSQL accepts at most 65535 in one statement; insert the rows "
              "with db.insert_rows(), which splits them") {}
};

}  // namespace pgdsl

// ---- pgdsl/execution/transaction_options.hpp
// transaction_options: how a transaction starts (isolation level, READ ONLY, DEFERRABLE) and its
// own statement timeout, and the BEGIN command they produce. The text is built only from these
// enumerations and integers, never from user strings.

#include <chrono>
#include <optional>
#include <string>

namespace pgdsl {

/// SQL isolation levels (PostgreSQL runs READ UNCOMMITTED as READ COMMITTED).
enum class isolation_level { read_committed, repeatable_read, serializable, read_uncommitted };

/// How db.begin() and db.transaction() start a transaction.
struct transaction_options {
  /// Empty = the session's default_transaction_isolation (normally READ COMMITTED).
  std::optional<isolation_level> isolation{};
  bool read_only = false;
  /// Only meaningful with serializable + read_only: wait for a snapshot that cannot fail.
  bool deferrable = false;
  /// statement_timeout for this transaction only (SET LOCAL); 0 = the session's setting.
  std::chrono::milliseconds statement_timeout{0};
};

namespace detail {

inline std::string begin_command(const transaction_options& options) {
  std::string command = "BEGIN";
  if (options.isolation) {
    command += " ISOLATION LEVEL ";
    switch (*options.isolation) {
      case isolation_level::read_committed:
        command += "READ COMMITTED";
        break;
      case isolation_level::repeatable_read:
        command += "REPEATABLE READ";
        break;
      case isolation_level::serializable:
        command += "SERIALIZABLE";
        break;
      case isolation_level::read_uncommitted:
        command += "READ UNCOMMITTED";
        break;
    }
  }
  if (options.read_only) command += " READ ONLY";
  if (options.deferrable) command += " DEFERRABLE";
  return command;
}

inline std::string local_timeout_command(std::chrono::milliseconds timeout) {
  return "SET LOCAL statement_timeout = " + std::to_string(timeout.count());
}

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {

class transaction;
class pipeline;
template <class... T>
class prepared_query;
struct pipeline_options;
template <class Columns>
class row_stream;
template <class Columns>
class row_cursor;
template <class... Columns>
class copy_rows;
namespace detail {
// The copy_rows of a statement's result columns.
template <class Columns>
struct copy_rows_for;
template <class... E>
struct copy_rows_for<type_list<E...>> {
  using type = copy_rows<E...>;
};
template <class Columns>
using copy_rows_for_t = typename copy_rows_for<Columns>::type;
struct connection_access;
}  // namespace detail

/// Whether the connection can run statements.
enum class connection_status { ok, bad };

/// Where the connection stands with respect to transaction blocks.
enum class transaction_status { idle, active, in_transaction, in_error, unknown };

/// A connection to a PostgreSQL server.
class connection {
 public:
  /// Connects with a URL (postgresql://...) or key=value string; throws connection_error.
  explicit connection(std::string_view conninfo)
      : connection(connection_options{.conninfo = std::string(conninfo)}) {}

  /// Connects with named options; throws connection_error naming the host, never the password.
  explicit connection(const connection_options& options)
      : state_(std::make_unique<detail::connection_state>()) {
    if (options.transaction_pooling && options.statement_timeout.count() > 0)
      throw transaction_pooling_error(
          "connection_options::statement_timeout (set with SET, it would stay with one server "
          "session; set it for the role with ALTER ROLE ... SET statement_timeout, or per "
          "transaction with transaction_options)");
    state().conn = detail::connect(options);
    state().prepared_statements = options.prepared_statements && !options.transaction_pooling;
    state().transaction_pooling = options.transaction_pooling;
    state().default_receiver =
        PQsetNoticeReceiver(native_handle(), detail::receive_notice, state_.get());
    if (options.statement_timeout.count() > 0) set_statement_timeout(options.statement_timeout);
  }

  /// Connects to DATABASE_URL when it is set, else where libpq's PG* variables point; fields
  /// set in `options` override both.
  static connection from_env(connection_options options = {}) {
    if (const char* url = std::getenv("DATABASE_URL"); url && *url && options.conninfo.empty())
      options.conninfo = url;
    return connection(options);
  }

  connection(connection&&) noexcept = default;
  connection& operator=(connection&&) noexcept = default;
  ~connection() = default;

  /// True when the connection can run statements (false after it was lost).
  bool is_open() const noexcept {
    return state_ && state_->conn && PQstatus(state_->conn.get()) == CONNECTION_OK;
  }
  connection_status status() const noexcept {
    return is_open() ? connection_status::ok : connection_status::bad;
  }
  transaction_status transaction_state() const noexcept {
    switch (state_ && state_->conn ? PQtransactionStatus(state_->conn.get()) : PQTRANS_UNKNOWN) {
      case PQTRANS_IDLE:
        return transaction_status::idle;
      case PQTRANS_ACTIVE:
        return transaction_status::active;
      case PQTRANS_INTRANS:
        return transaction_status::in_transaction;
      case PQTRANS_INERROR:
        return transaction_status::in_error;
      default:
        return transaction_status::unknown;
    }
  }

  /// Reconnects with the same parameters (prepared statements are prepared again on next use,
  /// the statement timeout is applied again); throws connection_error when that fails.
  void reset() {
    PQreset(state().conn.get());
    state().prepared.clear();
    ++state().session;
    if (PQstatus(native_handle()) != CONNECTION_OK)
      throw connection_error(
          "reset failed: " + detail::trimmed_message(PQerrorMessage(native_handle())), "08001");
    if (state().statement_timeout.count() > 0) set_statement_timeout(state().statement_timeout);
  }

  /// The server's version as an integer, e.g. 150004 for 15.4.
  int server_version() const noexcept { return PQserverVersion(native_handle()); }

  /// Sets statement_timeout for this session (0 = no limit); statements running longer fail
  /// with query_canceled.
  void set_statement_timeout(std::chrono::milliseconds timeout) {
    const std::string command = "SET statement_timeout = " + std::to_string(timeout.count());
    run_command(runtime_sql(command));
    state().statement_timeout = timeout;
  }

  /// Installs (or, with an empty function, removes) the hook called after every statement.
  void set_query_hook(query_hook hook) { state().hook = std::move(hook); }
  /// Installs the receiver of server notices (empty = libpq's default, printing to stderr).
  void set_notice_handler(notice_handler handler) { state().on_notice = std::move(handler); }

  /// Runs a static statement: prepared on first use, binary parameters and results.
  template <static_statement Q>
  result<typename Q::result_columns> execute(const Q& statement) {
    using columns = typename Q::result_columns;
    const detail::parameter_block<Q::param_count> params(statement);
    const char* sql = Q::sql.c_str();
    return result<columns>(observe(sql,
                                   [&] {
                                     return detail::run_static<columns>(
                                         state(), sql,
                                         params.template bound<typename Q::param_types>());
                                   }),
                           sql);
  }

  /// Runs a statement rendered at run time (a multi-row INSERT from values(rows)); at most
  /// 65,535 parameters (too_many_parameters otherwise: use insert_rows()).
  template <runtime_statement Q>
  result<typename Q::result_columns> execute(const Q& statement) {
    using columns = typename Q::result_columns;
    const std::size_t count = statement.param_count();
    if (count > max_statement_parameters) throw too_many_parameters(count);
    detail::dynamic_parameters params;
    params.reserve(count);
    statement.bind([&](const auto& value) { params.add(value); });
    params.finish();
    const char* sql = statement.sql.c_str();
    return result<columns>(
        observe(sql, [&] { return detail::run_unnamed<columns>(state(), sql, params.bound()); }),
        sql, /*copy_sql=*/true);
  }

  /// Inserts every row of `rows` with insert_into(t).columns(...) as `insert`: multi-row INSERTs
  /// of at most 65,535 parameters (or options.rows_per_statement rows) each, sent in one
  /// pipeline. Returns the rows inserted. Defined in bulk_insert.hpp.
  template <class Builder, std::ranges::forward_range Rows>
  std::uint64_t insert_rows(const Builder& insert, const Rows& rows,
                            const insert_rows_options& options = {});

  /// Starts a pipeline: statements queued without waiting for each answer (docs/pipeline.md).
  /// Defined in pipeline.hpp.
  pgdsl::pipeline pipeline(pipeline_options options);
  pgdsl::pipeline pipeline();

  /// Runs a static statement and reads its rows one at a time (single-row mode), in constant
  /// memory; the connection runs nothing else until the stream is read or destroyed.
  /// Defined in stream.hpp.
  template <static_statement Q>
  row_stream<typename Q::result_columns> stream(const Q& statement);

  /// Runs a static statement through a server-side cursor and reads its rows in batches of
  /// options.fetch_size, the next batch fetched while one is read; in a transaction of its own
  /// unless one is open. The connection runs nothing else until the cursor is read or destroyed.
  /// Defined in cursor.hpp.
  template <static_statement Q>
  row_cursor<typename Q::result_columns> cursor(const Q& statement, cursor_options options = {});

  /// Loads `rows` (tuples, or structs with members named like the columns) into the columns of
  /// `table` with binary COPY; returns the rows loaded. Nothing is loaded when any row fails.
  /// Defined in copy_into.hpp.
  template <class Table, class... Columns, std::ranges::input_range Rows>
  std::uint64_t copy_into(const Table& table, column_list<Columns...> columns, Rows&& rows);
  /// Loads `rows` into every column of `table`, in declaration order.
  template <class Table, std::ranges::input_range Rows>
  std::uint64_t copy_into(const Table& table, Rows&& rows);

  /// Reads the columns of `table` with binary COPY TO, as a range of tuples decoded row by row.
  /// Defined in copy_out.hpp.
  template <class Table, class... Columns>
  copy_rows<Columns...> copy_out(const Table& table, column_list<Columns...> columns);
  /// Reads the rows of a static statement without parameters with COPY (...) TO STDOUT (FORMAT
  /// binary), as tuples decoded row by row; its columns are checked against the server first.
  template <static_statement Q>
  detail::copy_rows_for_t<typename Q::result_columns> copy_out(const Q& statement);

  /// Runs raw SQL whose rows decode into T...: db.query<std::int64_t, std::string>("SELECT id,
  /// name FROM users WHERE id > $1", 10). Arguments are bound as binary parameters, never spliced.
  /// A literal is prepared on first use on this connection (like a DSL statement, keyed by its
  /// address); runtime_sql(text) runs unnamed (db.prepare<T...>(text) prepares it).
  template <class... T, class... Args>
  result<raw_columns<T...>> query(raw_sql sql, const Args&... args) {
    return run_raw<T...>(sql.c_str(), sql.is_fixed(), args...);
  }

  /// Raw SQL made at run time, prepared on first use and run as often as needed:
  /// `auto find = db.prepare<std::string>(pgdsl::runtime_sql(text)); find(42);`. The handle must
  /// not outlive the connection. Defined in prepared_query.hpp.
  template <class... T>
  prepared_query<T...> prepare(raw_sql sql);

  /// Runs raw SQL that returns no rows of interest (DDL, INSERT, ...); see rows_affected().
  template <class... Args>
  result<type_list<>> execute_raw(raw_sql sql, const Args&... args) {
    return query<>(sql, args...);
  }

  /// Runs `fn(transaction&)` in a transaction: commits when it returns, rolls back and rethrows
  /// when it throws. Returns what `fn` returns. Defined in transaction.hpp.
  template <class F>
  auto transaction(F&& fn, const transaction_options& options = {});

  /// Starts a transaction that rolls back when destroyed unless committed. Defined in
  /// transaction.hpp.
  pgdsl::transaction begin(const transaction_options& options = {});

  /// Runs a command with the simple protocol (no parameters): transaction control, SET, DDL.
  void run_command(raw_sql sql) {
    if (state().transaction_pooling) detail::refuse_session_state(sql.c_str());
    observe(sql.c_str(), [&] { return detail::run_command(state().conn.get(), sql.c_str()); });
  }

  /// Number of static statements this connection has prepared (in unnamed mode: checked).
  std::size_t prepared_statement_count() const noexcept {
    return state_ ? state_->prepared.size() : 0;
  }

  /// The libpq connection, for what pgdsl does not wrap.
  PGconn* native_handle() const noexcept { return state_ ? state_->conn.get() : nullptr; }

 private:
  friend struct detail::connection_access;

  template <class... T>
  friend class prepared_query;

  // Raw SQL with bound arguments: prepared when `fixed` (its address is a key for the program's
  // life), else unnamed; the result keeps a copy of the text for its messages.
  template <class... T, class... Args>
  result<raw_columns<T...>> run_raw(const char* sql, bool fixed, const Args&... args) {
    if (state().transaction_pooling) detail::refuse_session_state(sql);
    using param_types = type_list<detail::parameter_value_t<Args>...>;
    detail::parameter_block<sizeof...(Args)> params;
    (params.add(detail::as_parameter(args)), ...);
    params.finish();
    const detail::bound_parameters bound = params.template bound<param_types>();
    return result<raw_columns<T...>>(
        observe(sql,
                [&] {
                  return fixed ? detail::run_static<raw_columns<T...>>(
                                     state(), sql, bound, &detail::parameter_types_tag<param_types>)
                               : detail::run_unnamed<raw_columns<T...>>(state(), sql, bound);
                }),
        sql, !fixed);
  }

  template <class Run>
  detail::result_ptr observe(const char* sql, Run&& run) {
    return detail::observe(state().hook, sql, std::forward<Run>(run),
                           [](const detail::result_ptr& r) { return detail::row_count(r.get()); });
  }

  // The moved-from object has no state: using it is a closed connection, not a crash.
  detail::connection_state& state() const {
    if (!state_) throw connection_error("the connection was moved from", "08003");
    return *state_;
  }

  std::unique_ptr<detail::connection_state> state_;
};

namespace detail {
// The one way into a connection's state for the capabilities built on it (pipeline, streams,
// COPY, transactions, and later pools and listeners): none of them is a friend.
struct connection_access {
  static connection_state& state(const connection& db) { return db.state(); }
  // The session a transaction began in; after reset() its transactions no longer exist.
  static unsigned long session(const connection& db) noexcept {
    return db.state_ ? db.state_->session : 0;
  }
};
}  // namespace detail

}  // namespace pgdsl

// ---- pgdsl/execution/pipeline.hpp
// pipeline: many statements on one connection without waiting for each answer (libpq pipeline
// mode on a nonblocking socket). At most max_unanswered steps are in flight, with a flush request
// every flush_every statements and one sync at finish(): a bounded window keeps libpq from
// retrying a full socket on every message, and results are handed over in order as they arrive.

#include <libpq-fe.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iterator>
#include <ranges>
#include <string>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/detail/pipeline_queue.hpp
// pipeline_queue: what a pipeline remembers about each step it sent and whose result has not come
// back yet, in sending order. A ring of fixed capacity whose slots are allocated in blocks when
// first reached (a short pipeline allocates one block however large its window) and never move;
// each step's result handler lives inside its slot when it is small (the usual lambda capturing a
// few references), so queueing a statement allocates nothing once its block exists.

#include <libpq-fe.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>


namespace pgdsl::detail {

/// What kind of result a step expects: a statement's, or the prepare/describe sent before it.
enum class pipeline_step : unsigned char { statement, prepare, describe };

struct pipeline_entry {
  static constexpr std::size_t inline_handler_bytes = 48;

  pipeline_step step = pipeline_step::statement;
  const char* sql = nullptr;  // a static statement's SQL, or owned_sql.c_str()
  std::string owned_sql;      // the SQL of a statement rendered at run time
  // Checks a result's columns (describe steps; every statement in unnamed mode).
  void (*check)(const PGresult*, const char*) = nullptr;
  // Wraps the result in its typed result and calls the handler.
  void (*deliver)(pipeline_entry&, result_ptr&&) = nullptr;
  void (*destroy)(pipeline_entry&) noexcept = nullptr;
  void* handler = nullptr;
  std::chrono::steady_clock::time_point sent_at{};  // read only when a query hook is set
  alignas(std::max_align_t) unsigned char storage[inline_handler_bytes];

  template <class Handler>
  static constexpr bool fits_inline = sizeof(Handler) <= inline_handler_bytes &&
                                      alignof(Handler) <= alignof(std::max_align_t) &&
                                      std::is_nothrow_move_constructible_v<Handler>;

  /// Stores the handler (in the slot when it fits, else on the heap).
  template <class Handler, class Arg>
  void store_handler(Arg&& on_result) {
    if constexpr (fits_inline<Handler>) {
      handler = ::new (static_cast<void*>(storage)) Handler(std::forward<Arg>(on_result));
      destroy = [](pipeline_entry& e) noexcept { static_cast<Handler*>(e.handler)->~Handler(); };
    } else {
      handler = new Handler(std::forward<Arg>(on_result));
      destroy = [](pipeline_entry& e) noexcept { delete static_cast<Handler*>(e.handler); };
    }
  }

  /// Forgets the step (destroying its handler), leaving the slot reusable.
  void reset() noexcept {
    if (destroy) destroy(*this);
    destroy = nullptr;
    handler = nullptr;
    deliver = nullptr;
    check = nullptr;
    owned_sql.clear();
    sql = nullptr;
    step = pipeline_step::statement;
  }
};

/// A first-in first-out ring of entries with a fixed capacity.
class pipeline_queue {
 public:
  explicit pipeline_queue(std::size_t capacity)
      : blocks_((capacity + block_size - 1) / block_size), capacity_(capacity) {}
  /// Takes over the slots (which never move: handlers stored inside them stay where they are).
  pipeline_queue(pipeline_queue&& other) noexcept
      : blocks_(std::move(other.blocks_)),
        capacity_(other.capacity_),
        head_(std::exchange(other.head_, 0)),
        size_(std::exchange(other.size_, 0)) {}
  pipeline_queue(const pipeline_queue&) = delete;
  pipeline_queue& operator=(const pipeline_queue&) = delete;
  pipeline_queue& operator=(pipeline_queue&&) = delete;
  ~pipeline_queue() { clear(); }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }

  /// A fresh slot at the back; the caller fills it (the queue must not be full).
  pipeline_entry& push_back() {
    const std::size_t index = (head_ + size_) % capacity_;
    std::unique_ptr<block>& holder = blocks_[index / block_size];
    if (holder == nullptr) holder = std::make_unique<block>();
    ++size_;
    return (*holder)[index % block_size];
  }
  /// Takes back the slot push_back() just gave (its step could not be sent).
  void pop_back() noexcept {
    --size_;
    slot_at((head_ + size_) % capacity_).reset();
  }
  pipeline_entry& front() noexcept { return slot_at(head_); }
  void pop_front() noexcept {
    slot_at(head_).reset();
    head_ = (head_ + 1) % capacity_;
    --size_;
  }
  void clear() noexcept {
    while (size_ != 0) pop_front();
  }

 private:
  static constexpr std::size_t block_size = 64;
  using block = std::array<pipeline_entry, block_size>;

  // A slot in use: push_back() allocated its block.
  pipeline_entry& slot_at(std::size_t index) noexcept {
    return (*blocks_[index / block_size])[index % block_size];
  }

  std::vector<std::unique_ptr<block>> blocks_;
  std::size_t capacity_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace pgdsl::detail

// ---- pgdsl/execution/detail/shape_cache.hpp
// Statements whose SQL is made at run time but prepared like static ones (the shapes of dynamic
// statements, raw SQL given to db.prepare()): their text is interned once per process, so its
// address is its key in a connection's prepared-statement cache, and at most
// prepared_cache::shape_limit of them stay prepared on a connection (least recently used
// deallocated first), so text that varies without bound cannot fill the server's memory.

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>


namespace pgdsl::detail {

/// Marks `sql` as the most recently used shape of this connection, first forgetting the least
/// recently used ones beyond the limit; `deallocate(name)` drops each forgotten one that was
/// prepared (the blocking path at once, a pipeline as one more queued statement).
template <class Deallocate>
void use_shape(connection_state& state, const char* sql, Deallocate&& deallocate) {
  std::vector<const char*>& shapes = state.prepared.shapes();
  const auto found = std::find(shapes.begin(), shapes.end(), sql);
  if (found != shapes.end()) {
    std::rotate(found, found + 1, shapes.end());
    return;
  }
  while (!shapes.empty() && shapes.size() >= std::max<std::size_t>(state.prepared.shape_limit, 1)) {
    const char* oldest = shapes.front();
    shapes.erase(shapes.begin());
    if (prepared_statement* statement = state.prepared.find(oldest)) {
      const std::string name = statement->name;
      forget_statement(state, oldest);
      deallocate(name);
    }
  }
  shapes.push_back(sql);
}

/// The same, deallocating at once (outside a pipeline).
inline void use_shape(connection_state& state, const char* sql) {
  use_shape(state, sql, [&](const std::string& name) {
    poll_wait wait;
    deallocate(state.conn.get(), name.c_str(), wait);
  });
}

/// The process-wide copy of `text`, at an address that stays valid until the program ends (equal
/// texts share one). Thread-safe.
inline const char* intern_sql(std::string_view text) {
  static std::shared_mutex mutex;
  static std::unordered_set<std::string> texts;
  {
    const std::shared_lock lock(mutex);
    const auto found = texts.find(std::string(text));
    if (found != texts.end()) return found->c_str();
  }
  const std::unique_lock lock(mutex);
  return texts.emplace(text).first->c_str();
}

}  // namespace pgdsl::detail

// ---- pgdsl/execution/dynamic_statement.hpp
// dynamic_statement: what the execution layer needs from a statement whose shape is chosen at run
// time (include/pgdsl/dynamic): the interned SQL of its present shape (whose address is its key in
// the prepared-statement cache, as Q::sql.c_str() is a static statement's), its bound values in $n
// order and their most. The blocking execute_dynamic() and the pipeline run it alike.

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>


namespace pgdsl {

/// A statement with optional parts: q.sql() is its present shape's text, interned for the
/// program's life; q.bind(f) visits at most Q::max_param_count values.
template <class Q>
concept dynamic_statement = requires(const Q& q) {
  { q.sql() } -> std::same_as<const char*>;
  { q.shape() } -> std::same_as<std::uint64_t>;
  typename Q::result_columns;
  requires detail::is_type_list<typename Q::result_columns>;
  { Q::max_param_count } -> std::convertible_to<std::size_t>;
  q.bind(detail::any_parameter_sink{});
};

namespace detail {

/// The binary parameters of one shape of a dynamic statement, typed by their values; no heap for
/// values that fit parameter_block's inline storage.
template <class Q>
class shape_parameters {
 public:
  explicit shape_parameters(const Q& statement) {
    statement.bind([&](const auto& value) {
      types_[count_++] = parameter_oid_v<std::remove_cvref_t<decltype(value)>>;
      block_.add(value);
    });
    block_.finish();
  }
  shape_parameters(const shape_parameters&) = delete;
  shape_parameters& operator=(const shape_parameters&) = delete;

  bound_parameters bound() const noexcept {
    return {static_cast<int>(count_), types_.data(), block_.values(), block_.lengths(),
            block_.formats()};
  }

 private:
  parameter_block<Q::max_param_count> block_;
  std::array<oid, Q::max_param_count> types_{};
  std::size_t count_ = 0;
};

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {

/// How many statements a pipeline keeps unanswered, and how often it asks for results.
struct pipeline_options {
  std::size_t max_unanswered = 1024;  ///< statements sent whose results have not arrived
  std::size_t flush_every = 128;      ///< a flush request after this many statements
};

/// Statements queued on one connection; results arrive in order through each statement's handler.
/// See docs/pipeline.md for what an error does to the statements after it.
class pipeline {
 public:
  explicit pipeline(connection& db, pipeline_options options = {})
      : state_(&detail::connection_access::state(db)),
        options_(options),
        queue_(options.max_unanswered + 3) {}  // a statement may bring a prepare and a describe
  /// Takes over the statements in flight; `other` is left finished.
  pipeline(pipeline&& other) noexcept
      : state_(other.state_),
        options_(other.options_),
        queue_(std::move(other.queue_)),
        queue_back_sql_(other.queue_back_sql_),
        since_flush_(other.since_flush_),
        unflushed_(other.unflushed_),
        unsent_(other.unsent_),
        active_(std::exchange(other.active_, false)),
        finished_(std::exchange(other.finished_, true)),
        synced_(other.synced_),
        sync_received_(other.sync_received_),
        failed_(other.failed_),
        error_(std::move(other.error_)) {}
  pipeline(const pipeline&) = delete;
  pipeline& operator=(const pipeline&) = delete;
  pipeline& operator=(pipeline&&) = delete;
  /// Waits for what is still in flight (discarding results) so the connection stays usable.
  ~pipeline() {
    try {
      if (active_) {
        failed_ = true;  // deliver nothing more: the owner is gone
        drain();
      }
    } catch (...) {  // a destructor cannot report; a broken connection reports on its next use
    }
  }

  /// Queues a static statement; on_result(result<...>&&) runs when its result arrives (during a
  /// later execute() or finish()). Throws the first failure of the pipeline, after waiting for the
  /// rest (see docs/pipeline.md).
  template <static_statement Q, class Handler>
  void execute(const Q& statement, Handler&& on_result) {
    using columns = typename Q::result_columns;
    const detail::parameter_block<Q::param_count> params(statement);
    push_prepared<columns>(Q::sql.c_str(), params.template bound<typename Q::param_types>(),
                           std::forward<Handler>(on_result));
  }
  /// Queues a static statement whose result is only checked for success.
  template <static_statement Q>
  void execute(const Q& statement) {
    execute(statement, [](auto&&) {});
  }

  /// Queues a statement rendered at run time (e.g. a multi-row INSERT), run unnamed.
  template <runtime_statement Q, class Handler>
  void execute(const Q& statement, Handler&& on_result) {
    using columns = typename Q::result_columns;
    detail::dynamic_parameters params;
    params.reserve(statement.param_count());
    statement.bind([&](const auto& value) { params.add(value); });
    params.finish();
    std::string sql(statement.sql.view());
    prepare_to_send(1);
    const char* text = sql.c_str();
    push_statement<columns>(text, std::forward<Handler>(on_result), std::move(sql), true, [&] {
      return detail::send_statement(conn(), nullptr, queue_back_sql_, params.bound());
    });
  }
  template <runtime_statement Q>
  void execute(const Q& statement) {
    execute(statement, [](auto&&) {});
  }

  /// Queues a dynamic statement (pgdsl::dynamic(...), a dynamic UPDATE or INSERT) as a static
  /// one: its shape prepared once per connection, within the connection's limit of shapes (an
  /// evicted shape's DEALLOCATE is queued before it).
  template <dynamic_statement Q, class Handler>
  void execute(const Q& statement, Handler&& on_result) {
    const detail::shape_parameters<Q> params(statement);
    const char* sql = statement.sql();
    if (state_->prepared_statements)
      detail::use_shape(*state_, sql, [&](const std::string& name) { queue_deallocate(name); });
    push_prepared<typename Q::result_columns>(sql, params.bound(),
                                              std::forward<Handler>(on_result));
  }
  template <dynamic_statement Q>
  void execute(const Q& statement) {
    execute(statement, [](auto&&) {});
  }

  /// Sends the sync, hands over every remaining result and leaves pipeline mode. Throws the first
  /// error (a server error typed by SQLSTATE and naming its statement's SQL, or what a handler
  /// threw); the connection is usable afterwards either way.
  void finish() {
    if (!active_) return;
    drain();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

  /// Statements queued whose results have not been handed over yet.
  std::size_t pending() const noexcept { return queue_.size(); }

 private:
  PGconn* conn() const noexcept { return state_->conn.get(); }

  [[noreturn]] void fail_now(const char* sql) {
    if (PQstatus(conn()) == CONNECTION_BAD) {
      active_ = false;  // nothing more will come; reset() is the way back
      queue_.clear();
    }
    throw_sql_error(conn(), nullptr, sql ? sql : "pipeline");
  }

  // Enters pipeline mode on first use; waits until `steps` more fit the window; throws (after
  // draining) when an earlier statement failed.
  void prepare_to_send(std::size_t steps) {
    if (!active_) {
      if (finished_) throw error("this pipeline has finished; start another with db.pipeline()");
      detail::ensure_open(conn(), "pipeline");
      if (PQsetnonblocking(conn(), 1) != 0) fail_now(nullptr);
      if (PQenterPipelineMode(conn()) != 1) {
        PQsetnonblocking(conn(), 0);
        fail_now(nullptr);
      }
      active_ = true;
    }
    // A full window: send, read and hand over what arrived, then wait for the socket before
    // queueing more, so statements go out in batches as results come back (as libpq_raw does).
    // Waiting needs a flush request after the last step read: when only steps sent after the last
    // one are left, no result would ever arrive, so ask for one first (or go on when none is left).
    while (!failed_ && queue_.size() + steps > queue_.capacity()) {
      if (unflushed_ >= queue_.size()) request_flush();
      pump();
      if (unflushed_ < queue_.size()) wait_for_socket();
    }
    if (failed_) finish();
  }

  // Queues a statement whose SQL lives for the program's life (its address keys the cache), with
  // the Parse and Describe it needs first.
  template <class Columns, class Handler>
  void push_prepared(const char* sql, const detail::bound_parameters& bound, Handler&& on_result) {
    prepare_to_send(3);
    const char* name = send_steps<Columns>(sql, bound);
    push_statement<Columns>(sql, std::forward<Handler>(on_result), {}, name == nullptr,
                            [&] { return detail::send_statement(conn(), name, sql, bound); });
  }

  // Queues DEALLOCATE of a prepared statement the connection no longer keeps (its result only
  // checked for success).
  void queue_deallocate(const std::string& name) {
    prepare_to_send(1);
    std::string command = "DEALLOCATE " + name;
    push_statement<type_list<>>("DEALLOCATE", [](auto&&) {}, std::move(command), false, [&] {
      return detail::send_statement(conn(), nullptr, queue_back_sql_, detail::bound_parameters{});
    });
  }

  void request_flush() {
    if (PQsendFlushRequest(conn()) != 1) fail_now(nullptr);
    unflushed_ = 0;
  }

  // Queues the Parse and Describe a static statement needs before it can run (as planned by the
  // one prepare-and-check, prepare.hpp); returns the prepared statement to run, nullptr to run it
  // unnamed.
  template <class Columns>
  const char* send_steps(const char* sql, const detail::bound_parameters& params) {
    const detail::statement_plan plan = detail::plan_statement<Columns>(*state_, sql);
    if (plan.prepare)
      push_step(detail::pipeline_step::prepare, sql, nullptr,
                [&] { return detail::send_prepare(conn(), plan.target, sql, params); });
    if (plan.describe)
      push_step(detail::pipeline_step::describe, sql, &check<Columns>,
                [&] { return detail::send_describe(conn(), plan.target); });
    return plan.run_as;
  }

  template <class Columns>
  static void check(const PGresult* result, const char* sql) {
    detail::check_columns<Columns>(result, sql);
  }

  template <class Send>
  detail::pipeline_entry& push_step(detail::pipeline_step step, const char* sql,
                                    void (*checker)(const PGresult*, const char*), Send&& send) {
    detail::pipeline_entry& entry = queue_.push_back();
    entry.step = step;
    entry.sql = sql;
    entry.check = checker;
    if (send() != 1) {
      // The entry owns a run-time statement's text (the caller's pointer may be into it): copy
      // the text for the error before the entry goes.
      const std::string failed(entry.sql);
      queue_.pop_back();
      fail_now(failed.c_str());
    }
    ++unflushed_;
    return entry;
  }

  // Queues a statement; `check_result`: its result's columns are checked (it runs unnamed).
  template <class Columns, class Handler, class Send>
  void push_statement(const char* sql, Handler&& on_result, std::string owned_sql,
                      bool check_result, Send&& send) {
    using stored = std::decay_t<Handler>;
    detail::pipeline_entry& entry = queue_.push_back();
    entry.owned_sql = std::move(owned_sql);
    entry.sql = entry.owned_sql.empty() ? sql : entry.owned_sql.c_str();
    queue_back_sql_ = entry.sql;
    if (check_result) entry.check = &check<Columns>;
    entry.store_handler<stored>(std::forward<Handler>(on_result));
    entry.deliver = [](detail::pipeline_entry& e, detail::result_ptr&& r) {
      (*static_cast<stored*>(e.handler))(
          result<Columns>(std::move(r), e.sql, /*copy_sql=*/!e.owned_sql.empty()));
    };
    if (state_->hook) entry.sent_at = std::chrono::steady_clock::now();
    if (send() != 1) {
      // The entry owns a run-time statement's text (the caller's pointer may be into it): copy
      // the text for the error before the entry goes.
      const std::string failed(entry.sql);
      queue_.pop_back();
      fail_now(failed.c_str());
    }
    ++unflushed_;
    if (++since_flush_ == options_.flush_every) {
      since_flush_ = 0;
      request_flush();
    }
  }

  // Sends what libpq holds, reads what arrived and hands over every complete result. Returns
  // whether anything was handled (libpq may have read input while sending, so this comes before
  // any wait).
  bool pump() {
    unsent_ = PQflush(conn());
    if (unsent_ < 0) fail_now(nullptr);
    if (PQconsumeInput(conn()) != 1) fail_now(nullptr);
    bool progress = false;
    while (!PQisBusy(conn())) {
      if (queue_.empty() && !synced_) break;
      detail::result_ptr next(PQgetResult(conn()));
      if (next == nullptr) {
        if (PQstatus(conn()) == CONNECTION_BAD) fail_now(nullptr);
        continue;  // the end of one step's results
      }
      progress = true;
      if (PQresultStatus(next.get()) == PGRES_PIPELINE_SYNC) {
        sync_received_ = true;
        break;
      }
      // The null that ends this step's results is already there: taking it now spares a parse.
      detail::result_ptr end_of_step(PQgetResult(conn()));
      if (queue_.empty()) continue;  // not ours (cannot happen with one sync per pipeline)
      handle(queue_.front(), std::move(next));
      queue_.pop_front();
    }
    return progress;
  }

  // Blocks until the socket is readable (or writable while libpq holds unsent data).
  void wait_for_socket() {
    if (!detail::poll_wait{}(conn(),
                             unsent_ ? detail::socket_need::read_write : detail::socket_need::read))
      fail_now(nullptr);
  }

  void handle(detail::pipeline_entry& entry, detail::result_ptr&& outcome) {
    const ExecStatusType status = PQresultStatus(outcome.get());
    const bool ok = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
    if (!ok && entry.step != detail::pipeline_step::statement)
      detail::forget_statement(*state_, entry.sql);  // not prepared or not checked: plan again
    if (failed_) return;  // the pipeline already failed: results are discarded
    bool reported = false;
    try {
      if (!ok) {
        // PGRES_PIPELINE_ABORTED cannot come first: an error precedes it and sets failed_.
        throw_sql_error(conn(), outcome.get(), entry.sql);
      }
      if (entry.check) entry.check(outcome.get(), entry.sql);
      if (entry.step == detail::pipeline_step::statement) {
        if (state_->hook) {
          reported = true;
          report(entry, outcome.get(), nullptr);
        }
        entry.deliver(entry, std::move(outcome));
      }
    } catch (const std::exception& failure) {
      if (entry.step == detail::pipeline_step::describe)
        detail::forget_statement(*state_, entry.sql);
      if (state_->hook && entry.step == detail::pipeline_step::statement && !reported) {
        try {
          report(entry, nullptr, &failure);
        } catch (...) {  // the statement's error is the one to report
        }
      }
      error_ = std::current_exception();
      failed_ = true;
    } catch (...) {
      error_ = std::current_exception();
      failed_ = true;
    }
  }

  // Calls the query hook for a statement (see query_hook for what its exception does).
  void report(const detail::pipeline_entry& entry, const PGresult* outcome,
              const std::exception* failure) {
    state_->hook(query_event{entry.sql, std::chrono::steady_clock::now() - entry.sent_at,
                             outcome ? detail::row_count(outcome) : 0, failure});
  }

  // Sends the sync and waits for it: every step's result is handled (or discarded after a
  // failure); then leaves pipeline mode and blocking mode.
  void drain() {
    if (!synced_) {
      if (PQpipelineSync(conn()) != 1) fail_now(nullptr);
      synced_ = true;
    }
    while (!sync_received_)
      if (!pump() && !sync_received_) wait_for_socket();
    active_ = false;
    finished_ = true;
    queue_.clear();
    if (PQexitPipelineMode(conn()) != 1 || PQsetnonblocking(conn(), 0) != 0) fail_now(nullptr);
  }

  detail::connection_state* state_;
  pipeline_options options_;
  detail::pipeline_queue queue_;
  const char* queue_back_sql_ = nullptr;
  std::size_t since_flush_ = 0;
  std::size_t unflushed_ = 0;  // steps sent since the last flush request
  int unsent_ = 0;             // PQflush's answer: 1 while libpq still holds data to send
  bool active_ = false;
  bool finished_ = false;
  bool synced_ = false;
  bool sync_received_ = false;
  bool failed_ = false;
  std::exception_ptr error_;
};

inline pgdsl::pipeline connection::pipeline(pipeline_options options) {
  return pgdsl::pipeline(*this, options);
}
inline pgdsl::pipeline connection::pipeline() {
  return pgdsl::pipeline(*this);
}

}  // namespace pgdsl

namespace pgdsl {

namespace detail {
// Consecutive rows of a range, as values() takes them (a plain pair of iterators: clang 14
// cannot use libstdc++ 12's std::ranges::subrange).
template <class Iterator>
struct row_slice {
  Iterator first, last;
  Iterator begin() const { return first; }
  Iterator end() const { return last; }
};
}  // namespace detail

template <class Builder, std::ranges::forward_range Rows>
std::uint64_t connection::insert_rows(const Builder& insert, const Rows& rows,
                                      const insert_rows_options& options) {
  using iterator = decltype(std::begin(rows));
  using slice = detail::row_slice<iterator>;
  static_assert(runtime_statement<decltype(insert.values(std::declval<const slice&>()))>,
                "insert_rows: the first argument must be insert_into(table).columns(...)");
  using element = std::remove_cvref_t<decltype(*std::begin(rows))>;
  constexpr std::size_t most_rows = max_statement_parameters / std::tuple_size_v<element>;
  const std::size_t rows_per_statement =
      options.rows_per_statement == 0 ? most_rows : std::min(options.rows_per_statement, most_rows);
  std::uint64_t inserted = 0;
  pgdsl::pipeline batch(*this);
  for (iterator first = std::begin(rows), last = std::end(rows); first != last;) {
    iterator next = first;
    for (std::size_t taken = 0; taken < rows_per_statement && next != last; ++taken) ++next;
    batch.execute(insert.values(slice{first, next}),
                  [&inserted](auto&& done) { inserted += done.rows_affected(); });
    first = next;
  }
  batch.finish();
  return inserted;
}

}  // namespace pgdsl

// ---- pgdsl/execution/copy_into.hpp
// copy_into: bulk loading with COPY ... FROM STDIN (FORMAT binary). Rows come from any input
// range (a vector, a view, a generator) as tuples or as structs whose members are named like the
// columns; each value is encoded by its column's binary encoder into fixed-size chunks, so memory
// stays bounded however many rows there are.

#include <libpq-fe.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <ranges>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/detail/copy_format.hpp
// COPY's binary format, both ways: copy_writer appends rows (a 16-bit field count, then each field
// as a 32-bit length and the type's binary encoding; -1 for NULL) and hands fixed-size chunks to
// PQputCopyData; copy_row_reader splits one CopyData message back into its fields. The sending
// steps (put_copy_data, end_copy, abort_copy) serve text and CSV COPY too (copy_text.hpp).

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

// ---- pgdsl/types/conversion_error.hpp
// Moved to pgdsl/error/conversion_error.hpp; this path forwards to it.

namespace pgdsl::detail {

/// Hands COPY FROM data to libpq (any split of the data into calls is valid: CopyData messages
/// need not align with rows).
inline void put_copy_data(PGconn* conn, std::string_view bytes, const char* sql) {
  constexpr std::size_t most = 1 << 30;  // PQputCopyData takes an int length
  while (!bytes.empty()) {
    const std::string_view piece = bytes.substr(0, most);
    if (PQputCopyData(conn, piece.data(), static_cast<int>(piece.size())) != 1)
      throw_sql_error(conn, nullptr, sql);
    bytes.remove_prefix(piece.size());
  }
}

/// Ends COPY FROM data and returns the server's final result (the COPY's success or failure).
inline result_ptr end_copy(PGconn* conn, const char* sql) {
  if (PQputCopyEnd(conn, nullptr) != 1) throw_sql_error(conn, nullptr, sql);
  return take_final_result(conn);
}

/// Ends COPY FROM with an error so the server discards what it received (nothing is loaded).
inline void abort_copy(PGconn* conn, const char* reason) noexcept {
  if (PQputCopyEnd(conn, reason) == 1) take_final_result(conn);
}

/// The 11-byte signature, flags and header-extension length that open binary COPY data.
inline constexpr std::string_view copy_binary_header{"PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19};

class copy_writer {
 public:
  /// Bytes gathered before they go to libpq (one PQputCopyData call each).
  static constexpr std::size_t chunk_bytes = 64 * 1024;

  copy_writer(PGconn* conn, const char* sql) : conn_(conn), sql_(sql) {
    buffer_.reserve(chunk_bytes + 1024);
    buffer_.append(copy_binary_header);
  }

  void begin_row(std::int16_t fields) { append_big_endian(buffer_, fields); }
  void null_field() { append_big_endian(buffer_, std::int32_t{-1}); }

  /// One non-NULL field of type T, in T's binary encoding.
  template <class T>
  void field(const T& value) {
    if constexpr (has_wire_view<T>) {
      const std::string_view bytes = type_traits<T>::wire_view(value);
      append_big_endian(buffer_, checked_length(bytes.size()));
      buffer_.append(bytes.data(), bytes.size());
    } else {
      const std::size_t at = buffer_.size();
      buffer_.append(4, '\0');  // the length, known once the value is encoded
      type_traits<T>::encode(value, buffer_);
      const auto length = checked_length(buffer_.size() - at - 4);
      char bytes[4];
      for (int i = 0; i < 4; ++i)
        bytes[i] = static_cast<char>((static_cast<std::uint32_t>(length) >> (24 - 8 * i)) & 0xFF);
      std::memcpy(buffer_.data() + at, bytes, 4);
    }
  }

  void end_row() {
    if (buffer_.size() >= chunk_bytes) flush();
  }

  /// Sends the trailer and the rest, ends the COPY and returns the server's final result.
  result_ptr finish() {
    append_big_endian(buffer_, std::int16_t{-1});
    flush();
    return end_copy(conn_, sql_);
  }

  /// Ends the COPY with an error so the server discards what it received (nothing is loaded).
  void abort() noexcept {
    abort_copy(conn_, "pgdsl: a row could not be encoded; nothing was loaded");
  }

 private:
  std::int32_t checked_length(std::size_t size) const {
    if (size > 0x7FFFFFFFu)
      throw out_of_range_value("a COPY field is larger than PostgreSQL accepts (2 GiB)");
    return static_cast<std::int32_t>(size);
  }

  void flush() {
    put_copy_data(conn_, buffer_, sql_);
    buffer_.clear();
  }

  PGconn* conn_;
  const char* sql_;
  std::string buffer_;
};

/// Reads the fields of one row of binary COPY data (the first message also holds the header).
class copy_row_reader {
 public:
  explicit copy_row_reader(std::string_view message) : data_(message) {}

  /// Skips the header when it is there (the first message of a COPY TO).
  void skip_header() {
    if (data_.starts_with(copy_binary_header.substr(0, 11))) {
      const auto extension = read<std::uint32_t>(15);
      offset_ = 19 + extension;
    }
  }
  /// The row's field count, or -1 for the trailer that ends the data.
  std::int16_t field_count() {
    const auto count = read<std::int16_t>(offset_);
    offset_ += 2;
    return count;
  }
  /// The next field's bytes; `null` is set for NULL.
  std::string_view next_field(bool& null) {
    const auto length = read<std::int32_t>(offset_);
    offset_ += 4;
    null = length < 0;
    if (null) return {};
    if (data_.size() - offset_ < static_cast<std::size_t>(length))
      throw decode_error("COPY data ended inside a field");
    const std::string_view bytes = data_.substr(offset_, static_cast<std::size_t>(length));
    offset_ += static_cast<std::size_t>(length);
    return bytes;
  }

 private:
  template <class Int>
  Int read(std::size_t at) const {
    if (data_.size() < at + sizeof(Int)) throw decode_error("COPY data ended inside a row");
    return read_big_endian<Int>(data_, at);
  }

  std::string_view data_;
  std::size_t offset_ = 0;
};

}  // namespace pgdsl::detail

namespace pgdsl {

namespace detail {

/// The position of the member of Row named like the column (the member count when none is).
template <class Row, class Column>
constexpr std::size_t member_index_of() {
  constexpr auto names = member_names<Row>();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == Column::name.view()) return i;
  return names.size();
}

/// The value of column C in a row: by position for tuples, by member name for structs.
template <std::size_t I, class Column, class Row>
decltype(auto) copy_value(const Row& row) {
  if constexpr (tuple_like_row<Row>) {
    using std::get;
    return get<I>(row);
  } else {
    constexpr std::size_t count = aggregate_field_count<Row>();
    constexpr std::size_t index = member_index_of<Row, Column>();
    static_assert(index < count,
                  "copy_into: the row struct has no member named like one of the columns; rename "
                  "the member, or pass tuples");
    return std::get<(index < count ? index : 0)>(tie_members(row));
  }
}

/// A row value of C++ type Value may go into a column of C++ type Column by COPY: the DSL's
/// assignment rule (no floating point or decimal into an integer column, no number into a
/// boolean), for arithmetic types without a mapping (unsigned, long double) as well.
template <class Column, class Value>
constexpr bool copy_assignable() {
  if constexpr (std::is_arithmetic_v<Column> && std::is_arithmetic_v<Value>) {
    if constexpr (std::is_same_v<Column, bool> || std::is_same_v<Value, bool>)
      return std::is_same_v<Column, Value>;
    else
      return !(std::is_integral_v<Column> && std::is_floating_point_v<Value>);
  } else if constexpr (has_type_traits<Column> && has_type_traits<Value>) {
    return assignable_types<Column, Value>() && std::is_convertible_v<const Value&, Column>;
  } else {
    return std::is_convertible_v<const Value&, Column>;
  }
}

/// The error for a value that does not fit its column (built with append: g++ 12 at -O2 warns
/// about `"literal" + std::string`).
[[noreturn]] inline void throw_copy_out_of_range(const std::string& value, std::string_view column,
                                                 std::string_view sql_type) {
  std::string message = "copy_into: ";
  message.append(value).append(" does not fit column \"").append(column);
  message.append("\" (").append(sql_type).append(")");
  throw out_of_range_value(message);
}

/// Value converted to the column's C++ type, refusing what would change it: an integer out of
/// the column's range, a finite floating-point value past its largest (float8 into float4).
/// Floating-point values round as PostgreSQL's own assignment does.
template <class Column, class To, class From>
To checked_copy_value(const From& value) {
  if constexpr (std::is_integral_v<To> && std::is_integral_v<From>) {
    if (!std::in_range<To>(value))
      throw_copy_out_of_range(std::to_string(value), Column::name.view(),
                              type_traits<To>::sql_name);
  } else if constexpr (std::is_floating_point_v<To> && std::is_floating_point_v<From> &&
                       (sizeof(To) < sizeof(From))) {
    if (std::isfinite(value) &&
        (value > std::numeric_limits<To>::max() || value < std::numeric_limits<To>::lowest()))
      throw_copy_out_of_range(std::to_string(value), Column::name.view(),
                              type_traits<To>::sql_name);
  }
  return static_cast<To>(value);
}

/// Value is sent as it is into a column of C++ type Column: both map to one PostgreSQL type
/// (std::string_view into text).
template <class Value, class Column>
constexpr bool same_wire_type() {
  if constexpr (has_type_traits<Value> && parameter_type<Value> && parameter_type<Column>)
    return type_traits<Value>::type_oid == type_traits<Column>::type_oid;
  else
    return false;
}

/// The condition of COPY's assignment rule, spelled so that a failure names the column.
template <class ColumnDescription, bool Holds>
inline constexpr bool copy_value_fits_column = Holds;

/// Encodes one value into column C: the value's own encoder when it has the column's type (or
/// is a view of it, like std::string_view for text), else converted to the column's C++ type
/// under the assignment rule, with a range check where the conversion narrows.
template <class Column, class Value>
void copy_field(copy_writer& out, const Value& value) {
  using column_value = nullable_base_t<typename Column::value_type>;
  if constexpr (is_optional_v<Value>) {
    static_assert(Column::is_nullable,
                  "copy_into: a std::optional value goes into a NOT NULL column");
    if (!value) return out.null_field();
    copy_field<Column>(out, *value);
  } else if constexpr (std::is_same_v<Value, column_value>) {
    out.field(value);
  } else if constexpr (same_wire_type<Value, column_value>()) {
    out.field(value);
  } else {
    static_assert(copy_value_fits_column<typename Column::description,
                                         copy_assignable<column_value, Value>()>,
                  "copy_into: a row value cannot go into its column: a floating-point or "
                  "decimal value into an integer column, a number into a boolean, or a type "
                  "that does not convert; pass the column's C++ type (round explicitly)");
    if constexpr (copy_assignable<column_value, Value>())
      out.field(checked_copy_value<Column, column_value>(value));
  }
}

template <class Row, class... Columns, std::size_t... I>
void copy_row(copy_writer& out, const Row& row, std::index_sequence<I...>) {
  if constexpr (tuple_like_row<Row>)
    static_assert(std::tuple_size_v<Row> == sizeof...(Columns),
                  "copy_into: each tuple must hold one value per column");
  out.begin_row(static_cast<std::int16_t>(sizeof...(Columns)));
  (copy_field<Columns>(out, copy_value<I, Columns>(row)), ...);
  out.end_row();
}

}  // namespace detail

template <class Table, class... Columns, std::ranges::input_range Rows>
std::uint64_t connection::copy_into(const Table&, column_list<Columns...>, Rows&& rows) {
  static_assert(table_type<Table>, "copy_into: the first argument must be a table descriptor");
  static_assert(
      (std::is_same_v<typename Columns::table_type, typename Table::table_identity> && ...),
      "copy_into: every column must belong to the table being loaded");
  const std::string& sql = detail::copy_sql<detail::copy_direction::in, Table, Columns...>();
  const detail::result_ptr done = observe(sql.c_str(), [&] {
    PGconn* conn = detail::connection_access::state(*this).conn.get();
    detail::run_command(conn, sql.c_str(), PGRES_COPY_IN);
    detail::copy_writer out(conn, sql.c_str());
    try {
      for (auto&& row : rows)
        detail::copy_row<std::remove_cvref_t<decltype(row)>, Columns...>(
            out, row, std::index_sequence_for<Columns...>{});
    } catch (...) {
      out.abort();
      throw;
    }
    detail::result_ptr outcome = out.finish();
    if (!detail::succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql.c_str());
    return outcome;
  });
  return detail::affected_rows(done.get());
}

template <class Table, std::ranges::input_range Rows>
std::uint64_t connection::copy_into(const Table& table, Rows&& rows) {
  return copy_into(table, typename detail::column_list_of<columns_of_t<Table>>::type{},
                   std::forward<Rows>(rows));
}

}  // namespace pgdsl

// ---- pgdsl/execution/copy_out.hpp
// copy_out: COPY ... TO STDOUT (FORMAT binary) as a range of typed rows, decoded one CopyData
// message (one row) at a time, so a table of any size streams in constant memory. Binary COPY
// carries no type information of its own: the column descriptors give the types (a table's
// columns), or the statement does (COPY (SELECT ...)), whose columns are checked against the
// server first, as for execute().

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/detail/pull_iterator.hpp
// pull_iterator: the input iterator of a range that produces its items one at a time, reading
// the next from the server as the iteration moves on (a stream, a cursor, a COPY TO). The range
// gives value_type, current(), advance() and at_end(), and befriends this iterator.

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace pgdsl::detail {

template <class Source>
class pull_iterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = typename Source::value_type;
  using difference_type = std::ptrdiff_t;

  pull_iterator() = default;
  explicit pull_iterator(Source* source) noexcept : source_(source) {}

  decltype(auto) operator*() const noexcept { return source_->current(); }
  auto operator->() const noexcept requires
      std::is_lvalue_reference_v<decltype(std::declval<Source&>().current())> {
    return &source_->current();
  }
  pull_iterator& operator++() {
    source_->advance();
    return *this;
  }
  void operator++(int) { ++*this; }
  bool at_end() const noexcept { return source_->at_end(); }  // a member: befriended by Source
  friend bool operator==(const pull_iterator& it, std::default_sentinel_t) noexcept {
    return it.at_end();
  }

 private:
  Source* source_ = nullptr;
};

}  // namespace pgdsl::detail

namespace pgdsl {

/// The rows of a COPY TO, read as they arrive; an input range of std::tuple<column values...>.
/// Leaving it early reads (and discards) the rest, so the connection stays usable.
template <class... Columns>
class copy_rows {
 public:
  using value_type = std::tuple<typename Columns::value_type...>;

  using iterator = detail::pull_iterator<copy_rows>;

  /// Starts the COPY `sql` (static text, rendered once per table or statement).
  copy_rows(PGconn* conn, const std::string& sql) : conn_(conn), sql_(sql.c_str()) {
    detail::run_command(conn_, sql_, PGRES_COPY_OUT);
    done_ = false;
    advance();
  }
  /// Takes over the rest of the rows (an iterator of `other` must not be used afterwards).
  copy_rows(copy_rows&& other) noexcept(std::is_nothrow_move_constructible_v<value_type>)
      : conn_(other.conn_),
        sql_(other.sql_),
        current_(std::move(other.current_)),
        rows_read_(other.rows_read_),
        first_(other.first_),
        done_(std::exchange(other.done_, true)) {}
  copy_rows(const copy_rows&) = delete;
  copy_rows& operator=(const copy_rows&) = delete;
  copy_rows& operator=(copy_rows&&) = delete;
  ~copy_rows() {
    try {
      while (!done_) advance();
    } catch (...) {  // the connection reports its state on next use
    }
  }

  /// Reads the first row; call once.
  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }
  /// Rows read so far.
  std::uint64_t rows_read() const noexcept { return rows_read_; }

 private:
  friend iterator;
  value_type& current() noexcept { return current_; }
  bool at_end() const noexcept { return done_; }

  void advance() {
    char* message = nullptr;
    const int length = detail::take_copy_data(conn_, &message, detail::poll_wait{});
    if (length >= 0) {
      const std::unique_ptr<char, decltype(&PQfreemem)> owned(message, &PQfreemem);
      bool trailer = false;
      try {
        detail::copy_row_reader reader(std::string_view(message, static_cast<std::size_t>(length)));
        if (first_) reader.skip_header();
        first_ = false;
        const std::int16_t count = reader.field_count();
        trailer = count == -1;
        if (!trailer && count != static_cast<std::int16_t>(sizeof...(Columns)))
          throw decode_error("COPY sent " + std::to_string(count) + " fields, expected " +
                             std::to_string(sizeof...(Columns)));
        if (!trailer) current_ = value_type{read_field<Columns>(reader)...};  // left to right
      } catch (...) {
        discard_rest();  // the connection must not stay in COPY mode
        throw;
      }
      if (trailer) return advance();  // -1 from PQgetCopyData follows
      ++rows_read_;
      return;
    }
    done_ = true;
    const detail::result_ptr outcome = detail::take_final_result(conn_);
    if (length == -2 || !detail::succeeded(outcome.get()))
      throw_sql_error(conn_, outcome.get(), sql_);
  }

  // Reads and drops the remaining data and the COPY's result.
  void discard_rest() noexcept {
    done_ = true;
    char* message = nullptr;
    while (detail::take_copy_data(conn_, &message, detail::poll_wait{}) >= 0) PQfreemem(message);
    detail::take_final_result(conn_);
  }

  template <class Column>
  static typename Column::value_type read_field(detail::copy_row_reader& reader) {
    using value = typename Column::value_type;
    bool null = false;
    const std::string_view bytes = reader.next_field(null);
    if (null) {
      if constexpr (is_optional_v<value>)
        return value{};
      else
        throw unexpected_null(std::string(std::string_view(Column::name)),
                              type_traits<nullable_base_t<value>>::sql_name);
    }
    return type_traits<nullable_base_t<value>>::decode(bytes);
  }

  PGconn* conn_;
  const char* sql_;
  value_type current_{};
  std::uint64_t rows_read_ = 0;
  bool first_ = true;
  bool done_ = true;
};

template <class Table, class... Columns>
copy_rows<Columns...> connection::copy_out(const Table&, column_list<Columns...>) {
  static_assert(table_type<Table>, "copy_out: the first argument must be a table descriptor");
  static_assert(
      (std::is_same_v<typename Columns::table_type, typename Table::table_identity> && ...),
      "copy_out: every column must belong to the table being read");
  return copy_rows<Columns...>(detail::connection_access::state(*this).conn.get(),
                               detail::copy_sql<detail::copy_direction::out, Table, Columns...>());
}

template <static_statement Q>
detail::copy_rows_for_t<typename Q::result_columns> connection::copy_out(const Q&) {
  using columns = typename Q::result_columns;
  static_assert(Q::param_count == 0,
                "copy_out(statement): COPY cannot bind parameters, and this statement has some; "
                "read it with db.stream() or db.cursor()");
  static_assert(detail::columns_info<columns>::size > 0,
                "copy_out(statement): the statement returns no columns");
  detail::connection_state& s = detail::connection_access::state(*this);
  detail::ready_statement<columns>(s, Q::sql.c_str(), {});  // checks the columns, once
  return detail::copy_rows_for_t<columns>(s.conn.get(), detail::copy_statement_sql<Q>());
}

}  // namespace pgdsl

// ---- pgdsl/execution/copy_text.hpp
// copy_from / copy_to: COPY in PostgreSQL's text and CSV formats, between a table (or, out, a
// statement's result) and a stream, a file or a callback. The data is passed through as the
// server reads and writes it, in chunks, so memory stays constant whatever the size. A row the
// server rejects fails the whole COPY (nothing is loaded) with the typed exception of its
// SQLSTATE, whose copy_line() says which line of the data it was.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/copy_text_format.hpp
// The options of COPY in PostgreSQL's text and CSV formats (delimiter, quote, escape, NULL string,
// header), and their rendering into the COPY statement: every option is a literal escaped by
// libpq for the connection's settings, so no option value can change the statement.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>


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

// ---- pgdsl/execution/copy_text_io.hpp
// Where text and CSV COPY data comes from and goes to: a std::istream / std::ostream, a file
// path, or a callback (chunks produced one at a time, chunks handed over one at a time). Each is
// read or written in bounded pieces, so a file of any size passes through constant memory.

#include <cerrno>
#include <concepts>
#include <cstddef>
#include <cstdio>
#include <ios>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace pgdsl {

/// A file path: a string (a literal, std::string, std::string_view) or anything with a
/// c_str() of char, such as std::filesystem::path (not included here: <filesystem> would cost
/// every user of <pgdsl/pgdsl.hpp> compile time).
template <class P>
concept copy_file_path = std::convertible_to<const P&, std::string_view> || requires(const P& p) {
  { p.c_str() } -> std::convertible_to<const char*>;
};

/// A callback that produces COPY data: each call returns the next chunk (any size, any split:
/// chunks need not end at a row), an empty one at the end. The chunk must stay valid until the
/// next call.
template <class F>
concept copy_chunk_producer =
    std::invocable<F&> && std::convertible_to<std::invoke_result_t<F&>, std::string_view>;

/// A callback that receives COPY data, one chunk (one or more whole rows) per call.
template <class F>
concept copy_chunk_consumer = std::invocable<F&, std::string_view>;

/// What copy_from reads: a std::istream, a file path, or a chunk producer.
template <class S>
concept copy_text_source = std::derived_from<std::remove_cvref_t<S>, std::istream> ||
    copy_file_path<std::remove_cvref_t<S>> || copy_chunk_producer<S>;

/// What copy_to writes: a std::ostream, a file path (created or truncated), or a chunk consumer.
template <class S>
concept copy_text_sink = std::derived_from<std::remove_cvref_t<S>, std::ostream> ||
    copy_file_path<std::remove_cvref_t<S>> || copy_chunk_consumer<S>;

namespace detail {

/// Bytes read per chunk sent to the server.
inline constexpr std::size_t copy_text_chunk_bytes = 64 * 1024;

template <class P>
std::string path_text(const P& path) {
  if constexpr (std::convertible_to<const P&, std::string_view>)
    return std::string(std::string_view(path));
  else
    return std::string(path.c_str());
}

/// A failed file operation, with errno's reason: std::system_error naming the file.
[[noreturn]] inline void throw_file_error(const char* what, const std::string& path, int code) {
  throw std::system_error(code, std::generic_category(), std::string(what) + " \"" + path + "\"");
}

struct file_closer {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using file_handle = std::unique_ptr<std::FILE, file_closer>;

inline file_handle open_file(const std::string& path, const char* mode, const char* what) {
  file_handle file(std::fopen(path.c_str(), mode));
  if (!file) throw_file_error(what, path, errno);
  return file;
}

/// Calls `send(chunk)` for every chunk of `source`, whichever kind it is.
template <class Source, class Send>
void for_each_chunk(Source&& source, Send&& send) {
  using S = std::remove_cvref_t<Source>;
  std::string buffer;
  if constexpr (std::derived_from<S, std::istream>) {
    buffer.resize(copy_text_chunk_bytes);
    while (source) {
      source.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<std::size_t>(source.gcount());
      if (got > 0) send(std::string_view(buffer.data(), got));
    }
    if (source.bad()) throw std::ios_base::failure("copy_from: reading the input stream failed");
  } else if constexpr (copy_file_path<S>) {
    const std::string path = path_text(source);
    const file_handle file = open_file(path, "rb", "copy_from: cannot open the file");
    buffer.resize(copy_text_chunk_bytes);
    for (;;) {
      const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
      if (got > 0) send(std::string_view(buffer.data(), got));
      if (got < buffer.size()) break;
    }
    if (std::ferror(file.get()) != 0)
      throw_file_error("copy_from: reading the file failed", path, errno);
  } else {
    for (;;) {
      const std::string_view chunk = source();
      if (chunk.empty()) return;
      send(chunk);
    }
  }
}

/// Turns a sink into a function taking each chunk, and finishes it (flushes a stream, closes a
/// file, and reports a failed write).
template <class Sink>
class chunk_writer {
 public:
  explicit chunk_writer(Sink& sink) : sink_(sink) {
    if constexpr (is_path) {
      path_ = path_text(sink_);
      file_ = open_file(path_, "wb", "copy_to: cannot create the file");
    }
  }

  void operator()(std::string_view chunk) {
    if constexpr (is_stream) {
      sink_.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (!sink_) throw std::ios_base::failure("copy_to: writing the output stream failed");
    } else if constexpr (is_path) {
      if (std::fwrite(chunk.data(), 1, chunk.size(), file_.get()) != chunk.size())
        throw_file_error("copy_to: writing the file failed", path_, errno);
    } else {
      sink_(chunk);
    }
  }

  /// Flushes what the stream holds or closes the file; a failure throws.
  void finish() {
    if constexpr (is_stream) {
      sink_.flush();
      if (!sink_) throw std::ios_base::failure("copy_to: writing the output stream failed");
    } else if constexpr (is_path) {
      if (std::fclose(file_.release()) != 0)
        throw_file_error("copy_to: writing the file failed", path_, errno);
    }
  }

 private:
  using S = std::remove_cvref_t<Sink>;
  static constexpr bool is_stream = std::derived_from<S, std::ostream>;
  static constexpr bool is_path = !is_stream && copy_file_path<S>;

  Sink& sink_;
  std::string path_;
  file_handle file_;
};

}  // namespace detail
}  // namespace pgdsl

namespace pgdsl {

namespace detail {

// Runs one text COPY for the query hook, which sees its SQL and the rows the server counted.
template <class Run>
std::uint64_t observe_copy(connection& db, const std::string& sql, Run&& run) {
  const result_ptr done = observe(connection_access::state(db).hook, sql, std::forward<Run>(run),
                                  [](const result_ptr& r) { return affected_rows(r.get()); });
  return affected_rows(done.get());
}

template <class Source>
std::uint64_t copy_text_in(connection& db, const std::string& sql, Source& source) {
  return observe_copy(db, sql, [&] {
    PGconn* conn = connection_access::state(db).conn.get();
    run_command(conn, sql.c_str(), PGRES_COPY_IN);
    try {
      for_each_chunk(source,
                     [&](std::string_view chunk) { put_copy_data(conn, chunk, sql.c_str()); });
    } catch (...) {
      abort_copy(conn, "pgdsl: reading the COPY data failed; nothing was loaded");
      throw;
    }
    result_ptr outcome = end_copy(conn, sql.c_str());
    if (!succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
    return outcome;
  });
}

template <class Sink>
std::uint64_t copy_text_out(connection& db, const std::string& sql, Sink& sink) {
  return observe_copy(db, sql, [&] {
    PGconn* conn = connection_access::state(db).conn.get();
    chunk_writer<Sink> write(sink);  // opens a file before the COPY starts
    run_command(conn, sql.c_str(), PGRES_COPY_OUT);
    int length = 0;
    try {
      char* message = nullptr;
      while ((length = take_copy_data(conn, &message, poll_wait{})) >= 0) {
        const std::unique_ptr<char, decltype(&PQfreemem)> owned(message, &PQfreemem);
        write(std::string_view(message, static_cast<std::size_t>(length)));
      }
      write.finish();
    } catch (...) {
      // The connection must not stay in COPY mode: read and drop the rest.
      char* message = nullptr;
      while (take_copy_data(conn, &message, poll_wait{}) >= 0) PQfreemem(message);
      take_final_result(conn);
      throw;
    }
    result_ptr outcome = take_final_result(conn);
    if (length == -2 || !succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
    return outcome;
  });
}

/// COPY "table" ("a", ...) FROM STDIN / TO STDOUT with the format's options, once the table,
/// columns and format are checked.
template <copy_direction Direction, class Table, class... Columns, class Format>
std::string text_copy_sql(connection& db, const Format& format) {
  static_assert(table_type<Table>,
                "copy_from/copy_to: the table argument must be a table descriptor");
  static_assert(
      (std::is_same_v<typename Columns::table_type, typename Table::table_identity> && ...),
      "copy_from/copy_to: every column must belong to the table");
  static_assert(is_copy_text_format<Format>,
                "copy_from/copy_to: the format must be pgdsl::csv_format{...} or "
                "pgdsl::text_format{...} (binary COPY is db.copy_into / db.copy_out)");
  if constexpr (is_copy_text_format<Format>)
    return copy_sql_start<Direction, Table, Columns...>() +
           render_copy_options(connection_access::state(db).conn.get(), format);
  else
    return {};
}

}  // namespace detail

/// COPY "table" ("a", ...) FROM STDIN in text or CSV format: loads the data `source` gives (a
/// std::istream, a file path, or a chunk producer) into the listed columns. Returns the number
/// of rows loaded; on a bad row nothing is loaded and its typed error says copy_line().
template <class Table, class... Columns, copy_text_source Source, class Format>
std::uint64_t copy_from(connection& db, const Table&, column_list<Columns...>, Source&& source,
                        const Format& format) {
  const std::string sql =
      detail::text_copy_sql<detail::copy_direction::in, Table, Columns...>(db, format);
  return detail::copy_text_in(db, sql, source);
}

/// copy_from into every column of the table, in declaration order.
template <class Table, copy_text_source Source, class Format>
std::uint64_t copy_from(connection& db, const Table& table, Source&& source, const Format& format) {
  return copy_from(db, table, typename detail::column_list_of<columns_of_t<Table>>::type{},
                   std::forward<Source>(source), format);
}

/// COPY "table" ("a", ...) TO STDOUT in text or CSV format, written to `sink` (a std::ostream,
/// a file path, created or truncated, or a chunk consumer). Returns the number of rows.
template <class Table, class... Columns, copy_text_sink Sink, class Format>
std::uint64_t copy_to(connection& db, const Table&, column_list<Columns...>, Sink&& sink,
                      const Format& format) {
  const std::string sql =
      detail::text_copy_sql<detail::copy_direction::out, Table, Columns...>(db, format);
  return detail::copy_text_out(db, sql, sink);
}

/// copy_to of every column of the table, in declaration order.
template <class Table, copy_text_sink Sink, class Format>
requires table_type<Table> std::uint64_t copy_to(connection& db, const Table& table, Sink&& sink,
                                                 const Format& format) {
  return copy_to(db, table, typename detail::column_list_of<columns_of_t<Table>>::type{},
                 std::forward<Sink>(sink), format);
}

/// COPY (<statement>) TO STDOUT: a query's rows (in its ORDER BY) in text or CSV format. The
/// statement must bind no parameters (COPY cannot).
template <static_statement Q, copy_text_sink Sink, class Format>
requires(!table_type<Q>) std::uint64_t
    copy_to(connection& db, const Q&, Sink&& sink, const Format& format) {
  static_assert(Q::param_count == 0,
                "copy_to(statement): COPY cannot bind parameters, and this statement has some; "
                "read it with db.stream() or db.cursor()");
  static_assert(detail::is_copy_text_format<Format>,
                "copy_from/copy_to: the format must be pgdsl::csv_format{...} or "
                "pgdsl::text_format{...} (binary COPY is db.copy_into / db.copy_out)");
  const std::string sql =
      "COPY (" + std::string(Q::sql.view()) + ") TO STDOUT" +
      detail::render_copy_options(detail::connection_access::state(db).conn.get(), format);
  return detail::copy_text_out(db, sql, sink);
}

}  // namespace pgdsl

// ---- pgdsl/execution/cursor.hpp
// row_cursor: a large result read in batches through a server-side cursor (DECLARE ... NO SCROLL
// CURSOR, then FETCH n). Memory holds at most two batches whatever the row count, and the next
// FETCH is already on its way while a batch is decoded: libpq's pipeline mode keeps two in flight.
// Outside a transaction the cursor opens its own (a cursor lives in a transaction) and commits it
// at the end, so the rows come from one snapshot.

#include <libpq-fe.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>


namespace pgdsl {

/// The rows of one statement, fetched in batches: an input range of row<Columns>.
/// Leaving it early closes the cursor, so the connection stays usable.
template <class Columns>
class row_cursor {
 public:
  using row_type = row<Columns>;

  using value_type = row_type;
  using iterator = detail::pull_iterator<row_cursor>;

  /// Declares cursor `name` for `sql` and sends the first two FETCHes, in one pipeline.
  row_cursor(PGconn* conn, const char* sql, const std::string& name,
             const detail::bound_parameters& params, int fetch_size)
      : conn_(conn),
        sql_(sql),
        fetch_("FETCH " + std::to_string(fetch_size) + " FROM " + name),
        close_("CLOSE " + name),
        fetch_size_(fetch_size),
        own_transaction_(PQtransactionStatus(conn) == PQTRANS_IDLE) {
    detail::ensure_open(conn_, sql_);
    if (PQenterPipelineMode(conn_) != 1) throw_sql_error(conn_, nullptr, sql_);
    const std::string declare = "DECLARE " + name + " NO SCROLL CURSOR FOR " + sql;
    bool sent = !own_transaction_ || send("BEGIN");
    sent = sent &&
           detail::send_statement(conn_, nullptr, declare.c_str(), params, detail::text_results);
    setup_pending_ = own_transaction_ ? 2 : 1;
    sent = sent && send_fetch() && send_fetch();
    try {
      if (!sent) throw_sql_error(conn_, nullptr, sql_);
      next_batch();
    } catch (...) {
      finish_quietly();
      throw;
    }
  }
  /// Takes over the rest of the rows (an iterator of `other` must not be used afterwards).
  row_cursor(row_cursor&& other) noexcept
      : conn_(other.conn_),
        sql_(other.sql_),
        fetch_(std::move(other.fetch_)),
        close_(std::move(other.close_)),
        fetch_size_(other.fetch_size_),
        own_transaction_(other.own_transaction_),
        setup_pending_(other.setup_pending_),
        fetches_pending_(other.fetches_pending_),
        batch_(std::move(other.batch_)),
        index_(other.index_),
        batch_rows_(other.batch_rows_),
        done_(std::exchange(other.done_, true)),
        rows_read_(other.rows_read_) {}
  row_cursor(const row_cursor&) = delete;
  row_cursor& operator=(const row_cursor&) = delete;
  row_cursor& operator=(row_cursor&&) = delete;
  ~row_cursor() { finish_quietly(); }

  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

  /// Calls fn(S) for every remaining row mapped into S (by member name, as result::as<S>()).
  template <class S, class F>
  void each_as(F&& fn) {
    for (; !done_; advance()) fn(detail::map_row<S>(current()));
  }

  /// Rows received so far.
  std::uint64_t rows_read() const noexcept { return rows_read_; }

 private:
  friend iterator;
  row_type current() const noexcept { return row_type(batch_.get(), index_); }
  bool at_end() const noexcept { return done_; }

  void advance() {
    if (++index_ < batch_rows_) {
      ++rows_read_;
      return;
    }
    if (batch_rows_ < fetch_size_) return finish();  // a short batch is the last one
    next_batch();
  }

  // Takes the next FETCH's rows and, when the batch is full, asks for one more at once, so the
  // server works on it while this batch is read.
  void next_batch() {
    batch_.reset();
    while (setup_pending_ > 0) {
      --setup_pending_;
      detail::result_ptr step = next_result();
      if (!detail::succeeded(step.get())) return fail(std::move(step));
    }
    --fetches_pending_;
    batch_ = next_result();
    if (!detail::succeeded(batch_.get())) return fail(std::move(batch_));
    if (rows_read_ == 0) detail::check_columns<Columns>(batch_.get(), sql_);  // the first batch
    index_ = 0;
    batch_rows_ = PQntuples(batch_.get());
    if (batch_rows_ == fetch_size_ && !send_fetch()) throw_sql_error(conn_, nullptr, sql_);
    if (batch_rows_ == 0) return finish();
    ++rows_read_;
  }

  // The next queued step's result; each is followed by a null that ends it.
  detail::result_ptr next_result() {
    detail::poll_wait wait;
    detail::result_ptr outcome = detail::take_step(conn_, wait);
    if (outcome == nullptr) throw_sql_error(conn_, nullptr, sql_);  // the connection is gone
    return outcome;
  }

  bool send(const char* command) {
    return detail::send_statement(conn_, nullptr, command, {}, detail::text_results);
  }
  bool send_fetch() {
    const bool sent = detail::send_statement(conn_, nullptr, fetch_.c_str(), {}) &&
                      PQsendFlushRequest(conn_) == 1 && PQflush(conn_) == 0;
    fetches_pending_ += sent ? 1 : 0;
    return sent;
  }

  // Reads what is still queued, closes the cursor (commits its own transaction), syncs and leaves
  // pipeline mode; throws the first failure.
  void finish(detail::result_ptr failure = nullptr) {
    done_ = true;
    batch_.reset();
    auto take_result = [&] {  // of the next queued step, keeping the first failure
      detail::result_ptr step = next_result();
      if (failure == nullptr && !detail::succeeded(step.get())) failure = std::move(step);
    };
    for (int queued = std::exchange(setup_pending_, 0) + std::exchange(fetches_pending_, 0);
         queued > 0; --queued)
      take_result();
    const bool closing = failure == nullptr;
    if (closing && !send(own_transaction_ ? "COMMIT" : close_.c_str()))
      throw_sql_error(conn_, nullptr, sql_);
    if (PQpipelineSync(conn_) != 1) throw_sql_error(conn_, nullptr, sql_);
    if (closing) take_result();
    const detail::result_ptr sync = detail::take_result(conn_, detail::poll_wait{});
    if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
      throw_sql_error(conn_, nullptr, sql_);
    if (PQexitPipelineMode(conn_) != 1) throw_sql_error(conn_, nullptr, sql_);
    if (failure != nullptr && own_transaction_ && PQtransactionStatus(conn_) != PQTRANS_IDLE &&
        detail::send_command(conn_, "ROLLBACK"))
      detail::take_final_result(conn_);
    if (failure != nullptr) throw_sql_error(conn_, failure.get(), sql_);
  }
  [[noreturn]] void fail(detail::result_ptr failure) {
    finish(std::move(failure));
    throw_sql_error(conn_, nullptr, sql_);  // not reached: finish() throws the failure
  }

  // For destructors and failed construction: ends the cursor if it is still open, silently (the
  // connection reports a broken state on its next use).
  void finish_quietly() noexcept {
    if (done_) return;
    try {
      finish();
    } catch (...) {
    }
    done_ = true;
  }

  PGconn* conn_;
  const char* sql_;
  std::string fetch_;
  std::string close_;
  int fetch_size_;
  bool own_transaction_;
  int setup_pending_ = 0;    // results of BEGIN and DECLARE still to read
  int fetches_pending_ = 0;  // FETCHes sent and not yet read
  detail::result_ptr batch_;
  int index_ = 0;
  int batch_rows_ = 0;
  bool done_ = false;
  std::uint64_t rows_read_ = 0;
};

template <static_statement Q>
row_cursor<typename Q::result_columns> connection::cursor(const Q& statement,
                                                          cursor_options options) {
  const detail::parameter_block<Q::param_count> params(statement);
  detail::connection_state& s = detail::connection_access::state(*this);
  const std::string name = "pgdsl_cursor_" + std::to_string(++s.cursor_counter);
  return row_cursor<typename Q::result_columns>(s.conn.get(), Q::sql.c_str(), name,
                                                params.template bound<typename Q::param_types>(),
                                                std::max(options.fetch_size, 1));
}

}  // namespace pgdsl

// ---- pgdsl/execution/named_sql.hpp
// Raw SQL with named parameters: named_sql<"... WHERE id = :id">(arg<"id">(5)). The text is
// rewritten to $n at compile time (string literals, quoted identifiers, comments, dollar quotes
// and :: casts left alone), every name must be bound exactly once and no other name may be given
// (compile errors naming it), and the result is a static statement: prepared once per connection
// and reused, like the DSL's.

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

// ---- pgdsl/util/detail/constexpr_find.hpp
// constexpr_find: substring search for compile-time parsing of SQL text. A plain loop, because
// std::string_view::find is not a constant expression in g++ 12's ASan+UBSan builds.

#include <cstddef>
#include <string_view>

namespace pgdsl::detail {

/// The first position at or after `from` where `needle` starts in `text`, else npos.
constexpr std::size_t constexpr_find(std::string_view text, std::string_view needle,
                                     std::size_t from = 0) noexcept {
  for (std::size_t at = from; at + needle.size() <= text.size(); ++at) {
    std::size_t i = 0;
    while (i < needle.size() && text[at + i] == needle[i]) ++i;
    if (i == needle.size()) return at;
  }
  return std::string_view::npos;
}

}  // namespace pgdsl::detail

namespace pgdsl {

/// A value bound to the parameter :Name of a named_sql statement.
template <fixed_string Name, class V>
struct named_arg {
  V value;
};

/// arg<"id">(5): the value of :id. Text binds as the raw-query arguments do (a string literal as
/// a view of itself, a std::string copied into the statement).
template <fixed_string Name, class V>
named_arg<Name, detail::parameter_value_t<std::remove_cvref_t<V>>> arg(V&& value) {
  return {detail::parameter_value_t<std::remove_cvref_t<V>>(std::forward<V>(value))};
}

/// The conditions of the named-parameter rules, spelled so that a failure names the parameter.
template <class Name, bool Holds>
inline constexpr bool named_parameter_is_bound = Holds;
template <class Name, bool Holds>
inline constexpr bool named_parameter_is_in_the_sql = Holds;
template <class Name, bool Holds>
inline constexpr bool named_parameter_is_bound_once = Holds;
template <bool Holds>
inline constexpr bool named_sql_has_no_positional_parameters = Holds;

namespace detail {

/// What a misused named_sql call returns; its static_assert has said what is wrong.
struct named_sql_misuse {};

/// The SQL rewritten with $n, and the distinct parameter names in order of first use.
template <std::size_t N>
struct named_sql_parse {
  char text[2 * N + 1]{};  // ":a" (2 bytes) becomes at most "$NN…": twice the input suffices
  std::size_t length = 0;
  std::array<std::string_view, N / 2 + 1> names{};
  std::size_t name_count = 0;
  bool positional = false;  // a $1 in the text

  constexpr void put(char c) { text[length++] = c; }
  constexpr void put_number(std::size_t n) {
    char digits[20]{};
    std::size_t count = 0;
    do digits[count++] = static_cast<char>('0' + n % 10);
    while ((n /= 10) != 0);
    while (count > 0) put(digits[--count]);
  }
};

constexpr bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

template <fixed_string Text>
constexpr auto parse_named_sql() {
  constexpr std::size_t n = Text.size();
  const std::string_view sql = Text.view();
  named_sql_parse<n> out;
  std::size_t i = 0;
  const auto copy_until = [&](std::size_t end) {
    while (i < end) out.put(sql[i++]);
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // 'text' with '' inside, E'text' with \' too, "identifier"
      const bool backslashes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
      std::size_t end = i + 1;
      while (end < n) {
        if (backslashes && sql[end] == '\\') {
          end += 2;
        } else if (sql[end] == c) {
          if (end + 1 < n && sql[end + 1] == c) {
            end += 2;
          } else {
            ++end;
            break;
          }
        } else {
          ++end;
        }
      }
      copy_until(end < n ? end : n);
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {  // -- to the end of the line
      const std::size_t end = constexpr_find(sql, "\n", i);
      copy_until(end == std::string_view::npos ? n : end);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {  // /* nested */ comments
      std::size_t depth = 0, end = i;
      do {
        if (constexpr_find(sql.substr(0, end + 2), "/*", end) == end) {
          ++depth;
          end += 2;
        } else if (constexpr_find(sql.substr(0, end + 2), "*/", end) == end) {
          --depth;
          end += 2;
        } else {
          ++end;
        }
      } while (depth > 0 && end < n);
      copy_until(end < n ? end : n);
    } else if (c == '$' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.positional = true;
      out.put(sql[i++]);
    } else if (c == '$' && (i == 0 || !is_name_char(sql[i - 1]))) {  // $tag$ ... $tag$
      std::size_t tag_end = i + 1;
      while (tag_end < n && is_name_char(sql[tag_end])) ++tag_end;
      if (tag_end < n && sql[tag_end] == '$') {
        const std::string_view tag = sql.substr(i, tag_end + 1 - i);
        const std::size_t close = constexpr_find(sql, tag, tag_end + 1);
        copy_until(close == std::string_view::npos ? n : close + tag.size());
      } else {
        out.put(sql[i++]);
      }
    } else if (c == ':' && i + 1 < n && sql[i + 1] == ':') {  // a cast
      copy_until(i + 2);
    } else if (c == ':' && i + 1 < n && is_name_start(sql[i + 1])) {
      std::size_t end = i + 1;
      while (end < n && is_name_char(sql[end])) ++end;
      const std::string_view name = sql.substr(i + 1, end - i - 1);
      std::size_t number = 0;
      while (number < out.name_count && out.names[number] != name) ++number;
      if (number == out.name_count) out.names[out.name_count++] = name;
      out.put('$');
      out.put_number(number + 1);
      i = end;
    } else {
      out.put(sql[i++]);
    }
  }
  return out;
}

template <fixed_string Text>
inline constexpr auto named_sql_parsed = parse_named_sql<Text>();

template <fixed_string Text>
constexpr auto named_sql_text() {
  constexpr auto& parsed = named_sql_parsed<Text>;
  fixed_string<parsed.length> text;
  for (std::size_t i = 0; i < parsed.length; ++i) text.data[i] = parsed.text[i];
  return text;
}

/// The K-th parameter name of Text, as fixed_string (to compare with arg names) and name<...>.
template <fixed_string Text, std::size_t K>
constexpr auto named_sql_name() {
  constexpr std::string_view name = named_sql_parsed<Text>.names[K];
  fixed_string<name.size()> text;
  for (std::size_t i = 0; i < name.size(); ++i) text.data[i] = name[i];
  return text;
}

template <class Arg>
struct arg_traits;
template <fixed_string Name, class V>
struct arg_traits<named_arg<Name, V>> {
  static constexpr auto name = Name;
  using value_type = V;
};

template <fixed_string Name, class... Args>
inline constexpr std::size_t arg_index = [] {
  constexpr bool matches[] = {(arg_traits<Args>::name == Name)..., false};
  std::size_t i = 0;
  while (!matches[i]) ++i;
  return i;
}();

}  // namespace detail

/// A statement with named parameters rendered to $n at compile time; a static_statement.
template <fixed_string Text, class Columns, class... Values>
struct named_statement {
  static constexpr auto sql = detail::named_sql_text<Text>();
  static constexpr std::size_t param_count = sizeof...(Values);
  using param_types = type_list<Values...>;
  using result_columns = Columns;

  std::tuple<Values...> values;

  template <class F>
  void bind(F&& sink) const {
    std::apply([&](const auto&... value) { (sink(value), ...); }, values);
  }
};

/// The named-parameter SQL `Text`; call it with arg<"name">(value)... to get a statement.
template <fixed_string Text>
struct named_sql_t {
  /// A statement whose rows (if any) are not read: INSERT, UPDATE, DELETE, DDL.
  template <class... Args>
  auto operator()(Args&&... args) const {
    return returning<>(std::forward<Args>(args)...);
  }

  /// A statement whose rows decode into T... by position, as db.query<T...>() does.
  template <class... T, class... Args>
  auto returning(Args&&... args) const {
    using detail::arg_traits;
    constexpr auto& parsed = detail::named_sql_parsed<Text>;
    static_assert(named_sql_has_no_positional_parameters<!parsed.positional>,
                  "named_sql: write every parameter as :name, not $n");
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      // Each :name of the text, in $n order, has exactly one argument, and each argument names a
      // parameter of the text; the statement is built only then (one mistake, one error).
      constexpr bool all_bound = (check_bound<K, std::remove_cvref_t<Args>...>() && ...);
      constexpr bool all_used = (check_used<arg_traits<std::remove_cvref_t<Args>>::name>() && ...);
      if constexpr (all_bound && all_used && !parsed.positional) {
        using arguments = type_list<std::remove_cvref_t<Args>...>;
        using statement = named_statement<
            Text, raw_columns<T...>,
            typename arg_traits<at_t<detail::arg_index<detail::named_sql_name<Text, K>(),
                                                       std::remove_cvref_t<Args>...>,
                                     arguments>>::value_type...>;
        auto all = std::forward_as_tuple(std::forward<Args>(args)...);
        return statement{{std::move(std::get<detail::arg_index<detail::named_sql_name<Text, K>(),
                                                                std::remove_cvref_t<Args>...>>(all)
                                            .value)...}};
      } else {
        return detail::named_sql_misuse{};
      }
    }
    (std::make_index_sequence<parsed.name_count>{});
  }

 private:
  template <std::size_t K, class... Args>
  static constexpr bool check_bound() {
    constexpr auto name = detail::named_sql_name<Text, K>();
    constexpr std::size_t bound = (std::size_t{0} + ... + (detail::arg_traits<Args>::name == name));
    static_assert(named_parameter_is_bound<name_type<name>, bound != 0>,
                  "named_sql: a :name of the SQL has no value; pass pgdsl::arg<\"name\">(value)");
    static_assert(named_parameter_is_bound_once<name_type<name>, bound < 2>,
                  "named_sql: a :name is given more than one value");
    return bound == 1;
  }
  template <fixed_string Name>
  static constexpr bool check_used() {
    constexpr auto& parsed = detail::named_sql_parsed<Text>;
    constexpr bool used = [] {
      for (std::size_t k = 0; k < parsed.name_count; ++k)
        if (parsed.names[k] == Name.view()) return true;
      return false;
    }();
    static_assert(named_parameter_is_in_the_sql<name_type<Name>, used>,
                  "named_sql: a value is given for a :name that the SQL does not use");
    return used;
  }
};

/// SQL with named parameters: db.execute(named_sql<"SELECT ... WHERE id = :id">
/// .returning<std::int64_t>(arg<"id">(5))). Prepared once per connection, like a DSL statement.
template <fixed_string Text>
inline constexpr named_sql_t<Text> named_sql{};

}  // namespace pgdsl

// ---- pgdsl/execution/notification.hpp
// LISTEN/NOTIFY on the blocking connection: listen<"channel">(db) and unlisten (the channel
// quoted like an identifier, so LISTEN and pg_notify name the same channel, case and all),
// notify(db, channel, payload) as a bound-parameter pg_notify, and wait_for_notification(db,
// timeout), which sleeps in poll() on libpq's socket. Free functions over connection&; the
// async listener (<pgdsl/async/listener.hpp>) shares `notification` and the SQL.

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>


namespace pgdsl {

/// One NOTIFY received: the channel (as the notifier spelled it), the payload ("" when none)
/// and the process id of the server backend that sent it.
struct notification {
  std::string channel;
  std::string payload;
  int sender_pid = 0;
  friend bool operator==(const notification&, const notification&) = default;
};

namespace detail {

// "LISTEN " / "UNLISTEN " followed by the quoted channel, rendered at compile time.
template <fixed_string Verb, fixed_string Channel>
struct channel_command {
  static constexpr void render(sql_writer& w) {
    w << Verb.view();
    w.identifier(Channel.view());
  }
};

template <fixed_string Verb, fixed_string Channel>
constexpr const auto& channel_sql() {
  static_assert(valid_sql_name(Channel), "a channel name must be non-empty and free of NUL bytes");
  static_assert(sql_name_fits(Channel),
                "a channel name is an identifier: at most 63 bytes (PostgreSQL would truncate it)");
  return sql_of<channel_command<Verb, Channel>>;
}

/// The next notification libpq has read, if any.
inline std::optional<notification> take_notification(PGconn* conn) {
  std::unique_ptr<PGnotify, decltype(&PQfreemem)> raw(PQnotifies(conn), &PQfreemem);
  if (!raw) return std::nullopt;
  return notification{raw->relname, raw->extra ? raw->extra : "", raw->be_pid};
}

}  // namespace detail

/// LISTEN "Channel": the statement as a compile-time constant.
template <fixed_string Channel>
inline constexpr const auto& listen_sql = detail::channel_sql<"LISTEN ", Channel>();
/// UNLISTEN "Channel".
template <fixed_string Channel>
inline constexpr const auto& unlisten_sql = detail::channel_sql<"UNLISTEN ", Channel>();

/// The SQL of notify(): the channel and payload are parameters, never SQL text.
inline constexpr const char notify_sql[] = "SELECT pg_notify($1, $2)";

/// Starts listening on `Channel` on this connection (LISTEN, committed at once outside a
/// transaction); notifications arrive through wait_for_notification().
template <fixed_string Channel>
void listen(connection& db) {
  db.run_command(runtime_sql(listen_sql<Channel>.c_str()));
}
/// Stops listening on `Channel`.
template <fixed_string Channel>
void unlisten(connection& db) {
  db.run_command(runtime_sql(unlisten_sql<Channel>.c_str()));
}

/// Sends a notification on `channel` (its exact spelling: LISTEN quotes the name, so
/// listen<"Jobs"> hears notify(db, "Jobs", ...)) with `payload` (at most 7,999 bytes); inside a
/// transaction it is delivered at commit.
inline void notify(connection& db, std::string_view channel, std::string_view payload = {}) {
  db.execute_raw(notify_sql, std::string(channel), std::string(payload));
}

/// Waits up to `timeout` for a notification on a channel this connection listens on, sleeping
/// in poll() on the connection's socket; std::nullopt when none arrived in time. Notifications
/// that arrived while other statements ran are returned first, without waiting. Throws
/// connection_error when the connection is lost.
inline std::optional<notification> wait_for_notification(connection& db,
                                                         std::chrono::milliseconds timeout) {
  PGconn* conn = db.native_handle();
  if (!db.is_open()) throw connection_error("the connection is not open", "08003");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (PQconsumeInput(conn) != 1) throw_sql_error(conn, nullptr, "");
    if (auto received = detail::take_notification(conn)) return received;
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd socket{PQsocket(conn), POLLIN, 0};
    const int wait_ms = static_cast<int>(std::min<long long>(left.count(), 1 << 30));
    if (poll(&socket, 1, wait_ms) < 0 && errno != EINTR)
      throw connection_error("waiting for a notification failed: poll() on the socket failed",
                             "08006");
  }
}

}  // namespace pgdsl

// ---- pgdsl/execution/prepared_query.hpp
// db.prepare<T...>(runtime_sql(text)): raw SQL made at run time (read from a file, chosen by
// configuration), prepared on its first run on the connection and executed by name afterwards, as
// a literal given to db.query() is. The text is interned once per process (its address is its key
// in the connection's cache) and counts towards the connection's limit of run-time statements
// kept prepared (set_shape_limit, 64 by default; least recently used deallocated first).

#include <cstddef>
#include <cstring>


namespace pgdsl {

/// A raw statement prepared for one connection: call it with its arguments.
template <class... T>
class prepared_query {
 public:
  /// Runs the statement with `args` bound as binary parameters; the rows decode into T....
  template <class... Args>
  result<raw_columns<T...>> operator()(const Args&... args) const {
    detail::connection_state& state = detail::connection_access::state(*db_);
    if (state.prepared_statements) detail::use_shape(state, sql_);
    return db_->template run_raw<T...>(sql_, true, args...);
  }

  /// The SQL text.
  const char* sql() const noexcept { return sql_; }

 private:
  friend class connection;
  prepared_query(connection& db, const char* sql) : db_(&db), sql_(sql) {}

  connection* db_;
  const char* sql_;
};

template <class... T>
prepared_query<T...> connection::prepare(raw_sql sql) {
  return prepared_query<T...>(
      *this, sql.is_fixed() ? sql.c_str() : detail::intern_sql(std::string_view(sql.c_str())));
}

/// How many statements made at run time (shapes of dynamic statements, db.prepare() texts) stay
/// prepared on `db` at most (64 by default); the least recently used are deallocated beyond it.
inline void set_shape_limit(connection& db, std::size_t limit) {
  detail::connection_access::state(db).prepared.shape_limit = limit;
}

}  // namespace pgdsl

// ---- pgdsl/execution/retry.hpp
// retry_transaction: re-runs a whole transaction when the server aborted it for a reason that a
// new attempt can fix (serialization_failure, deadlock_detected), with a bounded number of
// attempts and jittered exponential backoff; retry_idempotent reconnects and re-runs work the
// caller marks idempotent when the connection was lost. Every other error propagates at once.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <thread>

// ---- pgdsl/execution/transaction.hpp
// transaction and savepoint: RAII scopes over BEGIN/COMMIT and SAVEPOINT/RELEASE. Each rolls
// back in its destructor unless it was committed or released, so an exception that leaves the
// scope undoes the work. connection::transaction(fn) and connection::begin() are defined here.

#include <chrono>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>


namespace pgdsl {

namespace detail {

// Statements a transaction or savepoint forwards to its connection while it is active.
template <class Scope>
class statement_forwarding {
 public:
  /// Runs a static statement in this scope.
  template <static_statement Q>
  auto execute(const Q& statement) {
    return self().db().execute(statement);
  }
  /// Runs raw SQL with bound parameters in this scope.
  template <class... T, class... Args>
  auto query(raw_sql sql, const Args&... args) {
    return self().db().template query<T...>(sql, args...);
  }
  /// Runs raw SQL that returns no rows of interest in this scope.
  template <class... Args>
  auto execute_raw(raw_sql sql, const Args&... args) {
    return self().db().execute_raw(sql, args...);
  }

 private:
  Scope& self() { return static_cast<Scope&>(*this); }
};

}  // namespace detail

/// A savepoint inside a transaction; rolled back to (and released) when destroyed unless
/// release() was called. Savepoints nest: sp.nested() opens an inner one.
class savepoint : public detail::statement_forwarding<savepoint> {
 public:
  explicit savepoint(connection& db)
      : db_(&db),
        session_(detail::connection_access::session(db)),
        name_("pgdsl_sp_" +
              std::to_string(++detail::connection_access::state(db).savepoint_counter)) {
    db_->run_command(runtime_sql("SAVEPOINT " + name_));
  }
  savepoint(savepoint&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)),
        session_(other.session_),
        name_(std::move(other.name_)) {}
  savepoint& operator=(savepoint&&) = delete;
  ~savepoint() {
    try {
      rollback();
    } catch (...) {  // a destructor cannot report; the enclosing transaction will roll back
    }
  }

  /// Keeps the work done since the savepoint.
  void release() {
    if (db_ == nullptr) return;
    db_->run_command(runtime_sql("RELEASE SAVEPOINT " + name_));
    db_ = nullptr;
  }
  /// Undoes the work done since the savepoint; the transaction stays usable.
  void rollback() {
    if (db_ == nullptr) return;
    connection* db = std::exchange(db_, nullptr);
    if (!db->is_open() || detail::connection_access::session(*db) != session_)
      return;  // gone with the lost session
    db->run_command(runtime_sql("ROLLBACK TO SAVEPOINT " + name_));
    db->run_command(runtime_sql("RELEASE SAVEPOINT " + name_));
  }
  /// Opens a savepoint nested in this one.
  pgdsl::savepoint nested() { return pgdsl::savepoint(db()); }
  /// The connection the savepoint belongs to.
  connection& db() { return *db_; }

 private:
  connection* db_;
  unsigned long session_;
  std::string name_;
};

/// A transaction block; rolled back when destroyed unless commit() was called.
class transaction : public detail::statement_forwarding<transaction> {
 public:
  explicit transaction(connection& db, const transaction_options& options = {})
      : db_(&db), session_(detail::connection_access::session(db)) {
    db_->run_command(runtime_sql(detail::begin_command(options)));
    if (options.statement_timeout.count() > 0) set_statement_timeout(options.statement_timeout);
  }
  transaction(transaction&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), session_(other.session_) {}
  transaction& operator=(transaction&&) = delete;
  ~transaction() {
    try {
      rollback();
    } catch (...) {  // a destructor cannot report; the server ends the block with the session
    }
  }

  /// Makes the transaction's work permanent; the object is finished afterwards.
  void commit() {
    if (db_ == nullptr) throw error("commit() on a transaction that already ended");
    std::exchange(db_, nullptr)->run_command("COMMIT");
  }
  /// Undoes the transaction's work; the object is finished afterwards. On a lost connection
  /// there is nothing to undo (the server rolled back), so it does not throw.
  void rollback() {
    if (db_ == nullptr) return;
    connection* db = std::exchange(db_, nullptr);
    if (!db->is_open() || detail::connection_access::session(*db) != session_) return;
    db->run_command("ROLLBACK");
  }
  /// True until commit() or rollback().
  bool active() const noexcept { return db_ != nullptr; }

  /// Opens a savepoint, rolled back unless released.
  pgdsl::savepoint savepoint() { return pgdsl::savepoint(db()); }
  /// statement_timeout for the rest of this transaction (SET LOCAL).
  void set_statement_timeout(std::chrono::milliseconds timeout) {
    db().run_command(runtime_sql(detail::local_timeout_command(timeout)));
  }
  /// The connection the transaction runs on.
  connection& db() {
    if (db_ == nullptr) throw error("the transaction already ended");
    return *db_;
  }

 private:
  connection* db_;
  unsigned long session_;
};

inline transaction connection::begin(const transaction_options& options) {
  return pgdsl::transaction(*this, options);
}

template <class F>
auto connection::transaction(F&& fn, const transaction_options& options) {
  pgdsl::transaction tx(*this, options);
  if constexpr (std::is_void_v<std::invoke_result_t<F&, pgdsl::transaction&>>) {
    std::invoke(fn, tx);
    if (tx.active()) tx.commit();
  } else {
    auto value = std::invoke(fn, tx);
    if (tx.active()) tx.commit();
    return value;
  }
}

}  // namespace pgdsl

namespace pgdsl {

/// How retry_transaction waits and when it gives up.
struct retry_policy {
  int max_attempts = 5;                          ///< attempts in all, the first included
  std::chrono::milliseconds initial_backoff{5};  ///< wait before the second attempt
  std::chrono::milliseconds max_backoff{1000};   ///< the wait never grows beyond this
  double multiplier = 2.0;                       ///< growth of the wait per attempt
};

namespace detail {

// A wait between half and all of `backoff`, so competing clients do not retry in lockstep.
inline std::chrono::microseconds jittered(std::chrono::microseconds backoff) {
  static thread_local std::minstd_rand random(
      static_cast<std::uint_fast32_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  const auto half = backoff.count() / 2;
  std::uniform_int_distribution<long long> pick(half, std::max<long long>(half, backoff.count()));
  return std::chrono::microseconds(pick(random));
}

}  // namespace detail

namespace detail {

/// Calls attempt(n) until it returns, sleeping with jittered exponential backoff after each
/// failure for which `retryable(e)` holds, at most policy.max_attempts times in all.
template <class Attempt, class Retryable>
auto with_retries(const retry_policy& policy, Attempt&& attempt, Retryable&& retryable) {
  std::chrono::microseconds backoff = policy.initial_backoff;
  for (int n = 1;; ++n) {
    try {
      return attempt(n);
    } catch (const sql_error& e) {
      if (n >= policy.max_attempts || !retryable(e)) throw;
    }
    std::this_thread::sleep_for(jittered(backoff));
    const auto grown = std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(
        static_cast<double>(backoff.count()) * policy.multiplier));
    backoff = std::min<std::chrono::microseconds>(grown, policy.max_backoff);
  }
}

}  // namespace detail

/// Runs db.transaction(fn, options), again after serialization_failure or deadlock_detected,
/// up to policy.max_attempts times; rethrows the last failure. `fn` must be safe to run again:
/// everything it did in a failed attempt was rolled back.
template <class F>
auto retry_transaction(connection& db, F&& fn, const retry_policy& policy = {},
                       const transaction_options& options = {}) {
  return detail::with_retries(
      policy, [&](int) { return db.transaction(fn, options); },
      [](const sql_error& e) {
        return dynamic_cast<const serialization_failure*>(&e) != nullptr ||
               dynamic_cast<const deadlock_detected*>(&e) != nullptr;
      });
}

/// Runs fn(db), and when the connection is lost on the way (is_connection_loss), reconnects
/// (db.reset()) and runs fn again, up to policy.max_attempts times in all. Opt-in and only for
/// work the caller knows to be idempotent: a lost connection does not say whether the server
/// committed what was sent last, so running it twice must be harmless (a read, an upsert, an
/// insert with a client-chosen key). Every other error propagates at once.
template <class F>
auto retry_idempotent(connection& db, F&& fn, const retry_policy& policy = {}) {
  return detail::with_retries(
      policy,
      [&](int attempt) {
        if (attempt > 1 || !db.is_open()) db.reset();  // throws connection_error while down
        return std::invoke(fn, db);
      },
      [](const sql_error& e) { return is_connection_loss(e); });
}

}  // namespace pgdsl

// ---- pgdsl/execution/stream.hpp
// row_stream: a large result read row by row in libpq's single-row mode, so memory stays constant
// whatever the row count and decoding overlaps the server's work. Rows are the same typed views
// as a result's (structured bindings, row[column], as<S>()), each valid until the next row.

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

// ---- pgdsl/execution/stream_batches.hpp
// row_batches: a stream read in batches of owned rows (psycopg2's fetchmany): each step of the
// iteration decodes up to N more rows into one vector, reused from batch to batch, so a loader
// can hand whole batches on while memory stays bounded by one batch.

#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>


namespace pgdsl {

/// The batches of a row_stream; Value is record<Columns> (stream.batches(n)) or a struct mapped
/// by member name (stream.batches_as<S>(n)). Iterate once; the stream must outlive it.
template <class Stream, class Value>
class row_batches {
 public:
  using value_type = std::vector<Value>;
  using iterator = detail::pull_iterator<row_batches>;

  row_batches(Stream& stream, std::size_t rows_per_batch)
      : stream_(&stream), rows_per_batch_(rows_per_batch == 0 ? 1 : rows_per_batch) {
    batch_.reserve(rows_per_batch_);
    advance();
  }

  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  friend iterator;
  const value_type& current() const noexcept { return batch_; }
  bool at_end() const noexcept { return batch_.empty(); }
  void advance() {
    batch_.clear();
    while (batch_.size() < rows_per_batch_ && !stream_->at_end()) {
      batch_.push_back(stream_->template take_current<Value>());
      stream_->advance();
    }
  }

  Stream* stream_;
  std::size_t rows_per_batch_;
  value_type batch_;
};

}  // namespace pgdsl

namespace pgdsl {

/// The rows of one statement, received one at a time: an input range of row<Columns>.
/// Leaving it early reads (and discards) the rest, so the connection stays usable.
template <class Columns>
class row_stream {
 public:
  using row_type = row<Columns>;

  using value_type = row_type;
  using iterator = detail::pull_iterator<row_stream>;

  /// Takes over a connection on which a query was just sent in single-row mode.
  row_stream(PGconn* conn, const char* sql) : conn_(conn), sql_(sql) { advance(); }
  /// Takes over the rest of the rows (an iterator of `other` must not be used afterwards).
  row_stream(row_stream&& other) noexcept
      : conn_(other.conn_),
        sql_(other.sql_),
        current_(std::move(other.current_)),
        rows_read_(other.rows_read_),
        done_(std::exchange(other.done_, true)) {}
  row_stream(const row_stream&) = delete;
  row_stream& operator=(const row_stream&) = delete;
  row_stream& operator=(row_stream&&) = delete;
  ~row_stream() {
    try {
      while (!done_) advance();
    } catch (...) {  // the connection reports its state on next use
    }
  }

  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

  /// Calls fn(S) for every remaining row mapped into S (by member name, as result::as<S>()).
  template <class S, class F>
  void each_as(F&& fn) {
    for (; !done_; advance()) fn(detail::map_row<S>(row_type(current_.get(), 0)));
  }

  /// The remaining rows in batches of at most `rows_per_batch` owned records (the last batch may
  /// be shorter): `for (const auto& batch : stream.batches(1000))`.
  row_batches<row_stream, record<Columns>> batches(std::size_t rows_per_batch) {
    return {*this, rows_per_batch};
  }
  /// The same, each row mapped into S by member name (as result::as<S>()).
  template <class S>
  row_batches<row_stream, S> batches_as(std::size_t rows_per_batch) {
    return {*this, rows_per_batch};
  }

  /// Rows received so far.
  std::uint64_t rows_read() const noexcept { return rows_read_; }

 private:
  friend iterator;
  template <class, class>
  friend class row_batches;
  template <class Value>
  Value take_current() const {
    if constexpr (std::is_same_v<Value, record<Columns>>)
      return current().to_record();
    else
      return detail::map_row<Value>(current());
  }
  row_type current() const noexcept { return row_type(current_.get(), 0); }
  bool at_end() const noexcept { return done_; }

  void advance() {
    current_.reset();  // first: the next row's result then reuses the memory of this one
    current_ = detail::take_result(conn_, detail::poll_wait{});
    if (current_ && PQresultStatus(current_.get()) == PGRES_SINGLE_TUPLE) {
      ++rows_read_;
      return;
    }
    done_ = true;
    detail::result_ptr outcome = std::move(current_);
    if (outcome != nullptr) {
      detail::result_ptr rest = detail::take_final_result(conn_);
      if (rest != nullptr && detail::succeeded(outcome.get())) outcome = std::move(rest);
    }
    if (outcome == nullptr || !detail::succeeded(outcome.get()))
      throw_sql_error(conn_, outcome.get(), sql_);
  }

  PGconn* conn_;
  const char* sql_;
  detail::result_ptr current_;
  std::uint64_t rows_read_ = 0;
  bool done_ = false;
};

template <static_statement Q>
row_stream<typename Q::result_columns> connection::stream(const Q& statement) {
  using columns = typename Q::result_columns;
  const detail::parameter_block<Q::param_count> params(statement);
  const detail::bound_parameters bound = params.template bound<typename Q::param_types>();
  const char* sql = Q::sql.c_str();
  detail::connection_state& s = detail::connection_access::state(*this);
  PGconn* conn = s.conn.get();
  const char* name = detail::ready_statement<columns>(s, sql, bound);
  if (!detail::send_statement(conn, name, sql, bound)) throw_sql_error(conn, nullptr, sql);
  if (PQsetSingleRowMode(conn) != 1) {
    detail::take_final_result(conn);
    throw_sql_error(conn, nullptr, sql);
  }
  return row_stream<columns>(conn, sql);
}

}  // namespace pgdsl

// ---- pgdsl/pool/all.hpp
// The pool layer: pgdsl::pool, its lease, options, stats and errors; pgdsl::cluster, which
// routes over a primary and its replicas.

// ---- pgdsl/pool/cluster.hpp
// cluster: one pool per host of a primary and its streaming replicas, and the routing between
// them. A background thread probes every host's role (pg_is_in_recovery()) and replay lag, on a
// timer and at once after a connection error or a 25006 on any host. Writes, transactions and
// primary() go to the host that is primary now (after a failover, to the promoted replica, once
// probed); read() and replica() go to a replica within max_replica_lag, round robin, else to the
// primary. Nothing is retried silently: in-flight work on a host that fails gets its typed error.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// ---- pgdsl/pool/cluster_options.hpp
// cluster_options: a primary and its streaming replicas behind one object: where the hosts are
// (a libpq multi-host string), the pool settings each host gets, and the routing rules (how
// stale a replica may be, how often roles are probed, how long a write waits for a primary).

#include <chrono>
#include <string>

// ---- pgdsl/pool/pool_options.hpp
// pool_options: how a pool sizes itself, how long callers wait, when a connection is retired and
// how it is cleaned between callers. Each setting says what it protects against (docs/pool.md).

#include <chrono>
#include <cstddef>
#include <functional>

// ---- pgdsl/pool/pool_stats.hpp
// pool_stats: a snapshot of a pool (sizes, counters, connections closed by reason, acquire-wait
// percentiles) and its one-line text, which pool_timeout carries so that a timeout says why.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace pgdsl {

/// Why the pool closed a connection.
enum class close_reason : std::size_t {
  broken,       ///< the connection was lost or saw SQLSTATE 08xxx / 57P01-57P03
  read_only,    ///< it saw 25006: its server is (now) a standby
  lifetime,     ///< max_lifetime reached
  idle,         ///< idle_timeout reached above min_size
  failed_ping,  ///< the check before hand-out failed
  not_reset,    ///< its session could not be reset on release
  pool_closed,  ///< the pool was closed or drained
};
inline constexpr std::size_t close_reason_count = 7;

inline const char* to_string(close_reason reason) noexcept {
  constexpr std::array<const char*, close_reason_count> names{
      "broken", "read_only", "lifetime", "idle", "failed_ping", "not_reset", "pool_closed"};
  return names[static_cast<std::size_t>(reason)];
}

/// A consistent snapshot of a pool, taken under its lock.
struct pool_stats {
  std::size_t size = 0;                ///< open connections (idle + in use)
  std::size_t idle = 0;                ///< waiting in the pool
  std::size_t in_use = 0;              ///< leased to callers
  std::size_t opening = 0;             ///< being opened in the background
  std::size_t waiting = 0;             ///< callers waiting in acquire()
  std::size_t max_size = 0;            ///< the configured bound
  std::uint64_t acquires = 0;          ///< successful acquires
  std::uint64_t timeouts = 0;          ///< acquires that gave up (pool_timeout)
  std::uint64_t rejected = 0;          ///< acquires refused because the wait queue was full
  std::uint64_t created = 0;           ///< connections opened
  std::uint64_t connect_failures = 0;  ///< connection attempts that failed
  std::array<std::uint64_t, close_reason_count> closed{};  ///< closed, by close_reason
  std::chrono::nanoseconds wait_p50{}, wait_p90{}, wait_p99{}, wait_max{};  ///< acquire waits
  std::string last_connect_error{};  ///< the last connection failure's message, if any

  std::uint64_t closed_total() const noexcept {
    std::uint64_t total = 0;
    for (const std::uint64_t n : closed) total += n;
    return total;
  }
};

namespace detail {
inline std::string micros(std::chrono::nanoseconds d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(d).count()) + "us";
}
}  // namespace detail

/// The snapshot on one line: "size 8/8 (idle 0, in use 8, opening 0), waiting 3, ...".
inline std::string to_string(const pool_stats& s) {
  std::string text = "size " + std::to_string(s.size) + "/" + std::to_string(s.max_size) +
                     " (idle " + std::to_string(s.idle) + ", in use " + std::to_string(s.in_use) +
                     ", opening " + std::to_string(s.opening) + "), waiting " +
                     std::to_string(s.waiting) + ", acquires " + std::to_string(s.acquires) +
                     ", timeouts " + std::to_string(s.timeouts) + ", rejected " +
                     std::to_string(s.rejected) + ", created " + std::to_string(s.created) +
                     ", connect failures " + std::to_string(s.connect_failures) + ", closed " +
                     std::to_string(s.closed_total());
  std::string reasons;
  for (std::size_t i = 0; i < close_reason_count; ++i)
    if (s.closed[i] != 0)
      reasons += std::string(reasons.empty() ? "" : ", ") +
                 to_string(static_cast<close_reason>(i)) + " " + std::to_string(s.closed[i]);
  if (!reasons.empty()) text += " (" + reasons + ")";
  text += ", acquire wait p50 " + detail::micros(s.wait_p50) + " p90 " +
          detail::micros(s.wait_p90) + " p99 " + detail::micros(s.wait_p99) + " max " +
          detail::micros(s.wait_max);
  if (!s.last_connect_error.empty()) text += ", last connect error: " + s.last_connect_error;
  return text;
}

}  // namespace pgdsl

namespace pgdsl {

/// What the pool does to a connection when its lease ends, before the next caller gets it.
enum class reset_policy {
  /// Roll back a transaction left open; nothing else (no round trip for a clean connection).
  rollback,
  /// Also undo session state but keep prepared statements: CLOSE ALL, RESET ALL, UNLISTEN *,
  /// pg_advisory_unlock_all(), DISCARD TEMP, DISCARD SEQUENCES (one round trip per release).
  session,
  /// DISCARD ALL: a new session in all but the socket; prepared statements are prepared again.
  discard_all,
};

/// Settings of a pgdsl::pool; the defaults suit a service on a LAN.
struct pool_options {
  /// Where each connection goes and how it behaves (prepared_statements = false behind PgBouncer
  /// in transaction mode).
  connection_options connection{};
  /// Connections kept open even when idle; opened at construction (warm-up).
  std::size_t min_size = 0;
  /// Upper bound on open connections (idle + in use + being opened); the server's
  /// max_connections is shared by every pool of every process.
  std::size_t max_size = 8;
  /// Warm-up opens min_size connections in the constructor and throws the first failure;
  /// false: the constructor returns at once and the background opens them, retrying.
  bool fail_fast = true;
  /// How long acquire() waits for a connection before throwing pool_timeout.
  std::chrono::milliseconds acquire_timeout{30'000};
  /// Callers allowed to wait at once; one more gets pool_exhausted at once instead of queueing
  /// behind a backlog it cannot outlast.
  std::size_t max_waiting = 1024;
  /// A connection is closed once it is this old (0 = never), so that server-side memory, DNS
  /// changes and load-balancer rebalancing catch up; each connection's lifetime is shortened by
  /// a random part of lifetime_jitter so that they do not all expire at once.
  std::chrono::milliseconds max_lifetime{30 * 60'000};
  /// Fraction of max_lifetime taken off at random per connection (0..1).
  double lifetime_jitter = 0.1;
  /// An idle connection above min_size is closed after this long (0 = never).
  std::chrono::milliseconds idle_timeout{10 * 60'000};
  /// A connection idle longer than this is pinged (SELECT 1) before it is handed out; a
  /// cheaper check runs on every hand-out (no unread bytes on an idle socket).
  std::chrono::milliseconds ping_after_idle{1'000};
  /// How the pool cleans a connection between callers.
  reset_policy reset = reset_policy::rollback;
  /// How often the background thread looks at idle connections (lifetime, idle timeout, min).
  std::chrono::milliseconds housekeeping_interval{500};
  /// Called, on the thread that closed it, each time the pool closes a connection that was
  /// leased or about to be (a cluster re-probes its hosts' roles when one broke or saw 25006).
  std::function<void(close_reason)> on_close{};
};

}  // namespace pgdsl

namespace pgdsl {

/// Settings of a pgdsl::cluster.
struct cluster_options {
  /// Every host: postgresql://user@h1:p1,h2:p2,h3:p3/db?... (or key=value with host=h1,h2,h3
  /// port=p1,p2,p3). Each host gets a pool of its own; the other parameters apply to all.
  std::string conninfo{};
  /// The settings of each host's pool; its connection.conninfo is replaced by one host's, its
  /// on_close by the cluster's (which re-probes roles after a connection error or 25006).
  pool_options pool{};
  /// A replica whose replay is further behind than this is skipped by reads (they go to another
  /// replica, or to the primary when reads_fall_back_to_primary).
  std::chrono::milliseconds max_replica_lag{5'000};
  /// When no replica qualifies, read() runs on the primary (else it throws no_replica).
  bool reads_fall_back_to_primary = true;
  /// How often the background thread asks every host pg_is_in_recovery() (and sooner after a
  /// connection error or a 25006).
  std::chrono::milliseconds probe_interval{1'000};
  /// How long a write waits for a primary to be known (after a failover, until the promoted
  /// replica is found) before it throws no_primary.
  std::chrono::milliseconds primary_wait{15'000};
  /// How long replica(position) / read(q, position) wait for a replica to replay past a write's
  /// WAL position before reading on the primary instead (read-your-writes).
  std::chrono::milliseconds read_your_writes_wait{1'000};
  /// Each probe's connect_timeout (whole seconds, libpq's unit).
  std::chrono::seconds probe_connect_timeout{2};
};

}  // namespace pgdsl

// ---- pgdsl/pool/connection_lease.hpp
// connection_lease: the RAII handle pool::acquire() returns. It points at a pooled connection
// (`lease->execute(q)`) and gives it back when destroyed; the pool then rolls back what was left
// open, resets the session as configured, and closes the connection instead when it was lost or
// saw an error that makes it unfit (SQLSTATE 08xxx, 57P01-57P03, 25006).

#include <memory>
#include <utility>

// ---- pgdsl/pool/detail/pool_core.hpp
// pool_core: the shared state of a pool and its one background thread. Callers wait in a FIFO
// queue, each on a condition variable of its own; a released or newly opened connection is
// handed to the oldest waiter directly, so no caller can overtake one that waits longer.
// Connections are opened only by the background thread: a caller that gives up never abandons
// an opening, whose connection then waits idle for the next caller. Leases keep the core alive
// (shared_ptr), so one returned after the pool is gone is simply closed.

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// ---- pgdsl/pool/detail/health.hpp
// health: the rules that decide whether a connection may go back to the pool after a lease or
// be handed out again: the SQLSTATE it last saw, its transaction state, and whether its idle
// socket has bytes no one asked for (a terminated backend's farewell, or EOF).

#include <libpq-fe.h>
#include <poll.h>

#include <optional>
#include <string_view>


namespace pgdsl::detail {

/// Whether an error with this SQLSTATE means the connection must not be used again: class 08
/// (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), or 25006
/// (read-only transaction: the server is a standby, likely a demoted primary).
inline std::optional<close_reason> retire_reason(std::string_view sqlstate) noexcept {
  if (is_connection_loss(sqlstate)) return close_reason::broken;
  if (sqlstate == "25006") return close_reason::read_only;
  return std::nullopt;
}

/// Why `db` cannot go back to the pool as it is, judged without talking to the server.
inline std::optional<close_reason> retire_reason(const connection& db) noexcept {
  if (!db.is_open()) return close_reason::broken;
  if (auto reason = retire_reason(last_error(db.native_handle()))) return reason;
  return std::nullopt;
}

/// True when an idle connection's socket is readable: the server sent something no statement
/// asked for, which on a pooled connection is a termination message or EOF.
inline bool idle_socket_readable(const PGconn* conn) noexcept {
  pollfd fd{PQsocket(conn), POLLIN, 0};
  if (fd.fd < 0) return true;
  return ::poll(&fd, 1, 0) != 0;
}
inline bool idle_socket_readable(const connection& db) noexcept {
  return idle_socket_readable(db.native_handle());
}

}  // namespace pgdsl::detail

// ---- pgdsl/pool/detail/pooled_connection.hpp
// pooled_connection: a connection as the pool keeps it, with the times its rules look at (when
// it was opened, when it must be retired, since when it has been idle), and the cleaning that
// runs when a lease ends (reset_policy) before it may serve another caller.

#include <chrono>
#include <optional>


namespace pgdsl::detail {

using pool_clock = std::chrono::steady_clock;

struct pooled_connection {
  connection db;
  pool_clock::time_point opened;
  pool_clock::time_point expires;  // pool_clock::time_point::max() = never
  pool_clock::time_point idle_since;
};

// What session reset_policy::session undoes: everything DISCARD ALL does except DEALLOCATE ALL
// and DISCARD PLANS, so the connection's prepared statements stay valid.
inline constexpr const char* session_reset_sql =
    "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; "
    "SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES";

/// Makes a returned connection fit for the next caller; the reason to close it instead when it
/// cannot be (broken, read-only server, lifetime over, session state that will not reset).
/// Never throws.
inline std::optional<close_reason> prepare_for_reuse(pooled_connection& pooled, reset_policy policy,
                                                     pool_clock::time_point now) noexcept {
  connection& db = pooled.db;
  if (auto reason = retire_reason(db)) return reason;
  if (now >= pooled.expires) return close_reason::lifetime;
  try {
    switch (db.transaction_state()) {
      case transaction_status::idle:
        break;
      case transaction_status::in_transaction:
      case transaction_status::in_error:
        db.run_command(runtime_sql("ROLLBACK"));
        break;
      default:  // a stream or COPY still running, or an unknown state
        return close_reason::not_reset;
    }
    if (PQpipelineStatus(db.native_handle()) != PQ_PIPELINE_OFF) return close_reason::not_reset;
    if (policy != reset_policy::rollback) {
      auto& state = connection_access::state(db);
      if (policy == reset_policy::discard_all) {
        db.run_command(runtime_sql("DISCARD ALL"));
        state.prepared.clear();
      } else {
        db.run_command(runtime_sql(session_reset_sql));
      }
      // RESET ALL also reset the connection's own statement_timeout: apply it again.
      if (state.statement_timeout.count() > 0) db.set_statement_timeout(state.statement_timeout);
    }
  } catch (...) {
    if (auto reason = retire_reason(db)) return reason;
    return close_reason::not_reset;
  }
  note_error(db.native_handle(), {});  // what it saw is dealt with
  return std::nullopt;
}

}  // namespace pgdsl::detail

// ---- pgdsl/pool/detail/wait_histogram.hpp
// wait_histogram: acquire waits counted in logarithmic buckets (4 per power of two, so a
// percentile is read within ~19% of its value) in fixed memory; updated under the pool's lock.

#include <array>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace pgdsl::detail {

class wait_histogram {
 public:
  void record(std::chrono::nanoseconds wait) noexcept {
    const auto ns = static_cast<std::uint64_t>(wait.count() > 0 ? wait.count() : 0);
    ++counts_[bucket_of(ns)];
    ++total_;
    if (ns > max_) max_ = ns;
  }

  /// The smallest bucket bound below which at least `fraction` of the waits fall.
  std::chrono::nanoseconds percentile(double fraction) const noexcept {
    if (total_ == 0) return {};
    const auto wanted = static_cast<std::uint64_t>(fraction * static_cast<double>(total_) + 0.5);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
      seen += counts_[i];
      if (seen >= wanted && seen > 0) {
        const std::uint64_t bound = upper_bound(i);
        return std::chrono::nanoseconds(static_cast<std::int64_t>(bound < max_ ? bound : max_));
      }
    }
    return max();
  }
  std::chrono::nanoseconds max() const noexcept {
    return std::chrono::nanoseconds(static_cast<std::int64_t>(max_));
  }

 private:
  static constexpr std::size_t sub_buckets = 4;
  static constexpr std::size_t bucket_count = 64 * sub_buckets;

  static std::size_t bucket_of(std::uint64_t ns) noexcept {
    if (ns < sub_buckets) return static_cast<std::size_t>(ns);
    const auto power = static_cast<std::size_t>(std::bit_width(ns) - 1);  // >= 2
    const auto fraction = static_cast<std::size_t>((ns >> (power - 2)) & (sub_buckets - 1));
    return power * sub_buckets + fraction;
  }
  static std::uint64_t upper_bound(std::size_t bucket) noexcept {
    if (bucket < sub_buckets) return bucket;
    const std::size_t power = bucket / sub_buckets;
    const std::uint64_t step = std::uint64_t{1} << (power - 2);
    return (std::uint64_t{1} << power) + (bucket % sub_buckets + 1) * step - 1;
  }

  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t total_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace pgdsl::detail

// ---- pgdsl/pool/pool_errors.hpp
// pool_errors: what acquire() throws when it cannot hand out a connection. Each carries the
// pool's stats at that moment, and its message prints them, so a timeout in a log says why
// (all in use? connections failing to open? a long wait queue?).

#include <string>
#include <utility>


namespace pgdsl {

/// The base of the pool's own errors (a connection's failures keep their SQLSTATE types).
class pool_error : public error {
 public:
  pool_error(const std::string& what, pool_stats stats)
      : error(what + "; pool: " + to_string(stats)), stats_(std::move(stats)) {}
  /// The pool's state when the error was thrown.
  const pool_stats& stats() const noexcept { return stats_; }

 private:
  pool_stats stats_;
};

/// No connection became free within acquire_timeout.
class pool_timeout : public pool_error {
 public:
  using pool_error::pool_error;
};

/// max_waiting callers were already waiting: refused at once rather than queued.
class pool_exhausted : public pool_error {
 public:
  using pool_error::pool_error;
};

/// The pool was closed (or is draining) and hands out nothing more.
class pool_closed : public pool_error {
 public:
  using pool_error::pool_error;
};

/// A cluster found no primary among its hosts within primary_wait (the message lists each
/// host's role and last probe error).
class no_primary : public error {
 public:
  using error::error;
};

/// read() found no replica within max_replica_lag and reads_fall_back_to_primary is off.
class no_replica : public error {
 public:
  using error::error;
};

}  // namespace pgdsl

namespace pgdsl::detail {

using pooled_ptr = std::unique_ptr<pooled_connection>;

class pool_core {
 public:
  explicit pool_core(pool_options options) : options_(std::move(options)) {
    if (options_.max_size == 0) throw error("pool_options: max_size must be at least 1");
    if (options_.min_size > options_.max_size)
      throw error("pool_options: min_size must not exceed max_size");
  }
  pool_core(const pool_core&) = delete;
  pool_core& operator=(const pool_core&) = delete;
  ~pool_core() { close(); }

  /// Warm-up (min_size connections, the first failure thrown when fail_fast), then starts the
  /// background thread.
  void start() {
    if (options_.fail_fast) {
      for (std::size_t i = 0; i < options_.min_size; ++i) {
        pooled_ptr fresh = open_one();
        const std::lock_guard lock(mutex_);
        ++open_;
        ++created_;
        idle_.push_back(std::move(fresh));
      }
    }
    background_ = std::thread([this] { run_background(); });
  }

  const pool_options& options() const noexcept { return options_; }

  /// A connection for one caller, checked; throws pool_timeout, pool_exhausted or pool_closed.
  pooled_ptr acquire(std::chrono::milliseconds timeout) {
    const auto start = pool_clock::now();
    const auto deadline = start + timeout;
    std::unique_lock lock(mutex_);
    for (;;) {
      if (!accepting_) throw pool_closed("the pool is closed", snapshot());
      pooled_ptr got;
      if (!idle_.empty() && waiters_.empty()) {
        got = std::move(idle_.back());  // the most recently used: warm caches, others expire
        idle_.pop_back();
        ++in_use_;
      } else {
        if (waiters_.size() >= options_.max_waiting) {
          ++rejected_;
          throw pool_exhausted(
              std::to_string(waiters_.size()) + " callers are already waiting (max_waiting)",
              snapshot());
        }
        waiter me;
        waiters_.push_back(&me);
        // The opening this caller needs is asked for now and goes ahead even if the caller gives
        // up before the background thread gets to it (its connection then waits idle).
        if (open_ + opening_ + requested_ < options_.max_size &&
            waiters_.size() > opening_ + requested_)
          ++requested_;
        if (needs_opening()) wake_.notify_one();
        while (!me.connection && accepting_)
          if (me.ready.wait_until(lock, deadline) == std::cv_status::timeout) break;
        if (!me.connection) {
          std::erase(waiters_, &me);
          if (!accepting_) throw pool_closed("the pool was closed while waiting", snapshot());
          ++timeouts_;
          throw pool_timeout(
              "no connection became free within " + std::to_string(timeout.count()) + "ms",
              snapshot());
        }
        got = std::move(me.connection);
      }
      lock.unlock();
      const std::optional<close_reason> unfit = check_before_handout(*got);
      if (unfit) {
        retire(std::move(got), *unfit);
        lock.lock();
        continue;
      }
      lock.lock();
      ++acquires_;
      waits_.record(pool_clock::now() - start);
      return got;
    }
  }

  /// Takes back a leased connection: cleaned and handed to the next caller, or closed.
  void release(pooled_ptr pooled) noexcept {
    const auto now = pool_clock::now();
    const std::optional<close_reason> unfit = prepare_for_reuse(*pooled, options_.reset, now);
    std::unique_lock lock(mutex_);
    if (unfit || !accepting_) {
      lock.unlock();
      retire(std::move(pooled), unfit.value_or(close_reason::pool_closed));
      return;
    }
    --in_use_;
    pooled->idle_since = now;
    hand_over(std::move(pooled));
  }

  pool_stats stats() const {
    const std::lock_guard lock(mutex_);
    return snapshot();
  }

  /// Stops handing out connections, fails the waiters with pool_closed, closes the idle
  /// connections and stops the background thread; leased connections close when returned.
  void close() noexcept {
    std::vector<pooled_ptr> idle;
    {
      const std::lock_guard lock(mutex_);
      accepting_ = false;
      closing_ = true;
      for (waiter* w : waiters_) w->ready.notify_one();
      idle = take_all_idle();
      closed_[static_cast<std::size_t>(close_reason::pool_closed)] += idle.size();
    }
    wake_.notify_all();
    if (background_.joinable() && background_.get_id() != std::this_thread::get_id())
      background_.join();
    idle.clear();  // PQfinish outside the lock
  }

  /// Refuses new acquires, waits (at most `timeout`) until every lease is returned, then
  /// closes; true when none was still out.
  bool drain(std::chrono::milliseconds timeout) {
    bool all_back = false;
    {
      std::unique_lock lock(mutex_);
      accepting_ = false;
      for (waiter* w : waiters_) w->ready.notify_one();
      all_back = returned_.wait_for(lock, timeout, [&] { return in_use_ == 0; });
    }
    close();
    return all_back;
  }

 private:
  struct waiter {
    std::condition_variable ready;
    pooled_ptr connection;
  };

  pooled_ptr open_one() {
    auto fresh = std::make_unique<pooled_connection>(
        pooled_connection{connection(options_.connection), {}, {}, {}});
    fresh->opened = fresh->idle_since = pool_clock::now();
    fresh->expires = pool_clock::time_point::max();
    if (options_.max_lifetime.count() > 0) {
      const double jitter = std::clamp(options_.lifetime_jitter, 0.0, 1.0);
      std::uniform_real_distribution<double> cut(0.0, jitter);
      const auto lifetime = std::chrono::duration_cast<pool_clock::duration>(options_.max_lifetime *
                                                                             (1.0 - cut(random_)));
      fresh->expires = fresh->opened + lifetime;
    }
    return fresh;
  }

  // Outside the lock: the cheap checks on every hand-out, a ping after a long idle time.
  std::optional<close_reason> check_before_handout(pooled_connection& pooled) noexcept {
    const auto now = pool_clock::now();
    if (now >= pooled.expires) return close_reason::lifetime;
    if (auto reason = retire_reason(pooled.db)) return reason;
    if (idle_socket_readable(pooled.db)) return close_reason::broken;
    if (now - pooled.idle_since >= options_.ping_after_idle) {
      try {
        pooled.db.run_command(runtime_sql("SELECT 1"));
      } catch (...) {
        return close_reason::failed_ping;
      }
    }
    return std::nullopt;
  }

  // Closes a connection that was in use (outside the lock: PQfinish may block briefly).
  void retire(pooled_ptr pooled, close_reason reason) noexcept {
    {
      const std::lock_guard lock(mutex_);
      --in_use_;
      --open_;
      ++closed_[static_cast<std::size_t>(reason)];
      if (in_use_ == 0) returned_.notify_all();
    }
    wake_.notify_one();  // a waiter may now need a new connection
    pooled.reset();
    notify_closed(reason);
  }

  // Outside the lock: the on_close callback, for a connection that was leased.
  void notify_closed(close_reason reason) noexcept {
    if (!options_.on_close) return;
    try {
      options_.on_close(reason);
    } catch (...) {  // a callback must not break the pool
    }
  }

  // Under the lock: to the oldest waiter, else idle.
  void hand_over(pooled_ptr pooled) {
    if (!waiters_.empty()) {
      waiter* oldest = waiters_.front();
      waiters_.pop_front();
      oldest->connection = std::move(pooled);
      ++in_use_;
      oldest->ready.notify_one();
    } else {
      idle_.push_back(std::move(pooled));
      if (in_use_ == 0) returned_.notify_all();
    }
  }

  // Under the lock: a connection must be opened for a waiter or to keep min_size.
  bool needs_opening() const noexcept {
    const std::size_t total = open_ + opening_;
    if (closing_ || total >= options_.max_size) return false;
    return requested_ > 0 || waiters_.size() > opening_ || total < options_.min_size;
  }

  std::vector<pooled_ptr> take_all_idle() {
    std::vector<pooled_ptr> taken;
    for (auto& p : idle_) taken.push_back(std::move(p));
    open_ -= idle_.size();
    idle_.clear();
    return taken;
  }

  // Under the lock: idle connections past their lifetime, or idle too long above min_size.
  std::vector<pooled_ptr> take_stale_idle(pool_clock::time_point now) {
    std::vector<pooled_ptr> stale;
    for (auto it = idle_.begin(); it != idle_.end();) {
      std::optional<close_reason> reason;
      if (now >= (*it)->expires)
        reason = close_reason::lifetime;
      else if (options_.idle_timeout.count() > 0 && open_ > options_.min_size &&
               now - (*it)->idle_since >= options_.idle_timeout)
        reason = close_reason::idle;
      if (!reason) {
        ++it;
        continue;
      }
      stale.push_back(std::move(*it));
      it = idle_.erase(it);
      --open_;
      ++closed_[static_cast<std::size_t>(*reason)];
    }
    return stale;
  }

  void run_background() {
    std::chrono::milliseconds backoff{10};
    auto next_sweep = pool_clock::now() + options_.housekeeping_interval;
    std::unique_lock lock(mutex_);
    while (!closing_) {
      if (needs_opening()) {
        ++opening_;
        if (requested_ > 0) --requested_;
        lock.unlock();
        pooled_ptr fresh;
        std::string failure;
        try {
          fresh = open_one();
        } catch (const std::exception& e) {
          failure = e.what();
        }
        lock.lock();
        --opening_;
        if (fresh) {
          ++open_;
          ++created_;
          backoff = std::chrono::milliseconds{10};
          fresh->idle_since = pool_clock::now();
          hand_over(std::move(fresh));
        } else {
          ++connect_failures_;
          last_connect_error_ = failure;
          wake_.wait_for(lock, backoff, [&] { return closing_; });
          backoff = std::min(backoff * 2, std::chrono::milliseconds{1'000});
        }
        continue;
      }
      const auto now = pool_clock::now();
      if (now >= next_sweep) {
        std::vector<pooled_ptr> stale = take_stale_idle(now);
        next_sweep = now + options_.housekeeping_interval;
        if (!stale.empty()) {
          lock.unlock();
          stale.clear();
          lock.lock();
        }
        continue;
      }
      wake_.wait_until(lock, next_sweep, [&] { return closing_ || needs_opening(); });
    }
  }

  pool_stats snapshot() const {
    pool_stats s;
    s.size = open_;
    s.idle = idle_.size();
    s.in_use = in_use_;
    s.opening = opening_;
    s.waiting = waiters_.size();
    s.max_size = options_.max_size;
    s.acquires = acquires_;
    s.timeouts = timeouts_;
    s.rejected = rejected_;
    s.created = created_;
    s.connect_failures = connect_failures_;
    s.closed = closed_;
    s.wait_p50 = waits_.percentile(0.50);
    s.wait_p90 = waits_.percentile(0.90);
    s.wait_p99 = waits_.percentile(0.99);
    s.wait_max = waits_.max();
    s.last_connect_error = last_connect_error_;
    return s;
  }

  const pool_options options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;      // the background thread's
  std::condition_variable returned_;  // drain(): the last lease came back
  std::deque<pooled_ptr> idle_;
  std::deque<waiter*> waiters_;
  std::size_t open_ = 0, in_use_ = 0, opening_ = 0;
  std::size_t requested_ = 0;  // openings callers asked for that the opener has not started
  bool accepting_ = true, closing_ = false;
  std::uint64_t acquires_ = 0, timeouts_ = 0, rejected_ = 0, created_ = 0, connect_failures_ = 0;
  std::array<std::uint64_t, close_reason_count> closed_{};
  wait_histogram waits_;
  std::string last_connect_error_;
  std::mt19937_64 random_{std::random_device{}()};  // used by the opening thread only
  std::thread background_;
};

}  // namespace pgdsl::detail

namespace pgdsl {

/// A connection borrowed from a pool; move-only; returned when destroyed or by release().
class connection_lease {
 public:
  connection_lease() = default;
  connection_lease(std::shared_ptr<detail::pool_core> core, detail::pooled_ptr pooled) noexcept
      : core_(std::move(core)), pooled_(std::move(pooled)) {}
  connection_lease(connection_lease&&) noexcept = default;
  connection_lease& operator=(connection_lease&& other) noexcept {
    if (this != &other) {
      release();
      core_ = std::move(other.core_);
      pooled_ = std::move(other.pooled_);
    }
    return *this;
  }
  connection_lease(const connection_lease&) = delete;
  connection_lease& operator=(const connection_lease&) = delete;
  ~connection_lease() { release(); }

  /// The leased connection (valid until the lease ends).
  connection* operator->() const noexcept { return &pooled_->db; }
  connection& operator*() const noexcept { return pooled_->db; }
  /// False once released (or moved from).
  explicit operator bool() const noexcept { return pooled_ != nullptr; }

  /// Gives the connection back now; the lease is empty afterwards.
  void release() noexcept {
    if (pooled_) core_->release(std::move(pooled_));
    core_.reset();
  }

 private:
  std::shared_ptr<detail::pool_core> core_;
  detail::pooled_ptr pooled_;
};

}  // namespace pgdsl

// ---- pgdsl/pool/detail/host_list.hpp
// host_list: the hosts of a libpq multi-host string (URL or key=value), parsed by libpq itself
// (PQconninfoParse), so each can get a connection and a pool of its own.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>


namespace pgdsl::detail {

struct host_entry {
  std::string host;
  std::string port;  // empty: libpq's default
  std::string name() const { return host + ":" + (port.empty() ? std::string("5432") : port); }
};

inline std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  for (;;) {
    const std::size_t comma = text.find(',');
    parts.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return parts;
}

/// The (host, port) pairs of `conninfo`; throws pgdsl::error when libpq cannot parse it or the
/// port list does not match the host list.
inline std::vector<host_entry> parse_hosts(const std::string& conninfo) {
  char* message = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &message);
  if (parsed == nullptr) {
    std::string reason = message ? message : "out of memory";
    PQfreemem(message);
    throw error("cluster: cannot parse the connection string: " + reason);
  }
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> guard(parsed, PQconninfoFree);
  std::string hosts, ports;
  for (PQconninfoOption* o = parsed; o->keyword; ++o) {
    if (o->val == nullptr) continue;
    if (std::string_view(o->keyword) == "host") hosts = o->val;
    if (std::string_view(o->keyword) == "port") ports = o->val;
  }
  const std::vector<std::string> host_names = split_commas(hosts);
  const std::vector<std::string> port_numbers = split_commas(ports);
  if (host_names.empty()) throw error("cluster: the connection string names no host");
  if (port_numbers.size() > 1 && port_numbers.size() != host_names.size())
    throw error("cluster: " + std::to_string(host_names.size()) + " hosts but " +
                std::to_string(port_numbers.size()) + " ports");
  std::vector<host_entry> entries;
  for (std::size_t i = 0; i < host_names.size(); ++i)
    entries.push_back({host_names[i], port_numbers.empty()       ? std::string()
                                      : port_numbers.size() == 1 ? port_numbers[0]
                                                                 : port_numbers[i]});
  return entries;
}

}  // namespace pgdsl::detail

// ---- pgdsl/pool/detail/role_probe.hpp
// role_probe: asks one host what it is: primary or hot standby (pg_is_in_recovery()), and for a
// standby how far its replay lags: the age of the last replayed commit while WAL it received is
// still waiting to be replayed, 0 when it has replayed all it received. One connection per
// host, kept between probes and opened again after a failure.

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>

// ---- pgdsl/pool/node_status.hpp
// node_status: what a cluster knows of one of its hosts (role, replication lag, last probe),
// as routing sees it and stats() reports it.

#include <chrono>
#include <string>

namespace pgdsl {

/// The role a host's last probe found.
enum class node_role { unknown, primary, replica, down };

inline const char* to_string(node_role role) noexcept {
  switch (role) {
    case node_role::primary:
      return "primary";
    case node_role::replica:
      return "replica";
    case node_role::down:
      return "down";
    default:
      return "unknown";
  }
}

/// One host of a cluster.
struct node_status {
  std::string name{};                      ///< host:port
  node_role role = node_role::unknown;     ///< from pg_is_in_recovery()
  std::chrono::milliseconds replay_lag{};  ///< replica: age of the last replayed commit while
                                           ///< WAL waits to be replayed (0 when caught up)
  std::string last_error{};                ///< why the last probe failed, if it did
};

}  // namespace pgdsl

namespace pgdsl::detail {

class role_probe {
 public:
  explicit role_probe(connection_options options) : options_(std::move(options)) {}

  /// The host's role and lag now; role down (with the reason) when it cannot be asked.
  node_status probe(node_status status) {
    try {
      if (!db_ || !db_->is_open()) {
        db_.reset();
        db_.emplace(options_);
      }
      const auto [in_recovery, lag_ms] =
          db_->query<bool, std::int64_t>(
                 "SELECT pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery() OR "
                 "pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() "
                 "THEN 0 ELSE COALESCE((EXTRACT(EPOCH FROM clock_timestamp() - "
                 "pg_last_xact_replay_timestamp()) * 1000)::int8, 0) END")
              .one();
      status.role = in_recovery ? node_role::replica : node_role::primary;
      status.replay_lag = std::chrono::milliseconds(lag_ms);
      status.last_error.clear();
    } catch (const std::exception& e) {
      db_.reset();
      status.role = node_role::down;
      status.last_error = e.what();
    }
    return status;
  }

 private:
  connection_options options_;
  std::optional<connection> db_;
};

}  // namespace pgdsl::detail

// ---- pgdsl/pool/plain_read.hpp
// plain_read: whether a static statement only reads, decided at compile time from its SQL text,
// so that a replica handle can refuse anything else before the program runs. A plain read is a
// SELECT without a row lock (FOR UPDATE / NO KEY UPDATE / SHARE / KEY SHARE, in a subquery too);
// INSERT, UPDATE, DELETE and WITH (which may hide a data-modifying CTE) are not. Identifiers are
// always double-quoted and values never enter the SQL, so the words cannot come from a name.

#include <string_view>


namespace pgdsl {

namespace detail {
constexpr bool sql_contains(std::string_view sql, std::string_view word) noexcept {
  return constexpr_find(sql, word) != std::string_view::npos;
}
constexpr bool sql_is_plain_read(std::string_view sql) noexcept {
  if (sql.size() < 7 || !sql_contains(sql.substr(0, 7), "SELECT ")) return false;
  for (std::string_view lock :
       {" FOR UPDATE", " FOR NO KEY UPDATE", " FOR SHARE", " FOR KEY SHARE"})
    if (sql_contains(sql, lock)) return false;
  return true;
}
}  // namespace detail

/// True for a static statement that is a plain read (may run on a hot standby).
template <class Q>
inline constexpr bool is_plain_read = false;
template <static_statement Q>
inline constexpr bool is_plain_read<Q> = detail::sql_is_plain_read(Q::sql.view());

/// A static statement that is a plain read.
template <class Q>
concept plain_read = is_plain_read<Q>;

}  // namespace pgdsl

// ---- pgdsl/pool/pool.hpp
// pool: a thread-safe pool of pgdsl::connection. acquire() lends one connection (RAII lease);
// execute(), query() and transaction() borrow one for a single call. Sizing, waiting, retiring
// and resetting follow pool_options; stats() shows what it is doing (docs/pool.md).

#include <chrono>
#include <cstdlib>
#include <memory>
#include <utility>


namespace pgdsl {

/// A thread-safe pool of connections to one server (or one libpq multi-host target).
class pool {
 public:
  /// Opens min_size connections (throwing the first failure when fail_fast) and starts the
  /// background thread that opens, checks and retires connections.
  explicit pool(pool_options options)
      : core_(std::make_shared<detail::pool_core>(std::move(options))) {
    core_->start();
  }

  /// A pool connecting to DATABASE_URL when it is set (else libpq's PG* variables), unless
  /// options.connection.conninfo is given.
  static pool from_env(pool_options options = {}) {
    if (const char* url = std::getenv("DATABASE_URL");
        url && *url && options.connection.conninfo.empty())
      options.connection.conninfo = url;
    return pool(std::move(options));
  }

  pool(pool&&) noexcept = default;
  pool& operator=(pool&& other) noexcept {
    if (this != &other) {
      close();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;
  /// Closes the pool; leases still out close their connection when they end.
  ~pool() { close(); }

  /// Borrows a connection, waiting at most acquire_timeout; throws pool_timeout (its message
  /// carries stats()), pool_exhausted (wait queue full) or pool_closed.
  connection_lease acquire() { return acquire(core().options().acquire_timeout); }
  connection_lease acquire(std::chrono::milliseconds timeout) {
    return connection_lease(core_, core().acquire(timeout));
  }

  /// Runs one statement on a borrowed connection (see connection::execute).
  template <class Q>
  auto execute(const Q& statement) {
    connection_lease lease = acquire();
    return lease->execute(statement);
  }

  /// Runs raw SQL with bound arguments on a borrowed connection (see connection::query).
  template <class... T, class... Args>
  auto query(raw_sql sql, const Args&... args) {
    connection_lease lease = acquire();
    return lease->template query<T...>(sql, args...);
  }

  /// Runs raw SQL returning no rows of interest on a borrowed connection.
  template <class... Args>
  auto execute_raw(raw_sql sql, const Args&... args) {
    connection_lease lease = acquire();
    return lease->execute_raw(sql, args...);
  }

  /// Runs fn(transaction&) in a transaction on one borrowed connection: commits when it
  /// returns, rolls back and rethrows when it throws. Never retried by the pool.
  template <class F>
  auto transaction(F&& fn, const transaction_options& options = {}) {
    connection_lease lease = acquire();
    return lease->transaction(std::forward<F>(fn), options);
  }

  /// A snapshot of sizes, counters and acquire-wait percentiles.
  pool_stats stats() const { return core().stats(); }
  const pool_options& options() const { return core().options(); }

  /// Refuses new acquires, waits at most `timeout` for every lease to come back, then closes;
  /// true when all came back in time.
  bool drain(std::chrono::milliseconds timeout) { return core().drain(timeout); }
  /// Closes now: waiters get pool_closed, idle connections close, leases close on return.
  void close() noexcept {
    if (core_) core_->close();
  }

 private:
  detail::pool_core& core() const {
    if (!core_) throw error("the pool was moved from");
    return *core_;
  }
  std::shared_ptr<detail::pool_core> core_;
};

}  // namespace pgdsl

// ---- pgdsl/pool/replica_lease.hpp
// replica_lease: a connection borrowed for reads from a cluster: from a replica within the lag
// limit, or from the primary when none qualifies and fallback is allowed. It runs static
// statements that are plain reads only; anything else is a compile error naming the rule, so a
// write cannot be sent to a standby by mistake (it would fail there with 25006 at run time).

#include <string>
#include <utility>

// ---- pgdsl/pool/wal_position.hpp
// wal_position: a point in the primary's write-ahead log, for read-your-writes. Taken after a
// commit (cluster.write_position()), it is a position every replica must have replayed to show
// that commit; cluster.replica(position) / read(q, position) wait (bounded) for one that has.

#include <compare>
#include <cstdint>

namespace pgdsl {

/// A WAL position (a pg_lsn as a number of bytes from 0/0).
struct wal_position {
  std::int64_t bytes = 0;
  auto operator<=>(const wal_position&) const = default;
};

}  // namespace pgdsl

namespace pgdsl {

class replica_lease;
namespace detail {
wal_position replayed_position(replica_lease& lease);
}  // namespace detail

/// A read-only handle on a pooled connection of a cluster.
class replica_lease {
 public:
  replica_lease(connection_lease lease, std::string node, bool on_primary) noexcept
      : lease_(std::move(lease)), node_(std::move(node)), on_primary_(on_primary) {}

  /// Runs a plain read (SELECT without FOR UPDATE/SHARE); other statements do not compile.
  template <static_statement Q>
  auto execute(const Q& statement) {
    static_assert(is_plain_read<Q>,
                  "a replica runs plain reads only (a SELECT without FOR UPDATE/FOR SHARE); send "
                  "writes and locking reads through cluster.execute() or cluster.primary()");
    return lease_->execute(statement);
  }

  /// The host (host:port) the connection goes to.
  const std::string& node() const noexcept { return node_; }
  /// True when no replica qualified and the read runs on the primary.
  bool on_primary() const noexcept { return on_primary_; }
  /// Gives the connection back now.
  void release() noexcept { lease_.release(); }

 private:
  friend wal_position detail::replayed_position(replica_lease& lease);

  connection_lease lease_;
  std::string node_;
  bool on_primary_;
};

namespace detail {
/// How far the lease's server has replayed the primary's WAL (a standby's
/// pg_last_wal_replay_lsn()).
inline wal_position replayed_position(replica_lease& lease) {
  return {lease.lease_
              ->query<std::int64_t>(
                  "SELECT COALESCE((pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8, 0)")
              .scalar()};
}
}  // namespace detail

}  // namespace pgdsl

namespace pgdsl {

/// A primary and its replicas: role-aware routing over one pool per host.
class cluster {
 public:
  /// Creates one pool per host (none opened eagerly) and probes every host once.
  explicit cluster(cluster_options options) : options_(std::move(options)) {
    link_->owner = this;
    for (const detail::host_entry& host : detail::parse_hosts(options_.conninfo)) {
      pool_options per_host = options_.pool;
      per_host.connection.conninfo = options_.conninfo;
      per_host.connection.extra.emplace_back("host", host.host);
      if (!host.port.empty()) per_host.connection.extra.emplace_back("port", host.port);
      per_host.connection.extra.emplace_back("target_session_attrs", "any");
      per_host.fail_fast = false;  // a host that is down must not stop the others
      const std::size_t index = nodes_.size();
      per_host.on_close = [link = link_, index](close_reason reason) {
        const std::lock_guard lock(link->mutex);
        if (link->owner) link->owner->connection_closed(index, reason);
      };
      connection_options probe_options = per_host.connection;
      probe_options.connect_timeout = options_.probe_connect_timeout;
      probe_options.application_name = "pgdsl_cluster_probe";
      nodes_.push_back(std::make_unique<node>(node{
          pool(std::move(per_host)), detail::role_probe(std::move(probe_options)), host.name()}));
      status_.push_back(node_status{.name = host.name()});
    }
    probe_all();
    prober_ = std::thread([this] { run_prober(); });
  }
  cluster(const cluster&) = delete;
  cluster& operator=(const cluster&) = delete;
  ~cluster() {
    {
      const std::lock_guard lock(link_->mutex);
      link_->owner = nullptr;
    }
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    prober_.join();
    for (auto& n : nodes_) n->connections.close();
  }

  /// A connection to the primary, for writes and transactions; waits up to primary_wait for a
  /// primary to be known (no_primary), then up to acquire_timeout for a free connection.
  connection_lease primary() {
    const auto now = std::chrono::steady_clock::now();
    const auto primary_deadline = now + options_.primary_wait;
    const auto acquire_deadline = now + options_.pool.acquire_timeout;
    for (;;) {
      const std::size_t index = wait_for_primary(primary_deadline);
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          acquire_deadline - std::chrono::steady_clock::now());
      // In slices, so that a caller waiting on a host that just failed moves to the new primary.
      const auto slice =
          std::clamp(left, std::chrono::milliseconds{0},
                     std::max(options_.probe_interval, std::chrono::milliseconds{100}));
      try {
        return nodes_[index]->connections.acquire(slice);
      } catch (const pool_timeout&) {
        if (slice >= left) throw;
      }
    }
  }

  /// A connection for plain reads: a replica within max_replica_lag (round robin), else the
  /// primary when reads_fall_back_to_primary (else no_replica).
  replica_lease replica() {
    std::optional<std::size_t> chosen;
    {
      const std::lock_guard lock(mutex_);
      for (std::size_t k = 0; k < nodes_.size() && !chosen; ++k) {
        const std::size_t i = (next_replica_ + k) % nodes_.size();
        if (status_[i].role == node_role::replica &&
            status_[i].replay_lag <= options_.max_replica_lag)
          chosen = i;
      }
      if (chosen) next_replica_ = *chosen + 1;
    }
    if (chosen)
      return replica_lease(nodes_[*chosen]->connections.acquire(), nodes_[*chosen]->name, false);
    if (!options_.reads_fall_back_to_primary)
      throw no_replica("no replica within max_replica_lag (" +
                       std::to_string(options_.max_replica_lag.count()) + "ms): " + describe());
    connection_lease lease = primary();
    return replica_lease(std::move(lease), primary_name(), true);
  }

  /// Read-your-writes: a connection for plain reads that sees everything committed before
  /// `position` was taken (write_position()). A replica chosen as by replica() is used once it has
  /// replayed past `position`, polled for at most options.read_your_writes_wait; else the primary.
  replica_lease replica(wal_position position) {
    const auto deadline = std::chrono::steady_clock::now() + options_.read_your_writes_wait;
    auto pause = std::chrono::microseconds(500);
    for (;;) {
      replica_lease lease = replica();
      if (lease.on_primary()) return lease;
      if (detail::replayed_position(lease) >= position) return lease;
      if (std::chrono::steady_clock::now() + pause >= deadline) break;
      lease.release();
      std::this_thread::sleep_for(pause);
      pause = std::min<std::chrono::microseconds>(pause * 2, std::chrono::milliseconds(20));
    }
    return replica_lease(primary(), primary_name(), true);
  }

  /// The primary's WAL position now: taken after a commit, every replica that has replayed up
  /// to it shows that commit (one round trip to the primary).
  wal_position write_position() {
    connection_lease lease = primary();
    return {lease->query<std::int64_t>(
                      "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8")
                .scalar()};
  }

  /// Runs a plain read on a replica (see replica()); other statements do not compile.
  template <static_statement Q>
  auto read(const Q& statement) {
    static_assert(is_plain_read<Q>,
                  "cluster.read() runs plain reads only (a SELECT without FOR UPDATE/FOR SHARE); "
                  "use cluster.execute() for writes and locking reads");
    if constexpr (is_plain_read<Q>) return replica().execute(statement);
  }
  /// Runs a plain read that sees every commit before `position` (see replica(wal_position)).
  template <static_statement Q>
  auto read(const Q& statement, wal_position position) {
    static_assert(is_plain_read<Q>,
                  "cluster.read() runs plain reads only (a SELECT without FOR UPDATE/FOR SHARE); "
                  "use cluster.execute() for writes and locking reads");
    if constexpr (is_plain_read<Q>) return replica(position).execute(statement);
  }

  /// Runs a statement on the primary.
  template <class Q>
  auto execute(const Q& statement) {
    connection_lease lease = primary();
    return lease->execute(statement);
  }
  /// Runs raw SQL on the primary.
  template <class... T, class... Args>
  auto query(raw_sql sql, const Args&... args) {
    connection_lease lease = primary();
    return lease->template query<T...>(sql, args...);
  }
  template <class... Args>
  auto execute_raw(raw_sql sql, const Args&... args) {
    connection_lease lease = primary();
    return lease->execute_raw(sql, args...);
  }
  /// Runs fn(transaction&) in a transaction on the primary; never retried.
  template <class F>
  auto transaction(F&& fn, const transaction_options& options = {}) {
    connection_lease lease = primary();
    return lease->transaction(std::forward<F>(fn), options);
  }

  /// Every host as last probed.
  std::vector<node_status> nodes() const {
    const std::lock_guard lock(mutex_);
    return status_;
  }
  /// The pool of host `index` (in the order of the connection string), e.g. for its stats().
  const pool& node_pool(std::size_t index) const { return nodes_.at(index)->connections; }

  /// Probes every host now and returns when a probe that started after this call is done.
  void probe_now() {
    std::unique_lock lock(mutex_);
    const unsigned long wanted = probes_done_ + 2;
    probe_requested_ = true;
    wake_.notify_all();
    probed_.wait(lock, [&] { return probes_done_ >= wanted || stopping_; });
  }

 private:
  // What a host's pool calls back through: a lease may outlive the cluster, and its pool with it.
  struct owner_link {
    std::mutex mutex;
    cluster* owner = nullptr;
  };

  struct node {
    pool connections;
    detail::role_probe probe;
    std::string name;
  };

  std::size_t wait_for_primary(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    while (!primary_) {
      probe_requested_ = true;
      wake_.notify_all();
      if (probed_.wait_until(lock, deadline) == std::cv_status::timeout && !primary_)
        throw no_primary("no primary among the cluster's hosts within " +
                         std::to_string(options_.primary_wait.count()) + "ms: " + describe());
    }
    return *primary_;
  }

  std::string primary_name() const {
    const std::lock_guard lock(mutex_);
    return primary_ ? status_[*primary_].name : std::string();
  }

  // Under the lock: "127.0.0.1:5432 primary, 127.0.0.1:5433 replica (lag 12ms), ...".
  std::string describe() const {
    std::string text;
    for (const node_status& s : status_) {
      if (!text.empty()) text += ", ";
      text += s.name + " " + to_string(s.role);
      if (s.role == node_role::replica)
        text += " (lag " + std::to_string(s.replay_lag.count()) + "ms)";
      if (!s.last_error.empty()) text += " (" + s.last_error + ")";
    }
    return text;
  }

  // From a host's pool: a connection broke or saw 25006; roles may have changed.
  void connection_closed(std::size_t index, close_reason reason) {
    if (reason != close_reason::broken && reason != close_reason::read_only &&
        reason != close_reason::failed_ping)
      return;
    {
      const std::lock_guard lock(mutex_);
      // A write refused as read-only: this host is no primary now; writes wait for the probe.
      if (reason == close_reason::read_only && primary_ == index) primary_.reset();
      probe_requested_ = true;
    }
    wake_.notify_all();
  }

  void probe_all() {
    std::vector<node_status> seen;
    {
      const std::lock_guard lock(mutex_);
      seen = status_;
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) seen[i] = nodes_[i]->probe.probe(seen[i]);
    const std::lock_guard lock(mutex_);
    std::optional<std::size_t> chosen;
    for (std::size_t i = 0; i < seen.size(); ++i) {
      if (seen[i].role != node_role::primary) continue;
      // Two hosts claiming the role (an old primary still up after a promotion): the one that
      // was a replica before is the promoted one.
      if (!chosen || status_[i].role == node_role::replica) chosen = i;
    }
    status_ = std::move(seen);
    primary_ = chosen;
    ++probes_done_;
    probed_.notify_all();
  }

  void run_prober() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, options_.probe_interval, [&] { return stopping_ || probe_requested_; });
      if (stopping_) break;
      probe_requested_ = false;
      lock.unlock();
      probe_all();
      lock.lock();
    }
    probed_.notify_all();
  }

  const cluster_options options_;
  std::shared_ptr<owner_link> link_ = std::make_shared<owner_link>();
  std::vector<std::unique_ptr<node>> nodes_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;    // the prober's
  std::condition_variable probed_;  // a probe finished
  std::vector<node_status> status_;
  std::optional<std::size_t> primary_;
  std::size_t next_replica_ = 0;
  unsigned long probes_done_ = 0;
  bool probe_requested_ = false, stopping_ = false;
  std::thread prober_;
};

}  // namespace pgdsl

// ---- pgdsl/related/load_children.hpp
// load_children: the rows related to parents already read, along a foreign key, without one
// query per parent (the N+1 pattern). The parents' keys are bound as ONE array parameter
// (WHERE fk = ANY($1), binary) and the children come back grouped by parent, in the parents'
// order; a large set of parents is split into batches of keys, one statement each.

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <ranges>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>


namespace pgdsl {

/// How load_children splits the parents' keys.
struct load_children_options {
  /// Distinct keys bound in one statement; more parents run more statements (one per batch).
  std::size_t batch_size = 10'000;
};

namespace detail {

template <class Key>
concept hashable_key = requires(const Key& key) {
  { std::hash<Key>{}(key) } -> std::convertible_to<std::size_t>;
};

/// Each distinct key and the positions of the parents that have it.
template <class Key>
using parent_positions =
    std::conditional_t<hashable_key<Key>, std::unordered_map<Key, std::vector<std::size_t>>,
                       std::map<Key, std::vector<std::size_t>>>;

/// The statement's rows for the keys keys[from, to): `fk IN keys`, added as its WHERE.
template <class Foreign, class Statement, class Key>
auto children_for(connection& db, const Foreign& fk, const Statement& statement,
                  const std::vector<Key>& keys, std::size_t from, std::size_t to) {
  std::vector<Key> batch(keys.begin() + static_cast<std::ptrdiff_t>(from),
                         keys.begin() + static_cast<std::ptrdiff_t>(to));
  return db.execute(statement.where(fk.in(std::move(batch))));
}

/// load_children once its arguments are checked.
template <class Child, class Key, class Parents, class KeyOf, class Foreign, class Statement>
auto load_grouped(connection& db, Parents&& parents, KeyOf& key, const Foreign& fk,
                  const Statement& statement, const load_children_options& options) {
  using key_type = Key;
  using result_type = decltype(db.execute(statement.where(fk.in(std::vector<key_type>{}))));
  using record = typename std::remove_cvref_t<result_type>::record_type;
  using child_type = std::conditional_t<std::is_void_v<Child>, record, Child>;

  parent_positions<key_type> positions;
  std::vector<key_type> keys;  // distinct, in the parents' order
  std::size_t count = 0;
  for (auto&& p : parents) {
    key_type k = std::invoke(key, p);
    auto [at, fresh] = positions.try_emplace(k);
    if (fresh) keys.push_back(std::move(k));
    at->second.push_back(count++);
  }

  std::vector<std::vector<child_type>> children(count);
  const std::size_t step = options.batch_size == 0 ? keys.size() : options.batch_size;
  for (std::size_t from = 0; from < keys.size(); from += step) {
    const std::size_t to = std::min(keys.size(), from + step);
    const auto rows = children_for(db, fk, statement, keys, from, to);
    for (const auto& r : rows) {
      const auto& fk_value = r[fk];
      const key_type* k = nullptr;
      if constexpr (is_optional_v<std::remove_cvref_t<decltype(fk_value)>>) {
        if (!fk_value) continue;
        k = &*fk_value;
      } else {
        k = &fk_value;
      }
      const auto found = positions.find(*k);
      if (found == positions.end()) continue;
      for (const std::size_t i : found->second) {
        if constexpr (std::is_void_v<Child>)
          children[i].push_back(r.to_record());
        else
          children[i].push_back(map_row<Child>(r));
      }
    }
  }
  return children;
}

}  // namespace detail

/// The children of each parent: element i holds the rows of `statement` whose foreign key `fk`
/// equals the key of the i-th parent (`key` is a member pointer or a callable on a parent), in
/// the statement's ORDER BY. `statement` is a SELECT without WHERE that returns `fk` among its
/// columns; each batch of distinct keys adds `WHERE fk = ANY($n)` to it and runs it once (one
/// statement for up to options.batch_size keys). Child is the row's record (a tuple of the
/// columns) by default, or a struct the rows map into by member name (`load_children<order>`).
template <class Child = void, std::ranges::input_range Parents, class KeyOf, column_type Foreign,
          class Statement>
auto load_children(connection& db, Parents&& parents, KeyOf key, const Foreign& fk,
                   const Statement& statement, load_children_options options = {}) {
  using parent = std::ranges::range_reference_t<Parents>;
  static_assert(std::is_invocable_v<KeyOf&, parent>,
                "load_children: the key must be a member pointer or a callable of a parent");
  using key_type = nullable_base_t<typename Foreign::value_type>;
  static_assert(std::is_convertible_v<std::invoke_result_t<KeyOf&, parent>, key_type>,
                "load_children: the parents' key must have the foreign key column's C++ type");
  using narrowed = decltype(statement.where(fk.in(std::vector<key_type>{})));
  constexpr bool takes_where = !std::is_same_v<narrowed, detail::misuse>;
  static_assert(takes_where,
                "load_children: the children's statement must have no WHERE clause, since "
                "load_children adds WHERE fk = ANY($1) to it");
  if constexpr (takes_where)
    return detail::load_grouped<Child, key_type>(db, parents, key, fk, statement, options);
}

}  // namespace pgdsl

// ---- pgdsl/related/nested.hpp
// pgdsl::nested(select(...)): a correlated SELECT of many rows as one column of the enclosing
// query, whose value is std::vector<std::tuple<...>> (one tuple per row, std::optional where a
// column can be NULL). The server builds the collection, ARRAY(SELECT ROW(n.*) FROM (<select>)
// AS n) in the SQL, which stays a compile-time constant; the rows arrive as a binary record
// array (types/record_array.hpp). A nested select may itself hold a nested column.

#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>


namespace pgdsl {

namespace detail {

template <class Columns>
struct nested_row;
template <class... Columns>
struct nested_row<type_list<Columns...>> {
  using type = std::tuple<typename Columns::value_type...>;
};

}  // namespace detail

/// ARRAY(SELECT ROW(n.*) FROM (query) AS n): the rows of a SELECT as one value.
template <class Query>
struct nested_select : expression_ops<nested_select<Query>> {
  Query query;

  using row_type = typename detail::nested_row<typename Query::result_columns>::type;
  using sql_type = std::vector<row_type>;
  using tables = typename Query::outer_tables;
  using params = typename Query::params;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = false;  // no rows is an empty array, never NULL

  static constexpr void render(sql_writer& w) {
    w << "ARRAY(SELECT ROW(";
    w.identifier("pgdsl_nested");
    w << ".*) FROM (";
    Query::render(w);
    w << ") AS ";
    w.identifier("pgdsl_nested");
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    query.bind(f);
  }
};

/// The rows of a SELECT (usually correlated with the enclosing query: WHERE orders.user_id ==
/// users.id) as one column, read as std::vector<std::tuple<...>>; name it with .as<"name">().
/// Its ORDER BY orders the collection.
template <class Query>
constexpr auto nested(Query&& query) {
  static_assert(
      detail::is_select_query<std::remove_cvref_t<Query>>,
      "pgdsl::nested() takes a SELECT statement: nested(select(...).from(...).where(...))");
  if constexpr (detail::is_select_query<std::remove_cvref_t<Query>>)
    return nested_select<std::remove_cvref_t<Query>>{{}, std::forward<Query>(query)};
}

}  // namespace pgdsl

// ---- pgdsl/ddl/catalog.hpp
// The catalog reader: what the server says about a set of tables (columns with their types,
// typmods, nullability, defaults and identity; constraints; indexes; the enum types the columns
// use), read from pg_catalog in one query whatever the number of tables. Plain structs, so the
// drift check (verify_schema), pgdsl-codegen and migrations all build on the same reader.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>


namespace pgdsl {

/// A column as pg_attribute describes it.
struct catalog_column {
  std::string name;
  std::string type_name;     ///< pg_type.typname of the value, or of the element for arrays
  bool is_array = false;     ///< a one-dimensional array of type_name
  bool is_enum = false;      ///< type_name is a user enum (CREATE TYPE ... AS ENUM)
  std::int32_t typmod = -1;  ///< atttypmod: varchar(n) is n + 4, numeric(p, s) ((p << 16) | s) + 4
  std::string display_type;  ///< format_type(): "character varying(120)", "integer[]"
  bool not_null = false;
  std::optional<std::string> default_sql;  ///< pg_get_expr of the default
  char identity = '\0';                    ///< 'a' (ALWAYS), 'd' (BY DEFAULT) or '\0'
};

/// A constraint as pg_constraint describes it.
struct catalog_constraint {
  std::string name;
  char kind = '\0';  ///< 'p' primary key, 'u' unique, 'f' foreign key, 'c' check, 'x' exclusion
  std::vector<std::string> columns;  ///< in key order
  std::string definition;            ///< pg_get_constraintdef()
  std::optional<std::string> referenced_table;
  std::vector<std::string> referenced_columns;
};

/// An index as pg_index describes it.
struct catalog_index {
  std::string name;
  bool is_unique = false;
  bool is_primary = false;
  std::vector<std::string> columns;      ///< key columns; "" for an expression key
  std::string definition;                ///< pg_get_indexdef()
  std::optional<std::string> predicate;  ///< the WHERE of a partial index
};

/// A table (or view) found by name on the search_path, or the name of one that was not found.
struct catalog_table {
  std::string name;
  bool exists = false;
  std::string schema;
  char kind = '\0';  ///< pg_class.relkind: 'r' table, 'p' partitioned, 'v' view, 'm' matview
  std::vector<catalog_column> columns;  ///< in attnum order
  std::vector<catalog_constraint> constraints;
  std::vector<catalog_index> indexes;

  /// The column of that name, or nullptr.
  const catalog_column* column(std::string_view column_name) const {
    for (const auto& c : columns)
      if (c.name == column_name) return &c;
    return nullptr;
  }
};

/// An enum type used by the tables' columns.
struct catalog_enum {
  std::string name;
  std::string schema;
  std::vector<std::string> labels;  ///< in sort order
};

/// What read_catalog() found.
struct catalog_snapshot {
  std::vector<catalog_table> tables;  ///< one per name asked for, in the order asked
  std::vector<catalog_enum> enums;    ///< sorted by name

  const catalog_table* table(std::string_view table_name) const {
    for (const auto& t : tables)
      if (t.name == table_name) return &t;
    return nullptr;
  }
};

namespace detail {

// One statement, one round trip: the names travel as one text[] parameter, and each kind of row
// (table, column, constraint, index, enum) is a branch of one UNION ALL with the same columns.
// Names are resolved as unqualified statements resolve them: to_regclass on the search_path.
inline constexpr const char catalog_query[] = R"(WITH wanted AS (
  SELECT w.name, to_regclass(quote_ident(w.name)) AS oid, w.ord::int4 AS ord
  FROM unnest($1::text[]) WITH ORDINALITY AS w(name, ord))
SELECT 'table' AS kind, w.name AS tbl, coalesce(c.relkind::text, '') AS name, n.nspname::text AS t1,
  NULL::text AS t2, NULL::text AS t3, w.ord AS num, c.oid IS NOT NULL AS f1, false AS f2,
  NULL::text[] AS l1, NULL::text[] AS l2
FROM wanted w LEFT JOIN pg_class c ON c.oid = w.oid LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
UNION ALL
SELECT 'column', w.name, a.attname::text, coalesce(et.typname, t.typname)::text,
  format_type(a.atttypid, a.atttypmod), pg_get_expr(d.adbin, d.adrelid), a.attnum::int4,
  a.attnotnull, et.oid IS NOT NULL,
  ARRAY[a.attidentity::text, coalesce(et.typtype, t.typtype)::text, a.atttypmod::text], NULL
FROM wanted w JOIN pg_attribute a ON a.attrelid = w.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
UNION ALL
SELECT 'constraint', w.name, k.conname::text, k.contype::text, pg_get_constraintdef(k.oid),
  CASE WHEN k.confrelid <> 0 THEN (SELECT relname::text FROM pg_class WHERE oid = k.confrelid) END,
  0, false, false,
  ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, ord)
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord),
  ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(num, ord)
        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.ord)
FROM wanted w JOIN pg_constraint k ON k.conrelid = w.oid
UNION ALL
SELECT 'index', w.name, ic.relname::text, NULL, pg_get_indexdef(i.indexrelid),
  pg_get_expr(i.indpred, i.indrelid), 0, i.indisunique, i.indisprimary,
  ARRAY(SELECT coalesce(a.attname::text, '') FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(num, ord)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.num
        WHERE u.ord <= i.indnkeyatts ORDER BY u.ord), NULL
FROM wanted w JOIN pg_index i ON i.indrelid = w.oid JOIN pg_class ic ON ic.oid = i.indexrelid
UNION ALL
SELECT 'enum', NULL, t.typname::text, n.nspname::text, NULL, NULL, 0, false, false,
  ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
  NULL
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND t.oid IN (
  SELECT CASE WHEN ct.typcategory = 'A' THEN ct.typelem ELSE ct.oid END
  FROM wanted w JOIN pg_attribute a ON a.attrelid = w.oid AND a.attnum > 0
  JOIN pg_type ct ON ct.oid = a.atttypid)
ORDER BY 1, 2, 7, 3)";

inline char first_char(const std::optional<std::string>& text) {
  return text && !text->empty() ? (*text)[0] : '\0';
}

}  // namespace detail

/// Reads the catalog entries of the named tables (resolved on the search_path) in one query.
inline catalog_snapshot read_catalog(connection& db, const std::vector<std::string>& table_names) {
  catalog_snapshot snapshot;
  snapshot.tables.resize(table_names.size());
  for (std::size_t i = 0; i < table_names.size(); ++i) snapshot.tables[i].name = table_names[i];
  const auto rows =
      db.query<std::string, std::optional<std::string>, std::string, std::optional<std::string>,
               std::optional<std::string>, std::optional<std::string>, std::int32_t, bool, bool,
               std::optional<std::vector<std::string>>, std::optional<std::vector<std::string>>>(
          detail::catalog_query, table_names);
  const auto table_of = [&](const std::optional<std::string>& name) -> catalog_table& {
    for (auto& t : snapshot.tables)
      if (name && t.name == *name) return t;
    throw error("read_catalog: the catalog answered for a table that was not asked for");
  };
  for (const auto& [kind, table, name, t1, t2, t3, number, f1, f2, l1, l2] : rows) {
    if (kind == "table") {
      auto& t = table_of(table);
      t.exists = f1;
      t.kind = name.empty() ? '\0' : name[0];
      t.schema = t1.value_or("");
    } else if (kind == "column") {
      catalog_column c;
      c.name = name;
      c.type_name = t1.value_or("");
      c.display_type = t2.value_or("");
      c.default_sql = t3;
      c.not_null = f1;
      c.is_array = f2;
      if (l1 && l1->size() == 3) {
        c.identity = (*l1)[0].empty() ? '\0' : (*l1)[0][0];
        c.is_enum = (*l1)[1] == "e";
        c.typmod = static_cast<std::int32_t>(std::stol((*l1)[2]));
      }
      table_of(table).columns.push_back(std::move(c));
    } else if (kind == "constraint") {
      catalog_constraint c;
      c.name = name;
      c.kind = detail::first_char(t1);
      c.definition = t2.value_or("");
      c.referenced_table = t3;
      c.columns = l1.value_or(std::vector<std::string>{});
      c.referenced_columns = l2.value_or(std::vector<std::string>{});
      table_of(table).constraints.push_back(std::move(c));
    } else if (kind == "index") {
      catalog_index i;
      i.name = name;
      i.definition = t2.value_or("");
      i.predicate = t3;
      i.is_unique = f1;
      i.is_primary = f2;
      i.columns = l1.value_or(std::vector<std::string>{});
      table_of(table).indexes.push_back(std::move(i));
    } else if (kind == "enum") {
      snapshot.enums.push_back(
          catalog_enum{name, t1.value_or(""), l1.value_or(std::vector<std::string>{})});
    }
    (void)number;
  }
  return snapshot;
}

}  // namespace pgdsl

// ---- pgdsl/ddl/schema_difference.hpp
// The differences between a table descriptor and the database that matter for pgdsl's
// correctness, as a typed list: what compare_table() finds between describe_table<T>() and the
// catalog, and what verify_schema reports.

#include <algorithm>
#include <string>
#include <vector>

// ---- pgdsl/ddl/described_table.hpp
// What a table descriptor promises about the database, as plain run-time values: each column's
// type (pg_type name, array or not, typmod), nullability, default or identity, and the column
// sets that must be unique (primary key, unique columns and keys), plus the DDL text autogenerate
// writes from (column definitions, CREATE TABLE, CREATE INDEX) and declared renames. The drift
// check compares it with the catalog (catalog.hpp); autogenerate (migrate/) diffs the two.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>


namespace pgdsl {

/// A column as its descriptor declares it.
struct described_column {
  std::string name;
  std::string type_name;  ///< pg_type.typname of the value, or of the element for arrays
  bool is_array = false;
  std::int32_t typmod = -1;  ///< as atttypmod: varchar(n) n + 4, numeric(p, s) ((p << 16) | s) + 4
  std::string sql_type;      ///< as CREATE TABLE writes it: varchar(120), int4[]
  bool not_null = false;
  bool has_default = false;  ///< default_sql<...>
  bool identity = false;
  std::optional<std::string> default_sql;  ///< the text of default_sql<...>
  std::string definition;    ///< as CREATE TABLE lists it: "email" varchar(80) NOT NULL UNIQUE
  std::string renamed_from;  ///< renamed_from<"old">, or empty
};

/// A set of columns that must be unique (what ON CONFLICT (columns) needs).
struct described_key {
  std::vector<std::string> columns;
  bool primary = false;
};

/// An index a table declares in its table_args().
struct described_index {
  std::string name;
  bool is_unique = false;
  std::string create_sql;  ///< CREATE [UNIQUE] INDEX "name" ON "table" (...) [WHERE ...]
};

/// A table as its descriptor declares it.
struct described_table {
  std::string name;
  std::vector<described_column> columns;
  std::vector<described_key> keys;
  std::vector<described_index> indexes;
  std::string create_sql;    ///< CREATE TABLE "name" (...)
  std::string renamed_from;  ///< the table's `using renamed_from = pgdsl::renamed_from<"old">`
};

namespace detail {

template <class Column>
struct column_type_text {
  static constexpr void render(sql_writer& w) { render_column_type<Column>(w); }
};
template <class Column>
struct column_definition_text {
  static constexpr void render(sql_writer& w) { render_column_definition<Column>(w); }
};

template <class Column, class Constraints>
struct column_facts;
template <class Column, class... Constraints>
struct column_facts<Column, type_list<Constraints...>> {
  using base = nullable_base_t<typename Column::value_type>;
  static constexpr bool is_array = type_traits<base>::category == type_category::array;
  using scalar =
      typename std::conditional_t<is_array, array_element_of<base>, std::type_identity<base>>::type;
  static constexpr std::size_t length = first_nonzero(varchar_length_of<Constraints>...);
  static constexpr std::size_t digits = first_nonzero(precision_of<Constraints>::digits...);
  static constexpr std::size_t scale = first_nonzero(precision_of<Constraints>::scale...);
  static constexpr bool primary =
      (std::is_same_v<unnamed_constraint_t<Constraints>, primary_key> || ...);
  static constexpr bool unique_column =
      (std::is_same_v<unnamed_constraint_t<Constraints>, unique> || ...);
  static constexpr bool identity_column = (std::is_same_v<Constraints, identity> || ...);
  static constexpr bool default_column = (requires { Constraints::sql; } || ...);

  template <class C>
  static void read_default(described_column& c) {
    if constexpr (requires { C::sql; }) c.default_sql = std::string(C::sql.view());
  }
  template <class C>
  static void read_rename(described_column& c) {
    if (!renamed_from_name<C>.empty()) c.renamed_from = std::string(renamed_from_name<C>);
  }

  static described_column describe() {
    described_column c;
    c.name = std::string(Column::name.view());
    c.type_name = length != 0   ? "varchar"
                  : digits != 0 ? "numeric"
                                : std::string(type_traits<scalar>::sql_name);
    c.is_array = is_array;
    if (length != 0) c.typmod = static_cast<std::int32_t>(length + 4);
    if (digits != 0) c.typmod = static_cast<std::int32_t>(((digits << 16) | scale) + 4);
    c.sql_type = std::string(sql_of<column_type_text<Column>>.view());
    c.not_null = !Column::is_nullable;
    c.has_default = default_column;
    c.identity = identity_column;
    (read_default<Constraints>(c), ...);
    (read_rename<Constraints>(c), ...);
    c.definition = std::string(sql_of<column_definition_text<Column>>.view());
    return c;
  }
  static void add_keys(std::vector<described_key>& keys) {
    if (primary) keys.push_back({{std::string(Column::name.view())}, true});
    if (unique_column) keys.push_back({{std::string(Column::name.view())}, false});
  }
};

template <class Table, class Part>
struct part_index {
  static void add(std::vector<described_index>&) {}
};
template <class Table, fixed_string Name, bool Unique, class Predicate, class... Keys>
struct part_index<Table, index_part<Name, Unique, Predicate, Keys...>> {
  static void add(std::vector<described_index>& indexes) {
    using statement =
        create_index_statement<Table, index_part<Name, Unique, Predicate, Keys...>, 0>;
    indexes.push_back({std::string(Name.view()), Unique, std::string(sql_of<statement>.view())});
  }
};

template <class Part>
struct part_keys {
  static void add(std::vector<described_key>&) {}
};
template <bool Primary, fixed_string Name, class... Columns>
struct part_keys<key_part<Primary, Name, Columns...>> {
  static void add(std::vector<described_key>& keys) {
    keys.push_back({{std::string(Columns::name.view())...}, Primary});
  }
};
template <fixed_string Name, class Predicate, class... Keys>
struct part_keys<index_part<Name, true, Predicate, Keys...>> {
  static void add(std::vector<described_key>& keys) {
    // A unique index on plain columns, without WHERE, serves ON CONFLICT like a unique key.
    if constexpr (std::is_same_v<Predicate, no_predicate> && (column_type<Keys> && ...))
      keys.push_back({{std::string(Keys::name.view())...}, false});
  }
};

template <class Table, class Columns, class Parts>
struct table_facts;
template <class Table, class... Columns, class... Parts>
struct table_facts<Table, type_list<Columns...>, type_list<Parts...>> {
  static void describe(described_table& t) {
    (t.columns.push_back(column_facts<Columns, typename Columns::constraints>::describe()), ...);
    (column_facts<Columns, typename Columns::constraints>::add_keys(t.keys), ...);
    (part_keys<Parts>::add(t.keys), ...);
    (part_index<Table, Parts>::add(t.indexes), ...);
    t.create_sql = std::string(sql_of<create_table_statement<Table, 0>>.view());
    if constexpr (requires { Table::renamed_from::old_name; })
      t.renamed_from = std::string(Table::renamed_from::old_name.view());
  }
};

}  // namespace detail

/// The description of table descriptor Table.
template <table_type Table>
described_table describe_table() {
  described_table t;
  t.name = std::string(Table::sql_name.view());
  detail::table_facts<Table, columns_of_t<Table>, detail::table_parts_t<Table>>::describe(t);
  return t;
}

}  // namespace pgdsl

namespace pgdsl {

/// One kind of drift between a descriptor and the database.
enum class difference_kind {
  missing_table,       ///< no table of that name on the search_path
  missing_column,      ///< the descriptor's column is not in the table
  type_differs,        ///< another type, array-ness or typmod (varchar(n), numeric(p, s))
  nullable_column,     ///< NULL allowed behind a non-optional member: reads throw unexpected_null
  not_null_column,     ///< NOT NULL behind a std::optional member: writing NULL fails
  missing_default,     ///< default_sql<...> declared, no default in the database
  missing_identity,    ///< identity declared, the column is not an identity column
  missing_unique_key,  ///< a declared primary/unique key has no unique index: ON CONFLICT fails
  extra_required_column,  ///< a NOT NULL column without default the descriptor lacks: INSERTs fail
};

/// A short name for a kind: "missing_table", "type_differs", ...
constexpr std::string_view to_string(difference_kind kind) {
  switch (kind) {
    case difference_kind::missing_table:
      return "missing_table";
    case difference_kind::missing_column:
      return "missing_column";
    case difference_kind::type_differs:
      return "type_differs";
    case difference_kind::nullable_column:
      return "nullable_column";
    case difference_kind::not_null_column:
      return "not_null_column";
    case difference_kind::missing_default:
      return "missing_default";
    case difference_kind::missing_identity:
      return "missing_identity";
    case difference_kind::missing_unique_key:
      return "missing_unique_key";
    case difference_kind::extra_required_column:
      return "extra_required_column";
  }
  return "unknown";
}

/// One difference: its kind, where (table, column or key columns) and what each side says.
struct schema_difference {
  difference_kind kind;
  std::string table;
  std::string column;    ///< the column, or the key's columns "a, b"; empty for a table
  std::string expected;  ///< what the descriptor declares
  std::string actual;    ///< what the database has

  /// One line: table "users", column "email": type_differs (descriptor varchar(80), database
  /// text).
  std::string describe() const {
    std::string text = "table \"" + table + "\"";
    if (!column.empty()) text += ", column \"" + column + "\"";
    text += ": " + std::string(to_string(kind));
    if (!expected.empty() || !actual.empty())
      text += " (descriptor " + expected + ", database " + actual + ")";
    return text;
  }
};

/// Thrown by require_schema when the database differs from the descriptors.
class schema_mismatch : public error {
 public:
  explicit schema_mismatch(std::vector<schema_difference> differences)
      : error(message_of(differences)), differences_(std::move(differences)) {}
  const std::vector<schema_difference>& differences() const noexcept { return differences_; }

 private:
  static std::string message_of(const std::vector<schema_difference>& differences) {
    std::string text = "the database differs from the table descriptors:";
    for (const auto& d : differences) text += "\n  " + d.describe();
    return text;
  }
  std::vector<schema_difference> differences_;
};

namespace detail {

inline std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
  return text;
}

inline bool same_type(const described_column& d, const catalog_column& c) {
  return d.type_name == c.type_name && d.is_array == c.is_array && d.typmod == c.typmod;
}

inline bool has_unique_index(const catalog_table& table, const std::vector<std::string>& key) {
  auto sorted_key = key;
  std::sort(sorted_key.begin(), sorted_key.end());
  for (const auto& index : table.indexes) {
    if (!index.is_unique || index.predicate) continue;
    auto columns = index.columns;
    std::sort(columns.begin(), columns.end());
    if (columns == sorted_key) return true;
  }
  return false;
}

}  // namespace detail

/// Every difference between a descriptor's description and the catalog's view of its table.
inline std::vector<schema_difference> compare_table(const described_table& described,
                                                    const catalog_table& actual) {
  std::vector<schema_difference> found;
  const auto add = [&](difference_kind kind, std::string column, std::string expected = {},
                       std::string in_database = {}) {
    found.push_back(
        {kind, described.name, std::move(column), std::move(expected), std::move(in_database)});
  };
  if (!actual.exists) {
    add(difference_kind::missing_table, "");
    return found;
  }
  for (const auto& column : described.columns) {
    const catalog_column* db = actual.column(column.name);
    if (db == nullptr) {
      add(difference_kind::missing_column, column.name, column.sql_type, "no such column");
      continue;
    }
    if (!detail::same_type(column, *db))
      add(difference_kind::type_differs, column.name, column.sql_type, db->display_type);
    if (column.not_null && !db->not_null)
      add(difference_kind::nullable_column, column.name, "NOT NULL", "nullable");
    if (!column.not_null && db->not_null)
      add(difference_kind::not_null_column, column.name, "nullable", "NOT NULL");
    if (column.has_default && !db->default_sql && db->identity == '\0')
      add(difference_kind::missing_default, column.name, "a default", "none");
    if (column.identity && db->identity == '\0')
      add(difference_kind::missing_identity, column.name, "identity",
          db->default_sql ? "default " + *db->default_sql : "none");
  }
  for (const auto& key : described.keys)
    if (!detail::has_unique_index(actual, key.columns))
      add(difference_kind::missing_unique_key, detail::join_names(key.columns),
          key.primary ? "PRIMARY KEY" : "UNIQUE", "no unique index");
  for (const auto& db : actual.columns) {
    const bool declared = std::any_of(described.columns.begin(), described.columns.end(),
                                      [&](const described_column& c) { return c.name == db.name; });
    if (!declared && db.not_null && !db.default_sql && db.identity == '\0')
      add(difference_kind::extra_required_column, db.name, "no such column",
          db.display_type + " NOT NULL without default");
  }
  return found;
}

}  // namespace pgdsl

// ---- pgdsl/ddl/verify_schema.hpp
// verify_schema<users_t, orders_t>(db): are the tables the descriptors describe the tables in the
// database? One round trip (read_catalog), then a comparison per table (compare_table); cheap
// enough for every start. require_schema<...>(db) throws schema_mismatch instead.

#include <string>
#include <vector>


namespace pgdsl {

/// The differences between the descriptors Tables... and the database (empty when they agree).
template <table_type... Tables>
std::vector<schema_difference> verify_schema(connection& db) {
  const std::vector<described_table> described{describe_table<Tables>()...};
  std::vector<std::string> names;
  names.reserve(described.size());
  for (const auto& t : described) names.push_back(t.name);
  const catalog_snapshot catalog = read_catalog(db, names);
  std::vector<schema_difference> differences;
  for (std::size_t i = 0; i < described.size(); ++i) {
    auto found = compare_table(described[i], catalog.tables[i]);
    differences.insert(differences.end(), found.begin(), found.end());
  }
  return differences;
}

/// verify_schema, throwing schema_mismatch (listing every difference) when there is any.
template <table_type... Tables>
void require_schema(connection& db) {
  auto differences = verify_schema<Tables...>(db);
  if (!differences.empty()) throw schema_mismatch(std::move(differences));
}

}  // namespace pgdsl

// ---- pgdsl/dynamic/column_by_name.hpp
// Columns chosen by name at run time among a descriptor's own: column_by_name(users, "email") is
// the column "users"."email" as a composed-SQL part, columns_by_name(users, fields) a run-time
// select list (a request's ?fields=id,email). A name the table does not have throws not_a_column
// listing the table's columns, so only the descriptor's names ever reach the SQL; rows of such a
// statement are read by name (row.get<T>("email")).

#include <array>
#include <cstddef>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>

// ---- pgdsl/dynamic/identifier.hpp
// identifier: a table, column or schema name known only at run time (a tenant's table, a column
// picked from a whitelist). It is checked when made (non-empty, no NUL, valid UTF-8, at most 63
// bytes) and written by the same sql_writer as every static name: in double quotes, embedded
// quotes doubled, exactly what the server's quote_ident() would produce for a name it must quote.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>


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

// ---- pgdsl/dynamic/sql.hpp
// pgdsl::sql: a statement composed at run time from three kinds of parts, as psycopg2.sql does,
// with the compiler enforcing what psycopg documents: SQL text only from string literals (checked
// at compile time; run-time text must be marked pgdsl::runtime_sql(text), the one greppable escape
// hatch), values only as bound parameters (pgdsl::param(v) writes $n), names only through
// pgdsl::identifier / qualified_name (quoted by the same writer as static statements).

#include <cstddef>
#include <ranges>
#include <string>
#include <type_traits>
#include <utility>

// ---- pgdsl/dynamic/detail/owned_parameters.hpp
// owned_parameters: the bound values of a statement composed at run time (pgdsl::sql), encoded in
// binary when they are appended and owned by the statement (the caller's values may be gone by
// the time it runs). Composing two statements appends their parameter lists.

#include <climits>
#include <cstddef>
#include <string>
#include <vector>


namespace pgdsl::detail {

class owned_parameters {
 public:
  /// Encodes the next value; an empty optional is NULL (typed by its value type).
  template <class T>
  void add(const T& value) {
    types_.push_back(parameter_oid_v<T>);
    if constexpr (is_optional_v<T>) {
      if (!value) {
        offsets_.push_back(bytes_.size());
        lengths_.push_back(-1);
        return;
      }
      add_present(*value);
    } else {
      add_present(value);
    }
  }

  /// Appends another statement's values after these.
  void append(const owned_parameters& other) {
    const std::size_t shift = bytes_.size();
    bytes_ += other.bytes_;
    types_.insert(types_.end(), other.types_.begin(), other.types_.end());
    lengths_.insert(lengths_.end(), other.lengths_.begin(), other.lengths_.end());
    for (std::size_t offset : other.offsets_) offsets_.push_back(offset + shift);
  }

  std::size_t size() const noexcept { return types_.size(); }

  /// The arrays libpq takes, pointing into this object (valid while it is unchanged).
  class view {
   public:
    explicit view(const owned_parameters& from) : from_(from) {
      values_.reserve(from.size());
      for (std::size_t i = 0; i < from.size(); ++i)
        values_.push_back(from.lengths_[i] < 0 ? nullptr : from.bytes_.data() + from.offsets_[i]);
      formats_.assign(from.size(), 1);
      lengths_.reserve(from.size());
      for (int length : from.lengths_) lengths_.push_back(length < 0 ? 0 : length);
    }
    bound_parameters bound() const noexcept {
      return {static_cast<int>(values_.size()), from_.types_.data(), values_.data(),
              lengths_.data(), formats_.data()};
    }

   private:
    const owned_parameters& from_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
  };

 private:
  template <class T>
  void add_present(const T& value) {
    const std::size_t start = bytes_.size();
    type_traits<T>::encode(value, bytes_);
    const std::size_t size = bytes_.size() - start;
    if (size > static_cast<std::size_t>(INT_MAX))
      throw out_of_range_value("parameter $" + std::to_string(types_.size()) +
                               " is larger than libpq accepts (2 GiB)");
    offsets_.push_back(start);
    lengths_.push_back(static_cast<int>(size));
  }

  std::vector<oid> types_;
  std::vector<std::size_t> offsets_;
  std::vector<int> lengths_;  // -1: NULL
  std::string bytes_;
};

}  // namespace pgdsl::detail

namespace pgdsl {

/// A value to bind in a composed statement: pgdsl::param(42) is written $n.
template <class T>
struct bound_value {
  T value;
};

/// Binds `value` as a parameter of a pgdsl::sql; it never enters the SQL text.
template <class V>
auto param(V&& value) {
  using stored = parameter_storage_t<V>;
  static_assert(has_type_traits<nullable_base_t<stored>>,
                "this C++ type has no PostgreSQL mapping: bind a supported type, or specialize "
                "pgdsl::type_traits<T> for it (docs/types.md)");
  return bound_value<stored>{stored(std::forward<V>(value))};
}

class sql;

namespace detail {
template <class Part>
inline constexpr bool is_sql_part =
    std::is_same_v<Part, identifier> || std::is_same_v<Part, qualified_name> ||
    std::is_same_v<Part, sql>;
template <class T>
inline constexpr bool is_sql_part<bound_value<T>> = true;
}  // namespace detail

/// SQL text composed at run time: pgdsl::sql("SELECT ") + identifier(column) + " FROM " +
/// qualified_name(schema, table) + " WHERE id = " + param(id).
class sql {
 public:
  sql() = default;
  /// Text from a string literal (or marked with pgdsl::runtime_sql); any other string is refused
  /// at compile time.
  sql(raw_sql text) { *this += text; }  // NOLINT: implicit, as raw_sql's own literals are

  sql& operator+=(raw_sql text) {
    text_ += text.c_str();
    return *this;
  }
  sql& operator+=(const identifier& name) {
    append_rendered(name);
    return *this;
  }
  sql& operator+=(const qualified_name& name) {
    append_rendered(name);
    return *this;
  }
  template <class T>
  sql& operator+=(const bound_value<T>& value) {
    text_ += placeholder_mark;
    parameters_.add(value.value);
    return *this;
  }
  /// Another composed statement: its text, then its parameters numbered after these.
  sql& operator+=(const sql& other) {
    text_ += other.text_;
    parameters_.append(other.parameters_);
    return *this;
  }

  friend sql operator+(sql left, raw_sql right) {
    left += right;
    return left;
  }
  template <class Part>
  requires detail::is_sql_part<Part>
  friend sql operator+(sql left, const Part& right) {
    left += right;
    return left;
  }

  /// The parts of `parts` (identifiers, values or statements) with `separator` between them:
  /// sql::join(", ", columns).
  template <std::ranges::input_range Parts>
  static sql join(raw_sql separator, const Parts& parts) {
    sql joined;
    bool first = true;
    for (const auto& part : parts) {
      if (!first) joined += separator;
      first = false;
      joined += part;
    }
    return joined;
  }

  /// The SQL text, placeholders numbered $1, $2, ... left to right.
  std::string text() const {
    std::string out;
    out.reserve(text_.size() + 4 * parameters_.size());
    std::size_t next = 1;
    for (char c : text_) {
      if (c != placeholder_mark) {
        out += c;
        continue;
      }
      out += '$';
      out += std::to_string(next++);
    }
    return out;
  }

  /// The number of bound values.
  std::size_t param_count() const noexcept { return parameters_.size(); }
  /// The bound values, in $n order.
  const detail::owned_parameters& parameters() const noexcept { return parameters_; }

 private:
  // Marks a placeholder in text_: no part can contain a NUL (literals end at one, identifiers
  // refuse it, runtime_sql text is a C string), so the mark is never SQL.
  static constexpr char placeholder_mark = '\0';

  template <class Part>
  void append_rendered(const Part& part) {
    sql_writer counter;
    part.render(counter);
    const std::size_t start = text_.size();
    text_.resize(start + counter.size());
    sql_writer writer(text_.data() + start);
    part.render(writer);
  }

  std::string text_;
  detail::owned_parameters parameters_;
};

}  // namespace pgdsl

namespace pgdsl {

/// A name given at run time is not a column of the table it was looked up in.
class not_a_column : public error {
 public:
  not_a_column(std::string_view name, std::string_view table, const std::string& columns)
      : error("\"" + std::string(name.substr(0, 64)) + "\" is not a column of table \"" +
              std::string(table) + "\" (its columns: " + columns + ")"),
        name_(name) {}
  /// The name, as given.
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
};

namespace detail {

/// The SQL names of Table's columns, in declaration order.
template <class Table>
constexpr auto column_names() {
  return []<class... Columns>(type_list<Columns...>) {
    return std::array<std::string_view, sizeof...(Columns)>{Columns::name.view()...};
  }(columns_of_t<Table>{});
}

}  // namespace detail

/// The column of `table` whose SQL name is `name` (exactly), qualified: "users"."email". Throws
/// not_a_column when the table has none.
template <table_type Table>
qualified_name column_by_name(const Table&, std::string_view name) {
  static constexpr auto names = detail::column_names<Table>();
  for (const std::string_view column : names)
    if (column == name) return qualified_name(Table::sql_name.view(), column);
  std::string list;
  for (const std::string_view column : names) (list += list.empty() ? "" : ", ") += column;
  throw not_a_column(name, Table::sql_name.view(), list);
}

/// The columns of `table` named in `names`, in that order and comma-separated: a select list
/// chosen at run time. Throws not_a_column for the first name the table does not have.
template <table_type Table, std::ranges::input_range Names>
sql columns_by_name(const Table& table, const Names& names) {
  sql list;
  bool first = true;
  for (const auto& name : names) {
    if (!first) list += ", ";
    first = false;
    list += column_by_name(table, std::string_view(name));
  }
  return list;
}

/// The table's name as composed SQL takes it: "users".
template <table_type Table>
identifier table_name(const Table&) {
  return identifier(Table::sql_name.view());
}

}  // namespace pgdsl

// ---- pgdsl/dynamic/dynamic_insert.hpp
// A dynamic INSERT: insert_into(t).set(...) given an assignment present only at run time
// (pgdsl::when(request.note, ...)) lists only the present columns; the others take their defaults.
// Every assignment is checked at compile time as in a static set(), and so is completeness: a NOT
// NULL column without a default must be given by an assignment that is always there (one given
// through when() could be absent, so it does not count). With no assignment present the
// statement is INSERT ... DEFAULT VALUES. Each shape is rendered once and prepared once per
// connection, as a dynamic SELECT's.

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

// ---- pgdsl/dynamic/detail/optional_assignments.hpp
// The assignments of a dynamic UPDATE's SET or a dynamic INSERT's column list: each present only
// at run time or always. Which are present is the statement's shape (bit i for the i-th); the
// present ones are rendered and bound in the order given.

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

// ---- pgdsl/dynamic/when.hpp
// pgdsl::when: a part of a statement that is there only when the request carries a value. It
// holds the part (a WHERE condition, an ORDER BY key) built from the value, or nothing; the
// statement's shape is which of its parts are present.

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// The part `make(*value)` when `value` holds one, else nothing:
/// pgdsl::when(name, [](const std::string& n) { return users.username.ilike(n); }).
template <class V, class Make>
requires std::is_invocable_v<Make, const V&>
auto when(const std::optional<V>& value, Make&& make) {
  using part = std::remove_cvref_t<std::invoke_result_t<Make, const V&>>;
  optional_part<part> result;
  if (value) result.part.emplace(std::invoke(std::forward<Make>(make), *value));
  return result;
}

/// `part` when `present` is true, else nothing: pgdsl::when(sort_by_name, users.username.asc()).
template <class Part>
requires(!std::is_invocable_v<Part>) auto when(bool present, Part&& part) {
  optional_part<std::remove_cvref_t<Part>> result;
  if (present) result.part.emplace(std::forward<Part>(part));
  return result;
}

namespace detail {
/// A part given as is (always present) or through when().
template <class T>
auto as_optional_part(T&& part) {
  using U = std::remove_cvref_t<T>;
  if constexpr (is_optional_part<U>)
    return U(std::forward<T>(part));
  else
    return optional_part<U>{std::optional<U>(std::forward<T>(part))};
}
}  // namespace detail

}  // namespace pgdsl

namespace pgdsl::detail {

template <class... Assignments>
class optional_assignments {
  static_assert(sizeof...(Assignments) <= 64, "a dynamic statement has at most 64 assignments");

 public:
  using parts = pack<optional_part<Assignments>...>;
  /// The most values they bind (every one present).
  static constexpr std::size_t max_param_count = (std::size_t{0} + ... + Assignments::params::size);

  explicit optional_assignments(parts assignments) : parts_(std::move(assignments)) {}

  /// Bit i set when the i-th assignment is present.
  std::uint64_t shape() const noexcept {
    std::uint64_t bits = 0;
    std::size_t at = 0;
    parts_.for_each([&](const auto& a) { bits |= std::uint64_t{a.present()} << at++; });
    return bits;
  }

  /// Renders the present assignments with `render(writer, assignment type tag)`, separated by
  /// ", ", after `open` (written only when one is present).
  template <class Render>
  void render_present(sql_writer& w, const char* open, Render&& render) const {
    bool first = true;
    parts_.for_each([&](const auto& a) {
      if (!a.present()) return;
      w << (first ? open : ", ");
      first = false;
      render(w, std::type_identity<std::remove_cvref_t<decltype(*a.part)>>{});
    });
  }

  /// Calls f(value) for each bound value of the present assignments, in order.
  template <class F>
  void bind(F& f) const {
    parts_.for_each([&](const auto& a) {
      if (a.present()) a.part->bind(f);
    });
  }

 private:
  parts parts_;
};

/// The RETURNING clause of a dynamic write to Identity's table: its items checked to name only that
/// table.
template <class Identity, class... Items>
auto dynamic_returning(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "returning() needs at least one column or expression");
  using clause = returning_clause<decltype(returning_item(std::declval<Items>()))...>;
  check_scope<difference_t<typename clause::tables, type_list<Identity>>>();
  return clause{make_item_list(returning_item(std::forward<Items>(items))...)};
}

/// The assignment types of set()'s arguments, each as an optional part.
template <class Part>
using optional_part_of = decltype(as_optional_part(std::declval<Part>()));

}  // namespace pgdsl::detail

// ---- pgdsl/dynamic/detail/shape_text.hpp
// shape_text: the SQL of each shape of a dynamic statement type, rendered once per process when
// the shape is first used, and kept at a fixed address: that address is the shape's key in a
// connection's prepared-statement cache, as Q::sql.c_str() is a static statement's. A statement
// type with N optional parts has at most 2^N shapes; only those used are stored.

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>


namespace pgdsl::detail {

/// Renders with `render(writer)` into `buffer` when it fits (the writer measures first); returns
/// the size, or the size needed when it did not fit (nothing written then).
template <class Render>
std::size_t render_into(char* buffer, std::size_t capacity, std::size_t first_placeholder,
                        Render&& render) {
  sql_writer counter(nullptr, first_placeholder);
  render(counter);
  if (counter.size() > capacity) return counter.size();
  sql_writer writer(buffer, first_placeholder);
  render(writer);
  return writer.size();
}

/// The interned text of shape `shape` of statement type Statement.
template <class Statement>
class shape_text {
 public:
  template <class Render>
  static const char* get(std::uint64_t shape, std::size_t first_placeholder, Render&& render) {
    {
      const std::shared_lock lock(mutex());
      const auto found = texts().find(shape);
      if (found != texts().end()) return found->second.c_str();
    }
    char stack[1024];
    std::string text;
    const std::size_t size = render_into(stack, sizeof stack, first_placeholder, render);
    if (size <= sizeof stack) {
      text.assign(stack, size);
    } else {
      text.resize(size);
      render_into(text.data(), size, first_placeholder, render);
    }
    const std::unique_lock lock(mutex());
    return texts().try_emplace(shape, std::move(text)).first->second.c_str();
  }

 private:
  static std::shared_mutex& mutex() {
    static std::shared_mutex instance;
    return instance;
  }
  static std::unordered_map<std::uint64_t, std::string>& texts() {
    static std::unordered_map<std::uint64_t, std::string> instance;
    return instance;
  }
};

}  // namespace pgdsl::detail

namespace pgdsl {

/// INSERT INTO table (present columns) VALUES (their values) [RETURNING items].
template <class Table, class Parts, class Returning>
class dynamic_insert;

template <class Table, class... Assignments, class Returning>
class dynamic_insert<Table, detail::pack<optional_part<Assignments>...>, Returning> {
  using identity = typename Table::table_identity;
  using parts = detail::pack<optional_part<Assignments>...>;
  using column_list = detail::optional_assignments<Assignments...>;

 public:
  using result_columns = decltype(detail::clause_result_columns<Returning, type_list<>>());
  /// The most values a shape binds (every assignment present).
  static constexpr std::size_t max_param_count =
      column_list::max_param_count + decltype(detail::clause_params<Returning>())::size;

  dynamic_insert(column_list assignments, Returning returning)
      : assignments_(std::move(assignments)), returning_(std::move(returning)) {}

  /// RETURNING items: the inserted rows, typed like a select list (the key a default made).
  template <class... Items>
  [[nodiscard]] auto returning(Items&&... items) const {
    static_assert(std::is_same_v<Returning, detail::no_returning>, "RETURNING is already set");
    auto clause = detail::dynamic_returning<identity>(std::forward<Items>(items)...);
    return dynamic_insert<Table, parts, decltype(clause)>(assignments_, std::move(clause));
  }

  /// Which assignments are present: bit i for the i-th.
  std::uint64_t shape() const noexcept { return assignments_.shape(); }

  /// The SQL of this shape, rendered the first time the shape is used, then looked up.
  const char* sql() const {
    return detail::shape_text<dynamic_insert>::get(shape(), 1,
                                                   [this](sql_writer& w) { render(w); });
  }

  /// Calls f(value) for each bound value of this shape, in $n order.
  template <class F>
  void bind(F&& f) const {
    assignments_.bind(f);
    returning_.bind(f);
  }

 private:
  void render(sql_writer& w) const {
    w << "INSERT INTO ";
    identity::render_reference(w);
    if (shape() == 0) {
      w << " DEFAULT VALUES";
    } else {
      assignments_.render_present(
          w, " (", [](sql_writer& out, auto a) { decltype(a)::type::render_target(out); });
      assignments_.render_present(
          w, ") VALUES (", [](sql_writer& out, auto a) { decltype(a)::type::render_value(out); });
      w << ')';
    }
    Returning::render(w);
  }

  column_list assignments_;
  Returning returning_;
};

namespace detail {

/// The columns of the assignments among Parts that are always there (not made by when()).
template <class... Parts>
using always_given_columns = concat_t<std::conditional_t<
    is_optional_part<std::remove_cvref_t<Parts>>, type_list<>,
    type_list<typename optional_part_of<Parts>::part_type::column>>...>;

}  // namespace detail

template <class Table>
template <class... Parts>
requires(detail::is_optional_part<std::remove_cvref_t<Parts>> || ...)
auto insert_target<Table>::set(Parts&&... parts) const {
  detail::check_assignments<Table, typename detail::optional_part_of<Parts>::part_type...>();
  detail::check_required_columns<Table, detail::always_given_columns<Parts...>>();
  return dynamic_insert<Table, detail::pack<detail::optional_part_of<Parts>...>,
                        detail::no_returning>(
      detail::optional_assignments<typename detail::optional_part_of<Parts>::part_type...>(
          detail::pack<detail::optional_part_of<Parts>...>(
              detail::as_optional_part(std::forward<Parts>(parts))...)),
      {});
}

}  // namespace pgdsl

// ---- pgdsl/dynamic/dynamic_join.hpp
// Optional joins of a dynamic SELECT: pgdsl::left_join(orders).on(...) given to .join(), alone or
// through pgdsl::when(flag, ...), so a search joins a table only when a filter or a sort key needs
// it. A part that uses an optional join's table is refused: at compile time when the part is
// always there, at run time (absent_join, naming the table) when it is present and the join is not.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// A present part of a dynamic statement uses a table whose optional join is absent.
class absent_join : public error {
 public:
  explicit absent_join(const std::string& table)
      : error("a condition, sort key or join of the dynamic statement uses " + table +
              ", whose optional join is absent from this shape: ask for the join whenever a "
              "part that uses its table is present"),
        table_(table) {}
  /// The table as FROM writes it: "orders", or "users" AS "u".
  const std::string& table() const noexcept { return table_; }

 private:
  std::string table_;
};

/// The condition of the optional-join rule: names the table joined only when asked.
template <class Table, bool Holds>
inline constexpr bool table_is_joined_always = Holds;
/// The condition of the rule that a table is joined once: names the table.
template <class Table, bool Holds>
inline constexpr bool table_is_joined_once = Holds;

namespace detail {

/// left_join(t) / join(t) waiting for its ON condition.
template <join_kind Kind, class Table>
struct pending_dynamic_join {
  /// ON condition: a boolean expression.
  template <class Condition>
  [[nodiscard]] auto on(Condition&& condition) const {
    auto operand = to_operand(std::forward<Condition>(condition));
    check_boolean<decltype(operand)>();
    using source = from_item<identity_of<Table>>;
    return join_item<Kind, source, decltype(operand)>{source{}, std::move(operand)};
  }
};

template <class T>
inline constexpr bool is_dynamic_join = false;
template <join_kind Kind, class Table, class Condition>
inline constexpr bool is_dynamic_join<join_item<Kind, Table, Condition>> =
    Kind == join_kind::inner || Kind == join_kind::left;

/// The tables a part of a dynamic statement uses and the values it binds (a join: its ON
/// condition's).
template <class Part>
struct part_traits {
  using tables = typename Part::tables;
  using params = typename Part::params;
};
template <join_kind Kind, class Table, class Condition>
struct part_traits<join_item<Kind, Table, Condition>> {
  using tables = typename Condition::tables;
  using params = typename Condition::params;
};
template <class Part>
using part_tables = typename part_traits<Part>::tables;
template <class Part>
using part_params = typename part_traits<Part>::params;

/// Bit i set when the i-th of JoinIds is among Tables and is joined only when asked (Optional).
template <class Tables, class JoinIds, std::uint64_t Optional>
constexpr std::uint64_t joins_needed() {
  return []<class... Ids>(type_list<Ids...>) {
    std::uint64_t bits = 0;
    std::size_t at = 0;
    ((bits |= std::uint64_t{contains_v<Ids, Tables>} << at++), ...);
    return bits & Optional;
  }(JoinIds{});
}

/// A part that is always there must not use a table joined only when asked.
template <class Tables, class JoinIds, std::uint64_t Optional>
constexpr void check_fixed_part_joins() {
  constexpr std::uint64_t needed = joins_needed<Tables, JoinIds, Optional>();
  if constexpr (needed != 0) {
    using table = at_t<std::countr_zero(needed), JoinIds>;
    static_assert(table_is_joined_always<typename table::description, false>,
                  "a condition, sort key or join that is always there uses a table joined only "
                  "when asked (pgdsl::when): make the part optional too, or join the table always");
  }
}

/// Each join's table is new (not in the base's FROM, not joined before) and its ON condition
/// uses only the base's tables, the tables joined before it and its own.
template <class Scope>
constexpr void check_dynamic_joins(type_list<>) {}
template <class Scope, class First, class... Later>
constexpr void check_dynamic_joins(type_list<First, Later...>) {
  using table = typename from_entry_traits<First>::identity;
  static_assert(table_is_joined_once<typename table::description, !contains_v<table, Scope>>,
                "a table is joined twice (or is already in the base's FROM): join it under an "
                "alias, table.as<\"name\">()");
  using scope = concat_t<Scope, type_list<table>>;
  check_scope<difference_t<typename First::tables, scope>>();
  check_dynamic_joins<scope>(type_list<Later...>{});
}

/// The i-th of JoinIds as FROM writes it.
template <class... Ids>
std::string join_table_name(type_list<Ids...>, std::size_t index) {
  std::string name;
  std::size_t at = 0;
  ((at++ == index ? [&] {
    sql_writer counter;
    Ids::render_reference(counter);
    name.resize(counter.size());
    sql_writer writer(name.data());
    Ids::render_reference(writer);
  }()
                  : void()),
   ...);
  return name;
}

/// Throws absent_join naming the first table in `needed` whose join is not `present`.
template <class JoinIds>
void check_joins_present(std::uint64_t needed, std::uint64_t present) {
  const std::uint64_t missing = needed & ~present;
  if (missing != 0)
    throw absent_join(
        join_table_name(JoinIds{}, static_cast<std::size_t>(std::countr_zero(missing))));
}

/// The joins each column of a sort_by() needs, by column position.
template <class JoinIds, std::uint64_t Optional, class... Columns>
constexpr std::array<std::uint64_t, sizeof...(Columns)> column_joins(type_list<Columns...>) {
  return {joins_needed<typename Columns::tables, JoinIds, Optional>()...};
}

/// The base's clauses with the dynamic joins after its FROM: rendered and bound in that order,
/// so placeholders stay numbered left to right.
template <class Base>
struct base_around_joins;
template <class... Clauses>
struct base_around_joins<statement<Clauses...>> {
  template <class Joins>
  static void render(sql_writer& w, Joins&& joins) {
    ((Clauses::render(w), std::is_same_v<typename Clauses::slot, from_slot> ? joins(w) : void()),
     ...);
  }
  template <class F, class Joins>
  static void bind(const statement<Clauses...>& base, F& f, Joins&& joins) {
    ((static_cast<const slot_of<Clauses>&>(base).clause.bind(f),
      std::is_same_v<typename Clauses::slot, from_slot> ? joins(f) : void()),
     ...);
  }
};

}  // namespace detail

/// JOIN table ON ..., for a dynamic statement's .join(): pgdsl::when(flag, pgdsl::join(t).on(c)).
template <table_type Table>
auto join(const Table&) {
  return detail::pending_dynamic_join<detail::join_kind::inner, Table>{};
}
/// LEFT JOIN table ON ..., for a dynamic statement's .join().
template <table_type Table>
auto left_join(const Table&) {
  return detail::pending_dynamic_join<detail::join_kind::left, Table>{};
}

}  // namespace pgdsl

// ---- pgdsl/dynamic/dynamic_select.hpp
// dynamic_select: a static SELECT (its list, FROM, joins and fixed WHERE checked and rendered at
// compile time) with parts present only at run time: optional joins after its FROM, optional
// WHERE conditions, optional ORDER BY keys, an optional LIMIT. Each part is checked at compile
// time like its static form; absent parts disappear, placeholders stay dense, and the shape (a
// bitmask of the present parts) selects the statement's SQL, rendered once per shape and prepared
// once per shape and connection.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

// ---- pgdsl/dynamic/sort_by.hpp
// pgdsl::sort_by(spec, columns...): ORDER BY keys named at run time ("name,-created_at", as a
// request's ?sort= carries them), accepted only among the columns the program lists. Each key is
// a column of the descriptor, so the SQL is still written by the program: the spec only chooses
// which of the listed columns come, in which order and direction. It is a key of a dynamic
// statement's .order_by(); its choice is part of the statement's shape.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>


namespace pgdsl {

/// A sort spec names a column the program does not allow, names one twice, or is malformed.
class invalid_sort_key : public error {
 public:
  invalid_sort_key(std::string_view key, const std::string& reason)
      : error("invalid sort key \"" + std::string(key.substr(0, 64)) + "\": " + reason),
        key_(key) {}
  /// The offending key, as given.
  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

/// The condition of the sort_by rule: the allowed columns' names must differ.
template <bool Holds>
inline constexpr bool sort_by_names_are_distinct = Holds;

namespace detail {

/// The keys a sort spec chose among Columns (at most MaxKeys): each the index of a column and a
/// direction.
template <std::size_t MaxKeys, class... Columns>
class sort_choice {
 public:
  static constexpr std::size_t column_count = sizeof...(Columns);
  static constexpr std::size_t max_keys = MaxKeys < column_count ? MaxKeys : column_count;
  using tables = concat_t<typename Columns::tables...>;
  using columns = type_list<Columns...>;
  using params = type_list<>;
  /// Bits of a statement's shape this choice takes: per key, the column's index + 1 and the
  /// direction.
  static constexpr std::size_t key_bits = std::bit_width(column_count) + 1;
  static constexpr std::size_t shape_bits = max_keys * key_bits;

  /// Adds key `index` (position among Columns); false when that column is already a key. The
  /// caller checks full() first.
  bool full() const noexcept { return count_ == max_keys; }
  bool add(std::size_t index, bool descending) {
    for (std::size_t i = 0; i < count_; ++i)
      if ((keys_[i] & index_mask) == index + 1) return false;
    keys_[count_++] =
        static_cast<std::uint8_t>((index + 1) | (descending ? descending_bit : 0));
    return true;
  }
  std::size_t size() const noexcept { return count_; }
  /// Bit i set when the i-th of Columns is a key.
  std::uint64_t chosen_columns() const noexcept {
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < count_; ++i)
      bits |= std::uint64_t{1} << ((keys_[i] & index_mask) - 1);
    return bits;
  }

  /// This choice as shape bits: equal choices give equal codes, different ones differ.
  std::uint64_t shape_code() const noexcept {
    std::uint64_t code = 0;
    for (std::size_t i = 0; i < count_; ++i)
      code |= std::uint64_t{keys_[i]} << (i * key_bits);
    return code;
  }

  /// The chosen keys, comma-separated: "users"."name" ASC, "users"."created_at" DESC.
  void render(sql_writer& w) const {
    for (std::size_t i = 0; i < count_; ++i) {
      if (i != 0) w << ", ";
      render_column(w, (keys_[i] & index_mask) - 1, std::make_index_sequence<column_count>{});
      w << ((keys_[i] & descending_bit) != 0 ? " DESC" : " ASC");
    }
  }
  template <class F>
  void bind(F&) const {}

 private:
  static constexpr std::uint8_t descending_bit = std::uint8_t(1u << (key_bits - 1));
  static constexpr std::uint8_t index_mask = std::uint8_t(descending_bit - 1);

  template <std::size_t... I>
  static void render_column(sql_writer& w, std::size_t index, std::index_sequence<I...>) {
    ((I == index ? render_operand<Columns>(w) : void()), ...);
  }

  std::array<std::uint8_t, max_keys> keys_{};
  std::size_t count_ = 0;
};

template <class T>
inline constexpr bool is_sort_choice = false;
template <std::size_t MaxKeys, class... Columns>
inline constexpr bool is_sort_choice<sort_choice<MaxKeys, Columns...>> = true;

template <class... Columns>
constexpr bool names_distinct() {
  constexpr std::array<std::string_view, sizeof...(Columns)> names{Columns::name.view()...};
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = i + 1; j < names.size(); ++j)
      if (names[i] == names[j]) return false;
  return true;
}

inline std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace detail

/// The ORDER BY keys of `spec` ("name,-created_at": comma-separated column names, '-' before a
/// name for descending, '+' or nothing for ascending; spaces around keys ignored), each one of
/// `columns`, matched by its SQL name exactly, at most MaxKeys of them (3 unless given:
/// sort_by<4>(spec, ...)). An empty spec is no key (the part is absent). Throws invalid_sort_key
/// naming the key for a name not among `columns`, a column given twice, an empty key or one key
/// too many; the message lists the allowed names. Each choice is a shape of the statement, so
/// MaxKeys bounds how many texts a process keeps (12 columns, 3 keys: about 11,000 at most).
template <std::size_t MaxKeys = 3, class... Columns>
requires(column_type<Columns>&&...) auto sort_by(std::string_view spec, const Columns&...) {
  static_assert(MaxKeys > 0, "sort_by<MaxKeys>(): at least one key");
  static_assert(sizeof...(Columns) > 0, "sort_by() needs the columns a spec may choose from");
  static_assert(sizeof...(Columns) <= 12, "sort_by() chooses among at most 12 columns");
  static_assert(sort_by_names_are_distinct<detail::names_distinct<Columns...>()>,
                "sort_by(): two allowed columns have the same name, a spec could not tell them "
                "apart");
  using choice = detail::sort_choice<MaxKeys, Columns...>;
  optional_part<choice> result;
  spec = detail::trim_spaces(spec);
  if (spec.empty()) return result;
  auto allowed = [] {
    std::string names;
    ((names += (names.empty() ? "" : ", "), names += Columns::name.view()), ...);
    return "allowed: " + names;
  };
  choice keys;
  for (std::size_t start = 0; start <= spec.size();) {
    const std::size_t comma = spec.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? spec.size() : comma;
    std::string_view key = detail::trim_spaces(spec.substr(start, end - start));
    const std::string_view given = key;
    bool descending = false;
    if (!key.empty() && (key.front() == '-' || key.front() == '+')) {
      descending = key.front() == '-';
      key = detail::trim_spaces(key.substr(1));
    }
    if (key.empty()) throw invalid_sort_key(given, "an empty key (" + allowed() + ")");
    if (keys.full())
      throw invalid_sort_key(given, "more than " + std::to_string(choice::max_keys) + " keys");
    std::size_t index = 0, found = sizeof...(Columns);
    ((found = found == sizeof...(Columns) && Columns::name.view() == key ? index : found, ++index),
     ...);
    if (found == sizeof...(Columns)) throw invalid_sort_key(given, "no such column (" + allowed() + ")");
    if (!keys.add(found, descending)) throw invalid_sort_key(given, "the column is already a key");
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  result.part.emplace(keys);
  return result;
}

}  // namespace pgdsl

namespace pgdsl {

/// The condition of the dynamic base rule: names the clause the base must not have yet.
template <class Clause, bool Holds>
inline constexpr bool dynamic_base_lacks = Holds;

namespace detail {

template <class Statement>
struct dynamic_base_traits {
  static constexpr bool is_statement = false;
};
template <class... Clauses>
struct dynamic_base_traits<statement<Clauses...>> {
  static constexpr bool is_statement = true;
  template <class Clause>
  static constexpr bool has = (std::is_same_v<Clause, Clauses> || ...);
};

template <class Base>
constexpr void check_dynamic_base() {
  using traits = dynamic_base_traits<Base>;
  static_assert(traits::is_statement, "pgdsl::dynamic() takes a SELECT statement");
  if constexpr (traits::is_statement) {
    static_assert(dynamic_base_lacks<no_order_by, traits::template has<no_order_by>>,
                  "pgdsl::dynamic(): give ORDER BY through .order_by() of the dynamic statement, "
                  "not in its base");
    static_assert(dynamic_base_lacks < no_limit,
                  traits::template has<no_limit> && traits::template has < no_offset >>,
                  "pgdsl::dynamic(): give LIMIT through .limit() of the dynamic statement; the "
                  "base takes neither LIMIT nor OFFSET");
    static_assert(dynamic_base_lacks < no_group_by,
                  traits::template has<no_group_by> && traits::template has < no_lock >>,
                  "pgdsl::dynamic(): the base must end at FROM/JOIN/WHERE (no GROUP BY, "
                  "HAVING or locking clause)");
  }
}

template <class Scope, class Part>
constexpr void check_in_scope() {
  check_scope<difference_t<typename Part::tables, Scope>>();
}

template <class Part>
constexpr std::size_t params_of_part = part_params<Part>::size;

/// Bits of a dynamic statement's shape that a part takes: one (present or not), or a run-time
/// sort choice's code.
template <class Part>
constexpr std::size_t shape_bits_of() {
  if constexpr (is_sort_choice<Part>)
    return Part::shape_bits;
  else
    return 1;
}

}  // namespace detail

/// SELECT base [optional joins] [WHERE ... AND optional conditions] [ORDER BY optional keys]
/// [LIMIT optional]; bit i of FixedJoins: the i-th join is always there.
template <class Base, class Joins, class Terms, class Keys, bool HasLimit,
          std::uint64_t FixedJoins = 0>
class dynamic_select;

template <class Base, class... Joins, class... Terms, class... Keys, bool HasLimit,
          std::uint64_t FixedJoins>
class dynamic_select<Base, detail::pack<optional_part<Joins>...>,
                     detail::pack<optional_part<Terms>...>, detail::pack<optional_part<Keys>...>,
                     HasLimit, FixedJoins> {
  static_assert(sizeof...(Joins) + sizeof...(Terms) +
                        (std::size_t{0} + ... + detail::shape_bits_of<Keys>()) + 1 <=
                    64,
                "a dynamic statement has at most 63 optional parts (a sort_by() takes 2 to 5 "
                "bits per allowed column)");

  using join_pack = detail::pack<optional_part<Joins>...>;
  using term_pack = detail::pack<optional_part<Terms>...>;
  using key_pack = detail::pack<optional_part<Keys>...>;
  // The dynamic joins' tables, and those joined only when asked (a bit per join).
  using join_ids = type_list<typename detail::from_entry_traits<Joins>::identity...>;
  static constexpr std::uint64_t optional_joins =
      ((std::uint64_t{1} << sizeof...(Joins)) - 1) & ~FixedJoins;
  // What conditions and keys may use: the base's tables and every joined one.
  using scope = concat_t<typename Base::scope, join_ids>;

 public:
  using result_columns = typename Base::result_columns;
  /// The most values a shape binds (all parts present).
  static constexpr std::size_t max_param_count =
      Base::param_count + (std::size_t{0} + ... + detail::params_of_part<Joins>) +
      (std::size_t{0} + ... + detail::params_of_part<Terms>) +
      (std::size_t{0} + ... + detail::params_of_part<Keys>) + (HasLimit ? 1 : 0);

  /// Throws absent_join when a present part uses a table whose optional join is absent.
  dynamic_select(Base base, join_pack joins, term_pack terms, key_pack keys,
                 std::optional<std::int64_t> limit)
      : base_(std::move(base)),
        joins_(std::move(joins)),
        terms_(std::move(terms)),
        keys_(std::move(keys)),
        limit_(limit) {
    if constexpr (optional_joins != 0) check_joins_present();
  }

  /// Joins after the base's FROM, all in one call and before .where() and .order_by(): each
  /// pgdsl::join(t).on(c) or pgdsl::left_join(t).on(c) (always there), or pgdsl::when(flag, one
  /// of them). A condition, key or later join that uses an optional join's table must be
  /// optional itself; present while that join is absent, it throws absent_join.
  template <class... Parts>
  [[nodiscard]] auto join(Parts&&... parts) const {
    static_assert(sizeof...(Joins) == 0 && sizeof...(Terms) == 0 && sizeof...(Keys) == 0,
                  "a dynamic statement takes its joins in one .join(), before .where() and "
                  ".order_by()");
    static_assert(dynamic_base_lacks<detail::no_from, !detail::dynamic_base_traits<
                                                          Base>::template has<detail::no_from>>,
                  "pgdsl::dynamic(): a base with joins needs a FROM: select(...).from(table)");
    constexpr bool all_joins =
        (detail::is_dynamic_join<typename decltype(detail::as_optional_part(
             std::declval<Parts>()))::part_type> &&
         ...);
    static_assert(all_joins, ".join() of a dynamic statement takes pgdsl::join(table).on(c) or "
                             "pgdsl::left_join(table).on(c), each maybe through pgdsl::when()");
    if constexpr (all_joins) {
      using next_joins = detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>;
      constexpr std::uint64_t fixed = [] {
        std::uint64_t bits = 0;
        std::size_t at = 0;
        ((bits |= std::uint64_t{!detail::is_optional_part<std::remove_cvref_t<Parts>>} << at++),
         ...);
        return bits;
      }();
      using next = dynamic_select<Base, next_joins, term_pack, key_pack, HasLimit, fixed>;
      detail::check_dynamic_joins<typename Base::scope>(
          type_list<typename decltype(detail::as_optional_part(
              std::declval<Parts>()))::part_type...>{});
      (next::template check_part<Parts>(), ...);
      return next(base_, next_joins(detail::as_optional_part(std::forward<Parts>(parts))...),
                  terms_, keys_, limit_);
    }
  }

  /// WHERE conditions, all in one call: each a boolean expression (always present) or
  /// pgdsl::when(value, make_condition); ANDed with the base's WHERE.
  template <class... Parts>
  [[nodiscard]] auto where(Parts&&... parts) const {
    static_assert(sizeof...(Terms) == 0,
                  "the dynamic WHERE is already set: list every "
                  "condition in one .where()");
    using next_terms = detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>;
    using next = dynamic_select<Base, join_pack, next_terms, key_pack, HasLimit, FixedJoins>;
    (detail::check_boolean<typename decltype(detail::as_optional_part(
         std::declval<Parts>()))::part_type>(),
     ...);
    (check_part<Parts>(), ...);
    return next(base_, joins_, next_terms(detail::as_optional_part(std::forward<Parts>(parts))...),
                keys_, limit_);
  }

  /// ORDER BY keys, all in one call: each a sort item (expr.asc()) or a column,
  /// pgdsl::when(flag, key), or pgdsl::sort_by(spec, columns...) (keys named at run time); absent
  /// keys are left out, and ORDER BY with them when none is there.
  template <class... Parts>
  [[nodiscard]] auto order_by(Parts&&... parts) const {
    static_assert(sizeof...(Keys) == 0,
                  "the dynamic ORDER BY is already set: list every key "
                  "in one .order_by()");
    using next_keys = detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>;
    using next = dynamic_select<Base, join_pack, term_pack, next_keys, HasLimit, FixedJoins>;
    (check_part<Parts>(), ...);
    return next(base_, joins_, terms_,
                next_keys(detail::as_optional_part(std::forward<Parts>(parts))...), limit_);
  }

  /// LIMIT count when `count` holds one (bound as $n).
  [[nodiscard]] auto limit(std::optional<std::int64_t> count) const {
    static_assert(!HasLimit, "the dynamic LIMIT is already set");
    return dynamic_select<Base, join_pack, term_pack, key_pack, true, FixedJoins>(
        base_, joins_, terms_, keys_, count);
  }

  /// Which parts are present: bit i for the i-th join, then the conditions, then the keys (a
  /// sort_by() as the code of its choice), then LIMIT.
  std::uint64_t shape() const noexcept {
    std::uint64_t bits = joins_present();
    std::size_t at = sizeof...(Joins);
    terms_.for_each([&](const auto& t) { bits |= std::uint64_t{t.present()} << at++; });
    keys_.for_each([&](const auto& k) {
      using key = typename std::remove_cvref_t<decltype(k)>::part_type;
      if constexpr (detail::is_sort_choice<key>) {
        if (k.present()) bits |= k.part->shape_code() << at;
        at += key::shape_bits;
      } else {
        bits |= std::uint64_t{k.present()} << at++;
      }
    });
    if (HasLimit && limit_) bits |= std::uint64_t{1} << at;
    return bits;
  }

  /// The SQL of this shape: rendered the first time the shape is used (in this process), then
  /// looked up; the pointer stays valid for the program's life.
  const char* sql() const {
    return detail::shape_text<dynamic_select>::get(shape(), first_placeholder,
                                                   [this](sql_writer& w) { render(w); });
  }

  /// Renders this shape into `buffer` (no heap); returns the text, or an empty view when it
  /// needs more than `capacity` bytes.
  std::string_view render_into(char* buffer, std::size_t capacity) const {
    const std::size_t size = detail::render_into(buffer, capacity, first_placeholder,
                                                 [this](sql_writer& w) { render(w); });
    return size <= capacity ? std::string_view(buffer, size) : std::string_view();
  }

  /// Calls f(value) for each bound value of this shape, in $n order.
  template <class F>
  void bind(F&& f) const {
    if constexpr (sizeof...(Joins) == 0)
      base_.bind(f);
    else
      detail::base_around_joins<Base>::bind(base_, f, [this](F& g) {
        joins_.for_each([&](const auto& j) {
          if (j.present()) j.part->bind(g);
        });
      });
    terms_.for_each([&](const auto& t) {
      if (t.present()) t.part->bind(f);
    });
    keys_.for_each([&](const auto& k) {
      if (k.present()) k.part->bind(f);
    });
    if (HasLimit && limit_) f(*limit_);
  }

 private:
  template <class, class, class, class, bool, std::uint64_t>
  friend class dynamic_select;

  // Without joins the base's text is copied and the parts numbered after it; with joins the base
  // is rendered clause by clause around them.
  static constexpr std::size_t first_placeholder = sizeof...(Joins) == 0 ? Base::param_count + 1
                                                                         : 1;

  // A part's tables are in scope; one that is always there uses no optional join's table.
  template <class Given>
  static constexpr void check_part() {
    using part = typename decltype(detail::as_optional_part(std::declval<Given>()))::part_type;
    if constexpr (!detail::is_dynamic_join<part>) detail::check_in_scope<scope, part>();
    if constexpr (!detail::is_optional_part<std::remove_cvref_t<Given>>)
      detail::check_fixed_part_joins<detail::part_tables<part>, join_ids, optional_joins>();
  }

  // Bit i: the i-th join is present.
  std::uint64_t joins_present() const noexcept {
    std::uint64_t bits = 0;
    std::size_t at = 0;
    joins_.for_each([&](const auto& j) { bits |= std::uint64_t{j.present()} << at++; });
    return bits;
  }

  // Every present join, condition and key finds the optional joins it uses present.
  void check_joins_present() const {
    const std::uint64_t present = joins_present();
    const auto check = [&](const auto& p) {
      using part = typename std::remove_cvref_t<decltype(p)>::part_type;
      if (!p.present()) return;
      if constexpr (detail::is_sort_choice<part>) {
        constexpr auto needs =
            detail::column_joins<join_ids, optional_joins>(typename part::columns{});
        const std::uint64_t chosen = p.part->chosen_columns();
        for (std::size_t i = 0; i < needs.size(); ++i)
          if ((chosen >> i) & 1) detail::check_joins_present<join_ids>(needs[i], present);
      } else {
        constexpr std::uint64_t needs =
            detail::joins_needed<detail::part_tables<part>, join_ids, optional_joins>();
        if constexpr (needs != 0) detail::check_joins_present<join_ids>(needs, present);
      }
    };
    joins_.for_each(check);
    terms_.for_each(check);
    keys_.for_each(check);
  }

  // The base's text (with the present joins after its FROM), then the present parts, numbered
  // after the base's placeholders.
  void render(sql_writer& w) const {
    if constexpr (sizeof...(Joins) == 0) {
      w << Base::sql.view();
    } else {
      Base::check_complete();
      detail::base_around_joins<Base>::render(w, [this](sql_writer& out) {
        joins_.for_each([&](const auto& j) {
          if (j.present()) std::remove_cvref_t<decltype(*j.part)>::render(out);
        });
      });
    }
    bool where_open = detail::dynamic_base_traits<Base>::template has<detail::no_where> == false;
    terms_.for_each([&](const auto& t) {
      if (!t.present()) return;
      w << (where_open ? " AND " : " WHERE ");
      where_open = true;
      std::remove_cvref_t<decltype(*t.part)>::render(w);
    });
    bool first_key = true;
    keys_.for_each([&](const auto& k) {
      if (!k.present()) return;
      w << (first_key ? " ORDER BY " : ", ");
      first_key = false;
      using key = std::remove_cvref_t<decltype(*k.part)>;
      if constexpr (detail::is_sort_choice<key>)
        k.part->render(w);
      else if constexpr (expression<key>)
        detail::render_operand<key>(w);
      else
        key::render(w);
    });
    if (HasLimit && limit_) {
      w << " LIMIT ";
      w.placeholder();
    }
  }

  Base base_;
  join_pack joins_;
  term_pack terms_;
  key_pack keys_;
  std::optional<std::int64_t> limit_;
};

/// A dynamic statement over a static SELECT base (select list, FROM, joins, fixed WHERE):
/// pgdsl::dynamic(select(...).from(t)).where(pgdsl::when(...), ...).order_by(...).limit(n).
template <class Base>
auto dynamic(Base base) {
  detail::check_dynamic_base<Base>();
  return dynamic_select<Base, detail::pack<>, detail::pack<>, detail::pack<>, false>(
      std::move(base), {}, {}, {}, std::nullopt);
}

}  // namespace pgdsl

// ---- pgdsl/dynamic/dynamic_update.hpp
// A dynamic UPDATE, the PATCH endpoint's statement: update(t).set(...) given an assignment present
// only at run time (pgdsl::when(request.email, ...)) sets only the present ones. Every assignment
// is checked at compile time as in a static set() (its column belongs to the table, its value
// fits the column, NULL only into a nullable column); the WHERE condition and RETURNING items are
// static. The shape (which assignments are present) selects the SQL, rendered once per shape and
// prepared once per shape and connection, as a dynamic SELECT's. With no assignment present
// there is nothing to set: sql() throws empty_update instead of sending an UPDATE that cannot
// parse.

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>


namespace pgdsl {

/// A dynamic UPDATE with none of its assignments present (the request carried no field).
class empty_update : public error {
 public:
  explicit empty_update(std::string table)
      : error("UPDATE " + table +
              ": no assignment is present, so there is nothing to set; check that the request "
              "carried at least one field before running it (shape() == 0)"),
        table_(std::move(table)) {}
  /// The table the statement updates, as written in its SQL.
  const std::string& table() const noexcept { return table_; }

 private:
  std::string table_;
};

/// The condition of the dynamic UPDATE's WHERE rule.
template <bool Holds>
inline constexpr bool dynamic_update_has_where = Holds;

/// UPDATE table SET present assignments WHERE condition [RETURNING items].
template <class Table, class Parts, class Where, class Returning>
class dynamic_update;

template <class Table, class... Assignments, class Where, class Returning>
class dynamic_update<Table, detail::pack<optional_part<Assignments>...>, Where, Returning> {
  using identity = typename Table::table_identity;
  using parts = detail::pack<optional_part<Assignments>...>;
  using set_list = detail::optional_assignments<Assignments...>;
  static constexpr bool has_where =
      !std::is_same_v<Where, detail::where_required<update_statement>>;

 public:
  using result_columns = decltype(detail::clause_result_columns<Returning, type_list<>>());
  /// The most values a shape binds (every assignment present).
  static constexpr std::size_t max_param_count =
      set_list::max_param_count + decltype(detail::clause_params<Where>())::size +
      decltype(detail::clause_params<Returning>())::size;

  dynamic_update(set_list assignments, Where where, Returning returning)
      : assignments_(std::move(assignments)),
        where_(std::move(where)),
        returning_(std::move(returning)) {}

  /// WHERE condition (required: a PATCH of every row is not what an optional field means).
  template <class Condition>
  [[nodiscard]] auto where(Condition&& condition) const {
    static_assert(!has_where, "WHERE is already set: combine conditions with && in one .where()");
    auto clause = detail::condition_clause<" WHERE ">(std::forward<Condition>(condition));
    using clause_type = decltype(clause);
    detail::check_scope<difference_t<typename clause_type::tables, type_list<identity>>>();
    return dynamic_update<Table, parts, clause_type, Returning>(assignments_, std::move(clause),
                                                                returning_);
  }

  /// RETURNING items: the updated rows, typed like a select list.
  template <class... Items>
  [[nodiscard]] auto returning(Items&&... items) const {
    static_assert(std::is_same_v<Returning, detail::no_returning>, "RETURNING is already set");
    auto clause = detail::dynamic_returning<identity>(std::forward<Items>(items)...);
    return dynamic_update<Table, parts, Where, decltype(clause)>(assignments_, where_, std::move(clause));
  }

  /// Which assignments are present: bit i for the i-th.
  std::uint64_t shape() const noexcept { return assignments_.shape(); }

  /// The SQL of this shape (rendered the first time the shape is used, then looked up); throws
  /// empty_update when no assignment is present.
  const char* sql() const {
    static_assert(dynamic_update_has_where<has_where>,
                  "a dynamic UPDATE needs .where(condition): it sets the fields a request "
                  "carried on the rows it names");
    if (shape() == 0) throw empty_update(std::string(sql_of<table_reference>.view()));
    return detail::shape_text<dynamic_update>::get(shape(), 1,
                                                   [this](sql_writer& w) { render(w); });
  }

  /// Calls f(value) for each bound value of this shape, in $n order.
  template <class F>
  void bind(F&& f) const {
    assignments_.bind(f);
    where_.bind(f);
    returning_.bind(f);
  }

 private:
  struct table_reference {
    static constexpr void render(sql_writer& w) { identity::render_reference(w); }
  };

  void render(sql_writer& w) const {
    w << "UPDATE ";
    identity::render_reference(w);
    assignments_.render_present(w, " SET ", [](sql_writer& out, auto a) {
      decltype(a)::type::render(out);
    });
    Where::render(w);
    Returning::render(w);
  }

  set_list assignments_;
  Where where_;
  Returning returning_;
};

namespace detail {
template <class Table>
template <class... Parts>
requires(is_optional_part<std::remove_cvref_t<Parts>> || ...)
auto update_target<Table>::set(Parts&&... parts) const {
  check_assignments<Table, typename optional_part_of<Parts>::part_type...>();
  return dynamic_update<Table, pack<optional_part_of<Parts>...>, where_required<update_statement>,
                        no_returning>(
      optional_assignments<typename optional_part_of<Parts>::part_type...>(
          pack<optional_part_of<Parts>...>(as_optional_part(std::forward<Parts>(parts))...)),
      {}, {});
}
}  // namespace detail

}  // namespace pgdsl

// ---- pgdsl/dynamic/run_dynamic.hpp
// Running a dynamic statement: its shape's interned SQL is the key of the connection's
// prepared-statement cache, so each shape is prepared (and its columns checked) once per
// connection by the same run_static() as a static statement. At most prepared_cache::shape_limit
// shapes stay prepared on a connection: the least recently used one is deallocated first.


namespace pgdsl {

/// Runs a dynamic statement (a dynamic SELECT, a dynamic UPDATE): its shape prepared once on this
/// connection, binary parameters.
template <dynamic_statement Q>
result<typename Q::result_columns> execute_dynamic(connection& db, const Q& statement) {
  using columns = typename Q::result_columns;
  detail::connection_state& state = detail::connection_access::state(db);
  const char* sql = statement.sql();
  const detail::shape_parameters<Q> parameters(statement);
  const detail::bound_parameters params = parameters.bound();
  return result<columns>(
      detail::observe(
          state.hook, sql,
          [&] {
            if (state.prepared_statements) detail::use_shape(state, sql);
            return detail::run_static<columns>(state, sql, params);
          },
          [](const detail::result_ptr& r) { return detail::row_count(r.get()); }),
      sql);
}

}  // namespace pgdsl

// ---- pgdsl/dynamic/run_sql.hpp
// Running a composed pgdsl::sql: its text rendered, its owned parameters bound, and the statement
// run unnamed through the execution core's run_unnamed (like raw SQL: its shape is the caller's,
// so it is not prepared), its result columns checked and decoded as T... by position.

#include <string>


namespace pgdsl {

/// Runs a composed statement whose rows decode into T... (names that a user's variables called
/// query or execute cannot hide under `using namespace pgdsl`); a result like db.query<T...>()'s.
template <class... T>
result<raw_columns<T...>> query_sql(connection& db, const sql& statement) {
  using columns = raw_columns<T...>;
  detail::connection_state& state = detail::connection_access::state(db);
  const std::string text = statement.text();
  const detail::owned_parameters::view params(statement.parameters());
  return result<columns>(
      detail::observe(
          state.hook, text,
          [&] { return detail::run_unnamed<columns>(state, text.c_str(), params.bound()); },
          [](const detail::result_ptr& r) { return detail::row_count(r.get()); }),
      text.c_str(), /*copy_sql=*/true);
}

/// Runs a composed statement that returns no rows of interest; see rows_affected().
inline result<type_list<>> execute_sql(connection& db, const sql& statement) {
  return query_sql<>(db, statement);
}

}  // namespace pgdsl

// ---- pgdsl/migrate/all.hpp
// The migration runner (docs/migrations.md): migration files and C++ steps, the history table,
// the advisory lock, status, upgrade, downgrade, baseline, repair, offline SQL and autogenerate.
// Only includes. Not here: pgdsl/migrate/autogenerate_command.hpp (the command line of a program's
// `autogenerate`, which prints with <iostream>): the program that offers the command includes it.

// ---- pgdsl/migrate/autogenerate.hpp
// Autogenerate: the descriptors compiled into the program compared with the live database (one
// read_catalog round trip, the drift check's reader), as the DDL steps that bring the database to
// the descriptors, linted (schema_plan), and written as the next migration file of a directory:
//   auto plan = pgdsl::plan_schema<users_t, orders_t>(db);
//   pgdsl::write_migration(plan, "migrations", "add_email");  // V0004__add_email.sql
// Renames come from renamed_from<"old"> on a column or a table, never from guessing.

#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// ---- pgdsl/migrate/detail/plan_table.hpp
// The steps that bring one table of the database to its descriptor (described_table against the
// catalog reader's catalog_table), each with the linter's verdicts. Run-time code: the
// descriptor side is already plain values (describe_table), the same the drift check compares.

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

// ---- pgdsl/migrate/schema_plan.hpp
// What autogenerate found to do: a list of DDL steps, each with the linter's verdicts (does it
// lock or rewrite the table, can it fail on existing rows, does it lose data) and the safer
// recipe, and the migration file those steps make (verdicts as comments above each statement).

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

// ---- pgdsl/migrate/migration_errors.hpp
// The refusals of the migration runner, one type each, under migration_error (itself a
// pgdsl::error): a bad migration file, a lock not obtained in time, a database left dirty by a
// failed migration, an applied migration that was edited or removed, one that cannot be undone.

#include <cstdint>
#include <string>
#include <utility>


namespace pgdsl {

/// Base of every refusal and failure of the migration runner.
class migration_error : public error {
 public:
  using error::error;
};

/// A migration that cannot be loaded: a file name outside the naming rule, two migrations with
/// one version, a down file without its up file, a C++ step asked for as offline SQL.
class invalid_migration : public migration_error {
 public:
  using migration_error::migration_error;
};

/// Another migrator held the advisory lock for longer than migrator_options::lock_timeout.
class migration_lock_timeout : public migration_error {
 public:
  using migration_error::migration_error;
};

/// A refusal about one version of the history.
class migration_version_error : public migration_error {
 public:
  migration_version_error(std::int64_t version, const std::string& message)
      : migration_error(message), version_(version) {}
  /// The version the refusal is about.
  std::int64_t version() const noexcept { return version_; }

 private:
  std::int64_t version_;
};

/// The history records a failed migration: the previous run stopped there and the database may
/// be half-changed. Nothing runs until someone fixes it and runs repair().
class dirty_database : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// An applied migration's text changed since it was applied (its checksum differs).
class checksum_mismatch : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// The history lists an applied migration that the program no longer has.
class missing_migration : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// A pending migration older than the newest applied one (merged late from another branch).
class out_of_order_migration : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// A downgrade passes a migration that has no down file or down step (or the baseline).
class no_down_migration : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// A migration failed on the server; the history now records it as failed (dirty).
class migration_failed : public migration_version_error {
 public:
  migration_failed(std::int64_t version, const std::string& message, std::string sqlstate)
      : migration_version_error(version, message), sqlstate_(std::move(sqlstate)) {}
  /// The SQLSTATE of the server's error ("" when the failure came from a C++ step's own throw).
  const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string sqlstate_;
};

}  // namespace pgdsl

namespace pgdsl {

/// How dangerous a generated step is, from harmless to losing data.
enum class change_risk {
  safe,         ///< catalog-only or brief: nothing to worry about
  locking,      ///< holds a lock that blocks writes (or reads) while it scans or rewrites
  may_fail,     ///< fails on some existing data (NULLs, duplicates, values that do not convert)
  destructive,  ///< loses data (a dropped column)
};

/// The verdict's label in the file and on the terminal: "ok", "locks", "may fail", "destructive".
constexpr std::string_view to_string(change_risk risk) {
  switch (risk) {
    case change_risk::safe:
      return "ok";
    case change_risk::locking:
      return "locks";
    case change_risk::may_fail:
      return "may fail";
    case change_risk::destructive:
      return "destructive";
  }
  return "unknown";
}

/// One finding of the linter about a step: the risk, why, and what to do instead.
struct change_verdict {
  change_risk risk = change_risk::safe;
  std::string message;  ///< "drops column "users"."legacy": its data is lost"
  std::string recipe;   ///< the safer way, or empty
};

/// One generated step: a statement and what the linter says about it.
struct schema_change {
  std::string summary;  ///< add column "users"."email"
  std::string sql;      ///< one statement, without the final ';'
  std::vector<change_verdict> verdicts;

  /// The worst risk among the verdicts (safe when there is none).
  change_risk risk() const {
    change_risk worst = change_risk::safe;
    for (const auto& v : verdicts) worst = std::max(worst, v.risk);
    return worst;
  }
};

/// Thrown when a plan holds destructive steps and the caller did not allow them.
class autogenerate_refused : public migration_error {
 public:
  using migration_error::migration_error;
};

/// The steps that bring the database to the descriptors, in the order they must run.
struct schema_plan {
  std::vector<schema_change> changes;
  std::vector<std::string> notes;  ///< what autogenerate saw but does not change (enum labels...)

  /// True when the database already matches the descriptors.
  bool empty() const noexcept { return changes.empty(); }
  /// True when a step loses data.
  bool is_destructive() const {
    return std::any_of(changes.begin(), changes.end(),
                       [](const schema_change& c) { return c.risk() == change_risk::destructive; });
  }

  /// The verdicts as lines a terminal prints: "[destructive] drop column ...: why. Safer: ...".
  std::vector<std::string> warnings() const {
    std::vector<std::string> lines;
    for (const auto& change : changes)
      for (const auto& v : change.verdicts) {
        std::string line = "[" + std::string(to_string(v.risk)) + "] " + v.message;
        if (!v.recipe.empty()) line += ". Safer: " + v.recipe;
        lines.push_back(std::move(line));
      }
    for (const auto& note : notes) lines.push_back("[note] " + note);
    return lines;
  }

  /// The migration file: a header, then each step's verdicts as comments above its statement.
  std::string script(std::string_view file_name) const {
    std::string text = "-- " + std::string(file_name) +
                       ": written by pgdsl autogenerate (the descriptors compared with the live "
                       "database).\n-- Review it before applying: each step carries the "
                       "linter's verdicts.\n";
    for (const auto& note : notes) text += "-- note: " + note + "\n";
    for (const auto& change : changes) {
      text += "\n-- " + change.summary + "\n";
      for (const auto& v : change.verdicts) {
        text += "-- [" + std::string(to_string(v.risk)) + "] " + v.message + "\n";
        if (!v.recipe.empty()) text += "--   safer: " + v.recipe + "\n";
      }
      text += change.sql + ";\n";
    }
    return text;
  }

  /// Throws autogenerate_refused, naming each destructive step, when there is any.
  void refuse_destructive() const {
    if (!is_destructive()) return;
    std::string text =
        "autogenerate: the plan loses data (allow destructive steps to write it anyway):";
    for (const auto& change : changes)
      if (change.risk() == change_risk::destructive) text += "\n  " + change.summary;
    throw autogenerate_refused(text);
  }
};

}  // namespace pgdsl

namespace pgdsl::detail {

inline std::string quote_name(const std::string& name) {
  return identifier(name).quoted();
}

inline std::string quote_literal(std::string_view text) {
  sql_writer counter;
  counter.string_literal(text);
  std::string literal(counter.size(), '\0');
  sql_writer writer(literal.data());
  writer.string_literal(text);
  return literal;
}

inline std::string column_label(const std::string& table, const std::string& column) {
  return quote_name(table) + "." + quote_name(column);
}

inline bool same_columns(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// varchar(n) to varchar(m >= n), to varchar without limit or to text are binary coercible:
// PostgreSQL changes the catalog only. Anything else rewrites or scans the table.
inline bool type_change_rewrites(const described_column& to, const catalog_column& from) {
  if (to.is_array != from.is_array || from.type_name != "varchar") return true;
  if (to.type_name == "text") return false;
  return to.type_name != "varchar" ||
         (to.typmod != -1 && (from.typmod == -1 || to.typmod < from.typmod));
}

/// Plans one table: `actual` is the table's catalog entry (by its new name, or by the old name a
/// rename was planned from).
class table_planner {
 public:
  table_planner(const described_table& described, const catalog_table& actual, schema_plan& plan)
      : described_(described), current_(actual), plan_(plan), table_(quote_name(described.name)) {}

  void plan() {
    // Renames first, and on a copy of the catalog's table, so that the keys and indexes below
    // see the columns under their new names.
    for (const auto& column : described_.columns)
      if (!column.renamed_from.empty() && current_.column(column.name) == nullptr &&
          current_.column(column.renamed_from) != nullptr) {
        rename_column(column);
        rename_in_catalog(column.renamed_from, column.name);
      }
    for (const auto& column : described_.columns) {
      const catalog_column* db = current_.column(column.name);
      if (db == nullptr)
        add_column(column);
      else
        alter_column(column, *db);
    }
    plan_keys_and_indexes();
    for (const auto& db : current_.columns) {
      const bool declared =
          std::any_of(described_.columns.begin(), described_.columns.end(),
                      [&](const described_column& c) { return c.name == db.name; });
      if (!declared) drop_column(db);
    }
  }

 private:
  void step(std::string summary, std::string sql, std::vector<change_verdict> verdicts = {}) {
    plan_.changes.push_back({std::move(summary), std::move(sql), std::move(verdicts)});
  }
  std::string alter() const { return "ALTER TABLE " + table_ + " "; }
  std::string label(const std::string& column) const {
    return column_label(described_.name, column);
  }

  void rename_in_catalog(const std::string& from, const std::string& to) {
    const auto rename = [&](std::vector<std::string>& names) {
      for (auto& n : names)
        if (n == from) n = to;
    };
    for (auto& c : current_.columns)
      if (c.name == from) c.name = to;
    for (auto& k : current_.constraints) rename(k.columns);
    for (auto& i : current_.indexes) rename(i.columns);
  }

  void rename_column(const described_column& column) {
    step("rename column " + label(column.renamed_from) + " to " + quote_name(column.name),
         alter() + "RENAME COLUMN " + quote_name(column.renamed_from) + " TO " +
             quote_name(column.name),
         {{change_risk::safe,
           "renames " + label(column.renamed_from) +
               " (renamed_from on the descriptor): code still using the old name fails",
           "deploy the code that uses the new name with this migration"}});
  }

  void add_column(const described_column& column) {
    std::vector<change_verdict> verdicts;
    if (column.not_null && !column.has_default && !column.identity)
      verdicts.push_back({change_risk::may_fail,
                          "adds " + label(column.name) +
                              " NOT NULL without a default: fails when the table has rows",
                          "declare default_sql<...> on the column, or add it nullable, backfill, "
                          "then SET NOT NULL in a later migration"});
    if (column.identity)
      verdicts.push_back({change_risk::locking,
                          "adds identity column " + label(column.name) +
                              ": rewrites the whole table under an ACCESS EXCLUSIVE lock",
                          "on a large table, add it in a quiet window"});
    if (column.definition.find(" REFERENCES ") != std::string::npos)
      verdicts.push_back({change_risk::locking,
                          "adds a foreign key on " + label(column.name) +
                              ": checks every row while both tables are locked against writes",
                          "add the column without REFERENCES, then ADD CONSTRAINT ... NOT VALID "
                          "and VALIDATE CONSTRAINT in a later migration"});
    step("add column " + label(column.name), alter() + "ADD COLUMN " + column.definition,
         std::move(verdicts));
    added_.push_back(column.name);
  }

  void alter_column(const described_column& column, const catalog_column& db) {
    const std::string alter_column = alter() + "ALTER COLUMN " + quote_name(column.name) + " ";
    if (!same_type(column, db)) {
      std::vector<change_verdict> verdicts;
      if (type_change_rewrites(column, db)) {
        verdicts.push_back({change_risk::locking,
                            "changes the type of " + label(column.name) + " from " +
                                db.display_type + " to " + column.sql_type +
                                ": rewrites the table and its indexes under an ACCESS EXCLUSIVE "
                                "lock",
                            "on a large table: add a new column, backfill it in batches, switch "
                            "the code over, then drop the old column"});
        verdicts.push_back({change_risk::may_fail,
                            "fails if a value of " + label(column.name) + " does not convert to " +
                                column.sql_type,
                            "check the data first, or edit the USING expression"});
      }
      step("change the type of " + label(column.name) + " to " + column.sql_type,
           alter_column + "TYPE " + column.sql_type + " USING " + quote_name(column.name) +
               "::" + column.sql_type,
           std::move(verdicts));
    }
    if (column.not_null && !db.not_null)
      step("set " + label(column.name) + " NOT NULL", alter_column + "SET NOT NULL",
           {{change_risk::may_fail, label(column.name) + " SET NOT NULL fails if a row holds NULL",
             "backfill the NULLs first (UPDATE ... WHERE " + quote_name(column.name) + " IS NULL)"},
            {change_risk::locking,
             "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
             "ADD CONSTRAINT ... CHECK (" + quote_name(column.name) +
                 " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (no scan)"}});
    if (!column.not_null && db.not_null)
      step("drop NOT NULL of " + label(column.name), alter_column + "DROP NOT NULL");
    if (column.identity && db.identity == '\0') {
      if (db.default_sql)
        step("drop the default of " + label(column.name) + " (it becomes an identity)",
             alter_column + "DROP DEFAULT");
      step("make " + label(column.name) + " an identity column",
           alter_column + "ADD GENERATED BY DEFAULT AS IDENTITY",
           {{change_risk::may_fail,
             "the identity of " + label(column.name) +
                 " starts at 1: inserts collide with existing values",
             "add ALTER COLUMN ... RESTART WITH (the largest value + 1) after this step"}});
    } else if (!column.identity && db.identity != '\0') {
      step("drop the identity of " + label(column.name), alter_column + "DROP IDENTITY");
    } else if (column.default_sql && !db.default_sql) {
      step("set the default of " + label(column.name),
           alter_column + "SET DEFAULT " + *column.default_sql);
    } else if (!column.has_default && !column.identity && db.default_sql) {
      step("drop the default of " + label(column.name), alter_column + "DROP DEFAULT",
           {{change_risk::safe,
             "drops the default " + *db.default_sql + " of " + label(column.name) +
                 ": INSERTs that leave the column out now write NULL or fail",
             ""}});
    }
  }

  void drop_column(const catalog_column& db) {
    step("drop column " + label(db.name), alter() + "DROP COLUMN " + quote_name(db.name),
         {{change_risk::destructive,
           "drops column " + label(db.name) + " (" + db.display_type + "): its data is lost",
           "if it was renamed, declare renamed_from<\"" + db.name +
               "\"> on the new column; else stop using it in one release and drop it in the "
               "next"}});
  }

  bool declared_key(const std::vector<std::string>& columns) const {
    return std::any_of(described_.keys.begin(), described_.keys.end(),
                       [&](const described_key& k) { return same_columns(k.columns, columns); });
  }
  bool owned_by_constraint(const std::string& index_name) const {
    return std::any_of(current_.constraints.begin(), current_.constraints.end(),
                       [&](const catalog_constraint& c) { return c.name == index_name; });
  }

  void plan_keys_and_indexes() {
    // Keys and indexes the descriptor no longer declares go first, so that a replacement of the
    // same name can be created after them.
    for (const auto& c : current_.constraints)
      if ((c.kind == 'p' || c.kind == 'u') && !declared_key(c.columns))
        step("drop constraint " + quote_name(c.name),
             alter() + "DROP CONSTRAINT " + quote_name(c.name),
             {{change_risk::safe,
               "drops " + c.definition + " of " + table_ + ": duplicates become possible", ""}});
    for (const auto& i : current_.indexes) {
      const bool declared = std::any_of(described_.indexes.begin(), described_.indexes.end(),
                                        [&](const described_index& d) { return d.name == i.name; });
      if (!declared && !i.is_primary && !owned_by_constraint(i.name))
        step("drop index " + quote_name(i.name), "DROP INDEX " + quote_name(i.name),
             {{change_risk::locking,
               "DROP INDEX " + quote_name(i.name) + " blocks reads and writes of " + table_ +
                   " while it waits for running queries",
               "DROP INDEX CONCURRENTLY in its own migration with -- pgdsl:no-transaction"}});
    }
    std::vector<std::vector<std::string>> planned_unique;
    for (const auto& index : described_.indexes) {
      const bool exists = std::any_of(current_.indexes.begin(), current_.indexes.end(),
                                      [&](const catalog_index& i) { return i.name == index.name; });
      if (exists) continue;
      std::vector<change_verdict> verdicts{
          {change_risk::locking,
           "CREATE INDEX " + quote_name(index.name) + " blocks writes to " + table_ +
               " while it builds",
           "CREATE INDEX CONCURRENTLY in its own migration with -- pgdsl:no-transaction"}};
      if (index.is_unique)
        verdicts.push_back(
            {change_risk::may_fail,
             "the unique index " + quote_name(index.name) + " fails if the table holds duplicates",
             ""});
      step("create index " + quote_name(index.name), index.create_sql, std::move(verdicts));
    }
    for (const auto& key : described_.keys) {
      if (has_unique_index(current_, key.columns)) continue;
      // A one-column key of a column added above came with its definition (inline UNIQUE).
      if (key.columns.size() == 1 &&
          std::find(added_.begin(), added_.end(), key.columns[0]) != added_.end())
        continue;
      if (!key.primary && index_key_planned(key.columns)) continue;
      const std::string columns = join_quoted(key.columns);
      const char* kind = key.primary ? "PRIMARY KEY" : "UNIQUE";
      step(std::string("add ") + kind + " (" + columns + ") to " + table_,
           alter() + "ADD " + kind + " (" + columns + ")",
           {{change_risk::locking,
             std::string("ADD ") + kind + " builds its index while " + table_ +
                 " is locked against reads and writes",
             "CREATE UNIQUE INDEX CONCURRENTLY (no-transaction migration), then ADD " +
                 std::string(kind) + " USING INDEX"},
            {change_risk::may_fail,
             std::string("ADD ") + kind + " fails if the table holds duplicates" +
                 (key.primary ? " or NULLs" : ""),
             ""}});
    }
  }

  // True when a unique index created by this plan covers exactly these columns (a unique
  // index<...>.unique() part is also listed as a key, and needs no constraint of its own).
  bool index_key_planned(const std::vector<std::string>& columns) const {
    return std::any_of(
        described_.indexes.begin(), described_.indexes.end(), [&](const described_index& index) {
          return index.is_unique &&
                 index.create_sql.find("(" + join_quoted(columns) + ")") != std::string::npos;
        });
  }
  static std::string join_quoted(const std::vector<std::string>& columns) {
    std::string text;
    for (const auto& c : columns) text += (text.empty() ? "" : ", ") + quote_name(c);
    return text;
  }

  const described_table& described_;
  catalog_table current_;  // the catalog's table, with the planned renames applied
  schema_plan& plan_;
  std::string table_;
  std::vector<std::string> added_;  // columns this plan adds
};

}  // namespace pgdsl::detail

// ---- pgdsl/migrate/migration_set.hpp
// migration_set: the migrations a program knows, by version: files read from a directory at run
// time, files embedded at build time by pgdsl_embed_migrations() (embedded_migrations.hpp), and
// C++ steps added in code. Checks the naming rule and that each version appears once.

#include <dirent.h>
#include <sys/stat.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

// ---- pgdsl/migrate/detail/checksum.hpp
// The checksum of a migration's text: FNV-1a (64 bits) over the text with its line endings made
// LF (CRLF and a lone CR both count as LF) and a leading UTF-8 byte-order mark dropped, so a file
// checked out on Windows has the checksum it had on Linux. It detects edits, not tampering.

#include <cstdint>
#include <string>
#include <string_view>

namespace pgdsl::detail {

struct fnv1a64 {
  std::uint64_t state = 0xcbf29ce484222325ULL;
  void add(char c) noexcept {
    state ^= static_cast<unsigned char>(c);
    state *= 0x100000001b3ULL;
  }
  void add(std::string_view text) noexcept {
    for (const char c : text) add(c);
  }
};

/// Sixteen lowercase hex digits.
inline std::string hex64(std::uint64_t value) {
  constexpr const char digits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[static_cast<std::size_t>(i)] = digits[value & 15];
  return text;
}

/// The checksum of a migration text, line endings normalised to LF.
inline std::string migration_checksum(std::string_view text) {
  if (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);
  fnv1a64 hash;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      hash.add('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      hash.add(text[i]);
    }
  }
  return hex64(hash.state);
}

}  // namespace pgdsl::detail

// ---- pgdsl/migrate/detail/file_name.hpp
// The naming rule of migration files: V<digits>__<description>.sql for the upgrade and
// V<digits>__<description>.down.sql for its downgrade; the description's underscores read as
// spaces. Also the `-- pgdsl:no-transaction` directive, a line of its own in the file.

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pgdsl::detail {

struct migration_file_name {
  std::int64_t version = 0;
  std::string description;
  bool is_down = false;
};

/// The parts of a migration file name, or nullopt when it breaks the rule.
inline std::optional<migration_file_name> parse_migration_file_name(std::string_view name) {
  migration_file_name parts;
  if (name.ends_with(".down.sql")) {
    parts.is_down = true;
    name.remove_suffix(9);
  } else if (name.ends_with(".sql")) {
    name.remove_suffix(4);
  } else {
    return std::nullopt;
  }
  if (!name.starts_with('V')) return std::nullopt;
  const std::size_t separator = name.find("__");
  if (separator == std::string_view::npos || separator < 2 || separator > 19) return std::nullopt;
  std::int64_t version = 0;
  for (std::size_t i = 1; i < separator; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return std::nullopt;
    version = version * 10 + (name[i] - '0');
  }
  const std::string_view description = name.substr(separator + 2);
  if (description.empty() || version <= 0) return std::nullopt;
  parts.version = version;
  parts.description = std::string(description);
  for (char& c : parts.description)
    if (c == '_') c = ' ';
  return parts;
}

/// True when a line of `sql`, blanks aside, is exactly `-- pgdsl:no-transaction`.
inline bool has_no_transaction_directive(std::string_view sql) {
  constexpr std::string_view directive = "-- pgdsl:no-transaction";
  for (std::size_t at = sql.find(directive); at != std::string_view::npos;
       at = sql.find(directive, at + 1)) {
    std::size_t before = at;
    while (before > 0 && (sql[before - 1] == ' ' || sql[before - 1] == '\t')) --before;
    std::size_t after = at + directive.size();
    while (after < sql.size() && (sql[after] == ' ' || sql[after] == '\t' || sql[after] == '\r'))
      ++after;
    if ((before == 0 || sql[before - 1] == '\n') && (after == sql.size() || sql[after] == '\n'))
      return true;
  }
  return false;
}

}  // namespace pgdsl::detail

// ---- pgdsl/migrate/migration.hpp
// migration: one version of the schema's history, either SQL text (from a file V0003__name.sql,
// with an optional V0003__name.down.sql) or a C++ step (a function over the connection, for data
// migrations). Each carries the checksum the history table keeps to notice later edits.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>


namespace pgdsl {

/// A C++ migration step: runs its statements on the connection (inside the migration's
/// transaction unless the step was added with transactional = false).
using migration_step = std::function<void(connection&)>;

/// One migration: SQL text or a C++ step, with an optional way down.
struct migration {
  std::int64_t version = 0;
  std::string description;
  std::string file_name;                ///< "" for a C++ step
  std::string up_sql;                   ///< the file's text (SQL migrations)
  std::optional<std::string> down_sql;  ///< the down file's text, when there is one
  migration_step up_step;               ///< set for a C++ step
  migration_step down_step;             ///< a C++ step's way down, when it has one
  bool transactional = true;            ///< false: `-- pgdsl:no-transaction` in the file
  bool down_transactional = true;       ///< false: the directive in the down file
  std::string checksum;                 ///< of the up text, line endings normalised

  /// True for a C++ step.
  bool is_step() const noexcept { return static_cast<bool>(up_step); }
  /// True when a downgrade can undo it.
  bool has_down() const noexcept { return down_sql.has_value() || static_cast<bool>(down_step); }
  /// "V3 (add orders index)", as messages name it.
  /// (Appended: g++ 12 at -O3 reports a false -Wrestrict for "V" + std::to_string(...).)
  std::string label() const {
    std::string text = "V";
    text.append(std::to_string(version)).append(" (").append(description).append(")");
    return text;
  }
};

}  // namespace pgdsl

namespace pgdsl {

/// Options of a C++ step.
struct migration_step_options {
  /// false: the step runs outside any transaction (it may then commit on its own).
  bool transactional = true;
  /// Text whose checksum the history keeps (e.g. a revision string you change when you change
  /// the step's meaning); empty = the description.
  std::string checksum_source{};
};

/// The migrations a program knows, ordered by version.
class migration_set {
 public:
  migration_set() = default;

  /// Adds a file by its name (V0003__add_orders_index.sql or .down.sql) and text; throws
  /// invalid_migration when the name breaks the rule or the version is already taken.
  migration_set& add_file(std::string_view file_name, std::string_view text) {
    const auto parts = detail::parse_migration_file_name(file_name);
    if (!parts)
      throw invalid_migration("migration file \"" + std::string(file_name) +
                              "\" does not follow the naming rule V<version>__<description>.sql "
                              "(or .down.sql for its downgrade), e.g. V0003__add_orders_index.sql");
    migration& m = migrations_[parts->version];
    const bool is_new = m.version == 0;
    if (!is_new && m.description != parts->description)
      throw invalid_migration("two migrations have version " + std::to_string(parts->version) +
                              ": \"" + m.description + "\" and \"" + parts->description + "\"");
    m.version = parts->version;
    m.description = parts->description;
    if (parts->is_down) {
      if (m.down_sql || m.down_step)
        throw invalid_migration("two down migrations for version " +
                                std::to_string(parts->version));
      m.down_sql = std::string(text);
      m.down_transactional = !detail::has_no_transaction_directive(text);
    } else {
      if (!m.file_name.empty() || m.is_step())
        throw invalid_migration("two migrations have version " + std::to_string(parts->version) +
                                " (" + std::string(file_name) + ")");
      m.file_name = std::string(file_name);
      m.up_sql = std::string(text);
      m.transactional = !detail::has_no_transaction_directive(text);
      m.checksum = detail::migration_checksum(text);
    }
    return *this;
  }

  /// Adds a C++ step (a data migration) with an optional way down.
  migration_set& add_step(std::int64_t version, std::string description, migration_step up,
                          migration_step down = {}, migration_step_options options = {}) {
    if (version <= 0 || !up)
      throw invalid_migration("a C++ migration step needs a version above 0 and a function");
    if (migrations_.contains(version))
      throw invalid_migration("two migrations have version " + std::to_string(version) + ": \"" +
                              migrations_[version].description + "\" and \"" + description + "\"");
    migration m;
    m.version = version;
    m.checksum = detail::migration_checksum(
        "step:" + (options.checksum_source.empty() ? description : options.checksum_source));
    m.description = std::move(description);
    m.up_step = std::move(up);
    m.down_step = std::move(down);
    m.transactional = m.down_transactional = options.transactional;
    migrations_.emplace(version, std::move(m));
    return *this;
  }

  /// Reads every *.sql file of `directory` (not its subdirectories). POSIX directory calls, not
  /// <filesystem>: that header brings std::quoted into every user's translation unit through
  /// the umbrella header, where argument-dependent lookup then finds it for an unqualified
  /// quoted(std::string) of the user's own.
  static migration_set from_directory(const std::string& directory) {
    const std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(directory.c_str()), &::closedir);
    if (!dir) throw invalid_migration("no migration directory \"" + directory + "\"");
    migration_set set;
    while (const dirent* entry = ::readdir(dir.get())) {
      const std::string name = entry->d_name;
      const std::string path = directory + "/" + name;
      struct stat info {};
      if (!name.ends_with(".sql") || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
        continue;
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) throw invalid_migration("cannot read migration file \"" + path + "\"");
      set.add_file(name, text.str());
    }
    return set;
  }

  /// Every migration, by version; throws invalid_migration for a down file without its up file.
  std::vector<const migration*> ordered() const {
    std::vector<const migration*> list;
    for (const auto& [version, m] : migrations_) {
      if (m.file_name.empty() && !m.is_step())
        throw invalid_migration("V" + std::to_string(version) + " has a down file but no up file");
      list.push_back(&m);
    }
    return list;
  }

  /// The migration of a version, or nullptr.
  const migration* find(std::int64_t version) const {
    const auto it = migrations_.find(version);
    return it == migrations_.end() ? nullptr : &it->second;
  }
  /// The highest version (0 when empty).
  std::int64_t latest_version() const noexcept {
    return migrations_.empty() ? 0 : migrations_.rbegin()->first;
  }
  std::size_t size() const noexcept { return migrations_.size(); }

 private:
  std::map<std::int64_t, migration> migrations_;
};

/// True when `name` can describe a migration file: letters, digits and _ only, not empty.
inline bool valid_migration_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

/// The name of the next migration file of `directory`: V<latest + 1, four digits>__<name>.sql.
inline std::string next_migration_file_name(const std::string& directory, std::string_view name) {
  if (!valid_migration_name(name))
    throw invalid_migration("a migration name holds letters, digits and _ only: \"" +
                            std::string(name) + "\"");
  struct stat info {};
  const auto set = ::stat(directory.c_str(), &info) == 0 ? migration_set::from_directory(directory)
                                                         : migration_set{};
  char version[24];
  std::snprintf(version, sizeof version, "V%04lld__",
                static_cast<long long>(set.latest_version() + 1));
  return std::string(version) + std::string(name) + ".sql";
}

}  // namespace pgdsl

namespace pgdsl {

namespace detail {

/// An enum mapping as autogenerate compares it: its name, labels and CREATE TYPE.
struct described_enum {
  std::string name;
  std::vector<std::string> labels;
  std::string create_sql;
};

template <class... Enums>
std::vector<described_enum> describe_enums(type_list<Enums...>) {
  std::vector<described_enum> enums;
  (
      [&] {
        described_enum e{std::string(type_traits<Enums>::sql_name),
                         {},
                         std::string(sql_of<create_type_statement<Enums>>.view())};
        for (std::string_view label : type_traits<Enums>::labels) e.labels.emplace_back(label);
        enums.push_back(std::move(e));
      }(),
      ...);
  return enums;
}

inline void plan_enum(const described_enum& wanted, const catalog_snapshot& catalog,
                      schema_plan& plan) {
  const catalog_enum* found = nullptr;
  for (const auto& e : catalog.enums)
    if (e.name == wanted.name) found = &e;
  if (found == nullptr) {
    plan.changes.push_back({"create type " + quote_name(wanted.name), wanted.create_sql, {}});
    return;
  }
  for (const auto& label : wanted.labels)
    if (std::find(found->labels.begin(), found->labels.end(), label) == found->labels.end()) {
      const std::string literal = quote_literal(label);
      plan.changes.push_back(
          {"add value " + literal + " to type " + quote_name(wanted.name),
           "ALTER TYPE " + quote_name(wanted.name) + " ADD VALUE IF NOT EXISTS " + literal,
           {{change_risk::safe,
             "the new label " + literal +
                 " cannot be used by later statements of the same transaction",
             "use it (defaults, UPDATEs) in the next migration"}}});
    }
  for (const auto& label : found->labels)
    if (std::find(wanted.labels.begin(), wanted.labels.end(), label) == wanted.labels.end())
      plan.notes.push_back("type " + quote_name(wanted.name) + " has the label '" + label +
                           "' the C++ enum lacks; PostgreSQL cannot drop an enum label, so it "
                           "stays");
}

// The descriptors in foreign-key order (create_all's), so that a new table comes after the new
// tables it references.
template <class... Tables, std::size_t... I>
std::vector<described_table> describe_in_order(std::index_sequence<I...>) {
  constexpr auto order = dependency_order<Tables...>();
  return {describe_table<at_t<order.at[I], type_list<Tables...>>>()...};
}

}  // namespace detail

/// The plan that brings the database (the tables on the search_path) to the descriptors
/// Tables...: enum types and labels, table renames, CREATE TABLE with its indexes, and for each
/// existing table its column, key and index changes. Empty when the database matches.
template <table_type... Tables>
schema_plan plan_schema(connection& db) {
  static_assert(sizeof...(Tables) > 0, "plan_schema needs at least one table");
  static_assert(foreign_keys_form_no_cycle<detail::dependency_order<Tables...>().acyclic>,
                "plan_schema: the tables' foreign keys form a cycle, so no order creates each "
                "table after the tables it references");
  const auto described =
      detail::describe_in_order<Tables...>(std::make_index_sequence<sizeof...(Tables)>{});
  std::vector<std::string> names;
  for (const auto& t : described) {
    names.push_back(t.name);
    if (!t.renamed_from.empty()) names.push_back(t.renamed_from);
  }
  const catalog_snapshot catalog = read_catalog(db, names);

  schema_plan plan;
  for (const auto& e : detail::describe_enums(detail::enums_of_t<Tables...>{}))
    detail::plan_enum(e, catalog, plan);
  for (const auto& t : described) {
    const catalog_table* actual = catalog.table(t.name);
    if (actual != nullptr && actual->exists) {
      detail::table_planner(t, *actual, plan).plan();
      continue;
    }
    const catalog_table* old = t.renamed_from.empty() ? nullptr : catalog.table(t.renamed_from);
    if (old != nullptr && old->exists) {
      plan.changes.push_back(
          {"rename table " + detail::quote_name(t.renamed_from) + " to " +
               detail::quote_name(t.name),
           "ALTER TABLE " + detail::quote_name(t.renamed_from) + " RENAME TO " +
               detail::quote_name(t.name),
           {{change_risk::safe,
             "renames table " + detail::quote_name(t.renamed_from) +
                 " (renamed_from on the descriptor): code still using the old name fails",
             "deploy the code that uses the new name with this migration"}}});
      detail::table_planner(t, *old, plan).plan();
      continue;
    }
    plan.changes.push_back({"create table " + detail::quote_name(t.name), t.create_sql, {}});
    for (const auto& index : t.indexes)
      plan.changes.push_back(
          {"create index " + detail::quote_name(index.name), index.create_sql, {}});
  }
  return plan;
}

/// Writes the plan as the next migration file of `directory` (created if missing, not its
/// parents) and returns the file's path; writes nothing and returns std::nullopt when the plan
/// is empty. Throws autogenerate_refused when the plan loses data and allow_destructive is false.
/// (POSIX calls rather than <filesystem>, for the reason given at migration_set::from_directory.)
inline std::optional<std::string> write_migration(const schema_plan& plan,
                                                  const std::string& directory,
                                                  std::string_view name,
                                                  bool allow_destructive = false) {
  if (plan.empty()) return std::nullopt;
  if (!allow_destructive) plan.refuse_destructive();
  const std::string file_name = next_migration_file_name(directory, name);
  if (::mkdir(directory.c_str(), 0777) != 0 && errno != EEXIST)
    throw migration_error("autogenerate: cannot create the directory \"" + directory + "\"");
  const std::string path = directory + "/" + file_name;
  std::ofstream out(path, std::ios::binary);
  out << plan.script(file_name);
  if (!out.flush()) throw migration_error("autogenerate: cannot write \"" + path + "\"");
  return path;
}

}  // namespace pgdsl

// ---- pgdsl/migrate/embedded_migrations.hpp
// The migration files that CMake's pgdsl_embed_migrations(target DIR) compiled into the program:
// a .cpp generated at build time (again whenever a file of DIR changes) defines
// pgdsl::embedded_migration_files(), so a deployed binary carries its migrations.

#include <span>
#include <string_view>


namespace pgdsl {

/// One embedded file: its name (V0003__add_orders_index.sql) and its bytes.
struct embedded_migration_file {
  std::string_view name;
  std::string_view text;
};

/// The files of the directory given to pgdsl_embed_migrations(); defined in the generated source
/// (a link error means the target did not call pgdsl_embed_migrations).
std::span<const embedded_migration_file> embedded_migration_files();

/// The embedded files as a migration set (C++ steps can be added to it).
inline migration_set embedded_migrations() {
  migration_set set;
  for (const auto& file : embedded_migration_files()) set.add_file(file.name, file.text);
  return set;
}

}  // namespace pgdsl

// ---- pgdsl/migrate/migration_status.hpp
// What migrator::status() reports: each version the program or the history knows, with its state
// (applied, pending, failed, edited, missing, baseline), and what a run, repair or downgrade did.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgdsl {

/// A row of the history table.
struct history_entry {
  std::int64_t version = 0;
  std::string description;
  std::string kind;        ///< "sql", "step" or "baseline"
  std::string checksum;    ///< of the text as applied
  std::string applied_at;  ///< the server's text of the timestamptz
  double duration_ms = 0;
  bool success = false;
  std::optional<std::string> error;  ///< the server's message when it failed
};

/// Where one version stands.
enum class migration_state {
  applied,           ///< in the history, same checksum
  pending,           ///< known to the program, not applied
  failed,            ///< recorded as failed: the database is dirty
  checksum_changed,  ///< applied, but its text changed since
  missing,           ///< applied, but the program no longer has it
  baseline,          ///< the baseline row
  below_baseline,    ///< known to the program, older than the baseline: never run
  out_of_order       ///< pending, but older than the newest applied migration
};

/// The state's name as status output prints it.
inline std::string_view to_string(migration_state state) noexcept {
  switch (state) {
    case migration_state::applied:
      return "applied";
    case migration_state::pending:
      return "pending";
    case migration_state::failed:
      return "FAILED";
    case migration_state::checksum_changed:
      return "CHECKSUM CHANGED";
    case migration_state::missing:
      return "MISSING";
    case migration_state::baseline:
      return "baseline";
    case migration_state::below_baseline:
      return "below baseline";
    case migration_state::out_of_order:
      return "OUT OF ORDER";
  }
  return "?";
}

/// One line of the status.
struct migration_status_entry {
  std::int64_t version = 0;
  std::string description;
  migration_state state = migration_state::pending;
  std::optional<history_entry> history;  ///< the history row, when there is one
};

/// The status of every version, by version.
struct migration_status {
  std::vector<migration_status_entry> entries;
  std::int64_t current_version = 0;  ///< the newest applied (or baseline) version, 0 for none

  /// True when nothing is failed, edited, missing or out of order.
  bool is_clean() const noexcept {
    for (const auto& e : entries)
      if (e.state == migration_state::failed || e.state == migration_state::checksum_changed ||
          e.state == migration_state::missing || e.state == migration_state::out_of_order)
        return false;
    return true;
  }
  /// The number of pending migrations.
  std::size_t pending_count() const noexcept {
    std::size_t count = 0;
    for (const auto& e : entries) count += e.state == migration_state::pending ? 1 : 0;
    return count;
  }
};

/// What repair() changed in the history.
struct repair_report {
  std::vector<std::int64_t> removed_failed;   ///< failed rows deleted
  std::vector<std::int64_t> realigned;        ///< checksums (and descriptions) updated
  std::vector<std::int64_t> removed_missing;  ///< rows of migrations the program no longer has
};

}  // namespace pgdsl

// ---- pgdsl/migrate/migrator.hpp
// migrator: runs a migration_set against a database. Every operation that changes the history
// takes the session advisory lock first (detail/advisory_lock.hpp), creates the history table if
// needed, and checks the history against the program's migrations before doing anything: a
// failed (dirty) row, an edited or missing applied migration, or a pending one older than the
// newest applied is refused with its own exception, and repair() is the explicit way out.

#include <chrono>
#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// ---- pgdsl/migrate/detail/advisory_lock.hpp
// The migrators' mutual exclusion: a session-level advisory lock taken by polling
// pg_try_advisory_lock, so a waiting migrator holds no transaction open (CREATE INDEX
// CONCURRENTLY, which waits for every older transaction, cannot deadlock against it) and gives up
// after a timeout instead of waiting forever. Released by the guard's destructor.

#include <chrono>
#include <cstdint>
#include <thread>

// ---- pgdsl/migrate/migrator_options.hpp
// migrator_options: where the history lives, how long to wait for another migrator, and who hears
// about progress. The defaults suit one application schema per database.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace pgdsl {

/// What the runner is doing, for progress output.
enum class migration_event_kind {
  waiting_for_lock,  ///< another migrator holds the lock; polling
  starting,          ///< a migration (or its downgrade) begins
  applied,           ///< a migration was applied and recorded
  reverted,          ///< a downgrade ran and its history row was removed
  failed             ///< a migration failed; the history records it (dirty)
};

/// One progress event.
struct migration_event {
  migration_event_kind kind;
  std::int64_t version = 0;  ///< 0 for waiting_for_lock
  std::string description{};
  std::chrono::microseconds duration{0};  ///< for applied, reverted and failed
};

/// How a migrator behaves.
struct migrator_options {
  /// The history table, created on first use in the connection's current schema (the first
  /// schema of the search_path that exists).
  std::string history_table = "pgdsl_schema_history";
  /// Give up (migration_lock_timeout) when another migrator holds the lock longer than this.
  std::chrono::milliseconds lock_timeout{std::chrono::minutes(1)};
  /// How often pg_try_advisory_lock is tried while another migrator holds the lock.
  std::chrono::milliseconds lock_poll_interval{50};
  /// The session advisory lock's key; by default one derived from the current schema and the
  /// history table's name, so migrators of different schemas never wait for each other.
  std::optional<std::int64_t> lock_key{};
  /// Called for each progress event (empty: silent).
  std::function<void(const migration_event&)> on_progress{};
};

}  // namespace pgdsl

namespace pgdsl::detail {

class advisory_lock_guard {
 public:
  advisory_lock_guard(connection& db, std::int64_t key, const migrator_options& options)
      : db_(&db), key_(key) {
    const auto deadline = std::chrono::steady_clock::now() + options.lock_timeout;
    bool announced = false;
    while (!db.query<bool>("SELECT pg_try_advisory_lock($1)", key_).scalar()) {
      if (std::chrono::steady_clock::now() >= deadline)
        throw migration_lock_timeout(
            "another migrator held the migration lock (advisory lock " + std::to_string(key_) +
            ") for longer than " + std::to_string(options.lock_timeout.count()) +
            " ms; see pg_locks WHERE locktype = 'advisory' for the session holding it");
      if (!announced && options.on_progress)
        options.on_progress(migration_event{.kind = migration_event_kind::waiting_for_lock});
      announced = true;
      std::this_thread::sleep_for(options.lock_poll_interval);
    }
  }
  advisory_lock_guard(const advisory_lock_guard&) = delete;
  advisory_lock_guard& operator=(const advisory_lock_guard&) = delete;
  ~advisory_lock_guard() {
    try {
      if (db_->is_open()) (void)db_->query<bool>("SELECT pg_advisory_unlock($1)", key_);
    } catch (...) {  // a lost session released the lock with it
    }
  }

 private:
  connection* db_;
  std::int64_t key_;
};

}  // namespace pgdsl::detail

// ---- pgdsl/migrate/detail/history_table.hpp
// The history table's statements: created on first use in the current schema, read whole
// (it holds one row per version), a row written in the migration's own transaction on success and
// upserted outside it on failure, so the failure survives the rollback.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>


namespace pgdsl::detail {

/// The CREATE TABLE of the history; `table` is already quoted.
inline std::string history_table_ddl(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + table +
         " (\n  version bigint PRIMARY KEY,\n  description text NOT NULL,\n"
         "  kind text NOT NULL,\n  checksum text NOT NULL,\n"
         "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
         "  duration_ms double precision NOT NULL DEFAULT 0,\n  success boolean NOT NULL,\n"
         "  error text\n)";
}

/// True when the current schema (the first existing one of the search_path) has the table.
inline bool history_table_exists(connection& db, const std::string& unquoted_table) {
  return db
      .query<bool>(
          "SELECT EXISTS (SELECT FROM pg_class WHERE relname = $1 AND relnamespace = "
          "current_schema()::regnamespace)",
          unquoted_table)
      .scalar();
}

/// The history's rows by version; empty when the table does not exist yet.
inline std::vector<history_entry> read_history(connection& db, const std::string& table,
                                               const std::string& unquoted_table) {
  std::vector<history_entry> entries;
  if (!history_table_exists(db, unquoted_table)) return entries;
  const std::string sql =
      "SELECT version, description, kind, checksum, applied_at::text, duration_ms, success, "
      "error FROM " +
      table + " ORDER BY version";
  for (auto&& [version, description, kind, checksum, applied_at, duration, success, error] :
       db.query<std::int64_t, std::string, std::string, std::string, std::string, double, bool,
                std::optional<std::string>>(runtime_sql(sql)))
    entries.push_back(history_entry{version, std::move(description), std::move(kind),
                                    std::move(checksum), std::move(applied_at), duration, success,
                                    std::move(error)});
  return entries;
}

/// Records a version as applied (inside the migration's transaction).
inline void record_applied(connection& db, const std::string& table, std::int64_t version,
                           const std::string& description, const std::string& kind,
                           const std::string& checksum, double duration_ms) {
  const std::string sql = "INSERT INTO " + table +
                          " (version, description, kind, checksum, duration_ms, success) VALUES "
                          "($1, $2, $3, $4, $5, true)";
  db.execute_raw(runtime_sql(sql), version, description, kind, checksum, duration_ms);
}

/// Records a version as failed (after the rollback, or after a partial no-transaction run).
inline void record_failed(connection& db, const std::string& table, std::int64_t version,
                          const std::string& description, const std::string& kind,
                          const std::string& checksum, double duration_ms,
                          const std::string& error) {
  const std::string sql =
      "INSERT INTO " + table +
      " (version, description, kind, checksum, duration_ms, success, error) VALUES "
      "($1, $2, $3, $4, $5, false, $6) ON CONFLICT (version) DO UPDATE SET success = false, "
      "error = EXCLUDED.error, duration_ms = EXCLUDED.duration_ms, applied_at = now()";
  db.execute_raw(runtime_sql(sql), version, description, kind, checksum, duration_ms, error);
}

/// Deletes a version's row.
inline void remove_history_row(connection& db, const std::string& table, std::int64_t version) {
  db.execute_raw(runtime_sql("DELETE FROM " + table + " WHERE version = $1"), version);
}

}  // namespace pgdsl::detail

// ---- pgdsl/migrate/detail/offline_script.hpp
// The SQL script of a run, for a DBA who applies it by hand (offline) or a dry run: the history
// table's CREATE, then each migration between BEGIN and COMMIT (unless no-transaction) with the
// INSERT of its history row. The only place where values are written into SQL text, as literals,
// because the script is read by people and psql, never sent by pgdsl.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>


namespace pgdsl::detail {

/// A SQL string literal ('it''s'); standard_conforming_strings (the default) assumed.
inline std::string sql_literal(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

/// The script of `list` (from version `from` to `target`, for the header line); `table` is
/// quoted. Throws invalid_migration at a C++ step, which has no SQL.
inline std::string offline_script(const std::vector<const migration*>& list, std::int64_t from,
                                  std::optional<std::int64_t> target, const std::string& table) {
  std::string out = "-- pgdsl-migrate: from V" + std::to_string(from) + " to " +
                    (target ? "V" + std::to_string(*target) : std::string("the latest")) + ", " +
                    std::to_string(list.size()) + " migration(s)\n" + history_table_ddl(table) +
                    ";\n";
  for (const migration* m : list) {
    if (m->is_step())
      throw invalid_migration(m->label() +
                              " is a C++ step: it cannot be written as SQL; stop the offline "
                              "script before it (--to " +
                              std::to_string(m->version - 1) + ")");
    out += "\n-- " + m->label() + (m->transactional ? "" : ", no transaction") + "\n";
    if (m->transactional) out += "BEGIN;\n";
    out += m->up_sql;
    if (!m->up_sql.empty() && m->up_sql.back() != '\n') out += '\n';
    out += "INSERT INTO " + table + " (version, description, kind, checksum, success) VALUES (" +
           std::to_string(m->version) + ", " + sql_literal(m->description) + ", 'sql', " +
           sql_literal(m->checksum) + ", true);\n";
    if (m->transactional) out += "COMMIT;\n";
  }
  return out;
}

}  // namespace pgdsl::detail

// ---- pgdsl/migrate/detail/split_statements.hpp
// Splits a migration's SQL into statements at the semicolons that end them, skipping those inside
// quotes ('...', E'...', "..."), dollar quotes ($tag$...$tag$) and comments (--, nested /* */).
// Needed for `-- pgdsl:no-transaction` files: several statements sent as one simple query run
// as one implicit transaction, which CREATE INDEX CONCURRENTLY refuses.

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace pgdsl::detail {

// Where the dollar-quote tag starting at `i` ($tag$ or $$) ends (one past its second $), or npos.
inline std::size_t dollar_tag_end(std::string_view sql, std::size_t i) {
  std::size_t j = i + 1;
  while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_' ||
                            static_cast<unsigned char>(sql[j]) >= 0x80))
    ++j;
  if (j < sql.size() && sql[j] == '$' &&
      (j == i + 1 || !std::isdigit(static_cast<unsigned char>(sql[i + 1]))))
    return j + 1;
  return std::string_view::npos;
}

/// The statements of `sql` without their final semicolons; statements holding only comments and
/// blanks are left out.
inline std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> statements;
  std::size_t start = 0;
  bool has_code = false;  // the current statement has more than blanks and comments
  const auto finish = [&](std::size_t end) {
    if (has_code) statements.emplace_back(sql.substr(start, end - start));
    start = end + 1;
    has_code = false;
  };
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '-' && next == '-') {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (c == '/' && next == '*') {
      int depth = 1;
      i += 2;
      while (i < sql.size() && depth > 0) {
        if (sql.compare(i, 2, "/*") == 0)
          ++depth, ++i;
        else if (sql.compare(i, 2, "*/") == 0)
          --depth, ++i;
        ++i;
      }
      continue;
    } else if (c == '\'' || c == '"') {
      // E'...' strings take backslash escapes; '' (or "") inside doubles the quote.
      const bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           (i < 2 || !std::isalnum(static_cast<unsigned char>(sql[i - 2])));
      has_code = true;
      for (++i; i < sql.size(); ++i) {
        if (escapes && sql[i] == '\\') {
          ++i;
        } else if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c)
            ++i;
          else
            break;
        }
      }
    } else if (c == '$') {
      has_code = true;
      const bool after_word =
          i > 0 && (std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_');
      const std::size_t tag_end = after_word ? std::string_view::npos : dollar_tag_end(sql, i);
      if (tag_end != std::string_view::npos) {
        const std::string_view tag = sql.substr(i, tag_end - i);
        const std::size_t close = sql.find(tag, tag_end);
        i = close == std::string_view::npos ? sql.size() : close + tag.size();
        continue;
      }
    } else if (c == ';') {
      finish(i);
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      has_code = true;
    }
    ++i;
  }
  if (start < sql.size()) finish(sql.size());
  return statements;
}

}  // namespace pgdsl::detail

namespace pgdsl {

/// Applies, reverts and reports the migrations of a set on one connection.
class migrator {
 public:
  /// Refuses (transaction_pooling_error) a connection behind a transaction pooler: the session
  /// advisory lock would stay with a server session the pooler hands to others.
  migrator(connection& db, migration_set migrations, migrator_options options = {})
      : db_(&db),
        migrations_(std::move(migrations)),
        options_(std::move(options)),
        table_(identifier(options_.history_table).quoted()) {
    if (detail::connection_access::state(db).transaction_pooling)
      throw transaction_pooling_error(
          "migrations (their session advisory lock and CREATE INDEX CONCURRENTLY need one "
          "server session; connect pgdsl-migrate straight to the server or through a "
          "session-mode pool)");
    (void)migrations_.ordered();  // a down file without its up file is refused here
  }

  /// Every version the program or the history knows, with its state. Takes no lock.
  migration_status status() { return compute_status(read_history()); }

  /// Applies the pending migrations up to `target` (all when not given), each in its own
  /// transaction unless it says `-- pgdsl:no-transaction`; stops at the first failure, records it
  /// and throws migration_failed. Returns the number applied.
  std::size_t up(std::optional<std::int64_t> target = {}) {
    const auto lock = take_lock();
    create_history_table();
    const auto status = checked_status(read_history());
    std::size_t applied = 0;
    for (const migration* m : pending(status, target)) {
      apply(*m);
      ++applied;
    }
    return applied;
  }

  /// The migrations up() would apply, without applying them (dry run). Takes no lock.
  std::vector<const migration*> plan(std::optional<std::int64_t> target = {}) {
    return pending(checked_status(read_history()), target);
  }

  /// The SQL up() would run, as one script with the history inserts (dry run on a live
  /// database); throws invalid_migration when a C++ step is among them.
  std::string plan_sql(std::optional<std::int64_t> target = {}) {
    const auto status = checked_status(read_history());
    return detail::offline_script(pending(status, target), status.current_version, target, table_);
  }

  /// Reverts the applied migrations above `target`, newest first, with their down files (or
  /// steps); refuses with no_down_migration before running anything when one has none. Returns
  /// the number reverted.
  std::size_t down(std::int64_t target) {
    const auto lock = take_lock();
    create_history_table();
    const auto status = checked_status(read_history());
    std::vector<const migration*> to_revert;
    for (auto it = status.entries.rbegin(); it != status.entries.rend(); ++it) {
      if (it->version <= target || !it->history) continue;
      if (it->state == migration_state::baseline)
        throw no_down_migration(it->version,
                                "cannot go below the baseline V" + std::to_string(it->version));
      const migration* m = migrations_.find(it->version);
      if (m == nullptr || !m->has_down())
        throw no_down_migration(it->version, "V" + std::to_string(it->version) + " (" +
                                                 it->description +
                                                 ") has no down file (V<version>__<description>"
                                                 ".down.sql): cannot downgrade to V" +
                                                 std::to_string(target));
      to_revert.push_back(m);
    }
    for (const migration* m : to_revert) revert(*m);
    return to_revert.size();
  }

  /// Marks an existing database as being at `version` without running anything: the migrations
  /// up to it are taken as already done. Only on an empty history.
  void baseline(std::int64_t version, const std::string& description = "baseline") {
    const auto lock = take_lock();
    create_history_table();
    const auto history = read_history();
    if (!history.empty())
      throw migration_version_error(version, "baseline needs an empty history, and " +
                                                 options_.history_table + " already has " +
                                                 std::to_string(history.size()) + " row(s)");
    detail::record_applied(*db_, table_, version, description, "baseline", "", 0);
  }

  /// The explicit way out of a refusal: deletes failed rows (after you fixed what the failed
  /// migration left behind), sets the checksums of edited applied migrations to their current
  /// text, and deletes the rows of applied migrations the program no longer has.
  repair_report repair() {
    const auto lock = take_lock();
    create_history_table();
    repair_report report;
    for (const auto& entry : compute_status(read_history()).entries) {
      if (entry.state == migration_state::failed) {
        detail::remove_history_row(*db_, table_, entry.version);
        report.removed_failed.push_back(entry.version);
      } else if (entry.state == migration_state::missing) {
        detail::remove_history_row(*db_, table_, entry.version);
        report.removed_missing.push_back(entry.version);
      } else if (entry.state == migration_state::checksum_changed) {
        const migration* m = migrations_.find(entry.version);
        db_->execute_raw(runtime_sql("UPDATE " + table_ +
                                     " SET checksum = $2, description = $3 WHERE version = $1"),
                         entry.version, m->checksum, m->description);
        report.realigned.push_back(entry.version);
      }
    }
    return report;
  }

  /// The migrations the migrator runs.
  const migration_set& migrations() const noexcept { return migrations_; }

  /// The offline script from `from` (0: an empty database) up to `target` (all when not given),
  /// without a connection: the history table's CREATE, then each migration between BEGIN and
  /// COMMIT (unless no-transaction) with its history insert. For DBAs who apply SQL by hand.
  static std::string offline_sql(const migration_set& migrations, std::int64_t from = 0,
                                 std::optional<std::int64_t> target = {},
                                 const migrator_options& options = {}) {
    std::vector<const migration*> list;
    for (const migration* m : migrations.ordered())
      if (m->version > from && (!target || m->version <= *target)) list.push_back(m);
    return detail::offline_script(list, from, target, identifier(options.history_table).quoted());
  }

 private:
  detail::advisory_lock_guard take_lock() {
    std::int64_t key = 0;
    if (options_.lock_key) {
      key = *options_.lock_key;
    } else {
      const auto schema =
          db_->query<std::optional<std::string>>("SELECT current_schema()").scalar();
      if (!schema)
        throw migration_error("no schema of the search_path exists: the history table " +
                              options_.history_table + " has nowhere to go");
      detail::fnv1a64 hash;
      hash.add("pgdsl-migrate:" + *schema + "." + options_.history_table);
      key = static_cast<std::int64_t>(hash.state);
    }
    return detail::advisory_lock_guard(*db_, key, options_);
  }

  // Under the lock, so two migrators never race to create it (and no "already exists" notice).
  void create_history_table() {
    if (!detail::history_table_exists(*db_, options_.history_table))
      db_->run_command(runtime_sql(detail::history_table_ddl(table_)));
  }

  std::vector<history_entry> read_history() {
    return detail::read_history(*db_, table_, options_.history_table);
  }

  migration_status compute_status(const std::vector<history_entry>& history) const {
    migration_status status;
    std::map<std::int64_t, migration_status_entry> by_version;
    std::int64_t baseline = 0, newest_applied = 0;
    for (const auto& h : history) {
      auto& e = by_version[h.version];
      e.version = h.version;
      e.description = h.description;
      e.history = h;
      const migration* m = migrations_.find(h.version);
      if (!h.success)
        e.state = migration_state::failed;
      else if (h.kind == "baseline")
        e.state = migration_state::baseline, baseline = std::max(baseline, h.version);
      else if (m == nullptr)
        e.state = migration_state::missing;
      else if (m->checksum != h.checksum)
        e.state = migration_state::checksum_changed;
      else
        e.state = migration_state::applied;
      if (h.success) newest_applied = std::max(newest_applied, h.version);
    }
    for (const migration* m : migrations_.ordered()) {
      if (by_version.contains(m->version)) continue;
      auto& e = by_version[m->version];
      e.version = m->version;
      e.description = m->description;
      e.state = m->version <= baseline        ? migration_state::below_baseline
                : m->version < newest_applied ? migration_state::out_of_order
                                              : migration_state::pending;
    }
    for (auto& [version, e] : by_version) status.entries.push_back(std::move(e));
    status.current_version = newest_applied;
    return status;
  }

  // The status, or the refusal that stops a run: the first problem by version.
  migration_status checked_status(const std::vector<history_entry>& history) const {
    auto status = compute_status(history);
    for (const auto& e : status.entries) {
      const std::string name = "V" + std::to_string(e.version) + " (" + e.description + ")";
      switch (e.state) {
        case migration_state::failed:
          throw dirty_database(
              e.version, "the database is dirty: " + name + " failed at " + e.history->applied_at +
                             (e.history->error ? ": " + *e.history->error : "") +
                             "\nFix what it left behind (a failed no-transaction migration may "
                             "have run in part), then run `pgdsl-migrate repair` (migrator::"
                             "repair()) to remove the failed record, and migrate again");
        case migration_state::checksum_changed:
          throw checksum_mismatch(e.version,
                                  name + " was edited after it was applied (checksum " +
                                      e.history->checksum + " in " + options_.history_table + ", " +
                                      migrations_.find(e.version)->checksum +
                                      " now): restore the file, or accept the new text with "
                                      "`pgdsl-migrate repair` (migrator::repair())");
        case migration_state::missing:
          throw missing_migration(e.version,
                                  name +
                                      " is applied but the program no longer has it: restore the "
                                      "file, or forget it with `pgdsl-migrate repair` (migrator::"
                                      "repair())");
        case migration_state::out_of_order:
          throw out_of_order_migration(e.version, name +
                                                      " is pending but older than the applied V" +
                                                      std::to_string(status.current_version) +
                                                      ": give it a version above V" +
                                                      std::to_string(status.current_version));
        default:
          break;
      }
    }
    return status;
  }

  std::vector<const migration*> pending(const migration_status& status,
                                        std::optional<std::int64_t> target) const {
    std::vector<const migration*> list;
    for (const auto& e : status.entries)
      if (e.state == migration_state::pending && (!target || e.version <= *target))
        list.push_back(migrations_.find(e.version));
    return list;
  }

  static double milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  }

  void report(migration_event_kind kind, const migration& m,
              std::chrono::steady_clock::time_point start) const {
    if (!options_.on_progress) return;
    options_.on_progress(migration_event{kind, m.version, m.description,
                                         std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::steady_clock::now() - start)});
  }

  // Runs SQL text or a step; a no-transaction text goes statement by statement, since several
  // statements in one simple query form an implicit transaction.
  void run_body(const std::string& sql, const migration_step& step, bool transactional) {
    if (step) {
      step(*db_);
    } else if (transactional) {
      if (!detail::split_statements(sql).empty()) db_->run_command(runtime_sql(sql));
    } else {
      for (const auto& statement : detail::split_statements(sql))
        db_->run_command(runtime_sql(statement));
    }
  }

  void apply(const migration& m) {
    const auto start = std::chrono::steady_clock::now();
    if (options_.on_progress)
      options_.on_progress(
          migration_event{migration_event_kind::starting, m.version, m.description});
    const std::string kind = m.is_step() ? "step" : "sql";
    try {
      if (m.transactional) {
        pgdsl::transaction tx(*db_);
        run_body(m.up_sql, m.up_step, true);
        detail::record_applied(*db_, table_, m.version, m.description, kind, m.checksum,
                               milliseconds_since(start));
        tx.commit();
      } else {
        run_body(m.up_sql, m.up_step, false);
        detail::record_applied(*db_, table_, m.version, m.description, kind, m.checksum,
                               milliseconds_since(start));
      }
    } catch (const std::exception& e) {
      const auto* server = dynamic_cast<const sql_error*>(&e);
      const std::string message = server ? server->message() : std::string(e.what());
      if (server && is_connection_loss(*server)) throw;  // nothing can be recorded
      detail::record_failed(*db_, table_, m.version, m.description, kind, m.checksum,
                            milliseconds_since(start), message);
      report(migration_event_kind::failed, m, start);
      throw migration_failed(
          m.version,
          m.label() + " failed" +
              (m.transactional ? " and was rolled back"
                               : " outside a transaction: it may have run in part") +
              ": " + std::string(e.what()) +
              "\nThe history records it as failed; fix it, run `pgdsl-migrate "
              "repair`, and migrate again",
          server ? server->sqlstate() : std::string());
    }
    report(migration_event_kind::applied, m, start);
  }

  // A failed downgrade throws migration_failed; in a transaction nothing changed, outside one it
  // may have run in part, so the version is recorded as failed (dirty) like a failed upgrade.
  void revert(const migration& m) {
    const auto start = std::chrono::steady_clock::now();
    if (options_.on_progress)
      options_.on_progress(
          migration_event{migration_event_kind::starting, m.version, m.description});
    const std::string down_sql = m.down_sql.value_or("");
    try {
      if (m.down_transactional) {
        pgdsl::transaction tx(*db_);
        run_body(down_sql, m.down_step, true);
        detail::remove_history_row(*db_, table_, m.version);
        tx.commit();
      } else {
        run_body(down_sql, m.down_step, false);
        detail::remove_history_row(*db_, table_, m.version);
      }
    } catch (const std::exception& e) {
      const auto* server = dynamic_cast<const sql_error*>(&e);
      if (server && is_connection_loss(*server)) throw;
      if (!m.down_transactional)
        detail::record_failed(*db_, table_, m.version, m.description, m.is_step() ? "step" : "sql",
                              m.checksum, milliseconds_since(start),
                              "down: " + (server ? server->message() : std::string(e.what())));
      report(migration_event_kind::failed, m, start);
      throw migration_failed(
          m.version,
          "the downgrade of " + m.label() +
              (m.down_transactional
                   ? " failed and was rolled back; V" + std::to_string(m.version) + " stays applied"
                   : " failed outside a transaction: it may have run in part; "
                     "the history records it as failed") +
              ": " + std::string(e.what()),
          server ? server->sqlstate() : std::string());
    }
    report(migration_event_kind::reverted, m, start);
  }

  connection* db_;
  migration_set migrations_;
  migrator_options options_;
  std::string table_;  // quoted
};

}  // namespace pgdsl
