// prepare_for_run: the prepared-statement step of the execute path on its own, for the callers
// that send the statement themselves (streaming, COPY TO): prepared once per connection, columns
// checked once per declared column list.
#pragma once

#include <libpq-fe.h>

#include <string>

#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/statement_runner.hpp"

namespace pgdsl::detail {

/// The connection's prepared statement for `sql`, prepared (and its columns checked) if needed.
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

}  // namespace pgdsl::detail
