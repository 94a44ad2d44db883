// SPDX-License-Identifier: BSL-1.0
// expect: UNION, INTERSECT and EXCEPT need the same SQL type in each column of every query
// UNION of bigint with integer (PostgreSQL would widen the result to bigint).
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::union_(select(users.id).from(users), select(employees.salary).from(employees));
