// SPDX-License-Identifier: BSL-1.0
// expect: lag\(\) and lead\(\) take a default of the value's SQL type
// lag() of a bigint column with a text default.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(pgdsl::lag(users.id, 1, "none").over(pgdsl::window())).from(users);
