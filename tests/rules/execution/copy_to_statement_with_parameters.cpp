// SPDX-License-Identifier: BSL-1.0
// expect: copy_to\(statement\): COPY cannot bind parameters, and this statement has some
// A CSV export of a query with a bound value: COPY (SELECT ...) cannot carry $1.
#include <cstdint>
#include <sstream>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"

using namespace shop;

void export_csv(pgdsl::connection& db) {
  std::ostringstream out;
  pgdsl::copy_to(db, pgdsl::select(users.id).from(users).where(users.id > std::int64_t{5}), out,
                 pgdsl::csv_format{});
}
