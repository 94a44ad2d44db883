// SPDX-License-Identifier: BSL-1.0
// Running a dynamic statement: its shape's interned SQL is the key of the connection's
// prepared-statement cache, so each shape is prepared (and its columns checked) once per
// connection by the same run_static() as a static statement. At most prepared_cache::shape_limit
// shapes stay prepared on a connection: the least recently used one is deallocated first.
#pragma once

#include <algorithm>
#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>

#include "pgdsl/dynamic/dynamic_insert.hpp"
#include "pgdsl/dynamic/dynamic_select.hpp"
#include "pgdsl/dynamic/dynamic_update.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/shape_cache.hpp"
#include "pgdsl/execution/prepared_query.hpp"  // set_shape_limit

namespace pgdsl {

namespace detail {
/// What execute_dynamic() runs: a statement whose SQL is one of its shapes' interned texts.
template <class Q>
concept dynamic_statement = requires(const Q& q) {
  { q.sql() } -> std::same_as<const char*>;
  { q.shape() } -> std::same_as<std::uint64_t>;
  typename Q::result_columns;
  { Q::max_param_count } -> std::convertible_to<std::size_t>;
};
}  // namespace detail

/// Runs a dynamic statement (a dynamic SELECT, a dynamic UPDATE): its shape prepared once on this
/// connection, binary parameters.
template <detail::dynamic_statement Q>
result<typename Q::result_columns> execute_dynamic(connection& db, const Q& statement) {
  using columns = typename Q::result_columns;
  constexpr std::size_t capacity = Q::max_param_count;
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
