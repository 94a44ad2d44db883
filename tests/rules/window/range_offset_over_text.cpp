// SPDX-License-Identifier: BSL-1.0
// expect: RANGE with an offset .* needs exactly one ORDER BY key, a number
// RANGE BETWEEN 1 PRECEDING AND CURRENT ROW ordered by text.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(pgdsl::count().over(pgdsl::window().order_by(users.email).range_between(pgdsl::preceding<1>, pgdsl::current_row))).from(users);
