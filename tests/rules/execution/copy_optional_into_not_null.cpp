// SPDX-License-Identifier: BSL-1.0
// expect: copy_into: a std::optional value goes into a NOT NULL column
// COPY of an empty-able value into users.email, which is NOT NULL.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"

using namespace shop;

void load(pgdsl::connection& db) {
  const std::vector<std::tuple<std::optional<std::string>>> rows;
  db.copy_into(users, pgdsl::columns(users.email), rows);
}
