// SPDX-License-Identifier: BSL-1.0
// FROM and JOIN: the tables a query reads, which the column checks compare against (its scope),
// and which of them an outer join may leave missing (their columns then read as std::optional).
// SELECT and UPDATE share the FROM slot; joins (LATERAL ones of derived tables too) are SELECT's.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/fwd.hpp"
#include "pgdsl/expr/logical.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/pack.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition of the rule that LATERAL joins a subquery (pgdsl::derived), not a table.
template <class Table, bool Holds>
inline constexpr bool lateral_takes_a_subquery = Holds;

}  // namespace pgdsl

namespace pgdsl::detail {

enum class join_kind { inner, left, right, full, cross };

/// The identity type of a table or alias (what columns point back to).
template <class T>
using identity_of = typename std::remove_cvref_t<T>::table_identity;

/// An entry's own rule about the tables before it in FROM (a derived table that reads them must
/// be LATERAL); plain tables have none.
template <class Entry, class Scope>
constexpr void check_entry_after() {
  if constexpr (requires { Entry::template check_after<Scope>(); })
    Entry::template check_after<Scope>();
}

/// One table in FROM: "users", or "users" AS "u". An entry names the table it brings into scope
/// (identity), the tables and bound values it reads; a subquery in FROM (pgdsl/derived/) is another
/// kind of entry with the same members.
template <class Table>
struct from_item {
  using identity = identity_of<Table>;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr bool is_join = false;
  static constexpr void render(sql_writer& w) { identity::render_reference(w); }
  template <class F>
  constexpr void bind(F&) const {}
};

/// [kind] JOIN Source ON Condition (no condition for CROSS JOIN); Source is a FROM entry.
template <join_kind Kind, class Source, class Condition>
struct join_item {
  [[no_unique_address]] Source source;
  Condition condition;

  using identity = typename Source::identity;
  using tables = concat_t<typename Source::tables, typename Condition::tables>;
  using params = concat_t<typename Source::params, typename Condition::params>;
  static constexpr bool is_join = true;
  template <class Scope>
  static constexpr void check_after() {
    check_entry_after<Source, Scope>();
  }
  static constexpr void render(sql_writer& w) {
    constexpr const char* keyword[] = {" JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN ",
                                       " CROSS JOIN "};
    w << keyword[static_cast<int>(Kind)];
    Source::render(w);
    if constexpr (Kind != join_kind::cross) {
      w << " ON ";
      Condition::render(w);
    }
  }
  template <class F>
  constexpr void bind(F& f) const {
    source.bind(f);
    condition.bind(f);
  }
};

/// Which tables an entry may leave missing after it: a plain entry none, an outer join some.
template <class Item>
struct from_entry_traits {
  template <class Scope, class Nullable>
  using nullable_after = Nullable;
};
template <join_kind Kind, class Source, class Condition>
struct from_entry_traits<join_item<Kind, Source, Condition>> {
  using identity = typename Source::identity;  // what LEFT makes optional
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
          concat_t<Scope, type_list<typename First::identity>>,
          typename from_entry_traits<First>::template nullable_after<Scope, Nullable>, Rest...> {};

struct from_slot {};

/// FROM first[, more] [JOIN ...]...
template <class... Entries>
struct from_clause {
  pack<Entries...> entries;

  using slot = from_slot;
  using scope = type_list<typename Entries::identity...>;
  using null_tables = typename nullable_tables_of<type_list<>, type_list<>, Entries...>::type;
  using tables = concat_t<typename Entries::tables...>;
  using params = concat_t<typename Entries::params...>;

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
    check_entry_after<std::remove_cvref_t<Entry>, scope>();
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

/// The FROM entry of a table or alias, or of a subquery with a name (pgdsl::derived), which makes
/// its own: from_entry(), or lateral_entry() for LATERAL.
template <class Source>
constexpr auto entry_of(const Source& source) {
  if constexpr (requires { source.from_entry(); })
    return source.from_entry();
  else
    return from_item<identity_of<Source>>{};
}
template <class Source>
using entry_t = decltype(entry_of(std::declval<const Source&>()));

template <table_type... Tables>
constexpr auto make_from(const Tables&... tables) {
  if constexpr ((requires { tables.from_entry(); } || ...)) {
    using clause = from_clause<entry_t<Tables>...>;
    (check_entry_after<entry_t<Tables>, typename clause::scope>(), ...);
    return clause{pack<entry_t<Tables>...>(entry_of(tables)...)};
  } else {
    return from_clause<from_item<identity_of<Tables>>...>{};
  }
}

/// An empty FROM slot.
struct no_from {
  using slot = from_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

template <class Statement, join_kind Kind, class Source>
struct pending_join;

/// CROSS JOIN's missing condition.
struct no_condition {
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// The statement with a join of the FROM entry `source` appended to its FROM.
template <join_kind Kind, class Statement, class Source, class Condition>
constexpr auto add_join(Statement&& statement, Source&& source, Condition&& condition) {
  auto& from = clause_in<from_slot>(statement);
  return replace_clause<from_slot>(
      std::move(statement),
      std::move(from).then(
          join_item<Kind, std::remove_cvref_t<Source>, std::remove_cvref_t<Condition>>{
              std::forward<Source>(source), std::forward<Condition>(condition)}));
}

/// The LATERAL entry of a derived table; anything else is refused with a message.
template <class Source>
constexpr auto lateral_entry_of(const Source& source) {
  constexpr bool is_subquery = requires {
    source.lateral_entry();
  };
  static_assert(lateral_takes_a_subquery<typename identity_of<Source>::description, is_subquery>,
                "LATERAL joins a subquery: pgdsl::derived<\"name\">(select(...)); join a table "
                "with .join(table)");
  if constexpr (is_subquery)
    return source.lateral_entry();
  else
    return from_item<identity_of<Source>>{};
}

template <class Statement>
struct clause_methods<no_from, Statement> {
  /// FROM tables (a comma between several: their cross product).
  template <table_type... Tables>
  [[nodiscard]] constexpr auto from(const Tables&... tables) && {
    return replace_clause<from_slot>(moved<Statement>(*this), make_from(tables...));
  }
  template <class... Tables>
  [[nodiscard]] constexpr auto from(const Tables&... tables) const& {
    return copied<Statement>(*this).from(tables...);
  }
  template <class... A, bool Allowed = false>
  misuse join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse left_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse right_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse full_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse cross_join(A&&...) const requires is_select_query<Statement> {
    static_assert(clause_can_be_added<from_slot, Allowed>,
                  "a JOIN needs a FROM first: .from(table)");
    return {};
  }
};

template <class... Entries, class Statement>
struct clause_methods<from_clause<Entries...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse from(A&&...) const {
    if constexpr (is_select_query<Statement>)
      static_assert(clause_can_be_added<from_slot, Allowed>,
                    "FROM is already set: add tables with .join(table).on(...)");
    else
      static_assert(clause_can_be_added<from_slot, Allowed>,
                    "FROM is already set: list every table in one .from()");
    return {};
  }
  // Joins belong to SELECT: .join(table).on(condition), .cross_join(table).
  template <table_type Table>
      [[nodiscard]] constexpr auto join(const Table& t) && requires is_select_query<Statement> {
    return pending_join<Statement, join_kind::inner, entry_t<Table>>{moved<Statement>(*this),
                                                                     entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto left_join(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::left, entry_t<Table>>{moved<Statement>(*this),
                                                                    entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto right_join(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::right, entry_t<Table>>{moved<Statement>(*this),
                                                                     entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto full_join(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::full, entry_t<Table>>{moved<Statement>(*this),
                                                                    entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto cross_join(const Table& t) && requires
      is_select_query<Statement> {
    return add_join<join_kind::cross>(moved<Statement>(*this), entry_of(t), no_condition{});
  }
  // LATERAL: a derived table whose query reads the tables before it.
  template <table_type Table>
      [[nodiscard]] constexpr auto join_lateral(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::inner, decltype(lateral_entry_of(t))>{
        moved<Statement>(*this), lateral_entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto left_join_lateral(const Table& t) && requires
      is_select_query<Statement> {
    return pending_join<Statement, join_kind::left, decltype(lateral_entry_of(t))>{
        moved<Statement>(*this), lateral_entry_of(t)};
  }
  template <table_type Table>
      [[nodiscard]] constexpr auto cross_join_lateral(const Table& t) && requires
      is_select_query<Statement> {
    return add_join<join_kind::cross>(moved<Statement>(*this), lateral_entry_of(t), no_condition{});
  }
  template <class Table>
  [[nodiscard]] constexpr auto join(const Table& t) const& requires is_select_query<Statement> {
    return copied<Statement>(*this).join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto left_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).left_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto right_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).right_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto full_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).full_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto cross_join(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).cross_join(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto join_lateral(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).join_lateral(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto left_join_lateral(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).left_join_lateral(t);
  }
  template <class Table>
  [[nodiscard]] constexpr auto cross_join_lateral(const Table& t) const& requires
      is_select_query<Statement> {
    return copied<Statement>(*this).cross_join_lateral(t);
  }
};

/// A JOIN waiting for its condition: .join(table).on(condition); Source is the joined FROM entry.
template <class Statement, join_kind Kind, class Source>
struct pending_join {
  Statement query;
  [[no_unique_address]] Source source;

  /// ON condition: a boolean expression.
  template <class Condition>
  [[nodiscard]] constexpr auto on(Condition&& condition) && {
    auto operand = to_operand(std::forward<Condition>(condition));
    check_boolean<decltype(operand)>();
    return add_join<Kind>(std::move(query), std::move(source), std::move(operand));
  }
};

}  // namespace pgdsl::detail
