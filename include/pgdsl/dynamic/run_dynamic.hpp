// SPDX-License-Identifier: BSL-1.0
// Running a dynamic statement: its shape's interned SQL is the key of the connection's
// prepared-statement cache, so each shape is prepared (and its columns checked) once per
// connection by the same run_static() as a static statement. At most prepared_cache::shape_limit
// shapes stay prepared on a connection: the least recently used one is deallocated first.
#pragma once

#include "pgdsl/dynamic/dynamic_insert.hpp"
#include "pgdsl/dynamic/dynamic_select.hpp"
#include "pgdsl/dynamic/dynamic_update.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/dynamic_statement.hpp"
#include "pgdsl/execution/detail/shape_cache.hpp"
#include "pgdsl/execution/prepared_query.hpp"  // set_shape_limit

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
