// SPDX-License-Identifier: BSL-1.0
// expect: \.over\(\) takes a window
// row_number().over() given a column instead of a window.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(pgdsl::row_number().over(users.id)).from(users);
