// SPDX-License-Identifier: BSL-1.0
// expect: a column's table is not in FROM or JOIN
// An optional condition is checked like a static one: its columns' tables must be in FROM.
#include <optional>

#include "../../support/shop_schema.hpp"

using namespace shop;

auto search(std::optional<double> min_total) {
  return pgdsl::dynamic(select(users.id).from(users)).where(pgdsl::when(min_total, [](double t) {
    return orders.total > t;
  }));
}
auto q = search(1.0);
