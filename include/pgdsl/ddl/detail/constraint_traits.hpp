// SPDX-License-Identifier: BSL-1.0
// What the DDL layer reads from a column's constraint markers: the constraint behind a named<>,
// the column a references<> points to, and the varchar(n) / numeric(p, s) modifiers.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include "pgdsl/schema/constraints.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl::detail {

/// The constraint itself: C, or the C of named<Name, C>.
template <class C>
struct unnamed_constraint {
  using type = C;
};
template <fixed_string Name, class C>
struct unnamed_constraint<named<Name, C>> {
  using type = C;
};
template <class C>
using unnamed_constraint_t = typename unnamed_constraint<C>::type;

/// The class and member type of a pointer to member: &users_t::id.
template <class M>
struct member_pointer_parts;
template <class Class, class Member>
struct member_pointer_parts<Member Class::*> {
  using owner = Class;
  using member = Member;
};

/// For references<Target, ...>: the referenced column's descriptor type; void for others.
template <class C>
struct referenced_column {
  using type = void;
};
template <auto Target, class... Actions>
struct referenced_column<references<Target, Actions...>> {
  using type = typename member_pointer_parts<decltype(Target)>::member;
};

/// The referenced columns of a column's constraints (named or not), as a type_list.
template <class Constraints>
struct referenced_columns;
template <class... C>
struct referenced_columns<type_list<C...>> {
  using type = concat_t<std::conditional_t<
      std::is_void_v<typename referenced_column<unnamed_constraint_t<C>>::type>, type_list<>,
      type_list<typename referenced_column<unnamed_constraint_t<C>>::type>>...>;
};

template <class C>
inline constexpr std::size_t varchar_length_of = 0;
template <std::size_t N>
inline constexpr std::size_t varchar_length_of<varchar<N>> = N;

template <class C>
struct precision_of {
  static constexpr std::size_t digits = 0;
  static constexpr std::size_t scale = 0;
};
template <std::size_t P, std::size_t S>
struct precision_of<precision<P, S>> : precision<P, S> {};

/// The first non-zero value of a pack, else 0.
template <class... V>
constexpr std::size_t first_nonzero(V... values) {
  std::size_t found = 0;
  ((found = found != 0 ? found : values), ...);
  return found;
}

/// True for the markers CREATE TABLE writes no constraint for: varchar<n> and precision<p, s>
/// (read by the column type) and renamed_from<"old"> (read by autogenerate).
template <class C>
inline constexpr bool is_type_modifier = false;
template <std::size_t N>
inline constexpr bool is_type_modifier<varchar<N>> = true;
template <std::size_t P, std::size_t S>
inline constexpr bool is_type_modifier<precision<P, S>> = true;
template <fixed_string Old>
inline constexpr bool is_type_modifier<renamed_from<Old>> = true;

template <class C>
inline constexpr std::string_view renamed_from_name = {};
template <fixed_string Old>
inline constexpr std::string_view renamed_from_name<renamed_from<Old>> = Old.view();

}  // namespace pgdsl::detail
