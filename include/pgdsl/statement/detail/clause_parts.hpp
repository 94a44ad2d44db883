// SPDX-License-Identifier: BSL-1.0
// The pieces clauses are made of: a keyword followed by content, fixed text, and a comma-separated
// list. Each renders itself and binds its values in rendering order, so a statement is the
// concatenation of its clauses in both respects.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/pack.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl::detail {

/// Keyword followed by Content: " WHERE " cond, " LIMIT " $n, ...
template <fixed_string Keyword, class Content>
struct keyword_clause {
  Content content;

  using tables = typename Content::tables;
  using params = typename Content::params;
  static constexpr void render(sql_writer& w) {
    w << Keyword.view();
    Content::render(w);
  }
  template <class F>
  constexpr void bind(F& f) const {
    content.bind(f);
  }
};

/// Fixed text with nothing bound: " FOR UPDATE", " DEFAULT VALUES", ...
template <fixed_string Text>
struct text_clause {
  static constexpr auto text = Text;
  using tables = type_list<>;
  using params = type_list<>;
  static constexpr void render(sql_writer& w) { w << Text.view(); }
  template <class F>
  constexpr void bind(F&) const {}
};

/// Items, separated by ", ".
template <class... Items>
struct item_list {
  pack<Items...> items;

  using tables = concat_t<typename Items::tables...>;
  using params = concat_t<typename Items::params...>;
  static constexpr void render(sql_writer& w) { render_list<Items...>(w); }
  template <class F>
  constexpr void bind(F& f) const {
    items.for_each([&f](const auto& item) { item.bind(f); });
  }
};

/// An item_list of the given items.
template <class... Items>
constexpr auto make_item_list(Items&&... items) {
  return item_list<std::remove_cvref_t<Items>...>{
      pack<std::remove_cvref_t<Items>...>(std::forward<Items>(items)...)};
}

}  // namespace pgdsl::detail
