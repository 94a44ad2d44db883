// SPDX-License-Identifier: BSL-1.0
// expect: PostgreSQL has no such operator for these SQL types
// Adding a number to text.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto sum = users.email + 1;
