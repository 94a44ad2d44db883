// SPDX-License-Identifier: BSL-1.0
// Row locks of SELECT: FOR UPDATE / FOR SHARE, optionally followed by SKIP LOCKED or NOWAIT.
#pragma once

#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl::detail {

struct lock_slot {};

struct no_lock {
  using slot = lock_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// " FOR UPDATE", " FOR SHARE SKIP LOCKED", ...
template <fixed_string Text>
struct lock_clause : text_clause<Text> {
  using slot = lock_slot;
};

template <class Statement>
struct clause_methods<no_lock, Statement> {
  [[nodiscard]] constexpr auto for_update() && {
    return replace_clause<lock_slot>(moved<Statement>(*this), lock_clause<" FOR UPDATE">{});
  }
  [[nodiscard]] constexpr auto for_update() const& { return copied<Statement>(*this).for_update(); }
  [[nodiscard]] constexpr auto for_share() && {
    return replace_clause<lock_slot>(moved<Statement>(*this), lock_clause<" FOR SHARE">{});
  }
  [[nodiscard]] constexpr auto for_share() const& { return copied<Statement>(*this).for_share(); }
  template <class... A, bool Allowed = false>
  misuse skip_locked(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>,
                  "SKIP LOCKED and NOWAIT follow .for_update() or .for_share()");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse nowait(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>,
                  "SKIP LOCKED and NOWAIT follow .for_update() or .for_share()");
    return {};
  }
};

template <fixed_string Text, class Statement>
struct clause_methods<lock_clause<Text>, Statement> {
  [[nodiscard]] constexpr auto skip_locked() && {
    return replace_clause<lock_slot>(moved<Statement>(*this),
                                     lock_clause<concat(Text, fixed_string(" SKIP LOCKED"))>{});
  }
  [[nodiscard]] constexpr auto skip_locked() const& {
    return copied<Statement>(*this).skip_locked();
  }
  [[nodiscard]] constexpr auto nowait() && {
    return replace_clause<lock_slot>(moved<Statement>(*this),
                                     lock_clause<concat(Text, fixed_string(" NOWAIT"))>{});
  }
  [[nodiscard]] constexpr auto nowait() const& { return copied<Statement>(*this).nowait(); }
  template <class... A, bool Allowed = false>
  misuse for_update(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>, "a row lock is already set");
    return {};
  }
  template <class... A, bool Allowed = false>
  misuse for_share(A&&...) const {
    static_assert(clause_can_be_added<lock_slot, Allowed>, "a row lock is already set");
    return {};
  }
};

}  // namespace pgdsl::detail
