// SPDX-License-Identifier: BSL-1.0
// expect: the CTE's query selects a value that may be NULL for a NOT NULL column
// A nullable value for a CTE's NOT NULL column.
#include "../../support/shop_schema.hpp"

using namespace shop;

struct tree_t : pgdsl::table<"tree"> {
  column<"id", std::int64_t> id;
  column<"name", std::string> name;
};
constexpr tree_t tree{};
auto walk = pgdsl::cte(tree, select(employees.manager_id, employees.name).from(employees));
