// SPDX-License-Identifier: BSL-1.0
// The SQLSTATE hierarchy without a server: each code maps to its own type, unknown codes to their
// class, and the message carries the server's fields and the SQL but nothing else.
#include "support/catch.hpp"

#include <fstream>
#include <iterator>
#include <string>
#include <type_traits>
#include <typeinfo>

#include "pgdsl/error/all.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

namespace {

pgdsl::sql_error_fields fields_for(const std::string& code) {
  pgdsl::sql_error_fields fields;
  fields.sqlstate = code;
  fields.message = "message for " + code;
  fields.sql = "SELECT $1";
  return fields;
}

template <class Expected>
bool maps_to(const std::string& code) {
  try {
    pgdsl::throw_for_sqlstate(fields_for(code));
  } catch (const Expected& e) {
    return e.sqlstate() == code;
  } catch (...) {
    return false;
  }
  return false;
}

}  // namespace

TEST_CASE("each common SQLSTATE maps to its own exception type") {
  CHECK(maps_to<pgdsl::unique_violation>("23505"));
  CHECK(maps_to<pgdsl::foreign_key_violation>("23503"));
  CHECK(maps_to<pgdsl::not_null_violation>("23502"));
  CHECK(maps_to<pgdsl::check_violation>("23514"));
  CHECK(maps_to<pgdsl::exclusion_violation>("23P01"));
  CHECK(maps_to<pgdsl::serialization_failure>("40001"));
  CHECK(maps_to<pgdsl::deadlock_detected>("40P01"));
  CHECK(maps_to<pgdsl::syntax_error>("42601"));
  CHECK(maps_to<pgdsl::undefined_table>("42P01"));
  CHECK(maps_to<pgdsl::undefined_column>("42703"));
  CHECK(maps_to<pgdsl::undefined_function>("42883"));
  CHECK(maps_to<pgdsl::duplicate_table>("42P07"));
  CHECK(maps_to<pgdsl::insufficient_privilege>("42501"));
  CHECK(maps_to<pgdsl::division_by_zero>("22012"));
  CHECK(maps_to<pgdsl::numeric_value_out_of_range>("22003"));
  CHECK(maps_to<pgdsl::invalid_text_representation>("22P02"));
  CHECK(maps_to<pgdsl::string_data_right_truncation>("22001"));
  CHECK(maps_to<pgdsl::query_canceled>("57014"));
  CHECK(maps_to<pgdsl::admin_shutdown>("57P01"));
  CHECK(maps_to<pgdsl::in_failed_sql_transaction>("25P02"));
  CHECK(maps_to<pgdsl::read_only_sql_transaction>("25006"));
}

TEST_CASE("a specific exception is also caught as its SQLSTATE class and as sql_error") {
  CHECK(maps_to<pgdsl::integrity_constraint_violation>("23505"));
  CHECK(maps_to<pgdsl::transaction_rollback>("40001"));
  CHECK(maps_to<pgdsl::syntax_error_or_access_rule_violation>("42P01"));
  CHECK(maps_to<pgdsl::data_exception>("22012"));
  CHECK(maps_to<pgdsl::operator_intervention>("57014"));
  CHECK(maps_to<pgdsl::sql_error>("23505"));
  CHECK(maps_to<pgdsl::sql_error>("23505"));
  CHECK_THROWS_AS(pgdsl::throw_for_sqlstate(fields_for("23505")), pgdsl::error);
}

TEST_CASE("an unknown code maps to the type of its class") {
  CHECK(maps_to<pgdsl::integrity_constraint_violation>("23999"));
  CHECK(maps_to<pgdsl::data_exception>("22ZZZ"));
  CHECK(maps_to<pgdsl::syntax_error_or_access_rule_violation>("42ZZZ"));
  CHECK(maps_to<pgdsl::transaction_rollback>("40003"));
  CHECK(maps_to<pgdsl::connection_error>("08006"));
  CHECK(maps_to<pgdsl::connection_error>("08P01"));
  CHECK(maps_to<pgdsl::feature_not_supported>("0A000"));
  CHECK_FALSE(maps_to<pgdsl::integrity_constraint_violation>("ZZ000"));
  CHECK(maps_to<pgdsl::sql_error>("ZZ000"));
}

TEST_CASE("the message carries sqlstate, detail, hint and SQL") {
  pgdsl::sql_error_fields fields = fields_for("23505");
  fields.detail = "Key (email)=(...) already exists.";
  fields.hint = "use another";
  fields.constraint = "users_email_key";
  fields.table = "users";
  const pgdsl::unique_violation e(fields);
  const std::string what = e.what();
  CHECK(what.find("message for 23505") != std::string::npos);
  CHECK(what.find("SQLSTATE 23505") != std::string::npos);
  CHECK(what.find("DETAIL: Key") != std::string::npos);
  CHECK(what.find("HINT: use another") != std::string::npos);
  CHECK(what.find("SQL: SELECT $1") != std::string::npos);
  CHECK(e.constraint() == "users_email_key");
  CHECK(e.table() == "users");
}

TEST_CASE("a connection error without a result names the connection failure class") {
  const pgdsl::connection_error e("server closed the connection unexpectedly", "08006");
  CHECK(e.sqlstate() == "08006");
  CHECK(std::string(e.what()).find("server closed") != std::string::npos);
}

// The table in error/sqlstate_errors.hpp is the only place a code is written: the trait, the
// lookup and the thrown type all come from it.
static_assert(pgdsl::sqlstate_of<pgdsl::unique_violation> == "23505");
static_assert(pgdsl::sqlstate_of<pgdsl::integrity_constraint_violation> == "23");
static_assert(pgdsl::sqlstate_of<pgdsl::connection_error> == "08");
static_assert(pgdsl::sqlstate_of<pgdsl::admin_shutdown> == "57P01");
static_assert(pgdsl::detail::sqlstate_type_name("23505") == "unique_violation");
static_assert(pgdsl::detail::sqlstate_type_name("23999") == "integrity_constraint_violation");
static_assert(pgdsl::detail::sqlstate_type_name("08006") == "connection_error");
static_assert(pgdsl::detail::sqlstate_type_name("P0001") == "raise_exception");
static_assert(pgdsl::detail::sqlstate_type_name("P0002") == "sql_error");
static_assert(pgdsl::detail::sqlstate_type_name("ZZ000") == "sql_error");
static_assert(pgdsl::detail::sqlstate_type_name("") == "sql_error");
static_assert(std::is_base_of_v<pgdsl::operator_intervention, pgdsl::cannot_connect_now>);
static_assert(std::is_base_of_v<pgdsl::sql_error, pgdsl::connection_error>);
static_assert(std::is_base_of_v<pgdsl::error, pgdsl::conversion_error>);

TEST_CASE("every row of the SQLSTATE table throws exactly its own type") {
  for (const pgdsl::detail::sqlstate_mapping& row : pgdsl::detail::sqlstate_mappings) {
    const std::string code =
        row.code.size() == 5 ? std::string(row.code) : std::string(row.code) + "ZZZ";
    INFO(code << " " << row.type_name);
    try {
      pgdsl::throw_for_sqlstate(fields_for(code));
    } catch (const pgdsl::sql_error& e) {
      CHECK(typeid(e) == *row.type);
      CHECK(e.sqlstate() == code);
    }
  }
}

TEST_CASE("docs/errors.md names every type of the SQLSTATE table with its code") {
  std::ifstream file(PGDSL_ERRORS_DOC);
  REQUIRE(file);
  const std::string doc((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const pgdsl::detail::sqlstate_mapping& row : pgdsl::detail::sqlstate_mappings) {
    INFO(row.type_name);
    // Appended, not "`" + std::string(...): g++ 12 at -O3 reports a false -Wrestrict inside
    // libstdc++'s operator+(const char*, std::string&&).
    std::string quoted = "`";
    quoted.append(row.type_name).append("`");
    CHECK(doc.find(quoted) != std::string::npos);
    CHECK(doc.find(std::string(row.code)) != std::string::npos);
  }
}
