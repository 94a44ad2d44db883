// SPDX-License-Identifier: BSL-1.0
// expect: cannot store a value of this SQL type in the column
// Text into a double precision column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto change = update(users).set(users.score = "high").where(users.id == 1);
