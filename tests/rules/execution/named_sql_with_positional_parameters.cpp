// SPDX-License-Identifier: BSL-1.0
// expect: write every parameter as :name, not \$n
// Mixing $1 with named parameters would number them twice.
#include <cstdint>

#include "pgdsl/execution/named_sql.hpp"

auto statement = pgdsl::named_sql<"SELECT 1 WHERE $1 > 0 AND :id > 0">(
    pgdsl::arg<"id">(std::int64_t{1}));
