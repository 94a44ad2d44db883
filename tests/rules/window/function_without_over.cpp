// SPDX-License-Identifier: BSL-1.0
// expect: a window function needs its window
// row_number() in a select list without .over().
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(users.id, pgdsl::row_number()).from(users);
