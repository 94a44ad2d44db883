// SPDX-License-Identifier: BSL-1.0
// expect: LIKE and ILIKE match text
// contains() on a bigint column: the pattern rule of LIKE applies.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.id.contains("1");
