// SPDX-License-Identifier: BSL-1.0
// expect: a column alias must be at most 63 bytes \(PostgreSQL would truncate it\)
// expr.as<"...">() names a result column: the 63-byte limit applies to it as well.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::select(users.id.as<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">()).from(users);
