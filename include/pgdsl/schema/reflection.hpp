// The columns of a table descriptor, listed without macros: a table struct is an aggregate whose
// members are its columns, so they are counted by aggregate initialization and read by
// structured bindings. all_of(users) puts every column in a select list.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/schema/detail/member_types.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

namespace detail {

struct any_initializer {
  template <class T>
  constexpr operator T() const noexcept;  // NOLINT: only used in unevaluated probes
};
template <std::size_t>
using any_at = any_initializer;

template <class T, std::size_t... I>
constexpr bool initializable_with(std::index_sequence<I...>) {
  return requires {
    T{any_at<I>{}...};
  };
}

// The table<...> base takes the first initializer; the columns take the rest.
template <class T, std::size_t N = 1>
constexpr std::size_t column_count() {
  if constexpr (!initializable_with<T>(std::make_index_sequence<N + 1>{}))
    return N - 1;
  else
    return column_count<T, N + 1>();
}

template <class List>
struct without_cv;
template <class... C>
struct without_cv<type_list<C...>> {
  using type = type_list<std::remove_cv_t<C>...>;
};

}  // namespace detail

/// The column descriptor types of table struct T, in declaration order.
template <class T>
using columns_of_t =
    typename detail::without_cv<decltype(detail::member_types_of<T, detail::column_count<T>()>(
        std::declval<const T&>()))>::type;

/// Every column of a table, for select(): select(all_of(users)). Renders as the column list.
template <class Columns>
struct column_pack;
template <class... Columns>
struct column_pack<type_list<Columns...>> {
  using columns = type_list<Columns...>;
  using tables = concat_t<typename Columns::tables...>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) { detail::render_list<Columns...>(w); }
  template <class F>
  constexpr void bind(F&) const {}
};

template <class T>
inline constexpr bool is_column_pack = false;
template <class Columns>
inline constexpr bool is_column_pack<column_pack<Columns>> = true;

template <table_type T>
constexpr auto all_of(const T&) {
  return column_pack<columns_of_t<T>>{};
}

}  // namespace pgdsl
