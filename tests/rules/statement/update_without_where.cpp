// SPDX-License-Identifier: BSL-1.0
// expect: UPDATE without WHERE changes every row
// An UPDATE of every row must say .all_rows().
#include "../../support/shop_schema.hpp"

using namespace shop;

auto change = update(users).set(users.score = 1.0);
static_assert(decltype(change)::sql.size() > 0);
