// SPDX-License-Identifier: BSL-1.0
// insert_rows: many rows inserted with multi-row INSERTs, each under PostgreSQL's 65,535-parameter
// limit, all sent in one pipeline (so the server never waits for the client between them).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/pipeline.hpp"
#include "pgdsl/execution/runtime_statement.hpp"

namespace pgdsl {

namespace detail {
// Consecutive rows of a range, as values() takes them (a plain pair of iterators: clang 14
// cannot use libstdc++ 12's std::ranges::subrange).
template <class Iterator>
struct row_slice {
  Iterator first, last;
  Iterator begin() const { return first; }
  Iterator end() const { return last; }
};
}  // namespace detail

template <class Builder, std::ranges::forward_range Rows>
std::uint64_t connection::insert_rows(const Builder& insert, const Rows& rows,
                                      const insert_rows_options& options) {
  using iterator = decltype(std::begin(rows));
  using slice = detail::row_slice<iterator>;
  static_assert(runtime_statement<decltype(insert.values(std::declval<const slice&>()))>,
                "insert_rows: the first argument must be insert_into(table).columns(...)");
  using element = std::remove_cvref_t<decltype(*std::begin(rows))>;
  constexpr std::size_t most_rows = max_statement_parameters / std::tuple_size_v<element>;
  const std::size_t rows_per_statement =
      options.rows_per_statement == 0 ? most_rows : std::min(options.rows_per_statement, most_rows);
  std::uint64_t inserted = 0;
  pgdsl::pipeline batch(*this);
  for (iterator first = std::begin(rows), last = std::end(rows); first != last;) {
    iterator next = first;
    for (std::size_t taken = 0; taken < rows_per_statement && next != last; ++taken) ++next;
    batch.execute(insert.values(slice{first, next}),
                  [&inserted](auto&& done) { inserted += done.rows_affected(); });
    first = next;
  }
  batch.finish();
  return inserted;
}

}  // namespace pgdsl
