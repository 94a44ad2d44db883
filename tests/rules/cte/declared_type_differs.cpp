// SPDX-License-Identifier: BSL-1.0
// expect: the CTE's query selects a value of another SQL type than the column declared for it
// A CTE declared as a table whose query selects text for a bigint column.
#include "../../support/shop_schema.hpp"

using namespace shop;

struct tree_t : pgdsl::table<"tree"> {
  column<"id", std::int64_t> id;
  column<"name", std::string> name;
};
constexpr tree_t tree{};
auto walk = pgdsl::cte(tree, select(employees.name, employees.name).from(employees));
