// FROM and JOIN: the tables a query reads, which the column checks compare against (its scope),
// and which of them an outer join may leave missing (their columns then read as std::optional).
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/pack.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

enum class join_kind { inner, left, right, full, cross };

/// The identity type of a table or alias (what columns point back to).
template <class T>
using identity_of = typename std::remove_cvref_t<T>::table_identity;

/// One table in FROM: "users", or "users" AS "u".
template <class Table>
struct from_item {
  static constexpr bool is_join = false;
  static constexpr void render(sql_writer& w) { identity_of<Table>::render_reference(w); }
  template <class F>
  constexpr void bind(F&) const {}
};

/// [kind] JOIN Table ON Condition (no condition for CROSS JOIN).
template <join_kind Kind, class Table, class Condition>
struct join_item {
  Condition condition;

  static constexpr bool is_join = true;
  static constexpr void render(sql_writer& w) {
    constexpr const char* keyword[] = {" JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN ",
                                       " CROSS JOIN "};
    w << keyword[static_cast<int>(Kind)];
    identity_of<Table>::render_reference(w);
    if constexpr (Kind != join_kind::cross) {
      w << " ON ";
      Condition::render(w);
    }
  }
  template <class F>
  constexpr void bind(F& f) const {
    condition.bind(f);
  }
};

namespace detail {

template <class Item>
struct from_entry_traits;
template <class Table>
struct from_entry_traits<from_item<Table>> {
  using identity = identity_of<Table>;
  using tables = type_list<>;
  using params = type_list<>;
  template <class Scope, class Nullable>
  using nullable_after = Nullable;
};
template <join_kind Kind, class Table, class Condition>
struct from_entry_traits<join_item<Kind, Table, Condition>> {
  using identity = identity_of<Table>;
  using tables = typename Condition::tables;
  using params = typename Condition::params;
  // LEFT makes the joined table optional, RIGHT the tables before it, FULL both.
  template <class Scope, class Nullable>
  using nullable_after = concat_t<
      Nullable,
      std::conditional_t<Kind == join_kind::right || Kind == join_kind::full, Scope, type_list<>>,
      std::conditional_t<Kind == join_kind::left || Kind == join_kind::full, type_list<identity>,
                         type_list<>>>;
};

template <class Scope, class Nullable, class... Entries>
struct nullable_tables_of {
  using type = Nullable;
};
template <class Scope, class Nullable, class First, class... Rest>
struct nullable_tables_of<Scope, Nullable, First, Rest...>
    : nullable_tables_of<
          concat_t<Scope, type_list<typename from_entry_traits<First>::identity>>,
          typename from_entry_traits<First>::template nullable_after<Scope, Nullable>, Rest...> {};

}  // namespace detail

/// FROM first[, more] [JOIN ...]...
template <class... Entries>
struct from_clause {
  detail::pack<Entries...> entries;

  using scope = type_list<typename detail::from_entry_traits<Entries>::identity...>;
  using null_tables =
      typename detail::nullable_tables_of<type_list<>, type_list<>, Entries...>::type;
  using tables = concat_t<typename detail::from_entry_traits<Entries>::tables...>;
  using params = concat_t<typename detail::from_entry_traits<Entries>::params...>;

  static constexpr void render(sql_writer& w) {
    w << " FROM ";
    render_entries(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    entries.for_each([&f](const auto& entry) { entry.bind(f); });
  }

  /// This FROM with one more entry.
  template <class Entry>
  constexpr auto then(Entry&& entry) && {
    return from_clause<Entries..., std::remove_cvref_t<Entry>>{
        std::move(entries).with_back(std::forward<Entry>(entry))};
  }

 private:
  // Plain tables after the first are comma-separated; joins bring their own keyword.
  static constexpr void render_entries(sql_writer& w) {
    std::size_t index = 0;
    ((w << (index++ == 0 || Entries::is_join ? "" : ", "), Entries::render(w)), ...);
  }
};

template <table_type... Tables>
constexpr auto make_from(const Tables&...) {
  return from_clause<from_item<identity_of<Tables>>...>{};
}

}  // namespace pgdsl
