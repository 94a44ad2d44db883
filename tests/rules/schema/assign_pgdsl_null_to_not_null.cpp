// SPDX-License-Identifier: BSL-1.0
// expect: cannot store NULL in a NOT NULL column
// pgdsl::null into a NOT NULL column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto change = insert_into(users).set(users.username = "a", users.email = pgdsl::null);
