// SPDX-License-Identifier: BSL-1.0
// expect: an alias must be at most 63 bytes \(PostgreSQL would truncate it\)
// A table alias is an identifier too: 64 bytes is one too many.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto aliased = users.as<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">();
