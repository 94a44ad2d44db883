// SPDX-License-Identifier: BSL-1.0
// map_row: how result::as<S>() fills a user struct from one row. Boost.Hana-adapted structs and
// plain aggregates map by member name (a member with no column of that name fails to compile);
// rows of columns without names (raw queries) map by position. A nullable column into a
// non-optional member fails to compile with a sentence saying so.
#pragma once

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/detail/columns.hpp"
#include "pgdsl/execution/detail/member_names.hpp"
#include "pgdsl/execution/row.hpp"
#include "pgdsl/util/name_type.hpp"

namespace pgdsl {

/// The struct member and the result column a mapping rule is about, named in the compiler's
/// message (as struct_member<name<'t', 'o', 't', 'a', 'l'>>, column_named<...>; a member mapped by position is
/// struct_member<member_number<2>>).
template <class Name>
struct struct_member {};
template <class Name>
struct column_named {};
template <std::size_t I>
struct member_number {};

/// The conditions of the mapping rules, spelled so that the message names member and column.
template <class Member, bool Holds>
inline constexpr bool member_has_a_column_of_its_name = Holds;
template <class Member, class Column, bool Holds>
inline constexpr bool nullable_column_needs_an_optional_member = Holds;
template <class Member, class Column, bool Holds>
inline constexpr bool column_type_fits_the_member = Holds;

}  // namespace pgdsl

namespace pgdsl::detail {

/// name<...> of a name known at compile time as a string_view: a column's `name`, or entry M of
/// an array of member names.
template <const std::string_view& Text, std::size_t... I>
auto name_of_view(std::index_sequence<I...>) -> name<Text[I]...>;
template <const std::string_view& Text>
using name_of_view_t = decltype(name_of_view<Text>(std::make_index_sequence<Text.size()>{}));
template <const auto& Names, std::size_t M, std::size_t... I>
auto name_of_entry(std::index_sequence<I...>) -> name<Names[M][I]...>;
template <const auto& Names, std::size_t M>
using name_of_entry_t =
    decltype(name_of_entry<Names, M>(std::make_index_sequence<Names[M].size()>{}));
/// name<...> of a Boost.Hana struct member's key.
template <char... C>
name<C...> name_of_hana_key(boost::hana::string<C...>);

template <std::size_t I, class Columns>
constexpr auto column_name_type() {
  if constexpr (I < columns_info<Columns>::size && requires { at_t<I, Columns>::name; })
    return column_named<name_of_view_t<at_t<I, Columns>::name>>{};
  else
    return column_named<member_number<I>>{};
}

// Reads column I of the row into one member, after the rules that make the mapping safe.
// MemberName names the member in the messages (struct_member<...>).
template <std::size_t I, class MemberName, class Columns, class Member>
void read_member(const row<Columns>& source, Member& member) {
  constexpr bool found = I < columns_info<Columns>::size;
  static_assert(member_has_a_column_of_its_name<MemberName, found>,
                "a struct member has no result column of the same name; select a column with "
                "that name (or alias one with .as<\"name\">()), or remove the member");
  if constexpr (found) {
    using value = column_value_t<I, Columns>;
    using column = decltype(column_name_type<I, Columns>());
    constexpr bool nullable_into_plain = is_optional_v<value> && !is_optional_v<Member>;
    static_assert(nullable_column_needs_an_optional_member<MemberName, column, !nullable_into_plain>,
                  "a nullable column (an outer join's, an aggregate's such as sum(), or a nullable "
                  "column) is read into a non-optional struct member: declare that member "
                  "std::optional<T>, or select coalesce(expression, default)");
    constexpr bool assignable = std::is_assignable_v<Member&, value>;
    static_assert(column_type_fits_the_member<MemberName, column, nullable_into_plain || assignable>,
                  "a result column's C++ type cannot be assigned to the struct member of the "
                  "same name; change the member's type to the column's");
    if constexpr (!nullable_into_plain && assignable) member = source.template get<I>();
  }
}

template <class S, class Columns>
S map_hana_struct(const row<Columns>& source) {
  S object{};
  boost::hana::for_each(boost::hana::accessors<S>(), [&](auto accessor) {
    using key = std::remove_cvref_t<decltype(boost::hana::first(accessor))>;
    constexpr std::string_view name = boost::hana::to<const char*>(key{});
    constexpr std::size_t index = columns_info<Columns>::index_of_name(name);
    using member = struct_member<decltype(name_of_hana_key(key{}))>;
    read_member<index, member>(source, boost::hana::second(accessor)(object));
  });
  return object;
}

// True when every member of S has a column of its name whose C++ type is the member's own type:
// then S is built by aggregate initialization, each value decoded straight into its member.
template <class S>
inline constexpr auto member_names_v = member_names<S>();

template <class S, class Columns>
constexpr bool maps_exactly_by_name() {
  using members = decltype(tie_members(std::declval<S&>()));
  return []<std::size_t... M>(std::index_sequence<M...>) {
    return ([] {
      constexpr std::size_t index = columns_info<Columns>::index_of_name(member_names_v<S>[M]);
      if constexpr (index >= columns_info<Columns>::size) {
        return false;
      } else {
        return std::is_same_v<std::remove_cvref_t<std::tuple_element_t<M, members>>,
                              column_value_t<index, Columns>>;
      }
    }() && ...);
  }
  (std::make_index_sequence<member_names_v<S>.size()>{});
}

template <class S, class Columns>
S map_aggregate_by_name(const row<Columns>& source) {
  static constexpr auto names = member_names<S>();
  if constexpr (maps_exactly_by_name<S, Columns>()) {
    return [&]<std::size_t... M>(std::index_sequence<M...>) {
      return S{source.template get<columns_info<Columns>::index_of_name(names[M])>()...};
    }
    (std::make_index_sequence<names.size()>{});
  } else {
    S object{};
    auto members = tie_members(object);
    [&]<std::size_t... M>(std::index_sequence<M...>) {
      (read_member<columns_info<Columns>::index_of_name(names[M]),
                   struct_member<name_of_entry_t<member_names_v<S>, M>>>(source,
                                                                         std::get<M>(members)),
       ...);
    }
    (std::make_index_sequence<names.size()>{});
    return object;
  }
}

template <class S, class Columns>
S map_by_position(const row<Columns>& source) {
  constexpr std::size_t columns = columns_info<Columns>::size;
  if constexpr (std::is_aggregate_v<S>) {
    static_assert(aggregate_field_count<S>() == columns,
                  "the struct's member count differs from the number of result columns; columns "
                  "without names (raw queries) map to members by position");
    using members = decltype(tie_members(std::declval<S&>()));
    constexpr bool exact = []<std::size_t... I>(std::index_sequence<I...>) {
      return (std::is_same_v<std::remove_cvref_t<std::tuple_element_t<I, members>>,
                             column_value_t<I, Columns>> &&
              ...);
    }
    (std::make_index_sequence<columns>{});
    if constexpr (exact) {  // each value decoded straight into its member
      return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return S{source.template get<I>()...};
      }
      (std::make_index_sequence<columns>{});
    } else {
      S object{};
      auto member_refs = tie_members(object);
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (read_member<I, struct_member<member_number<I>>>(source, std::get<I>(member_refs)), ...);
      }
      (std::make_index_sequence<columns>{});
      return object;
    }
  } else {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return S(source.template get<I>()...);
    }
    (std::make_index_sequence<columns>{});
  }
}

/// Builds one S from one row (see the header comment for the rules).
template <class S, class Columns>
S map_row(const row<Columns>& source) {
  if constexpr (boost::hana::Struct<S>::value)
    return map_hana_struct<S>(source);
  else if constexpr (std::is_aggregate_v<S> && columns_info<Columns>::names_known)
    return map_aggregate_by_name<S>(source);
  else
    return map_by_position<S>(source);
}

}  // namespace pgdsl::detail
