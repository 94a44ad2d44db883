// SPDX-License-Identifier: BSL-1.0
// expect: PostgreSQL has no DISTINCT in a window aggregate
// count(DISTINCT x) OVER (...).
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(pgdsl::count_distinct(users.email).over(pgdsl::window())).from(users);
