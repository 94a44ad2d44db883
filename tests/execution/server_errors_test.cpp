// SPDX-License-Identifier: BSL-1.0
// Every SQLSTATE class the library names, produced for real by the server: each constraint
// violation, syntax and name errors, data exceptions. Each carries the server's fields and the
// statement's SQL, never the bound values, and leaves the connection usable.
#include "support/catch.hpp"

#include <cstdint>
#include <string>

#include "support/database.hpp"

namespace {

template <class Expected, class Run>
Expected caught(Run&& run) {
  try {
    run();
  } catch (const Expected& e) {
    return e;
  }
  FAIL("the expected exception was not thrown");
  throw;  // unreachable
}

void create_tables(pgdsl::test::database& fixture) {
  fixture.run(
      "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, "
      "balance bigint NOT NULL CONSTRAINT balance_not_negative CHECK (balance >= 0), "
      "code varchar(3))");
  fixture.run("CREATE TABLE payments (id bigint, account bigint REFERENCES accounts (id))");
  fixture.run(
      "CREATE TABLE bookings (during int4range, "
      "CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&))");
  fixture.run("INSERT INTO accounts VALUES (1, 'a@example.com', 10, 'abc')");
}

}  // namespace

TEST_CASE("a duplicate key is unique_violation with constraint, table, detail and SQL") {
  pgdsl::test::database fixture;
  create_tables(fixture);
  const std::string secret = "a@example.com";
  const auto e = caught<pgdsl::unique_violation>([&] {
    fixture.db().execute_raw("INSERT INTO accounts VALUES ($1, $2, 0)", std::int64_t{2}, secret);
  });
  CHECK(e.sqlstate() == "23505");
  CHECK(e.constraint() == "accounts_email_key");
  CHECK(e.table() == "accounts");
  CHECK(e.schema() == fixture.schema());
  CHECK(e.sql() == "INSERT INTO accounts VALUES ($1, $2, 0)");
  CHECK_FALSE(e.detail().empty());  // the server's own detail may quote the key
  CHECK(fixture.db().is_open());
}

TEST_CASE("a missing referenced row is foreign_key_violation") {
  pgdsl::test::database fixture;
  create_tables(fixture);
  const auto e = caught<pgdsl::foreign_key_violation>(
      [&] { fixture.db().execute_raw("INSERT INTO payments VALUES (1, 99)"); });
  CHECK(e.constraint() == "payments_account_fkey");
}

TEST_CASE("NULL into a NOT NULL column is not_null_violation naming the column") {
  pgdsl::test::database fixture;
  create_tables(fixture);
  const auto e = caught<pgdsl::not_null_violation>(
      [&] { fixture.db().execute_raw("INSERT INTO accounts (id, balance) VALUES (5, 0)"); });
  CHECK(e.column() == "email");
  CHECK(e.table() == "accounts");
}

TEST_CASE("a failed CHECK is check_violation naming the constraint") {
  pgdsl::test::database fixture;
  create_tables(fixture);
  const auto e = caught<pgdsl::check_violation>(
      [&] { fixture.db().execute_raw("UPDATE accounts SET balance = -1"); });
  CHECK(e.constraint() == "balance_not_negative");
}

TEST_CASE("an overlapping booking is exclusion_violation") {
  pgdsl::test::database fixture;
  create_tables(fixture);
  fixture.run("INSERT INTO bookings VALUES ('[1,5)')");
  const auto e = caught<pgdsl::exclusion_violation>(
      [&] { fixture.db().execute_raw("INSERT INTO bookings VALUES ('[3,7)')"); });
  CHECK(e.constraint() == "no_overlap");
}

TEST_CASE("SQL that does not parse is syntax_error") {
  pgdsl::test::database fixture;
  const auto e = caught<pgdsl::syntax_error>([&] { fixture.db().execute_raw("SELEC 1"); });
  CHECK(e.sqlstate() == "42601");
  CHECK(e.sql() == "SELEC 1");
}

TEST_CASE("unknown tables, columns and functions are undefined_table, _column, _function") {
  pgdsl::test::database fixture;
  create_tables(fixture);
  auto& db = fixture.db();
  caught<pgdsl::undefined_table>([&] { db.execute_raw("SELECT * FROM no_such_table"); });
  caught<pgdsl::undefined_column>([&] { db.execute_raw("SELECT no_such_column FROM accounts"); });
  caught<pgdsl::undefined_function>([&] { db.execute_raw("SELECT no_such_function(1)"); });
  caught<pgdsl::duplicate_table>([&] { db.execute_raw("CREATE TABLE accounts (id int)"); });
}

TEST_CASE("a statement without the needed privilege is insufficient_privilege") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.execute_raw("CREATE TABLE guarded (id int)");
  db.execute_raw(pgdsl::runtime_sql("CREATE ROLE " + fixture.schema() + "_reader"));
  db.execute_raw(pgdsl::runtime_sql("SET ROLE " + fixture.schema() + "_reader"));
  caught<pgdsl::insufficient_privilege>([&] {
    db.execute_raw(pgdsl::runtime_sql("SELECT * FROM " + fixture.schema() + ".guarded"));
  });
  db.execute_raw("RESET ROLE");
  db.execute_raw(pgdsl::runtime_sql("DROP ROLE " + fixture.schema() + "_reader"));
}

TEST_CASE("data exceptions: division by zero, out of range, bad text, too long") {
  pgdsl::test::database fixture;
  create_tables(fixture);
  auto& db = fixture.db();
  caught<pgdsl::division_by_zero>(
      [&] { db.query<std::int64_t>("SELECT 1::int8 / $1", std::int64_t{0}); });
  caught<pgdsl::numeric_value_out_of_range>(
      [&] { db.query<std::int32_t>("SELECT ($1::int8)::int4", std::int64_t{1} << 40); });
  caught<pgdsl::invalid_text_representation>([&] { db.execute_raw("SELECT 'abc'::int"); });
  caught<pgdsl::string_data_right_truncation>(
      [&] { db.execute_raw("UPDATE accounts SET code = $1", std::string("abcd")); });
  const auto any = caught<pgdsl::data_exception>([&] { db.execute_raw("SELECT 1/0"); });
  CHECK(any.sqlstate() == "22012");
  CHECK(db.is_open());
}

TEST_CASE("a statement in an aborted transaction is in_failed_sql_transaction") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  auto tx = db.begin();
  caught<pgdsl::division_by_zero>([&] { tx.execute_raw("SELECT 1/0"); });
  caught<pgdsl::in_failed_sql_transaction>([&] { tx.execute_raw("SELECT 1"); });
}

TEST_CASE("RAISE EXCEPTION with a custom SQLSTATE maps to that code's class") {
  pgdsl::test::database fixture;
  const auto e = caught<pgdsl::integrity_constraint_violation>([&] {
    fixture.db().execute_raw(
        "DO $$ BEGIN RAISE EXCEPTION 'custom' USING ERRCODE = '23P99', HINT = 'h'; END $$");
  });
  CHECK(e.sqlstate() == "23P99");
  CHECK(e.message() == "custom");
  CHECK(e.hint() == "h");
}
