// SPDX-License-Identifier: BSL-1.0
// expect: create_all: the tables' foreign keys form a cycle
// Tables that reference each other in a circle cannot be created one after the other.
#include "../../support/cyclic_tables.hpp"

auto script = pgdsl::create_all<cyclic::parents_with_favourite_t, cyclic::kids_t>();
