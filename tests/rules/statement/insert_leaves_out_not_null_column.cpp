// SPDX-License-Identifier: BSL-1.0
// expect: INSERT leaves out a NOT NULL column that has no default
// users.email is NOT NULL and has no default: an INSERT must set it.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto insert = insert_into(users).set(users.username = "bob");
