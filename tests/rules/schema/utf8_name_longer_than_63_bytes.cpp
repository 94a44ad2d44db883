// SPDX-License-Identifier: BSL-1.0
// expect: a table name must be at most 63 bytes \(PostgreSQL would truncate it\)
// The limit counts bytes, not characters: 32 copies of U+00E9 are 32 characters but 64 bytes.
#include "../../support/shop_schema.hpp"

struct accents_t : pgdsl::table<"éééééééééééééééééééééééééééééééé"> {};
accents_t accents;
