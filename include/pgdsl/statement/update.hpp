// SPDX-License-Identifier: BSL-1.0
// UPDATE: update(t).set(col = value, ...) then .from(...), .where(...) or .all_rows(), and
// .returning(...). An UPDATE without WHERE must say .all_rows(), or it does not compile.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/schema/view.hpp"
#include "pgdsl/statement/assignment_list.hpp"
#include "pgdsl/statement/clause/from.hpp"
#include "pgdsl/statement/clause/returning.hpp"
#include "pgdsl/statement/clause/where.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/statement/optional_part.hpp"

namespace pgdsl {
namespace detail {

struct update_head_slot {};

/// UPDATE Table SET assignments: the head of an UPDATE statement.
template <class Table, class... Assignments>
struct update_head {
  item_list<Assignments...> set_list;

  using slot = update_head_slot;
  using target_table = Table;
  using identity = typename Table::table_identity;
  using scope = type_list<identity>;
  using tables = typename item_list<Assignments...>::tables;
  using params = typename item_list<Assignments...>::params;

  static constexpr void render(sql_writer& w) {
    w << "UPDATE ";
    identity::render_reference(w);
    w << " SET ";
    item_list<Assignments...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    set_list.bind(f);
  }
};

/// update(table): choose the assignments with .set(...).
template <class Table>
struct update_target {
  template <class... Assignments>
  requires(!(is_optional_part<std::remove_cvref_t<Assignments>> || ...))
  [[nodiscard]] constexpr auto set(Assignments&&... assignments) const {
    static_assert(sizeof...(Assignments) > 0, "set() needs at least one assignment");
    check_assignments<Table, std::remove_cvref_t<Assignments>...>();
    using head = update_head<Table, std::remove_cvref_t<Assignments>...>;
    return statement<head, no_from, where_required<update_statement>, no_returning>(
        head{make_item_list(std::forward<Assignments>(assignments)...)}, {}, {}, {});
  }
  /// With an assignment present only at run time (pgdsl::when(request.email, ...)): a dynamic
  /// UPDATE, whose SET lists the present ones (PATCH). Defined in dynamic/dynamic_update.hpp.
  template <class... Parts>
  requires(is_optional_part<std::remove_cvref_t<Parts>> || ...)
  [[nodiscard]] auto set(Parts&&... parts) const;
};

}  // namespace detail

/// UPDATE table: start of an UPDATE statement.
template <table_type Table>
[[nodiscard]] constexpr auto update(const Table&) {
  detail::check_not_a_view<Table>();
  return detail::update_target<Table>{};
}

}  // namespace pgdsl
