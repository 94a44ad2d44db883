// SPDX-License-Identifier: BSL-1.0
// expect: cannot store a value of this SQL type in the column
// A double into a bigint column would be rounded: a narrowing the DSL refuses.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto change = update(orders).set(orders.user_id = 1.5).where(orders.id == 1);
