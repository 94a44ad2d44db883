// SPDX-License-Identifier: BSL-1.0
// expect: a :name is given more than one value
// Two values for :id: which one was meant cannot be known.
#include <cstdint>

#include "pgdsl/execution/named_sql.hpp"

auto statement = pgdsl::named_sql<"SELECT 1 WHERE :id > 0">(pgdsl::arg<"id">(std::int64_t{1}),
                                                          pgdsl::arg<"id">(std::int64_t{2}));
