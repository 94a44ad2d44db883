// SPDX-License-Identifier: BSL-1.0
// expect: R is the C\+\+ type the result is read as and needs a PostgreSQL mapping
// function<> whose declared result type has no mapping.
#include "../../support/shop_schema.hpp"

using namespace shop;

struct point { int x, y; };
auto q = select(pgdsl::function<"make_point", point>(users.id)).from(users);
