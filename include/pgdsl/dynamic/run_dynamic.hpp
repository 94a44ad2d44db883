// SPDX-License-Identifier: BSL-1.0
// Running a dynamic statement: its shape's interned SQL is the key of the connection's
// prepared-statement cache, so each shape is prepared (and its columns checked) once per
// connection by the same run_static() as a static statement. At most prepared_cache::shape_limit
// shapes stay prepared on a connection: the least recently used one is deallocated first.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>

#include "pgdsl/dynamic/dynamic_select.hpp"
#include "pgdsl/execution/connection.hpp"

namespace pgdsl {

namespace detail {

/// Marks `sql` as the most recently used shape of this connection, first forgetting (and
/// deallocating) the least recently used ones beyond the limit.
inline void use_shape(connection_state& state, const char* sql) {
  std::vector<const char*>& shapes = state.prepared.shapes();
  const auto found = std::find(shapes.begin(), shapes.end(), sql);
  if (found != shapes.end()) {
    std::rotate(found, found + 1, shapes.end());
    return;
  }
  while (!shapes.empty() && shapes.size() >= std::max<std::size_t>(state.prepared.shape_limit, 1)) {
    const char* oldest = shapes.front();
    shapes.erase(shapes.begin());
    if (prepared_statement* statement = state.prepared.find(oldest)) {
      const std::string name = statement->name;
      forget_statement(state, oldest);
      poll_wait wait;
      deallocate(state.conn.get(), name.c_str(), wait);
    }
  }
  shapes.push_back(sql);
}

}  // namespace detail

/// How many shapes of dynamic statements stay prepared on `db` at most (64 by default); the
/// least recently used are deallocated beyond it.
inline void set_shape_limit(connection& db, std::size_t limit) {
  detail::connection_access::state(db).prepared.shape_limit = limit;
}

/// Runs a dynamic statement: its shape prepared once on this connection, binary parameters.
template <class Base, class Terms, class Keys, bool HasLimit>
result<typename Base::result_columns> execute_dynamic(
    connection& db, const dynamic_select<Base, Terms, Keys, HasLimit>& statement) {
  using columns = typename Base::result_columns;
  using statement_type = dynamic_select<Base, Terms, Keys, HasLimit>;
  constexpr std::size_t capacity = statement_type::max_param_count;
  detail::connection_state& state = detail::connection_access::state(db);
  const char* sql = statement.sql();
  detail::parameter_block<capacity> block;
  std::array<oid, capacity> types{};
  std::size_t count = 0;
  statement.bind([&](const auto& value) {
    types[count++] = detail::parameter_oid_v<std::remove_cvref_t<decltype(value)>>;
    block.add(value);
  });
  block.finish();
  const detail::bound_parameters params{static_cast<int>(count), types.data(), block.values(),
                                        block.lengths(), block.formats()};
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
