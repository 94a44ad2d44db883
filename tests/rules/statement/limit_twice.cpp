// SPDX-License-Identifier: BSL-1.0
// expect: LIMIT is already set
// One LIMIT per statement.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto query = select(users.id).from(users).limit(1).limit(2);
