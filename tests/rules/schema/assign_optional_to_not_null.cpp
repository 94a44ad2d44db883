// SPDX-License-Identifier: BSL-1.0
// expect: cannot store a value that may be NULL
// A std::optional into a NOT NULL column.
#include "../../support/shop_schema.hpp"

using namespace shop;

std::optional<std::string> maybe_email;
auto change = update(users).set(users.email = maybe_email).where(users.id == 1);
