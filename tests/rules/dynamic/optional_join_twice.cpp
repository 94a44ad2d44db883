// SPDX-License-Identifier: BSL-1.0
// expect: a table is joined twice
// A dynamic join brings a table the base's FROM already has.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto search(bool again) {
  return pgdsl::dynamic(select(users.id).from(users).join(orders).on(orders.user_id == users.id))
      .join(pgdsl::when(again, pgdsl::join(orders).on(orders.user_id == users.id)));
}
auto q = search(true);
