// SPDX-License-Identifier: BSL-1.0
// expect: AND, OR and NOT need boolean operands
// AND of a number and a condition.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.id && users.score > 1.0;
