// SPDX-License-Identifier: BSL-1.0
// expect: pgdsl::nested\(\) takes a SELECT statement
// nested() turns the rows of a SELECT into one column; a column is not a SELECT.
#include "../../support/shop_schema.hpp"
#include "pgdsl/related/nested.hpp"

using namespace shop;

auto query = select(users.id, pgdsl::nested(orders.id).as<"orders">()).from(users);
