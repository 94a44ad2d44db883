// SPDX-License-Identifier: BSL-1.0
// expect: UNION, INTERSECT and EXCEPT combine SELECT statements
// UNION of a SELECT and a DELETE.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::union_(select(users.id).from(users), delete_from(users).where(users.id == 1).returning(users.id));
