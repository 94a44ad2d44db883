// SPDX-License-Identifier: BSL-1.0
// The blocking execute path: a statement's steps sent through protocol.hpp and its results taken
// with poll_wait. Static statements are prepared and checked once per connection (prepare.hpp),
// then executed by name (or unnamed, checked on every run); raw SQL and statements rendered at
// run time are executed unnamed with their columns checked on every run; commands go through the
// simple protocol. Streaming, COPY and the pipeline send their statements with the same steps.
#pragma once

#include <libpq-fe.h>

#include <cstring>
#include <string>

#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/prepare.hpp"
#include "pgdsl/execution/detail/protocol.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

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
