// SPDX-License-Identifier: BSL-1.0
// expect: a condition, sort key or join that is always there uses a table joined only when asked
// A condition that is always there cannot use a table that is joined only when asked.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto search(bool with_orders) {
  return pgdsl::dynamic(select(users.id).from(users))
      .join(pgdsl::when(with_orders, pgdsl::join(orders).on(orders.user_id == users.id)))
      .where(orders.total > 100);
}
auto q = search(true);
