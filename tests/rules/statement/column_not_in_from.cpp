// SPDX-License-Identifier: BSL-1.0
// expect: a column's table is not in FROM or JOIN
// orders.id is selected but only users is in FROM.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto query = select(orders.id).from(users);
static_assert(decltype(query)::sql.size() > 0);
