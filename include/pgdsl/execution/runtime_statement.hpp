// SPDX-License-Identifier: BSL-1.0
// runtime_statement: what the connection needs from a statement whose SQL is rendered at run time
// (the multi-row INSERT of insert_into(t).columns(...).values(rows)): its text, its parameter
// count and its bound values in $n order. Such statements run unnamed, never prepared.
#pragma once

#include <concepts>
#include <cstddef>
#include <string>

#include "pgdsl/error/error.hpp"
#include "pgdsl/execution/statement_concept.hpp"

namespace pgdsl {

/// A statement that renders its SQL at run time.
template <class Q>
concept runtime_statement = requires(const Q& q) {
  { q.sql.c_str() } -> std::convertible_to<const char*>;
  { q.param_count() } -> std::convertible_to<std::size_t>;
  typename Q::result_columns;
  requires detail::is_type_list<typename Q::result_columns>;
  q.bind(detail::any_parameter_sink{});
};

/// PostgreSQL's limit on the parameters of one statement (the wire protocol counts them in 16
/// bits).
inline constexpr std::size_t max_statement_parameters = 65535;

/// A statement has more parameters than PostgreSQL accepts in one statement.
class too_many_parameters : public error {
 public:
  explicit too_many_parameters(std::size_t count)
      : error("the statement has " + std::to_string(count) +
              " parameters, PostgreSQL accepts at most 65535 in one statement; insert the rows "
              "with db.insert_rows(), which splits them") {}
};

}  // namespace pgdsl
