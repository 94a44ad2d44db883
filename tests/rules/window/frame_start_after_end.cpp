// SPDX-License-Identifier: BSL-1.0
// expect: a frame's start cannot come after its end
// ROWS BETWEEN CURRENT ROW AND 1 PRECEDING.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto w = pgdsl::window().order_by(users.id).rows_between(pgdsl::current_row, pgdsl::preceding<1>);
