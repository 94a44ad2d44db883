// SPDX-License-Identifier: BSL-1.0
// expect: UNION, INTERSECT and EXCEPT need the same number of columns in every query
// UNION of a two-column and a one-column SELECT.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::union_(select(users.id, users.email).from(users), select(orders.id).from(orders));
