// SPDX-License-Identifier: BSL-1.0
// USING, DELETE's list of other tables (joined through the WHERE condition).
#pragma once

#include "pgdsl/render/lists.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/statement/clause/from.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl::detail {

struct using_slot {};

struct no_using {
  using slot = using_slot;
  static constexpr void render(sql_writer&) {}
  template <class F>
  constexpr void bind(F&) const {}
};

/// USING tables.
template <class... Entries>
struct using_clause {
  using slot = using_slot;
  using scope = typename from_clause<Entries...>::scope;
  static constexpr void render(sql_writer& w) {
    w << " USING ";
    render_list<Entries...>(w);
  }
  template <class F>
  constexpr void bind(F&) const {}
};

template <class Statement>
struct clause_methods<no_using, Statement> {
  /// USING other tables (joined through the WHERE condition).
  template <table_type... Tables>
  [[nodiscard]] constexpr auto using_(const Tables&...) && {
    return replace_clause<using_slot>(moved<Statement>(*this),
                                      using_clause<from_item<identity_of<Tables>>...>{});
  }
  template <class... Tables>
  [[nodiscard]] constexpr auto using_(const Tables&... tables) const& {
    return copied<Statement>(*this).using_(tables...);
  }
};

template <class... Entries, class Statement>
struct clause_methods<using_clause<Entries...>, Statement> {
  template <class... A, bool Allowed = false>
  misuse using_(A&&...) const {
    static_assert(clause_can_be_added<using_slot, Allowed>, "USING is already set");
    return {};
  }
};

}  // namespace pgdsl::detail
