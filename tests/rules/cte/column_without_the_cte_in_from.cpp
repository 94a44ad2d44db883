// SPDX-License-Identifier: BSL-1.0
// expect: a column's table is not in FROM
// A CTE's column in a query whose FROM does not have the CTE.
#include "../../support/shop_schema.hpp"

using namespace shop;

const auto big = pgdsl::cte<"big">(select(orders.id, orders.total.as<"amount">()).from(orders));
auto q = pgdsl::with(big).select(big[orders.id]).from(users);
auto sql = q.sql.view();
