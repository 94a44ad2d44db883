// SPDX-License-Identifier: BSL-1.0
// SPDX-License-Identifier: BSL-1.0
// create_shop: creates the shop schema's tables (tests/support/shop_schema.sql, whose path the
// test's CMakeLists passes as PGDSL_SHOP_SCHEMA_SQL) in a test's own schema.
#pragma once

#include <fstream>
#include <sstream>

#include "support/database.hpp"

namespace pgdsl::test {

inline void create_shop(database& fixture) {
  std::ifstream file(PGDSL_SHOP_SCHEMA_SQL);
  std::stringstream text;
  text << file.rdbuf();
  fixture.run(text.str());
}

}  // namespace pgdsl::test
