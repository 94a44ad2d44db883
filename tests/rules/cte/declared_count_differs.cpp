// SPDX-License-Identifier: BSL-1.0
// expect: the CTE's query selects another number of columns than its table declares
// A CTE declared with two columns whose query selects one.
#include "../../support/shop_schema.hpp"

using namespace shop;

struct tree_t : pgdsl::table<"tree"> {
  column<"id", std::int64_t> id;
  column<"name", std::string> name;
};
constexpr tree_t tree{};
auto walk = pgdsl::cte(tree, select(employees.id).from(employees));
