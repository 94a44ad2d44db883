// SPDX-License-Identifier: BSL-1.0
// CREATE INDEX for an index a table declares in its table_args(), found by name:
//   db.execute(pgdsl::create_index<"users_email_idx">(users).concurrently());
// CONCURRENTLY is an option of the statement, not of the index: it builds the index without
// blocking writes, and cannot run inside a transaction (so create_all never uses it).
#pragma once

#include <type_traits>

#include "pgdsl/ddl/detail/ddl_statement.hpp"
#include "pgdsl/ddl/table_args.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/name_type.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition the lookup checks, spelled so that a failure names the table and the index.
template <class Table, class IndexName, bool Holds>
inline constexpr bool table_declares_the_index = Holds;

namespace detail {

enum create_index_options : unsigned { index_concurrently = 1, index_if_not_exists = 2 };

template <class Table, class Index, unsigned Options>
struct create_index_statement : ddl_statement<create_index_statement<Table, Index, Options>> {
  static constexpr void render(sql_writer& w) {
    check_part_tables<Table, Index>();
    w << (Index::is_unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    if constexpr ((Options & index_concurrently) != 0) w << "CONCURRENTLY ";
    if constexpr ((Options & index_if_not_exists) != 0) w << "IF NOT EXISTS ";
    Index::template render_definition<Table>(w);
  }
  /// CREATE INDEX CONCURRENTLY: builds without blocking writes; not inside a transaction.
  [[nodiscard]] constexpr auto concurrently() const {
    return create_index_statement<Table, Index, Options | index_concurrently>{};
  }
  /// CREATE INDEX IF NOT EXISTS.
  [[nodiscard]] constexpr auto if_not_exists() const {
    return create_index_statement<Table, Index, Options | index_if_not_exists>{};
  }
};

template <class Part, fixed_string Name>
inline constexpr bool index_named = false;
template <fixed_string Name, bool Unique, class Predicate, class... Keys, fixed_string Wanted>
inline constexpr bool index_named<index_part<Name, Unique, Predicate, Keys...>, Wanted> =
    Name == Wanted;

template <fixed_string Name, class Parts>
struct find_index {
  using type = void;
};
template <fixed_string Name, class First, class... Rest>
struct find_index<Name, type_list<First, Rest...>> {
  using type = typename std::conditional_t<index_named<First, Name>, std::type_identity<First>,
                                           find_index<Name, type_list<Rest...>>>::type;
};

}  // namespace detail

/// CREATE INDEX for the index named Name in the table's table_args().
template <fixed_string Name, table_type Table>
constexpr auto create_index(const Table&) {
  using index = typename detail::find_index<Name, detail::table_parts_t<Table>>::type;
  if constexpr (std::is_void_v<index>) {
    static_assert(table_declares_the_index<typename Table::description, name_type<Name>, false>,
                  "create_index<Name>: the table declares no index of that name in table_args()");
  } else {
    return detail::create_index_statement<Table, index, 0>{};
  }
}

}  // namespace pgdsl
