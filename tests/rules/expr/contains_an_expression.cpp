// SPDX-License-Identifier: BSL-1.0
// expect: take the text to find as a value
// contains() matches a value literally; another column's text needs like() with a pattern.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.email.contains(users.username);
