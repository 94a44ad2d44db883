// SPDX-License-Identifier: BSL-1.0
// What the tests of tests/select share: the shop schema loaded with rows that include NULLs,
// duplicates and ties, and rows_of(), which reads a result into tuples so that a DSL statement's
// rows compare with those of the hand-written SQL it stands for.
#pragma once

#include <cstddef>
#include <tuple>
#include <utility>
#include <vector>

#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

namespace select_test {

/// Users (two share an email, two have no score, two tie), orders with NULL notes and ties.
inline void load_shop(pgdsl::test::database& fixture) {
  pgdsl::test::create_shop(fixture);
  fixture.run(
      "INSERT INTO users (id, username, email, score) VALUES "
      "(1, 'ann', 'a@x', 7.5), (2, 'bob', 'b@x', NULL), (3, 'cy', 'a@x', 7.5), "
      "(4, 'di', 'b@x', 2.0), (5, 'ed', 'a@x', NULL), (6, 'flo', 'c@x', 9.0);"
      "INSERT INTO orders (id, user_id, status, total, placed_at, note) VALUES "
      "(1, 1, 'paid', 10.50, '2026-01-03', 'gift'), (2, 1, 'paid', 20, '2026-01-20', NULL), "
      "(3, 2, 'new', 5, '2026-02-01', NULL), (4, 3, 'paid', 20, '2026-02-14', 'rush'), "
      "(5, 1, 'void', 7.25, '2026-03-01', NULL), (6, 4, 'paid', 100, '2026-03-02', 'big'), "
      "(7, 3, 'new', 20, '2026-03-15', NULL)");
}

template <class Row, std::size_t... I>
auto tuple_of(const Row& row, std::index_sequence<I...>) {
  return std::tuple(row.template get<I>()...);
}

/// The rows of a result as tuples of the C++ values they decode to, in the result's order.
template <class Result>
auto rows_of(Result&& result) {
  using row_type = std::remove_cvref_t<decltype(*result.begin())>;
  constexpr std::size_t columns = std::tuple_size_v<row_type>;
  std::vector<decltype(tuple_of(*result.begin(), std::make_index_sequence<columns>{}))> rows;
  for (const auto& row : result) rows.push_back(tuple_of(row, std::make_index_sequence<columns>{}));
  return rows;
}

}  // namespace select_test
