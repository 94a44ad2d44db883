// SPDX-License-Identifier: BSL-1.0
// view<"name">: the descriptor of a view (or materialized view), declared like a table and read
// with select(); INSERT, UPDATE, DELETE and create_table() on it do not compile. pgdsl-codegen
// writes views this way.
#pragma once

#include "pgdsl/schema/table.hpp"

namespace pgdsl {

/// Base of a view descriptor: struct active_users_t : pgdsl::view<"active_users"> { column<...> };
template <fixed_string Name>
struct view : table<Name> {
  static constexpr bool is_view = true;
};

/// The condition of the read-only rule: names the view.
template <class Table, bool Holds>
inline constexpr bool descriptor_is_a_table = Holds;

namespace detail {

template <class T>
inline constexpr bool is_view = requires { requires T::is_view; };

/// Writing statements and CREATE TABLE refuse a view descriptor.
template <class Table>
constexpr void check_not_a_view() {
  static_assert(descriptor_is_a_table<typename Table::description, !is_view<Table>>,
                "this descriptor is a pgdsl::view: read it with select(); write to the tables "
                "under it (an updatable view can be declared as pgdsl::table to write to it)");
}

}  // namespace detail
}  // namespace pgdsl
