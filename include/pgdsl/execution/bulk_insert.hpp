// Statements rendered at run time through the connection: execute() of one multi-row INSERT
// (unnamed, binary parameters typed by their values). insert_rows(), which splits a longer range
// under PostgreSQL's 65,535-parameter limit, is in pipeline.hpp: it sends the parts in one
// pipeline.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <string>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/dynamic_parameters.hpp"
#include "pgdsl/execution/runtime_statement.hpp"

namespace pgdsl {

template <runtime_statement Q>
result<typename Q::result_columns> connection::execute(const Q& statement) {
  using columns = typename Q::result_columns;
  const std::size_t count = statement.param_count();
  if (count > max_statement_parameters) throw too_many_parameters(count);
  detail::dynamic_parameters params;
  params.reserve(count);
  statement.bind([&](const auto& value) { params.add(value); });
  params.finish();
  const std::string sql = statement.render_sql();
  detail::result_ptr outcome = observe(sql.c_str(), [&] {
    PGconn* conn = native_handle();
    detail::ensure_open(conn, sql.c_str());
    detail::result_ptr r(PQexecParams(conn, sql.c_str(), params.count(), params.types(),
                                      params.values(), params.lengths(), params.formats(),
                                      detail::binary_results));
    if (!detail::succeeded(r.get())) throw_sql_error(conn, r.get(), sql.c_str());
    detail::check_columns<columns>(r.get(), sql.c_str());
    return r;
  });
  return result<columns>(std::move(outcome), sql.c_str(), /*copy_sql=*/true);
}

}  // namespace pgdsl
