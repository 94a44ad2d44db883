// SPDX-License-Identifier: BSL-1.0
// expect: copy_from/copy_to: the format must be pgdsl::csv_format\{...\} or pgdsl::text_format
// A text COPY takes one of the two format structs; a string naming the format is refused.
#include <sstream>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"

using namespace shop;

void import_csv(pgdsl::connection& db) {
  std::istringstream in("1,bob\n");
  pgdsl::copy_from(db, users, pgdsl::columns(users.id, users.username), in, "csv");
}
