// SPDX-License-Identifier: BSL-1.0
// expect: the query of this CTE or derived table does not select this column
// A CTE column its query does not select.
#include "../../support/shop_schema.hpp"

using namespace shop;

const auto big = pgdsl::cte<"big">(select(orders.id, orders.total.as<"amount">()).from(orders));
auto q = pgdsl::with(big).select(big[orders.note]).from(big);
