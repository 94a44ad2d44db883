// The pieces statements are made of: an empty clause slot, a keyword followed by content, and a
// comma-separated list. Each renders itself and binds its values in rendering order, so a
// statement is the concatenation of its clauses in both respects.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/render/lists.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/pack.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// A clause slot nothing has filled.
struct no_clause {
  using tables = type_list<>;
  using params = type_list<>;
  using scope = type_list<>;
  using null_tables = type_list<>;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

template <class Clause>
inline constexpr bool is_empty_clause = std::is_same_v<Clause, no_clause>;

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
  detail::pack<Items...> items;

  using tables = concat_t<typename Items::tables...>;
  using params = concat_t<typename Items::params...>;
  static constexpr void render(sql_writer& w) { detail::render_list<Items...>(w); }
  template <class F>
  constexpr void bind(F& f) const {
    items.for_each([&f](const auto& item) { item.bind(f); });
  }
};

/// An item_list of the given items.
template <class... Items>
constexpr auto make_item_list(Items&&... items) {
  return item_list<std::remove_cvref_t<Items>...>{
      detail::pack<std::remove_cvref_t<Items>...>(std::forward<Items>(items)...)};
}

namespace detail {

/// `replacement` when Take, else `original`: builds a statement with one clause swapped.
template <bool Take, class New, class Old>
constexpr decltype(auto) pick(New&& replacement, Old&& original) {
  if constexpr (Take)
    return std::forward<New>(replacement);
  else
    return std::forward<Old>(original);
}

}  // namespace detail
}  // namespace pgdsl
