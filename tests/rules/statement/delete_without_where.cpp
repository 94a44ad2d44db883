// SPDX-License-Identifier: BSL-1.0
// expect: DELETE without WHERE removes every row
// A DELETE of every row must say .all_rows().
#include "../../support/shop_schema.hpp"

using namespace shop;

auto removal = delete_from(orders);
static_assert(decltype(removal)::sql.size() > 0);
