// SPDX-License-Identifier: BSL-1.0
// expect: WHERE is already set: combine conditions with && in one .where\(\)
// One WHERE per statement.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto query = select(users.id).from(users).where(users.id == 1).where(users.id == 2);
