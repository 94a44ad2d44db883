// SPDX-License-Identifier: BSL-1.0
// UNION [ALL], INTERSECT [ALL], EXCEPT [ALL] of SELECT statements: union_(a, b, ...) is a
// statement whose head renders its members joined by the operator, followed by the slots ORDER BY
// (by result column name), LIMIT and OFFSET over the whole. The members must select the same
// number of columns with the same SQL types; a result column can be NULL when it can in any member.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/set_operation/set_order_by.hpp"
#include "pgdsl/statement/clause/limit_offset.hpp"
#include "pgdsl/statement/clause/locking.hpp"
#include "pgdsl/statement/clause/order_by.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/statement/select.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// The condition of the rule that a set operation combines SELECT statements.
template <class Query, bool Holds>
inline constexpr bool set_operation_member_is_a_select = Holds;
/// The condition of the rule that every member selects as many columns as the first.
template <class Member, class FirstCount, class MemberCount, bool Holds>
inline constexpr bool set_operation_column_counts_match = Holds;
/// The condition of the rule that every member's column has the first member's SQL type.
template <class Column, class FirstType, class MemberType, bool Holds>
inline constexpr bool set_operation_column_types_match = Holds;
/// The condition of the rule that no member locks rows.
template <class Member, bool Holds>
inline constexpr bool set_operation_member_does_not_lock = Holds;
/// Counts and positions in the messages above: set_column<2> is the second column.
template <std::size_t N>
struct set_column {};

namespace detail {

struct set_head_slot {};

/// One result column of a set operation: named and typed by the first member's, NULL when the
/// column can be NULL in any member.
template <class First, class... Others>
struct set_result_column {
  using key_type = typename First::key_type;
  using sql_type = typename First::sql_type;
  using value_type = std::conditional_t<(is_optional_v<typename First::value_type> || ... ||
                                         is_optional_v<typename Others::value_type>),
                                        std::optional<sql_type>, sql_type>;
  static constexpr std::string_view name = First::name;
  static constexpr std::string_view qualified_name = First::qualified_name;
};

template <std::size_t I, class... Lists>
using set_column_at = set_result_column<at_t<I, Lists>...>;
template <class Indices, class... Lists>
struct set_columns;
template <std::size_t... I, class... Lists>
struct set_columns<std::index_sequence<I...>, Lists...> {
  using type = type_list<set_column_at<I, Lists...>...>;
};

template <class Q>
inline constexpr bool is_set_operation = false;

template <class M>
inline constexpr bool is_plain_select = false;
template <bool Distinct, class... Items, class... Clauses>
inline constexpr bool is_plain_select<statement<select_list<Distinct, Items...>, Clauses...>> =
    true;

/// A member in parentheses when it has clauses of its own (ORDER BY, LIMIT, OFFSET), a WITH list,
/// or is itself a set operation, so that nothing it says applies to the whole.
template <class M>
inline constexpr bool member_needs_parentheses =
    !is_plain_select<M> || !std::is_base_of_v<filled_slot<order_by_slot, no_order_by>, M> ||
    !std::is_base_of_v<filled_slot<limit_slot, no_limit>, M> ||
    !std::is_base_of_v<filled_slot<offset_slot, no_offset>, M>;

template <class M>
constexpr void render_member(sql_writer& w) {
  if constexpr (member_needs_parentheses<M>) w << '(';
  M::render(w);
  if constexpr (member_needs_parentheses<M>) w << ')';
}

/// The members of a set operation joined by its operator (" UNION ", " EXCEPT ALL ", ...).
template <fixed_string Operator, class... Members>
struct set_operation_head {
  pack<Members...> members;

  using slot = set_head_slot;
  using params = concat_t<typename Members::params...>;
  using unscoped_tables = concat_t<typename Members::outer_tables...>;
  template <class NullTables>
  using result_columns = typename set_columns<
      std::make_index_sequence<at_t<0, type_list<typename Members::result_columns...>>::size>,
      typename Members::result_columns...>::type;

  static constexpr void render(sql_writer& w) {
    std::size_t index = 0;
    ((w << (index++ == 0 ? std::string_view() : Operator.view()), render_member<Members>(w)), ...);
  }
  template <class F>
  constexpr void bind(F& f) const {
    members.for_each([&f](const auto& member) { member.bind(f); });
  }
};

template <fixed_string Operator, class... Members, class... Clauses>
inline constexpr bool
    is_set_operation<statement<set_operation_head<Operator, Members...>, Clauses...>> = true;
template <fixed_string Operator, class... Members, class... Clauses>
inline constexpr bool
    is_select_query<statement<set_operation_head<Operator, Members...>, Clauses...>> = true;

template <std::size_t I, class FirstColumn, class Column>
constexpr void check_member_column() {
  using first_type = typename FirstColumn::sql_type;
  using member_type = typename Column::sql_type;
  static_assert(set_operation_column_types_match<set_column<I + 1>, sql_type_name<first_type>,
                                                 sql_type_name<member_type>,
                                                 std::is_same_v<first_type, member_type>>,
                "UNION, INTERSECT and EXCEPT need the same SQL type in each column of every "
                "query: convert one side with pgdsl::cast<T>(...)");
}

template <class First, class Member, std::size_t... I>
constexpr void check_member_types(std::index_sequence<I...>) {
  (check_member_column<I, at_t<I, typename First::result_columns>,
                       at_t<I, typename Member::result_columns>>(),
   ...);
}

template <class First, class Member>
constexpr void check_member() {
  constexpr bool is_select = is_select_query<Member>;
  static_assert(set_operation_member_is_a_select<Member, is_select>,
                "UNION, INTERSECT and EXCEPT combine SELECT statements");
  if constexpr (is_select) {
    constexpr bool locks =
        !is_set_operation<Member> && !std::is_base_of_v<filled_slot<lock_slot, no_lock>, Member>;
    static_assert(set_operation_member_does_not_lock<Member, !locks>,
                  "FOR UPDATE / FOR SHARE is not allowed in UNION, INTERSECT or EXCEPT: lock the "
                  "rows in a query of their own");
    constexpr std::size_t first_count = First::result_columns::size;
    constexpr std::size_t count = Member::result_columns::size;
    static_assert(set_operation_column_counts_match<Member, set_column<first_count>,
                                                    set_column<count>, first_count == count>,
                  "UNION, INTERSECT and EXCEPT need the same number of columns in every query");
    if constexpr (first_count == count)
      check_member_types<First, Member>(std::make_index_sequence<count>{});
  }
}

template <fixed_string Operator, class First, class... Others>
constexpr auto make_set_operation(First&& first, Others&&... others) {
  static_assert(sizeof...(Others) >= 1, "a set operation combines at least two queries");
  using first_type = std::remove_cvref_t<First>;
  check_member<first_type, first_type>();
  (check_member<first_type, std::remove_cvref_t<Others>>(), ...);
  if constexpr ((is_select_query<first_type> && ... &&
                 is_select_query<std::remove_cvref_t<Others>>)) {
    using head = set_operation_head<Operator, first_type, std::remove_cvref_t<Others>...>;
    return statement<head, no_set_order_by, no_limit, no_offset>(
        head{pack<first_type, std::remove_cvref_t<Others>...>(std::forward<First>(first),
                                                              std::forward<Others>(others)...)},
        {}, {}, {});
  } else {
    return misuse{};  // reported by check_member
  }
}

}  // namespace detail

/// a UNION b [UNION c ...]: the rows of every query, duplicates removed.
template <class... Queries>
[[nodiscard]] constexpr auto union_(Queries&&... queries) {
  return detail::make_set_operation<" UNION ">(std::forward<Queries>(queries)...);
}
/// a UNION ALL b ...: the rows of every query, duplicates kept.
template <class... Queries>
[[nodiscard]] constexpr auto union_all(Queries&&... queries) {
  return detail::make_set_operation<" UNION ALL ">(std::forward<Queries>(queries)...);
}
/// a INTERSECT b ...: the rows every query returns; _all keeps duplicates.
template <class... Queries>
[[nodiscard]] constexpr auto intersect(Queries&&... queries) {
  return detail::make_set_operation<" INTERSECT ">(std::forward<Queries>(queries)...);
}
template <class... Queries>
[[nodiscard]] constexpr auto intersect_all(Queries&&... queries) {
  return detail::make_set_operation<" INTERSECT ALL ">(std::forward<Queries>(queries)...);
}
/// a EXCEPT b ...: the rows of a that the others do not return; _all counts duplicates.
template <class... Queries>
[[nodiscard]] constexpr auto except_(Queries&&... queries) {
  return detail::make_set_operation<" EXCEPT ">(std::forward<Queries>(queries)...);
}
template <class... Queries>
[[nodiscard]] constexpr auto except_all(Queries&&... queries) {
  return detail::make_set_operation<" EXCEPT ALL ">(std::forward<Queries>(queries)...);
}

}  // namespace pgdsl
