// pgdsl 0.1.0: the whole library in one header.
// GENERATED FILE, DO NOT EDIT: generated from include/ by tools/amalgamate.py.
// Change the headers under include/pgdsl/ and run tools/amalgamate.py to regenerate it.
#pragma once

// ---- pgdsl/pgdsl.hpp
// pgdsl: the umbrella header, `#include <pgdsl/pgdsl.hpp>` and nothing else is needed.
// It only includes; every capability lives in its own header under pgdsl/<layer>/.

// ---- pgdsl/version.hpp
// version: the library's version as macros, so code can test it in #if and CMake can read it.
// This file is the single source of the version number: CMakeLists.txt and tools/amalgamate.py
// parse the three numbers below, so change them here only.

#define PGDSL_VERSION_MAJOR 0
#define PGDSL_VERSION_MINOR 1
#define PGDSL_VERSION_PATCH 0

#define PGDSL_VERSION_STRING "0.1.0"

// ---- pgdsl/util/error.hpp
// error: the root of every exception pgdsl throws, so `catch (pgdsl::error const&)` sees them all.
// Server errors (by SQLSTATE), connection loss and value conversion failures all derive from it.

#include <stdexcept>
#include <string>

namespace pgdsl {

/// Base class of all pgdsl exceptions.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pgdsl

// ---- pgdsl/util/fixed_string.hpp
// fixed_string: a string of compile-time length that can be a template argument.
// SQL names (tables, columns, aliases) travel as fixed_string template arguments, and rendered
// SQL text is a fixed_string constant, so both can be compared and concatenated at compile time.

#include <cstddef>
#include <string_view>

namespace pgdsl {

/// A NUL-terminated string of exactly N characters, usable as a non-type template argument.
template <std::size_t N>
struct fixed_string {
  char data[N + 1]{};

  constexpr fixed_string() = default;
  constexpr fixed_string(const char (&text)[N + 1]) {  // NOLINT: implicit from a literal
    for (std::size_t i = 0; i < N; ++i) data[i] = text[i];
  }

  static constexpr std::size_t size() { return N; }
  static constexpr bool empty() { return N == 0; }
  constexpr const char* c_str() const { return data; }
  constexpr std::string_view view() const { return {data, N}; }
  constexpr operator std::string_view() const { return view(); }  // NOLINT: views are cheap
  constexpr char operator[](std::size_t i) const { return data[i]; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const {
    return view() == other.view();
  }
  template <std::size_t M>
  constexpr bool operator==(const char (&text)[M]) const {
    return view() == std::string_view(text, M - 1);
  }
  constexpr bool operator==(std::string_view text) const { return view() == text; }
};

template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M - 1>;

/// Concatenates fixed strings at compile time.
template <std::size_t... N>
constexpr auto concat(const fixed_string<N>&... parts) {
  fixed_string<(N + ... + 0)> result;
  std::size_t at = 0;
  ((std::char_traits<char>::copy(result.data + at, parts.data, N), at += N), ...);
  return result;
}

}  // namespace pgdsl

// ---- pgdsl/util/type_list.hpp
// type_list: a plain list of types, the cheapest way to carry sets of tables, column lists and
// parameter types through the expression tree (measured lighter than hana::set for these sizes).

#include <cstddef>
#include <type_traits>

namespace pgdsl {

template <class... T>
struct type_list {
  static constexpr std::size_t size = sizeof...(T);
};

namespace detail {

template <class... Lists>
struct concat_lists;
template <>
struct concat_lists<> {
  using type = type_list<>;
};
template <class... A>
struct concat_lists<type_list<A...>> {
  using type = type_list<A...>;
};
template <class... A, class... B, class... Rest>
struct concat_lists<type_list<A...>, type_list<B...>, Rest...>
    : concat_lists<type_list<A..., B...>, Rest...> {};

template <class T, class List>
inline constexpr bool list_contains = false;
template <class T, class... U>
inline constexpr bool list_contains<T, type_list<U...>> = (std::is_same_v<T, U> || ...);

template <class T, class List>
inline constexpr std::size_t list_index = 0;
template <class T, class First, class... Rest>
inline constexpr std::size_t list_index<T, type_list<First, Rest...>> =
    std::is_same_v<T, First> ? 0 : 1 + list_index<T, type_list<Rest...>>;

template <std::size_t I, class List>
struct list_at;
template <std::size_t I, class First, class... Rest>
struct list_at<I, type_list<First, Rest...>> : list_at<I - 1, type_list<Rest...>> {};
template <class First, class... Rest>
struct list_at<0, type_list<First, Rest...>> {
  using type = First;
};

}  // namespace detail

/// The concatenation of several type_lists.
template <class... Lists>
using concat_t = typename detail::concat_lists<Lists...>::type;

/// True when T is one of the list's types.
template <class T, class List>
inline constexpr bool contains_v = detail::list_contains<T, List>;

/// The position of T in the list (the list's size when absent).
template <class T, class List>
inline constexpr std::size_t index_of_v = detail::list_index<T, List>;

/// The I-th type of the list.
template <std::size_t I, class List>
using at_t = typename detail::list_at<I, List>::type;

/// True when every type of Sub is in Super.
template <class Sub, class Super>
inline constexpr bool is_subset_v = false;
template <class... T, class Super>
inline constexpr bool is_subset_v<type_list<T...>, Super> = (contains_v<T, Super> && ...);

}  // namespace pgdsl
