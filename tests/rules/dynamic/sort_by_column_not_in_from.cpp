// SPDX-License-Identifier: BSL-1.0
// expect: a column's table is not in FROM or JOIN
// A column a sort spec may choose is checked like a static ORDER BY key: its table is in FROM.
#include <string_view>

#include "../../support/shop_schema.hpp"

using namespace shop;

auto listing(std::string_view spec) {
  return pgdsl::dynamic(select(users.id).from(users))
      .order_by(pgdsl::sort_by(spec, users.username, orders.total));
}
auto q = listing("total");
