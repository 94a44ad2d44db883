// SPDX-License-Identifier: BSL-1.0
// async_jobs: what each kind of asynchronous operation sends and how its results become its
// outcome, written with the execution core's pieces (plan_statement and accept_step from
// prepare.hpp, send_* from protocol.hpp, parameter blocks, check_columns, throw_sql_error), the
// same ones the blocking connection and the pipeline use; only the waiting differs.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/execution/detail/prepare.hpp"
#include "pgdsl/execution/detail/protocol.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/execution/result.hpp"
#include "pgdsl/execution/statement_concept.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

namespace pgdsl::detail {

// The result of one step, or the failure that stands for it when the connection broke before it.
inline const PGresult* step_result(const std::vector<result_ptr>& results, std::size_t index) {
  return index < results.size() ? results[index].get() : nullptr;
}

/// A static statement: prepared and its columns checked once per connection (planned when it is
/// sent, so statements queued behind one another see each other's plans), executed by name.
template <class Q>
struct static_job {
  using columns = typename Q::result_columns;
  using value_type = result<columns>;

  explicit static_job(const Q& statement) : params(statement) {}

  bool send(connection_state& state) {
    const bound_parameters bound = params.template bound<typename Q::param_types>();
    plan = plan_statement<columns>(state, sql());
    PGconn* conn = state.conn.get();
    return (!plan.prepare || send_prepare(conn, plan.target, sql(), bound)) &&
           (!plan.describe || send_describe(conn, plan.target)) &&
           send_statement(conn, plan.run_as, sql(), bound);
  }

  value_type outcome(connection_state& state, std::vector<result_ptr>& results) {
    PGconn* conn = state.conn.get();
    std::size_t index = 0;
    try {
      if (plan.prepare) accept_step<columns>(conn, step_result(results, index++), false, sql());
      if (plan.describe) accept_step<columns>(conn, step_result(results, index++), true, sql());
    } catch (...) {
      forget_statement(state, sql());  // planned afresh next time
      throw;
    }
    const PGresult* answer = step_result(results, index);
    if (!succeeded(answer)) throw_sql_error(conn, answer, sql());
    if (plan.run_as == nullptr) check_columns<columns>(answer, sql());
    return value_type(std::move(results[index]), sql());
  }

  static value_type empty() { return value_type(result_ptr(), ""); }
  static const char* sql() noexcept { return Q::sql.c_str(); }

  parameter_block<Q::param_count> params;
  statement_plan plan{};
};

/// Raw SQL with bound arguments, run unnamed; its columns are checked on every run.
template <class Columns, class... Args>
struct raw_job {
  using value_type = result<Columns>;

  explicit raw_job(raw_sql text, const Args&... args) : sql(text.c_str()) {
    (params.add(as_parameter(args)), ...);
    params.finish();
  }

  bool send(connection_state& state) {
    using param_types = type_list<parameter_value_t<Args>...>;
    return send_statement(state.conn.get(), nullptr, sql.c_str(),
                          params.template bound<param_types>());
  }

  value_type outcome(connection_state& state, std::vector<result_ptr>& results) {
    const PGresult* answer = step_result(results, 0);
    if (!succeeded(answer)) throw_sql_error(state.conn.get(), answer, sql);
    check_columns<Columns>(answer, sql.c_str());
    return value_type(std::move(results[0]), sql.c_str(), /*copy_sql=*/true);
  }

  static value_type empty() { return value_type(result_ptr(), ""); }

  std::string sql;
  parameter_block<sizeof...(Args)> params;
};

/// A command without parameters or rows (BEGIN, COMMIT, SAVEPOINT ...), extended protocol.
struct command_job {
  using value_type = void;

  explicit command_job(std::string text) : sql(std::move(text)) {}

  bool send(connection_state& state) {
    return send_statement(state.conn.get(), nullptr, sql.c_str(), bound_parameters{}, text_results);
  }
  void outcome(connection_state& state, std::vector<result_ptr>& results) {
    const PGresult* answer = step_result(results, 0);
    if (!succeeded(answer)) throw_sql_error(state.conn.get(), answer, sql);
  }

  std::string sql;
};

}  // namespace pgdsl::detail
