// The execute path: one function per way a statement reaches the server. Static statements are
// prepared once per connection (PQprepare + PQdescribePrepared, column types checked before the
// first execution) and then run with PQexecPrepared; unnamed mode and raw SQL use PQexecParams.
// The preparing and checking step is also available alone (checked_statement) for the callers
// that send a statement themselves (streaming, COPY TO).
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstring>
#include <string>
#include <type_traits>

#include "pgdsl/execution/detail/columns.hpp"
#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/execution/result_error.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

namespace pgdsl::detail {

static_assert(std::is_same_v<oid, Oid>, "pgdsl::oid must be libpq's Oid");

inline constexpr int binary_results = 1;

inline void ensure_open(PGconn* conn, const char* sql) {
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK)
    throw connection_error("the connection is closed or broken; call reset() to reconnect", "08003",
                           sql);
}

// Checks the declared columns against a described statement or a result.
template <class Columns>
void check_columns(const PGresult* description, const char* sql) {
  check_column_types<Columns>(description, [&](std::size_t declared, std::size_t returned) {
    throw column_count_mismatch(declared, returned, sql);
  });
}

// Drops a server-side statement we prepared; failures are irrelevant (it dies with the session).
inline void deallocate(PGconn* conn, const std::string& name) noexcept {
  if (name.empty()) return;
  const std::string command = "DEALLOCATE " + name;
  result_ptr ignored(PQexec(conn, command.c_str()));
}

// Prepares `sql` under `name` and checks its result columns before it ever runs.
template <class Columns>
void prepare_checked(PGconn* conn, const std::string& name, const char* sql, int count,
                     const Oid* types) {
  const result_ptr prepared(PQprepare(conn, name.c_str(), sql, count, types));
  if (!succeeded(prepared.get())) throw_sql_error(conn, prepared.get(), sql);
  const result_ptr description(PQdescribePrepared(conn, name.c_str()));
  if (!succeeded(description.get())) throw_sql_error(conn, description.get(), sql);
  try {
    check_columns<Columns>(description.get(), sql);
  } catch (...) {
    deallocate(conn, name);
    throw;
  }
}

// Unnamed mode: Parse and Describe go out in one pipeline with a single Sync, so a transaction
// pooler (PgBouncer) cannot send the two to different server sessions; then the columns are
// checked before the statement ever runs.
template <class Columns>
void describe_unnamed_checked(PGconn* conn, const char* sql, int count, const Oid* types) {
  if (PQenterPipelineMode(conn) != 1) throw_sql_error(conn, nullptr, sql);
  const bool sent = PQsendPrepare(conn, "", sql, count, types) == 1 &&
                    PQsendDescribePrepared(conn, "") == 1 && PQpipelineSync(conn) == 1;
  result_ptr failure, description;
  bool failed_to_send = !sent;
  for (bool synced = !sent; !synced;) {
    result_ptr next(PQgetResult(conn));
    if (PQstatus(conn) == CONNECTION_BAD) break;
    if (next == nullptr) continue;  // the end of one step's results
    const ExecStatusType status = PQresultStatus(next.get());
    if (status == PGRES_PIPELINE_SYNC) {
      synced = true;
    } else if (status == PGRES_FATAL_ERROR && failure == nullptr) {
      failure = std::move(next);
    } else if (status == PGRES_COMMAND_OK && failure == nullptr) {
      description = std::move(next);  // the Parse result first, then the Describe result
    }
  }
  PQexitPipelineMode(conn);
  if (failed_to_send || failure != nullptr || description == nullptr)
    throw_sql_error(conn, failure.get(), sql);
  check_columns<Columns>(description.get(), sql);
}

// SQLSTATE 0A000 "cached plan must not change result type": the table changed under a
// prepared statement; preparing it again (outside a transaction block) brings it up to date.
inline bool result_type_changed(const PGresult* failed) noexcept {
  const char* code = failed ? PQresultErrorField(failed, PG_DIAG_SQLSTATE) : nullptr;
  const char* message = failed ? PQresultErrorField(failed, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  return code && message && std::strcmp(code, "0A000") == 0 &&
         std::strstr(message, "cached plan must not change result type") != nullptr;
}

// Prepares a static statement under a fresh name and records it in the cache.
template <class Columns>
prepared_statement& prepare_static(connection_state& state, const char* sql, int count,
                                   const Oid* types) {
  std::string name = state.prepared.next_name();
  prepare_checked<Columns>(state.conn.get(), name, sql, count, types);
  return state.prepared.insert(sql, prepared_statement{std::move(name), &columns_tag<Columns>});
}

/// The connection's prepared statement for `sql`, prepared (and its columns checked) if needed;
/// for the callers that send the statement themselves.
template <class Columns>
const prepared_statement& prepare_for_run(connection_state& state, const char* sql, int count,
                                          const Oid* types) {
  prepared_statement* statement = state.prepared.find(sql);
  if (statement == nullptr) return prepare_static<Columns>(state, sql, count, types);
  if (statement->checked_columns != &columns_tag<Columns>) {
    PGconn* conn = state.conn.get();
    const result_ptr description(PQdescribePrepared(conn, statement->name.c_str()));
    if (!succeeded(description.get())) throw_sql_error(conn, description.get(), sql);
    check_columns<Columns>(description.get(), sql);
    statement->checked_columns = &columns_tag<Columns>;
  }
  return *statement;
}

/// Checks a static statement's result columns against the server once per connection: by
/// preparing it (prepared mode) or by describing it unnamed (prepared_statements = false).
/// Returns the server-side name to run it by, empty in unnamed mode.
template <class Columns>
const std::string& checked_statement(connection_state& state, const char* sql, int count,
                                     const Oid* types) {
  if (state.prepared_statements) return prepare_for_run<Columns>(state, sql, count, types).name;
  prepared_statement* checked = state.prepared.find(sql);
  if (checked == nullptr || checked->checked_columns != &columns_tag<Columns>) {
    describe_unnamed_checked<Columns>(state.conn.get(), sql, count, types);
    checked = &state.prepared.insert(sql, prepared_statement{std::string(), &columns_tag<Columns>});
  }
  return checked->name;
}

/// Runs a static statement with its encoded parameters and returns the successful result.
template <class Columns, class ParamTypes, std::size_t N>
result_ptr run_static(connection_state& state, const char* sql, const parameter_block<N>& params) {
  static constexpr auto& types = parameter_oids<ParamTypes>::value;
  PGconn* conn = state.conn.get();
  ensure_open(conn, sql);
  constexpr int count = static_cast<int>(N);
  const std::string* name = &checked_statement<Columns>(state, sql, count, types.data());
  if (!state.prepared_statements) {
    result_ptr outcome(PQexecParams(conn, sql, count, types.data(), params.values(),
                                    params.lengths(), params.formats(), binary_results));
    if (!succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
    check_columns<Columns>(outcome.get(), sql);  // each run is planned afresh: check it
    return outcome;
  }
  result_ptr outcome(PQexecPrepared(conn, name->c_str(), count, params.values(), params.lengths(),
                                    params.formats(), binary_results));
  if (succeeded(outcome.get())) return outcome;
  if (result_type_changed(outcome.get()) && PQtransactionStatus(conn) == PQTRANS_IDLE) {
    const std::string stale = *name;
    state.prepared.erase(sql);
    deallocate(conn, stale);
    name = &prepare_static<Columns>(state, sql, count, types.data()).name;
    outcome.reset(PQexecPrepared(conn, name->c_str(), count, params.values(), params.lengths(),
                                 params.formats(), binary_results));
    if (succeeded(outcome.get())) return outcome;
  }
  throw_sql_error(conn, outcome.get(), sql);
}

/// Runs raw SQL with binary parameters; the result's column types are checked on every run.
template <class Columns, class ParamTypes, std::size_t N>
result_ptr run_raw(connection_state& state, const char* sql, const parameter_block<N>& params) {
  static constexpr auto& types = parameter_oids<ParamTypes>::value;
  PGconn* conn = state.conn.get();
  ensure_open(conn, sql);
  result_ptr outcome(PQexecParams(conn, sql, static_cast<int>(N), types.data(), params.values(),
                                  params.lengths(), params.formats(), binary_results));
  if (!succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
  check_columns<Columns>(outcome.get(), sql);
  return outcome;
}

/// Runs a command in the simple protocol (transaction control, SET); no parameters, no rows.
inline result_ptr run_command(connection_state& state, const char* sql) {
  PGconn* conn = state.conn.get();
  ensure_open(conn, sql);
  result_ptr outcome(PQexec(conn, sql));
  if (!succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
  return outcome;
}

}  // namespace pgdsl::detail
