// SPDX-License-Identifier: BSL-1.0
// expect: cannot compare values of these SQL types
// A boolean compared with a number.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = (users.id == 1) == 5;
