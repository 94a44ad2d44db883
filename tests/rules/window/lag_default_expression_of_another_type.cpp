// SPDX-License-Identifier: BSL-1.0
// expect: lag\(\) and lead\(\) take a default of the value's SQL type
// lag() of a double precision column with a bigint column as default.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(pgdsl::lag(users.score, 1, users.id).over(pgdsl::window())).from(users);
