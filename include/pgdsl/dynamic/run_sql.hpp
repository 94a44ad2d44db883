// SPDX-License-Identifier: BSL-1.0
// Running a composed pgdsl::sql: its text rendered, its owned parameters bound, and the statement
// run unnamed through the execution core's run_unnamed (like raw SQL: its shape is the caller's,
// so it is not prepared), its result columns checked and decoded as T... by position.
#pragma once

#include <string>

#include "pgdsl/dynamic/sql.hpp"
#include "pgdsl/execution/connection.hpp"

namespace pgdsl {

/// Runs a composed statement whose rows decode into T... (names that a user's variables called
/// query or execute cannot hide under `using namespace pgdsl`); a result like db.query<T...>()'s.
template <class... T>
result<raw_columns<T...>> query_sql(connection& db, const sql& statement) {
  using columns = raw_columns<T...>;
  detail::connection_state& state = detail::connection_access::state(db);
  const std::string text = statement.text();
  const detail::owned_parameters::view params(statement.parameters());
  return result<columns>(
      detail::observe(
          state.hook, text,
          [&] { return detail::run_unnamed<columns>(state, text.c_str(), params.bound()); },
          [](const detail::result_ptr& r) { return detail::row_count(r.get()); }),
      text.c_str(), /*copy_sql=*/true);
}

/// Runs a composed statement that returns no rows of interest; see rows_affected().
inline result<type_list<>> execute_sql(connection& db, const sql& statement) {
  return query_sql<>(db, statement);
}

}  // namespace pgdsl
