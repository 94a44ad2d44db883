// SPDX-License-Identifier: BSL-1.0
// expect: FOR UPDATE / FOR SHARE is not allowed in UNION, INTERSECT or EXCEPT
// A member SELECT ... FOR UPDATE.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::union_all(select(users.id).from(users).for_update(), select(orders.id).from(orders));
