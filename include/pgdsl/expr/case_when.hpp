// SPDX-License-Identifier: BSL-1.0
// CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] [ELSE e] END:
// case_when(c1, v1).when(c2, v2).else_(e). Without else_() the result can be NULL.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/expr/logical.hpp"
#include "pgdsl/expr/type_rules.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// WHEN Condition THEN Value.
template <class Condition, class Value>
struct when_branch {
  using condition_type = Condition;
  using value_type = Value;
  Condition condition;
  Value value;
};

namespace detail {
template <class FirstValue, class C, class V>
constexpr auto make_branch(C&& condition, V&& value) {
  auto c = to_operand(std::forward<C>(condition));
  check_boolean<decltype(c)>();
  auto v = to_operand(std::forward<V>(value));
  if constexpr (!std::is_void_v<FirstValue>) check_comparable<FirstValue, decltype(v)>();
  return when_branch<decltype(c), decltype(v)>{std::move(c), std::move(v)};
}
}  // namespace detail

/// No ELSE: the CASE is NULL when no condition holds.
struct no_else {
  using tables = type_list<>;
  using params = type_list<>;
  template <class NullTables>
  static constexpr bool nullable_in = true;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// CASE Branches... [ELSE Else] END, typed as the first branch's value.
template <class Else, class... Branches>
struct case_expression : expression_ops<case_expression<Else, Branches...>> {
  detail::pack<Branches...> branches;
  Else otherwise;

  using first_value = typename at_t<0, type_list<Branches...>>::value_type;
  using sql_type = sql_type_t<first_value>;
  using tables = concat_t<typename Branches::condition_type::tables...,
                          typename Branches::value_type::tables..., typename Else::tables>;
  using params = concat_t<
      concat_t<typename Branches::condition_type::params, typename Branches::value_type::params>...,
      typename Else::params>;
  static constexpr bool is_atomic = true;
  template <class NullTables>
  static constexpr bool nullable_in = Else::template nullable_in<NullTables> ||
                                      (Branches::value_type::template nullable_in<NullTables> ||
                                       ...);

  /// Another WHEN condition THEN value.
  template <class C, class V>
  constexpr auto when(C&& condition, V&& value) const {
    static_assert(std::is_same_v<Else, no_else>, "WHEN must come before ELSE");
    auto branch =
        detail::make_branch<first_value>(std::forward<C>(condition), std::forward<V>(value));
    return case_expression<Else, Branches..., decltype(branch)>{
        {}, detail::pack<Branches...>(branches).with_back(std::move(branch)), otherwise};
  }
  /// ELSE value.
  template <class V>
  constexpr auto else_(V&& value) const {
    static_assert(std::is_same_v<Else, no_else>, "a CASE has one ELSE");
    auto operand = to_operand(std::forward<V>(value));
    detail::check_comparable<first_value, decltype(operand)>();
    return case_expression<decltype(operand), Branches...>{{}, branches, std::move(operand)};
  }

  static constexpr void render(sql_writer& w) {
    w << "CASE";
    (render_branch<Branches>(w), ...);
    if constexpr (!std::is_same_v<Else, no_else>) {
      w << " ELSE ";
      Else::render(w);
    }
    w << " END";
  }
  template <class F>
  constexpr void bind(F& f) const {
    branches.for_each([&f](const auto& branch) {
      branch.condition.bind(f);
      branch.value.bind(f);
    });
    otherwise.bind(f);
  }

 private:
  template <class Branch>
  static constexpr void render_branch(sql_writer& w) {
    w << " WHEN ";
    Branch::condition_type::render(w);
    w << " THEN ";
    Branch::value_type::render(w);
  }
};

/// CASE WHEN condition THEN value ... END.
template <class C, class V>
constexpr auto case_when(C&& condition, V&& value) {
  auto branch = detail::make_branch<void>(std::forward<C>(condition), std::forward<V>(value));
  return case_expression<no_else, decltype(branch)>{
      {}, detail::pack<decltype(branch)>(std::move(branch)), {}};
}

}  // namespace pgdsl
