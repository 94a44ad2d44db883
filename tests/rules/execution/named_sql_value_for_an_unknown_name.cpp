// SPDX-License-Identifier: BSL-1.0
// expect: (SQL does not use.*name<.i., .d., .s.>|name<.i., .d., .s.>.*SQL does not use)
// arg<"ids"> is a typo: the SQL says :id.
#include <cstdint>

#include "pgdsl/execution/named_sql.hpp"

auto statement = pgdsl::named_sql<"SELECT 1 WHERE :id > 0">(pgdsl::arg<"id">(std::int64_t{1}),
                                                          pgdsl::arg<"ids">(std::int64_t{2}));
