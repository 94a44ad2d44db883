// SPDX-License-Identifier: BSL-1.0
// expect: the query of this CTE or derived table selects no column of this name
// A CTE column by a name its query does not select.
#include "../../support/shop_schema.hpp"

using namespace shop;

const auto big = pgdsl::cte<"big">(select(orders.id, orders.total.as<"amount">()).from(orders));
auto q = pgdsl::with(big).select(big.column<"total">()).from(big);
