// SPDX-License-Identifier: BSL-1.0
// expect: with\(\) takes CTEs
// with() given a SELECT instead of a CTE.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = pgdsl::with(select(users.id).from(users)).select(users.id).from(users);
