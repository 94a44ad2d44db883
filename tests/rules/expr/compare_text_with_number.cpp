// SPDX-License-Identifier: BSL-1.0
// expect: cannot compare values of these SQL types
// Text compared with a number: PostgreSQL has no text = int operator.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.email == 42;
