// SPDX-License-Identifier: BSL-1.0
// expect: this argument counts rows or buckets: pass an integer
// ntile() with a text argument.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(pgdsl::ntile(users.email).over(pgdsl::window())).from(users);
