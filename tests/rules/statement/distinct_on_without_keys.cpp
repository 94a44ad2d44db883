// SPDX-License-Identifier: BSL-1.0
// expect: distinct_on\(\) needs at least one key
// DISTINCT ON without keys.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::distinct_on().select(users.id).from(users);
