// SPDX-License-Identifier: BSL-1.0
// expect: a CTE is defined by a SELECT
// A CTE defined by a DELETE (data-modifying CTEs are not supported yet).
#include "../../support/shop_schema.hpp"

using namespace shop;

auto moved = pgdsl::cte<"moved">(delete_from(orders).where(orders.id == 1).returning(orders.id));
