// SPDX-License-Identifier: BSL-1.0
// CAST(x AS type), with the PostgreSQL type taken from the C++ type: cast<std::int64_t>(x) is
// CAST(x AS int8). The way to compare or assign across type families on purpose.
#pragma once

#include <utility>

#include "pgdsl/expr/expression.hpp"

namespace pgdsl {

/// CAST(operand AS type_traits<T>::sql_name).
template <class T, class E>
struct cast_expression : expression_ops<cast_expression<T, E>>, detail::unary_operand<E> {
  using sql_type = T;
  static constexpr bool is_atomic = true;

  static constexpr void render(sql_writer& w) {
    w << "CAST(";
    E::render(w);
    w << " AS " << type_traits<T>::sql_name << ')';
  }
};

/// cast<T>(x): x converted by the server to T's PostgreSQL type.
template <class T, class E>
constexpr auto cast(E&& operand) {
  return cast_expression<T, operand_t<E>>{{}, {to_operand(std::forward<E>(operand))}};
}

}  // namespace pgdsl
