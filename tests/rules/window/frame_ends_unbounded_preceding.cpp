// SPDX-License-Identifier: BSL-1.0
// expect: a frame's start cannot come after its end
// ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED PRECEDING.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto w = pgdsl::window().rows_between(pgdsl::unbounded_preceding, pgdsl::unbounded_preceding);
