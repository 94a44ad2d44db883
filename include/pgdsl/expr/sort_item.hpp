// SPDX-License-Identifier: BSL-1.0
// ORDER BY items: expr.asc() / expr.desc(), then .nulls_first() / .nulls_last().
#pragma once

#include "pgdsl/expr/expression.hpp"

namespace pgdsl {

/// One ORDER BY item. Nulls: 0 = server default, 1 = NULLS FIRST, 2 = NULLS LAST.
template <class E, bool Descending, int Nulls>
struct sort_item {
  E operand;

  using tables = typename E::tables;
  using params = typename E::params;

  [[nodiscard]] constexpr auto nulls_first() const { return sort_item<E, Descending, 1>{operand}; }
  [[nodiscard]] constexpr auto nulls_last() const { return sort_item<E, Descending, 2>{operand}; }

  static constexpr void render(sql_writer& w) {
    detail::render_operand<E>(w);
    w << (Descending ? " DESC" : " ASC");
    if constexpr (Nulls == 1) w << " NULLS FIRST";
    if constexpr (Nulls == 2) w << " NULLS LAST";
  }
  template <class F>
  constexpr void bind(F& f) const {
    operand.bind(f);
  }
};

}  // namespace pgdsl
