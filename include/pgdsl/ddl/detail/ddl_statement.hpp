// SPDX-License-Identifier: BSL-1.0
// The shape every DDL statement shares: compile-time SQL (`sql`, as the DML statements have it),
// no parameters and no result columns, so connection::execute() runs it like any static statement
// and db.run_command(statement.sql) runs it with the simple protocol.
#pragma once

#include <cstddef>

#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl::detail {

template <class Statement>
struct ddl_statement {
  using param_types = type_list<>;
  using result_columns = type_list<>;
  static constexpr std::size_t param_count = 0;
  /// The SQL text, a compile-time constant: static_assert(create_table(users).sql == "...").
  static constexpr sql_text<Statement> sql{};

  template <class F>
  constexpr void bind(F&&) const {}
  static constexpr void check_complete() {}
};

}  // namespace pgdsl::detail
