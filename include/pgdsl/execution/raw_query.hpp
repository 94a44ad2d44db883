// Raw SQL for what the DSL cannot express yet: raw_sql (a NUL-terminated SQL string, never built
// from values) and the result columns of db.query<T...>(sql, args...), which are known by
// position and by the server's labels (used in messages), not by a compile-time name.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The SQL of a raw query: a C string or std::string, passed to libpq as is. Values go in
/// parameters ($1, $2, ...), never into this text.
class raw_sql {
 public:
  raw_sql(const char* sql) noexcept : sql_(sql) {}                 // NOLINT: implicit by design
  raw_sql(const std::string& sql) noexcept : sql_(sql.c_str()) {}  // NOLINT
  const char* c_str() const noexcept { return sql_; }

 private:
  const char* sql_;
};

/// Column I of a raw query, decoded as T; its key is the column itself (read it with get<I>()).
template <std::size_t I, class T>
struct raw_column {
  using key_type = raw_column;
  using value_type = T;
  static constexpr std::string_view name{};
  static constexpr std::string_view qualified_name{};
};

namespace detail {

template <class Indices, class... T>
struct make_raw_columns;
template <std::size_t... I, class... T>
struct make_raw_columns<std::index_sequence<I...>, T...> {
  using type = type_list<raw_column<I, T>...>;
};

// A raw-query argument as the parameter it binds: string literals and C strings as text views.
template <class A>
decltype(auto) as_parameter(const A& argument) {
  if constexpr (std::is_same_v<parameter_value_t<A>, std::remove_cvref_t<A>>)
    return (argument);
  else
    return parameter_value_t<A>(argument);
}

}  // namespace detail

/// The result columns of db.query<T...>(...).
template <class... T>
using raw_columns = typename detail::make_raw_columns<std::index_sequence_for<T...>, T...>::type;

}  // namespace pgdsl
