// SPDX-License-Identifier: BSL-1.0
// expect: ORDER BY is already set
// Two .order_by() calls on a UNION.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::union_(select(users.id).from(users), select(orders.id).from(orders)).order_by(users.id).order_by(users.id);
