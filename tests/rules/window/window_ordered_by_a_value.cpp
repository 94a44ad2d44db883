// SPDX-License-Identifier: BSL-1.0
// expect: ORDER BY key has no column
// A window ordered by a bound value.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto w = pgdsl::window().order_by(std::string("username"));
