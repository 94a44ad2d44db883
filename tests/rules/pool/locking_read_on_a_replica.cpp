// SPDX-License-Identifier: BSL-1.0
// expect: cluster.read\(\) runs plain reads only
// cluster.read() routes to replicas: a SELECT ... FOR UPDATE (which locks rows, so writes) does
// not compile there; the message points at cluster.execute().
#include "../../support/shop_schema.hpp"
#include "pgdsl/pool/all.hpp"

using namespace shop;

void f(pgdsl::cluster& db) {
  (void)db.read(select(users.id).from(users).for_update());
}
