// SPDX-License-Identifier: BSL-1.0
// expect: UNION, INTERSECT and EXCEPT need the same SQL type in each column of every query
// EXCEPT of text with bigint in the second column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::except_(select(users.id, users.email).from(users), select(orders.id, orders.user_id).from(orders));
