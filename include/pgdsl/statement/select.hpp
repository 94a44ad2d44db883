// SELECT: select(items...) then .from(), joins, .where(), .group_by(), .having(), .order_by(),
// .limit(), .offset(), .for_update(). Each clause fills its slot once (a second .where() does not
// compile); the text is rendered in SQL's order whatever order the calls came in.
#pragma once

#include <cstddef>
#include <cstdint>
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

namespace detail {

/// An ORDER BY key: a sort_item as given, anything else as an operand (the server's default order).
template <class Item>
constexpr auto to_sort_operand(Item&& item) {
  if constexpr (requires { item.nulls_first(); })
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}
template <class Item>
using sort_operand_t = decltype(to_sort_operand(std::declval<Item>()));

/// Keyword followed by a condition checked to be boolean: WHERE, HAVING.
template <fixed_string Keyword, class Condition>
constexpr auto condition_clause(Condition&& condition) {
  auto operand = to_operand(std::forward<Condition>(condition));
  check_boolean<decltype(operand)>();
  return keyword_clause<Keyword, decltype(operand)>{std::move(operand)};
}

/// The result columns a select item contributes: one, or all of a table's for all_of().
template <class Item, class NullTables>
struct select_item_columns {
  using type = type_list<result_column<Item, NullTables>>;
};
template <class... Columns, class NullTables>
struct select_item_columns<column_pack<type_list<Columns...>>, NullTables> {
  using type = type_list<result_column<Columns, NullTables>...>;
};

}  // namespace detail

/// SELECT [DISTINCT] items.
template <bool Distinct, class... Items>
struct select_list {
  item_list<Items...> list;

  using tables = typename item_list<Items...>::tables;
  using params = typename item_list<Items...>::params;
  template <class NullTables>
  using result_columns = concat_t<typename detail::select_item_columns<Items, NullTables>::type...>;

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

/// A SELECT statement: one member per clause, in SQL's order; an unused clause is no_clause.
template <class Items, class From, class Where, class GroupBy, class Having, class OrderBy,
          class Limit, class Offset, class Lock>
struct select_query {
  Items items;
  From from_list;
  Where condition;
  GroupBy grouping;
  Having group_condition;
  OrderBy ordering;
  Limit limit_count;
  Offset offset_count;
  Lock row_lock;

  using params =
      concat_t<typename Items::params, typename From::params, typename Where::params,
               typename GroupBy::params, typename Having::params, typename OrderBy::params,
               typename Limit::params, typename Offset::params, typename Lock::params>;
  using param_types = params;
  static constexpr std::size_t param_count = params::size;
  using scope = typename From::scope;
  using null_tables = typename From::null_tables;
  /// Tables referenced here but not in this query's FROM: the enclosing query's (correlation).
  using outer_tables = difference_t<
      concat_t<typename Items::tables, typename From::tables, typename Where::tables,
               typename GroupBy::tables, typename Having::tables, typename OrderBy::tables>,
      scope>;
  using result_columns = typename Items::template result_columns<null_tables>;

  /// The SQL text, a compile-time constant: static_assert(q.sql == "SELECT ...").
  static constexpr sql_text<select_query> sql{};

  static constexpr void render(sql_writer& w) {
    Items::render(w);
    From::render(w);
    Where::render(w);
    GroupBy::render(w);
    Having::render(w);
    OrderBy::render(w);
    Limit::render(w);
    Offset::render(w);
    Lock::render(w);
  }
  /// Calls f(value) for each bound value, in $n order.
  template <class F>
  constexpr void bind(F&& f) const {
    detail::bind_all(f, items, from_list, condition, grouping, group_condition, ordering,
                     limit_count, offset_count, row_lock);
  }
  static constexpr void check_complete() { detail::check_scope<outer_tables>(); }

  /// FROM tables (a comma between several: their cross product).
  template <table_type... Tables>
  constexpr auto from(const Tables&... tables) && {
    static_assert(is_empty_clause<From>,
                  "FROM is already set: add tables with .join(table).on(...)");
    return std::move(*this).template replace<1>(make_from(tables...));
  }
  template <table_type Table>
  constexpr auto join(const Table&) && {
    return pending_join<select_query, join_kind::inner, Table>{std::move(*this)};
  }
  template <table_type Table>
  constexpr auto left_join(const Table&) && {
    return pending_join<select_query, join_kind::left, Table>{std::move(*this)};
  }
  template <table_type Table>
  constexpr auto right_join(const Table&) && {
    return pending_join<select_query, join_kind::right, Table>{std::move(*this)};
  }
  template <table_type Table>
  constexpr auto full_join(const Table&) && {
    return pending_join<select_query, join_kind::full, Table>{std::move(*this)};
  }
  template <table_type Table>
  constexpr auto cross_join(const Table&) && {
    return std::move(*this).template add_join<join_kind::cross, Table>(no_clause{});
  }
  template <class Condition>
  constexpr auto where(Condition&& condition) && {
    static_assert(is_empty_clause<Where>,
                  "WHERE is already set: combine conditions with && in one .where()");
    return std::move(*this).template replace<2>(
        detail::condition_clause<" WHERE ">(std::forward<Condition>(condition)));
  }
  template <class... Expressions>
  constexpr auto group_by(Expressions&&... expressions) && {
    static_assert(is_empty_clause<GroupBy>,
                  "GROUP BY is already set: list every expression in one .group_by()");
    using list = item_list<operand_t<Expressions>...>;
    return std::move(*this).template replace<3>(keyword_clause<" GROUP BY ", list>{
        make_item_list(to_operand(std::forward<Expressions>(expressions))...)});
  }
  template <class Condition>
  constexpr auto having(Condition&& condition) && {
    static_assert(is_empty_clause<Having>,
                  "HAVING is already set: combine conditions with && in one .having()");
    return std::move(*this).template replace<4>(
        detail::condition_clause<" HAVING ">(std::forward<Condition>(condition)));
  }
  template <class... Keys>
  constexpr auto order_by(Keys&&... keys) && {
    static_assert(is_empty_clause<OrderBy>,
                  "ORDER BY is already set: list every key in one .order_by()");
    using list = item_list<detail::sort_operand_t<Keys>...>;
    return std::move(*this).template replace<5>(keyword_clause<" ORDER BY ", list>{
        make_item_list(detail::to_sort_operand(std::forward<Keys>(keys))...)});
  }
  constexpr auto limit(std::int64_t count) && {
    static_assert(is_empty_clause<Limit>, "LIMIT is already set");
    return std::move(*this).template replace<6>(
        keyword_clause<" LIMIT ", parameter<std::int64_t>>{{{}, count}});
  }
  constexpr auto offset(std::int64_t count) && {
    static_assert(is_empty_clause<Offset>, "OFFSET is already set");
    return std::move(*this).template replace<7>(
        keyword_clause<" OFFSET ", parameter<std::int64_t>>{{{}, count}});
  }
  /// FOR UPDATE / FOR SHARE row locks, optionally followed by .skip_locked() or .nowait().
  constexpr auto for_update() && {
    static_assert(is_empty_clause<Lock>, "a row lock is already set");
    return std::move(*this).template replace<8>(text_clause<" FOR UPDATE">{});
  }
  constexpr auto for_share() && {
    static_assert(is_empty_clause<Lock>, "a row lock is already set");
    return std::move(*this).template replace<8>(text_clause<" FOR SHARE">{});
  }
  constexpr auto skip_locked() && {
    return std::move(*this).template lock_option<" SKIP LOCKED">();
  }
  constexpr auto nowait() && { return std::move(*this).template lock_option<" NOWAIT">(); }

  /// Not a SELECT clause: explains what to write instead.
  template <class... Returned>
  constexpr void returning(Returned&&...) const {
    static_assert(sizeof...(Returned) < 0,
                  "RETURNING belongs to INSERT, UPDATE and DELETE: a SELECT returns its select "
                  "list");
  }

  /// A copy of this query (what the lvalue forms of the builders start from).
  constexpr select_query copy() const { return *this; }
  // The same builders on an lvalue statement build from a copy and leave it as it was.
  template <class... A>
  constexpr auto from(A&&... a) const& {
    return copy().from(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto join(A&&... a) const& {
    return copy().join(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto left_join(A&&... a) const& {
    return copy().left_join(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto right_join(A&&... a) const& {
    return copy().right_join(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto full_join(A&&... a) const& {
    return copy().full_join(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto cross_join(A&&... a) const& {
    return copy().cross_join(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto where(A&&... a) const& {
    return copy().where(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto group_by(A&&... a) const& {
    return copy().group_by(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto having(A&&... a) const& {
    return copy().having(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto order_by(A&&... a) const& {
    return copy().order_by(std::forward<A>(a)...);
  }
  constexpr auto limit(std::int64_t count) const& { return copy().limit(count); }
  constexpr auto offset(std::int64_t count) const& { return copy().offset(count); }
  template <class... A>
  constexpr auto for_update(A&&... a) const& {
    return copy().for_update(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto for_share(A&&... a) const& {
    return copy().for_share(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto skip_locked(A&&... a) const& {
    return copy().skip_locked(std::forward<A>(a)...);
  }
  template <class... A>
  constexpr auto nowait(A&&... a) const& {
    return copy().nowait(std::forward<A>(a)...);
  }

  /// Appends a join to FROM (pending_join's .on() calls this).
  template <join_kind Kind, class Table, class Condition>
  constexpr auto add_join(Condition&& condition) && {
    static_assert(!is_empty_clause<From>, "a JOIN needs a FROM first: .from(table)");
    return std::move(*this).template replace<1>(
        std::move(from_list).then(join_item<Kind, Table, std::remove_cvref_t<Condition>>{
            std::forward<Condition>(condition)}));
  }

  /// This query with clause I (in member order) replaced by `clause`.
  template <std::size_t I, class New>
  constexpr auto replace(New&& clause) && {
    using N = std::remove_cvref_t<New>;
    using detail::pick;
    return select_query<
        std::conditional_t<I == 0, N, Items>, std::conditional_t<I == 1, N, From>,
        std::conditional_t<I == 2, N, Where>, std::conditional_t<I == 3, N, GroupBy>,
        std::conditional_t<I == 4, N, Having>, std::conditional_t<I == 5, N, OrderBy>,
        std::conditional_t<I == 6, N, Limit>, std::conditional_t<I == 7, N, Offset>,
        std::conditional_t<I == 8, N, Lock>>{
        pick<I == 0>(std::forward<New>(clause), std::move(items)),
        pick<I == 1>(std::forward<New>(clause), std::move(from_list)),
        pick<I == 2>(std::forward<New>(clause), std::move(condition)),
        pick<I == 3>(std::forward<New>(clause), std::move(grouping)),
        pick<I == 4>(std::forward<New>(clause), std::move(group_condition)),
        pick<I == 5>(std::forward<New>(clause), std::move(ordering)),
        pick<I == 6>(std::forward<New>(clause), std::move(limit_count)),
        pick<I == 7>(std::forward<New>(clause), std::move(offset_count)),
        pick<I == 8>(std::forward<New>(clause), std::move(row_lock))};
  }

 private:
  template <fixed_string Option>
  constexpr auto lock_option() && {
    static_assert(!is_empty_clause<Lock>,
                  "SKIP LOCKED and NOWAIT follow .for_update() or .for_share()");
    return std::move(*this).template replace<8>(text_clause<concat(Lock::text, Option)>{});
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

/// A select item as stored: aliases and all_of() packs as given, anything else as an operand.
template <class Item>
constexpr auto select_item(Item&& item) {
  if constexpr (requires { item.alias; } || is_column_pack<std::remove_cvref_t<Item>>)
    return std::remove_cvref_t<Item>(std::forward<Item>(item));
  else
    return to_operand(std::forward<Item>(item));
}

template <bool Distinct, class... Items>
constexpr auto make_select(Items&&... items) {
  using list = select_list<Distinct, decltype(select_item(std::declval<Items>()))...>;
  return select_query<list, no_clause, no_clause, no_clause, no_clause, no_clause, no_clause,
                      no_clause, no_clause>{
      list{make_item_list(select_item(std::forward<Items>(items))...)},
      {},
      {},
      {},
      {},
      {},
      {},
      {},
      {}};
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
