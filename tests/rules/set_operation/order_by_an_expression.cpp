// SPDX-License-Identifier: BSL-1.0
// expect: ORDER BY of UNION, INTERSECT or EXCEPT sorts by the result's columns
// Sorting a UNION by an expression.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::union_(select(users.id).from(users), select(orders.id).from(orders)).order_by(users.id + 1);
