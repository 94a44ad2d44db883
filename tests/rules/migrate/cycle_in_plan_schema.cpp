// SPDX-License-Identifier: BSL-1.0
// expect: plan_schema: the tables' foreign keys form a cycle
// autogenerate creates new tables in create_all's order, so a cycle is refused the same way.
#include "../../support/cyclic_tables.hpp"

auto plan(pgdsl::connection& db) {
  return pgdsl::plan_schema<cyclic::parents_with_favourite_t, cyclic::kids_t>(db);
}
