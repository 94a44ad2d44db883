// SPDX-License-Identifier: BSL-1.0
// expect: copy_into: a row value cannot go into its column: a floating-point
// COPY of 1.9 (a double) into users.id (bigint): the DSL refuses set(users.id = 1.9), and so does
// COPY, instead of loading 1.
#include <tuple>
#include <vector>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"

using namespace shop;

void load(pgdsl::connection& db) {
  const std::vector<std::tuple<double>> rows{{1.9}};
  db.copy_into(users, pgdsl::columns(users.id), rows);
}
