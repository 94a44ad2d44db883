// SPDX-License-Identifier: BSL-1.0
// expect: cannot compare values of these SQL types
// A fixed IN list whose second value is text, for a bigint column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.id.in(1, "2", 3);
