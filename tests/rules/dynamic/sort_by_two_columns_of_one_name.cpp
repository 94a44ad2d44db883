// SPDX-License-Identifier: BSL-1.0
// expect: two allowed columns have the same name
// A sort spec names columns by their SQL name: users.id and orders.id could not be told apart.
#include <string_view>

#include "../../support/shop_schema.hpp"

using namespace shop;

auto listing(std::string_view spec) {
  return pgdsl::dynamic(select(users.id).from(users).join(orders).on(orders.user_id == users.id))
      .order_by(pgdsl::sort_by(spec, users.id, orders.id));
}
auto q = listing("id");
