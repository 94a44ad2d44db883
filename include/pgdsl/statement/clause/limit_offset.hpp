// SPDX-License-Identifier: BSL-1.0
// LIMIT and OFFSET, each a bound std::int64_t.
#pragma once

#include <cstdint>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl::detail {

struct limit_slot {};
struct offset_slot {};

struct no_limit {
  using slot = limit_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};
struct limit_clause : keyword_clause<" LIMIT ", parameter<std::int64_t>> {
  using slot = limit_slot;
};

struct no_offset {
  using slot = offset_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};
struct offset_clause : keyword_clause<" OFFSET ", parameter<std::int64_t>> {
  using slot = offset_slot;
};

template <class Statement>
struct clause_methods<no_limit, Statement> {
  /// LIMIT count (bound as $n).
  [[nodiscard]] constexpr auto limit(std::int64_t count) && {
    return replace_clause<limit_slot>(moved<Statement>(*this), limit_clause{{{{}, count}}});
  }
  [[nodiscard]] constexpr auto limit(std::int64_t count) const& {
    return copied<Statement>(*this).limit(count);
  }
};
template <class Statement>
struct clause_methods<limit_clause, Statement> {
  template <class... A, bool Allowed = false>
  misuse limit(A&&...) const {
    static_assert(clause_can_be_added<limit_slot, Allowed>, "LIMIT is already set");
    return {};
  }
};

template <class Statement>
struct clause_methods<no_offset, Statement> {
  /// OFFSET count (bound as $n).
  [[nodiscard]] constexpr auto offset(std::int64_t count) && {
    return replace_clause<offset_slot>(moved<Statement>(*this), offset_clause{{{{}, count}}});
  }
  [[nodiscard]] constexpr auto offset(std::int64_t count) const& {
    return copied<Statement>(*this).offset(count);
  }
};
template <class Statement>
struct clause_methods<offset_clause, Statement> {
  template <class... A, bool Allowed = false>
  misuse offset(A&&...) const {
    static_assert(clause_can_be_added<offset_slot, Allowed>, "OFFSET is already set");
    return {};
  }
};

}  // namespace pgdsl::detail
