// SPDX-License-Identifier: BSL-1.0
// expect: cannot store NULL in a NOT NULL column
// NULL into a NOT NULL column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto change = update(users).set(users.email = std::nullopt).where(users.id == 1);
