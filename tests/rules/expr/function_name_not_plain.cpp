// SPDX-License-Identifier: BSL-1.0
// expect: write the name as SQL spells it unquoted
// function<> with a name that is not a plain SQL name.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(pgdsl::function<"f(1); DROP TABLE users; --", int>()).from(users);
