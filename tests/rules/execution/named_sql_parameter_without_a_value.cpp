// SPDX-License-Identifier: BSL-1.0
// expect: (has no value.*name<.t., .e., .a., .m.>|name<.t., .e., .a., .m.>.*has no value)
// :team is used by the SQL but no arg<"team"> is given; the condition names it.
#include <cstdint>

#include "pgdsl/execution/named_sql.hpp"

auto statement = pgdsl::named_sql<"SELECT 1 WHERE :id > 0 AND :team IS NULL">(
    pgdsl::arg<"id">(std::int64_t{1}));
