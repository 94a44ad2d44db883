// SPDX-License-Identifier: BSL-1.0
// expect: cannot compare values of these SQL types
// A timestamp compared with text: bind a timestamptz, or cast.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto condition = users.created_at > std::string("2020-01-01");
