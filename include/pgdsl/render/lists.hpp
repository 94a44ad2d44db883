// SPDX-License-Identifier: BSL-1.0
// Comma-separated lists, the one shape SQL repeats everywhere: select items, function arguments,
// GROUP BY keys, and the column names of INSERT, ON CONFLICT and COPY.
#pragma once

#include <cstddef>

#include "pgdsl/render/sql_writer.hpp"

namespace pgdsl::detail {

/// Nodes..., each written by its static render(), separated by ", ".
template <class... Nodes>
constexpr void render_list(sql_writer& w) {
  std::size_t index = 0;
  ((w << (index++ == 0 ? "" : ", "), Nodes::render(w)), ...);
}

/// The names of Columns..., unqualified and quoted, separated by ", ": "id", "email".
template <class... Columns>
constexpr void render_column_names(sql_writer& w) {
  std::size_t index = 0;
  ((w << (index++ == 0 ? "" : ", "), w.identifier(Columns::name.view())), ...);
}

}  // namespace pgdsl::detail
