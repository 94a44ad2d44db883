// SPDX-License-Identifier: BSL-1.0
// DELETE: delete_from(t) then .using_(...), .where(...) or .all_rows(), and .returning(...).
// A DELETE without WHERE must say .all_rows(), or it does not compile.
#pragma once

#include "pgdsl/schema/view.hpp"
#include "pgdsl/statement/clause/returning.hpp"
#include "pgdsl/statement/clause/using.hpp"
#include "pgdsl/statement/clause/where.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl {
namespace detail {

struct delete_head_slot {};

/// DELETE FROM Table: the head of a DELETE statement.
template <class Table>
struct delete_head {
  using slot = delete_head_slot;
  using target_table = Table;
  using identity = typename Table::table_identity;
  using scope = type_list<identity>;

  static constexpr void render(sql_writer& w) {
    w << "DELETE FROM ";
    identity::render_reference(w);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

}  // namespace detail

/// DELETE FROM table: start of a DELETE statement.
template <table_type Table>
[[nodiscard]] constexpr auto delete_from(const Table&) {
  detail::check_not_a_view<Table>();
  return detail::statement<detail::delete_head<Table>, detail::no_using,
                           detail::where_required<delete_statement>, detail::no_returning>{};
}

}  // namespace pgdsl
