// SELECT: select(items...) then .from(), joins, .where(), .group_by(), .having(), .order_by(),
// .limit(), .offset(), .for_update(). Each clause fills its slot once (a second .where() does not
// compile); the text is rendered in SQL's order whatever order the calls came in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/aliased_expression.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/logical.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/statement/clause.hpp"
#include "pgdsl/statement/from.hpp"
#include "pgdsl/statement/result_column.hpp"
#include "pgdsl/statement/scope_check.hpp"

namespace pgdsl {

/// SELECT [DISTINCT] items.
template <bool Distinct, class... Items>
struct select_list {
  item_list<Items...> list;

  using tables = typename item_list<Items...>::tables;
  using params = typename item_list<Items...>::params;
  template <class NullTables>
  using result_columns = result_columns_of<NullTables, Items...>;

  static constexpr void render(sql_writer& w) {
    w << (Distinct ? "SELECT DISTINCT " : "SELECT ");
    item_list<Items...>::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    list.bind(f);
  }
};

template <class Query, join_kind Kind, class Table>
struct pending_join;

namespace detail {
/// An ORDER BY key: a sort_item as given, anything else as an operand (server's default order).
template <class Item>
constexpr auto to_sort_operand(Item&& item) {
  if constexpr (requires { item.nulls_first(); })
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}
template <class Item>
using sort_operand_t = decltype(to_sort_operand(std::declval<Item>()));
}  // namespace detail

/// A SELECT statement; Clauses are its slots in SQL order (see the slot enum).
template <class... Clauses>
struct select_query {
  enum slot : std::size_t {
    items_slot,
    from_slot,
    where_slot,
    group_by_slot,
    having_slot,
    order_by_slot,
    limit_slot,
    offset_slot,
    lock_slot
  };
  template <std::size_t I>
  using clause_t = std::tuple_element_t<I, std::tuple<Clauses...>>;

  std::tuple<Clauses...> clauses;

  using params = concat_t<typename Clauses::params...>;
  using param_types = params;
  static constexpr std::size_t param_count = params::size;
  using scope = typename clause_t<from_slot>::scope;
  using null_tables = typename clause_t<from_slot>::null_tables;
  /// Tables referenced here but not in this query's FROM: the enclosing query's (correlation).
  using outer_tables = difference_t<concat_t<typename Clauses::tables...>, scope>;
  using result_columns = typename clause_t<items_slot>::template result_columns<null_tables>;

  /// The SQL text, a compile-time constant: static_assert(q.sql == "SELECT ...").
  static constexpr sql_text<select_query> sql{};

  static constexpr void render(sql_writer& w) { (Clauses::render(w), ...); }
  /// Calls f(value) for each bound value, in $n order.
  template <class F>
  constexpr void bind(F&& f) const {
    std::apply([&f](const auto&... clause) { (clause.bind(f), ...); }, clauses);
  }
  static constexpr void check_complete() { detail::check_scope<outer_tables>(); }

  /// FROM tables (a comma between several: their cross product).
  template <table_type... Tables>
  constexpr auto from(const Tables&... tables) && {
    static_assert(is_empty_clause<clause_t<from_slot>>,
                  "FROM is already set: add tables with .join(table).on(...)");
    return replace<from_slot>(make_from(tables...));
  }
  template <table_type Table>
  constexpr auto join(const Table&) && {
    return start_join<join_kind::inner, Table>();
  }
  template <table_type Table>
  constexpr auto left_join(const Table&) && {
    return start_join<join_kind::left, Table>();
  }
  template <table_type Table>
  constexpr auto right_join(const Table&) && {
    return start_join<join_kind::right, Table>();
  }
  template <table_type Table>
  constexpr auto full_join(const Table&) && {
    return start_join<join_kind::full, Table>();
  }
  template <table_type Table>
  constexpr auto cross_join(const Table&) && {
    return std::move(*this).template add_join<join_kind::cross, Table>(no_clause{});
  }
  template <class Condition>
  constexpr auto where(Condition&& condition) && {
    static_assert(is_empty_clause<clause_t<where_slot>>,
                  "WHERE is already set: combine conditions with && in one .where()");
    return replace<where_slot>(
        make_condition_clause<" WHERE ">(std::forward<Condition>(condition)));
  }
  template <class... Expressions>
  constexpr auto group_by(Expressions&&... expressions) && {
    static_assert(is_empty_clause<clause_t<group_by_slot>>,
                  "GROUP BY is already set: list every expression in one .group_by()");
    return replace<group_by_slot>(
        keyword_clause<" GROUP BY ", item_list<operand_t<Expressions>...>>{
            {{to_operand(std::forward<Expressions>(expressions))...}}});
  }
  template <class Condition>
  constexpr auto having(Condition&& condition) && {
    static_assert(is_empty_clause<clause_t<having_slot>>,
                  "HAVING is already set: combine conditions with && in one .having()");
    return replace<having_slot>(
        make_condition_clause<" HAVING ">(std::forward<Condition>(condition)));
  }
  template <class... Items>
  constexpr auto order_by(Items&&... sort_items) && {
    static_assert(is_empty_clause<clause_t<order_by_slot>>,
                  "ORDER BY is already set: list every key in one .order_by()");
    return replace<order_by_slot>(
        keyword_clause<" ORDER BY ", item_list<detail::sort_operand_t<Items>...>>{
            {{detail::to_sort_operand(std::forward<Items>(sort_items))...}}});
  }
  constexpr auto limit(std::int64_t count) && {
    static_assert(is_empty_clause<clause_t<limit_slot>>, "LIMIT is already set");
    return replace<limit_slot>(keyword_clause<" LIMIT ", parameter<std::int64_t>>{{{}, count}});
  }
  constexpr auto offset(std::int64_t count) && {
    static_assert(is_empty_clause<clause_t<offset_slot>>, "OFFSET is already set");
    return replace<offset_slot>(keyword_clause<" OFFSET ", parameter<std::int64_t>>{{{}, count}});
  }
  /// FOR UPDATE / FOR SHARE row locks, optionally .skip_locked() or .nowait().
  constexpr auto for_update() && { return set_lock<" FOR UPDATE">(); }
  constexpr auto for_share() && { return set_lock<" FOR SHARE">(); }
  constexpr auto skip_locked() && { return change_lock<" SKIP LOCKED">(); }
  constexpr auto nowait() && { return change_lock<" NOWAIT">(); }

  /// Not a SELECT clause: explains what to write instead.
  template <class... Items>
  constexpr void returning(Items&&...) const {
    static_assert(
        sizeof...(Items) < 0,
        "RETURNING belongs to INSERT, UPDATE and DELETE: a SELECT returns its select list");
  }

  // The same builders on an lvalue query copy it first.
  template <class... A>
  constexpr auto from(const A&... a) const& {
    return copy().from(a...);
  }
  template <class A>
  constexpr auto where(A&& a) const& {
    return copy().where(std::forward<A>(a));
  }
  template <class... A>
  constexpr auto order_by(A&&... a) const& {
    return copy().order_by(std::forward<A>(a)...);
  }
  constexpr auto limit(std::int64_t n) const& { return copy().limit(n); }
  constexpr auto offset(std::int64_t n) const& { return copy().offset(n); }

  /// Appends a join to FROM (used by pending_join).
  template <join_kind Kind, class Table, class Condition>
  constexpr auto add_join(Condition&& condition) && {
    static_assert(!is_empty_clause<clause_t<from_slot>>, "a JOIN needs a FROM first: .from(table)");
    auto entry =
        join_item<Kind, Table, std::remove_cvref_t<Condition>>{std::forward<Condition>(condition)};
    return replace<from_slot>(std::get<from_slot>(std::move(clauses)).then(std::move(entry)));
  }

 private:
  constexpr select_query copy() const { return *this; }

  template <std::size_t I, class Clause>
  constexpr auto replace(Clause&& clause) {
    auto replaced = detail::replace_element<I>(std::move(clauses), std::forward<Clause>(clause));
    return std::apply(
        [](auto&&... c) {
          return select_query<std::remove_cvref_t<decltype(c)>...>{{std::move(c)...}};
        },
        std::move(replaced));
  }
  template <join_kind Kind, class Table>
  constexpr auto start_join() {
    return pending_join<select_query, Kind, Table>{std::move(*this)};
  }
  template <fixed_string Keyword, class Condition>
  static constexpr auto make_condition_clause(Condition&& condition) {
    auto operand = to_operand(std::forward<Condition>(condition));
    detail::check_boolean<decltype(operand)>();
    return keyword_clause<Keyword, decltype(operand)>{std::move(operand)};
  }
  template <fixed_string Text>
  constexpr auto set_lock() {
    static_assert(is_empty_clause<clause_t<lock_slot>>, "a row lock is already set");
    return replace<lock_slot>(text_clause<Text>{});
  }
  template <fixed_string Option>
  constexpr auto change_lock() {
    static_assert(!is_empty_clause<clause_t<lock_slot>>,
                  "SKIP LOCKED and NOWAIT follow .for_update() or .for_share()");
    return replace<lock_slot>(text_clause<concat(clause_t<lock_slot>::text, Option)>{});
  }
};

/// A JOIN waiting for its condition: .join(table).on(condition).
template <class Query, join_kind Kind, class Table>
struct pending_join {
  Query query;

  template <class Condition>
  constexpr auto on(Condition&& condition) && {
    auto operand = to_operand(std::forward<Condition>(condition));
    detail::check_boolean<decltype(operand)>();
    return std::move(query).template add_join<Kind, Table>(std::move(operand));
  }
};

namespace detail {
template <class... Clauses>
inline constexpr bool is_select_query<select_query<Clauses...>> = true;

template <class Item>
constexpr auto select_items(Item&& item) {
  if constexpr (requires { item.alias; })
    return std::tuple<std::remove_cvref_t<Item>>(std::forward<Item>(item));
  else
    return std::tuple<operand_t<Item>>(to_operand(std::forward<Item>(item)));
}
template <class... Columns>
constexpr auto select_items(column_pack<type_list<Columns...>>) {
  return std::tuple<Columns...>{};
}

template <bool Distinct, class... Items>
constexpr auto make_select(Items&&... items) {
  auto all = std::tuple_cat(select_items(std::forward<Items>(items))...);
  return std::apply(
      [](auto&&... item) {
        using list = select_list<Distinct, std::remove_cvref_t<decltype(item)>...>;
        return select_query<list, no_clause, no_clause, no_clause, no_clause, no_clause, no_clause,
                            no_clause, no_clause>{
            {list{{{std::move(item)...}}}, {}, {}, {}, {}, {}, {}, {}, {}}};
      },
      std::move(all));
}
}  // namespace detail

/// SELECT items: columns, expressions, expr.as<"alias">(), all_of(table).
template <class... Items>
constexpr auto select(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "select() needs at least one column or expression");
  return detail::make_select<false>(std::forward<Items>(items)...);
}
/// SELECT DISTINCT items.
template <class... Items>
constexpr auto select_distinct(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "select_distinct() needs at least one column or expression");
  return detail::make_select<true>(std::forward<Items>(items)...);
}

}  // namespace pgdsl
