// SPDX-License-Identifier: BSL-1.0
// expect: a table name must be non-empty and contain no NUL character
// A table needs a name.
#include "../../support/shop_schema.hpp"

using namespace shop;

struct nameless_t : pgdsl::table<""> {};
nameless_t nameless;
