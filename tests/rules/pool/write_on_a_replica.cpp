// SPDX-License-Identifier: BSL-1.0
// expect: a replica runs plain reads only
// A replica handle takes only plain reads: an UPDATE sent to it is a compile error that says so
// (on a standby it would fail at run time with 25006 read_only_sql_transaction).
#include "../../support/shop_schema.hpp"
#include "pgdsl/pool/all.hpp"

using namespace shop;

void f(pgdsl::replica_lease& replica) {
  (void)replica.execute(update(users).set(users.email = "x").where(users.id == 1));
}
