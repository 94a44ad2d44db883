// SPDX-License-Identifier: BSL-1.0
// create_all<users_t, orders_t, ...>(): the whole schema of a set of tables as one script, known
// at compile time: the enum types their columns use, the tables ordered so that each comes after
// the tables its foreign keys reference (a cycle does not compile), then their indexes.
// drop_all<...>() removes the same. Run a script with db.run_command(script.sql) (one implicit
// transaction: all or nothing) or statement by statement with script.for_each(f).
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/ddl/create_index.hpp"
#include "pgdsl/ddl/create_table.hpp"
#include "pgdsl/ddl/create_type.hpp"
#include "pgdsl/ddl/detail/constraint_traits.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition create_all checks, spelled so that a failure names the rule.
template <bool Holds>
inline constexpr bool foreign_keys_form_no_cycle = Holds;

namespace detail {

/// True when a column of From references a column of To (a table other than From).
template <class From, class To>
struct references_table;
template <class... Columns, class To>
struct references_table<type_list<Columns...>, To> {
  template <class Column>
  static constexpr bool column_references() {
    using targets = typename referenced_columns<typename Column::constraints>::type;
    return []<class... Target>(type_list<Target...>) {
      return (std::is_same_v<typename Target::table_type, typename To::table_identity> || ...);
    }(targets{});
  }
  static constexpr bool value = (column_references<Columns>() || ...);
};

template <std::size_t N>
struct table_order {
  std::array<std::size_t, N> at{};
  bool acyclic = true;
};

/// Kahn's algorithm, stable: among the tables whose references are all created, the first listed
/// goes next.
template <class... Tables>
constexpr auto dependency_order() {
  constexpr std::size_t n = sizeof...(Tables);
  // edge[from][to]: a column of table `from` references table `to`.
  std::array<std::array<bool, n>, n> edge{};
  std::size_t row = 0;
  (
      [&]<class From>(std::type_identity<From>) {
        std::size_t column = 0;
        ((edge[row][column] = column != row && references_table<columns_of_t<From>, Tables>::value,
          ++column),
         ...);
        ++row;
      }(std::type_identity<Tables>{}),
      ...);
  table_order<n> order;
  std::array<bool, n> placed{};
  for (std::size_t step = 0; step < n; ++step) {
    bool found = false;
    for (std::size_t candidate = 0; candidate < n && !found; ++candidate) {
      if (placed[candidate]) continue;
      bool ready = true;
      for (std::size_t target = 0; target < n; ++target)
        if (edge[candidate][target] && !placed[target]) ready = false;
      if (ready) {
        order.at[step] = candidate;
        placed[candidate] = true;
        found = true;
      }
    }
    if (!found) {
      order.acyclic = false;
      for (std::size_t i = 0; i < n; ++i) order.at[i] = i;
      return order;
    }
  }
  return order;
}

/// The enum mappings a column uses (its type or its array's element), as a type_list.
template <class Column>
struct column_enum {
  using base = nullable_base_t<typename Column::value_type>;
  using scalar =
      typename std::conditional_t<type_traits<base>::category == type_category::array,
                                  array_element_of<base>, std::type_identity<base>>::type;
  using type = std::conditional_t<enum_mapping<scalar>, type_list<scalar>, type_list<>>;
};

template <class Found, class... Rest>
struct unique_types {
  using type = Found;
};
template <class... Found, class First, class... Rest>
struct unique_types<type_list<Found...>, First, Rest...>
    : unique_types<std::conditional_t<contains_v<First, type_list<Found...>>, type_list<Found...>,
                                      type_list<Found..., First>>,
                   Rest...> {};

template <class Columns>
struct enums_of_columns;
template <class... Columns>
struct enums_of_columns<type_list<Columns...>> {
  using type = concat_t<typename column_enum<Columns>::type...>;
};

template <class List>
struct unique_list;
template <class... T>
struct unique_list<type_list<T...>> : unique_types<type_list<>, T...> {};

/// The enum mappings the columns of Tables use, each once, in order of first use.
template <class... Tables>
using enums_of_t =
    typename unique_list<concat_t<typename enums_of_columns<columns_of_t<Tables>>::type...>>::type;

/// A list of DDL statements rendered as one script, separated by ";\n".
template <class... Statements>
struct ddl_script {
  /// The script's text, a compile-time constant: db.run_command(script.sql).
  static constexpr sql_text<ddl_script> sql{};
  static constexpr std::size_t statement_count = sizeof...(Statements);

  static constexpr void render(sql_writer& w) {
    std::size_t index = 0;
    ((w << (index++ == 0 ? "" : ";\n"), Statements::render(w)), ...);
  }
  static constexpr void check_complete() {}
  /// Calls f(statement) for each statement in order, e.g. [&](auto s) { db.execute(s); }.
  template <class F>
  constexpr void for_each(F&& f) const {
    (f(Statements{}), ...);
  }
};

template <class Table, class Indexes>
struct table_indexes;
template <class Table, class... Indexes>
struct table_indexes<Table, type_list<Indexes...>> {
  using type = type_list<create_index_statement<Table, Indexes, 0>...>;
};

template <class Lists>
struct script_of;
template <class... Statements>
struct script_of<type_list<Statements...>> {
  using type = ddl_script<Statements...>;
};

template <unsigned Options, class Ordered, class Enums>
struct create_all_script_of;
template <unsigned Options, class... Tables, class... Enums>
struct create_all_script_of<Options, type_list<Tables...>, type_list<Enums...>> {
  using type = typename script_of<concat_t<
      type_list<create_type_statement<Enums>...>,
      type_list<create_table_statement<Tables, Options>...>,
      typename table_indexes<Tables, typename index_parts<table_parts_t<Tables>>::type>::type...>>::
      type;
};

template <unsigned Options, class... Tables>
struct create_all_of {
  static constexpr auto order = dependency_order<Tables...>();
  template <std::size_t... I>
  static auto ordered(std::index_sequence<I...>)
      -> type_list<at_t<order.at[I], type_list<Tables...>>...>;
  using ordered_tables = decltype(ordered(std::make_index_sequence<sizeof...(Tables)>{}));
  using type = typename create_all_script_of<Options, ordered_tables, enums_of_t<Tables...>>::type;
};

}  // namespace detail

/// CREATE TYPE for the enums the tables use, CREATE TABLE for each table in foreign-key order,
/// CREATE INDEX for their indexes: one compile-time script. Foreign keys to tables outside the
/// list are assumed to exist already.
template <table_type... Tables>
constexpr auto create_all() {
  static_assert(sizeof...(Tables) > 0, "create_all needs at least one table");
  static_assert(
      foreign_keys_form_no_cycle<detail::dependency_order<Tables...>().acyclic>,
      "create_all: the tables' foreign keys form a cycle, so no order creates each table after "
      "the tables it references; make one of the foreign keys refer to a table outside the list "
      "and add it later with ALTER TABLE");
  return typename detail::create_all_of<0, Tables...>::type{};
}

/// DROP TABLE IF EXISTS of every table, then DROP TYPE IF EXISTS of the enums they use.
template <table_type... Tables>
constexpr auto drop_all() {
  using enums = detail::enums_of_t<Tables...>;
  using drop_tables = decltype(drop_table(Tables{}...).if_exists());
  if constexpr (enums::size == 0) {
    return detail::ddl_script<drop_tables>{};
  } else {
    return []<class... E>(type_list<E...>) {
      return detail::ddl_script<drop_tables, decltype(drop_type<E...>().if_exists())>{};
    }(enums{});
  }
}

}  // namespace pgdsl
