// SPDX-License-Identifier: BSL-1.0
// The compile-time SQL of a statement type: rendered once per type into a fixed_string constant.
// `sql_text<Q>` is an empty handle that statements expose as `Q::sql`; rendering (and the checks
// that guard it) runs only when the text is used, never for the intermediate types of a builder
// chain.
#pragma once

#include <cstddef>
#include <string_view>

#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

namespace detail {

template <class Node>
constexpr std::size_t rendered_size() {
  sql_writer counter;
  Node::render(counter);
  return counter.size();
}

template <class Node>
constexpr auto render_to_fixed_string() {
  fixed_string<rendered_size<Node>()> text;
  sql_writer writer(text.data);
  Node::render(writer);
  return text;
}

}  // namespace detail

/// The SQL text of a node or statement type, a compile-time constant.
template <class Node>
inline constexpr auto sql_of = detail::render_to_fixed_string<Node>();

/// Statement::sql: compares with string literals at compile time, hands libpq a static pointer.
template <class Statement>
struct sql_text {
  static constexpr const auto& text() {
    Statement::check_complete();
    return sql_of<Statement>;
  }
  static constexpr const char* c_str() { return text().c_str(); }
  static constexpr std::size_t size() { return text().size(); }
  static constexpr std::string_view view() { return text().view(); }
  constexpr operator std::string_view() const { return view(); }  // NOLINT: views are cheap

  friend constexpr bool operator==(sql_text, std::string_view other) { return view() == other; }
};

}  // namespace pgdsl
