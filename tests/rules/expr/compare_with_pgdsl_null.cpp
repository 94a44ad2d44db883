// SPDX-License-Identifier: BSL-1.0
// expect: comparing with NULL is never true in SQL: use .is_null\(\) or .is_not_null\(\)
// = pgdsl::null is never true: the comparison must be written with is_null().
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.score != pgdsl::null;
