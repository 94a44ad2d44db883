// SPDX-License-Identifier: BSL-1.0
// insert_rows_options: how db.insert_rows() splits its rows into multi-row INSERT statements.
#pragma once

#include <cstddef>

namespace pgdsl {

/// Rows per INSERT statement of db.insert_rows(). 0 (the default) means as many as PostgreSQL's
/// 65,535-parameter limit allows; a larger value is capped at that limit. Smaller statements
/// hold fewer rows in memory at once on both sides and fail in smaller units; larger ones cost
/// fewer round trips of parsing.
struct insert_rows_options {
  std::size_t rows_per_statement = 0;
};

}  // namespace pgdsl
