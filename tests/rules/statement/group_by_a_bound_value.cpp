// SPDX-License-Identifier: BSL-1.0
// expect: GROUP BY key has no column
// Grouping by a bound value makes one group of every row.
#include "../../support/shop_schema.hpp"

using namespace shop;

void f(int key) { (void)select(pgdsl::count()).from(users).group_by(key); }
