// SPDX-License-Identifier: BSL-1.0
// expect: give ORDER BY through .order_by\(\) of the dynamic statement
// The base of a dynamic statement ends at FROM/JOIN/WHERE: its optional parts come after.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::dynamic(select(users.id).from(users).order_by(users.id));
