// SPDX-License-Identifier: BSL-1.0
// expect: this C\+\+ type has no PostgreSQL mapping
// A value of a type pgdsl cannot bind: the message points at type_traits.
#include "../../support/shop_schema.hpp"

using namespace shop;

struct point {
  int x, y;
};

auto condition = users.id == point{1, 2};
