// SPDX-License-Identifier: BSL-1.0
// prepare: the one prepare-and-check of a static statement. plan_statement() decides from the
// connection's cache which steps a statement needs before it can run (Parse, Describe) and
// records them; the steps go out through protocol.hpp and their results come back to
// accept_step(), which checks the described columns against the statement's declared ones, so a
// mismatch is reported before the statement ever runs. The blocking connection sends the steps
// in one round trip (prepare_now); a pipeline queues them in front of the statement.
#pragma once

#include <libpq-fe.h>

#include <cstring>
#include <string>

#include "pgdsl/execution/detail/columns.hpp"
#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/protocol.hpp"
#include "pgdsl/execution/result_error.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

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
