// SPDX-License-Identifier: BSL-1.0
// The scanner behind connection_options::transaction_pooling: which raw SQL keeps state in the
// server session (refused behind a transaction pooler) and which does not. No server needed.
#include "support/catch.hpp"

#include <string>

#include "pgdsl/error/all.hpp"
#include "pgdsl/execution/detail/session_state.hpp"

using pgdsl::detail::session_state_in;

TEST_CASE("LISTEN, PREPARE, session advisory locks and WITH HOLD cursors keep session state") {
  CHECK(session_state_in("LISTEN orders").starts_with("LISTEN"));
  CHECK(session_state_in("  -- wake me\n listen orders").starts_with("LISTEN"));
  CHECK(session_state_in("PREPARE q AS SELECT 1").starts_with("PREPARE"));
  CHECK(session_state_in("SELECT pg_advisory_lock(42)").starts_with("pg_advisory_lock"));
  CHECK(session_state_in("select PG_TRY_ADVISORY_LOCK($1, $2)").starts_with("PG_TRY"));
  CHECK(session_state_in("SELECT pg_catalog.pg_advisory_lock_shared(1)")
            .starts_with("pg_advisory_lock_shared"));
  CHECK(session_state_in("DECLARE c CURSOR WITH HOLD FOR SELECT 1").starts_with("DECLARE"));
  CHECK(
      session_state_in("declare c no scroll cursor with hold for select 1").starts_with("DECLARE"));
}

TEST_CASE("a session SET keeps session state; SET LOCAL and settings PgBouncer carries do not") {
  CHECK(session_state_in("SET search_path = app, public").starts_with("SET search_path"));
  CHECK(
      session_state_in("SET SESSION statement_timeout = 100").starts_with("SET statement_timeout"));
  CHECK(session_state_in("set role reporting").starts_with("SET role"));
  CHECK(session_state_in("SET LOCAL search_path = app").empty());
  CHECK(session_state_in("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE").empty());
  CHECK(session_state_in("SET CONSTRAINTS ALL DEFERRED").empty());
  CHECK(session_state_in("SET TimeZone = 'UTC'").empty());
  CHECK(session_state_in("SET application_name = 'x'").empty());
}

TEST_CASE("a temporary object keeps session state unless it is dropped at commit") {
  CHECK(session_state_in("CREATE TEMP TABLE scratch (id int)").starts_with("CREATE TEMP"));
  CHECK(session_state_in("create local temporary table s (id int) on commit delete rows")
            .starts_with("CREATE TEMP"));
  CHECK(session_state_in("CREATE TEMPORARY VIEW v AS SELECT 1; SELECT 1").starts_with("CREATE"));
  CHECK(session_state_in("CREATE TEMP TABLE scratch (id int) ON COMMIT DROP").empty());
  CHECK(session_state_in("BEGIN; CREATE TEMP TABLE s (id int) ON COMMIT DROP; COMMIT").empty());
  CHECK(session_state_in("CREATE OR REPLACE TEMP VIEW v AS SELECT 1").starts_with("CREATE"));
  CHECK(session_state_in("CREATE TABLE temp (id int)").empty());
  CHECK(session_state_in("CREATE TABLE t (temp int, temporary int)").empty());
}

TEST_CASE("several statements in one string are each looked at") {
  CHECK(session_state_in("BEGIN; LISTEN orders; COMMIT").starts_with("LISTEN"));
  CHECK(session_state_in("SELECT 1; SET search_path = x").starts_with("SET search_path"));
  CHECK(session_state_in("BEGIN; SET LOCAL work_mem = '64MB'; SELECT 1; COMMIT").empty());
}

TEST_CASE("what is only named in literals, identifiers, comments or bodies is not refused") {
  CHECK(session_state_in("SELECT 'LISTEN x; SET a = 1; pg_advisory_lock'").empty());
  CHECK(session_state_in("SELECT 1 AS \"pg_advisory_lock\"").empty());
  CHECK(session_state_in("SELECT 1 /* pg_advisory_lock(1) */ -- LISTEN\n").empty());
  CHECK(session_state_in("SELECT $$ SET search_path = x $$, $body$;LISTEN y$body$").empty());
  CHECK(session_state_in("SELECT 'it''s; LISTEN x'").empty());
  CHECK(session_state_in("SELECT pg_advisory_xact_lock(1)").empty());
  CHECK(session_state_in("SELECT $1::int, listen FROM t WHERE x = $2").empty());
  CHECK(session_state_in("DECLARE c CURSOR WITHOUT HOLD FOR SELECT 1").empty());
  CHECK(session_state_in("").empty());
}

TEST_CASE("the refusal is a feature_not_supported naming the command and the SQL") {
  try {
    pgdsl::detail::refuse_session_state("LISTEN orders");
    FAIL("not refused");
  } catch (const pgdsl::feature_not_supported& e) {
    CHECK(e.sqlstate() == "0A000");
    CHECK(e.sql() == "LISTEN orders");
    CHECK(std::string(e.what()).find("transaction_pooling") != std::string::npos);
    CHECK(dynamic_cast<const pgdsl::transaction_pooling_error*>(&e) != nullptr);
  }
}
