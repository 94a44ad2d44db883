// SPDX-License-Identifier: BSL-1.0
// expect: a column's table is not in FROM or JOIN
// The select list belongs to the base: it cannot read a table that only a dynamic join brings.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto search(bool with_orders) {
  return pgdsl::dynamic(select(users.id, orders.total).from(users))
      .join(pgdsl::when(with_orders, pgdsl::left_join(orders).on(orders.user_id == users.id)));
}
const char* sql = search(true).sql();
