// SPDX-License-Identifier: BSL-1.0
// expect: LIKE and ILIKE match text
// LIKE on a bigint column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.id.like("1%");
