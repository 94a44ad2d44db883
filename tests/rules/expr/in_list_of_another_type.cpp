// SPDX-License-Identifier: BSL-1.0
// expect: the list's elements must be comparable
// IN over a list of strings for a bigint column.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.id.in(std::vector<std::string>{"1"});
