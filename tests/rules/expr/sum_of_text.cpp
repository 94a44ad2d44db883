// SPDX-License-Identifier: BSL-1.0
// expect: sum\(\) and avg\(\) take numbers
// sum() over a text column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto total = pgdsl::sum(users.email);
