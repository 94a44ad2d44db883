// SPDX-License-Identifier: BSL-1.0
// expect: copy_out\(statement\): COPY cannot bind parameters, and this statement has some
// COPY (SELECT ...) cannot carry $1: a statement with a bound value must be streamed instead.
#include <cstdint>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"

using namespace shop;

void read(pgdsl::connection& db) {
  for (const auto& [id] :
       db.copy_out(pgdsl::select(users.id).from(users).where(users.id > std::int64_t{5})))
    (void)id;
}
