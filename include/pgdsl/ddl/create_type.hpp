// SPDX-License-Identifier: BSL-1.0
// CREATE TYPE ... AS ENUM for a C++ enum mapped to a PostgreSQL enum: its type_traits (category
// enumeration) list the labels in the enum's order, and the DDL takes the name and labels from
// there, so the mapping is written once (examples/enum_mapping.cpp):
//   static_assert(pgdsl::create_type<app::mood>().sql ==
//                 R"(CREATE TYPE "mood" AS ENUM ('sad', 'ok', 'happy'))");
#pragma once

#include <concepts>
#include <iterator>
#include <string_view>

#include "pgdsl/ddl/create_table.hpp"
#include "pgdsl/ddl/detail/ddl_statement.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// A C++ type mapped to a PostgreSQL enum: category enumeration and a `labels` range.
template <class E>
concept enum_mapping =
    parameter_type<E> && type_traits<E>::category == type_category::enumeration&& requires {
  { *std::begin(type_traits<E>::labels) } -> std::convertible_to<std::string_view>;
};

namespace detail {

template <class E>
struct create_type_statement : ddl_statement<create_type_statement<E>> {
  static constexpr void render(sql_writer& w) {
    w << "CREATE TYPE ";
    w.identifier(type_traits<E>::sql_name);
    w << " AS ENUM (";
    bool first = true;
    for (std::string_view label : type_traits<E>::labels) {
      if (!first) w << ", ";
      first = false;
      w.string_literal(label);
    }
    w << ')';
  }
};

template <class E>
struct dropped_type {
  static constexpr const char* drop_kind = "TYPE";
  static constexpr std::string_view drop_name = type_traits<E>::sql_name;
};

}  // namespace detail

/// CREATE TYPE "name" AS ENUM ('label', ...) for an enum mapping.
template <enum_mapping E>
constexpr auto create_type() {
  return detail::create_type_statement<E>{};
}

/// DROP TYPE of one or more enum mappings; .if_exists() and .cascade() change it.
template <enum_mapping... E>
constexpr auto drop_type() {
  static_assert(sizeof...(E) > 0, "drop_type needs at least one type");
  return detail::drop_statement<type_list<detail::dropped_type<E>...>, 0>{};
}

}  // namespace pgdsl
