// SPDX-License-Identifier: BSL-1.0
// expect: a table name must be at most 63 bytes \(PostgreSQL would truncate it\)
// PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1): a 64-byte table name would
// silently name another table.
#include "../../support/shop_schema.hpp"

struct long_t : pgdsl::table<"tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"> {};
long_t long_table;
