// SPDX-License-Identifier: BSL-1.0
// Compile-cost benchmark, baseline: the umbrella header and the schema, no statement. What
// thirty_statements.cpp (render) and execute_thirty.cpp (execute) cost beyond this is the cost of
// their statements; measure.sh reports all three.
#include "shop_schema.hpp"

// One use of the schema, as any translation unit that includes it has.
std::size_t schema_name_length() { return shop::users_t::sql_name.size(); }
