// SPDX-License-Identifier: BSL-1.0
// Compile-time facts about a statement's result columns (value types, lookup by key type and by
// name) and the decoding of one field straight from the PGresult's binary bytes.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/types/all.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl::detail {

template <class Columns>
struct columns_info;
template <class... E>
struct columns_info<type_list<E...>> {
  static constexpr std::size_t size = sizeof...(E);
  using tuple = std::tuple<typename E::value_type...>;
  using keys = type_list<typename E::key_type...>;

  /// The position of the column whose name is `name` (size when none is).
  static constexpr std::size_t index_of_name(std::string_view name) {
    std::size_t index = 0;
    for (bool found : {(E::name == name)...}) {
      if (found) return index;
      ++index;
    }
    return size;
  }
  static constexpr bool names_known = ((!std::string_view(E::name).empty()) && ...);
};

template <std::size_t I, class Columns>
using column_value_t = typename at_t<I, Columns>::value_type;

/// The index of the column a key (row[users.email]) finds; checked with a readable message.
template <class Columns, class Key>
constexpr std::size_t column_index_of_key() {
  using keys = typename columns_info<Columns>::keys;
  static_assert(contains_v<std::remove_cvref_t<Key>, keys>,
                "this expression is not one of the statement's result columns; "
                "select it, or read the row by position with get<I>()");
  return index_of_v<std::remove_cvref_t<Key>, keys>;
}

/// Throws unexpected_null for column `column` (out of line: the decode path stays small).
template <class E>
[[noreturn, gnu::noinline, gnu::cold]] void throw_unexpected_null(const PGresult* result,
                                                                  int column) {
  throw unexpected_null(column_label(E::qualified_name, result, column),
                        type_traits<nullable_base_t<typename E::value_type>>::sql_name);
}

/// Decodes column `column` of row `row` as E::value_type, straight from the binary bytes.
/// One libpq call besides the value in the usual case: PQgetisnull is asked only for an empty
/// value, which is how libpq shows NULL (and which no fixed-size type has).
template <class E>
[[gnu::always_inline]] inline typename E::value_type decode_field(const PGresult* result, int row,
                                                                  int column) {
  using value = typename E::value_type;
  using base = nullable_base_t<value>;
  const int length = PQgetlength(result, row, column);
  if (length == 0 && PQgetisnull(result, row, column)) [[unlikely]] {
    if constexpr (is_optional_v<value>)
      return value{};
    else
      throw_unexpected_null<E>(result, column);
  }
  return type_traits<base>::decode(
      std::string_view(PQgetvalue(result, row, column), static_cast<std::size_t>(length)));
}

template <class E>
void check_column_type(const PGresult* description, int column) {
  using base = nullable_base_t<typename E::value_type>;
  const oid server_type = PQftype(description, column);
  if (!type_traits<base>::accepts(server_type))
    throw type_mismatch(column_label(E::qualified_name, description, column), server_type,
                        type_traits<base>::sql_name);
}

/// Throws type_mismatch unless every declared column can be read from the server's type, and
/// column_count_mismatch unless the counts agree (a statement declaring no columns accepts any).
template <class Columns, class CountError>
void check_column_types(const PGresult* description, const CountError& count_error) {
  constexpr std::size_t declared = columns_info<Columns>::size;
  if constexpr (declared > 0) {
    const auto returned = static_cast<std::size_t>(PQnfields(description));
    if (returned != declared) count_error(declared, returned);
    [&]<std::size_t... I>(std::index_sequence<I...>) {
      (check_column_type<at_t<I, Columns>>(description, static_cast<int>(I)), ...);
    }
    (std::make_index_sequence<declared>{});
  }
}

}  // namespace pgdsl::detail
