// SPDX-License-Identifier: BSL-1.0
// expect: set\(\) assigns a column of another table than the statement.s
// UPDATE users cannot set a column of orders.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto change = update(users).set(orders.status = "paid").where(users.id == 1);
