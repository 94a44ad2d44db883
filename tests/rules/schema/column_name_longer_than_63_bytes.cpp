// SPDX-License-Identifier: BSL-1.0
// expect: a column name must be at most 63 bytes \(PostgreSQL would truncate it\)
// A 64-byte column name: PostgreSQL would keep only its first 63 bytes.
#include "../../support/shop_schema.hpp"

struct wide_t : pgdsl::table<"wide"> {
  column<"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", int> value;
};
wide_t wide;
