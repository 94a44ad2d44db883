// SPDX-License-Identifier: BSL-1.0
// expect: load_children: the children's statement must have no WHERE clause
// load_children adds WHERE orders.user_id = ANY($1) itself; a statement with its own WHERE
// would need two.
#include <cstdint>
#include <string>
#include <vector>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"
#include "pgdsl/related/load_children.hpp"

using namespace shop;

void load(pgdsl::connection& db, const std::vector<std::int64_t>& user_ids) {
  (void)pgdsl::load_children(db, user_ids, [](std::int64_t id) { return id; }, orders.user_id,
                             pgdsl::select(orders.id, orders.user_id)
                                 .from(orders)
                                 .where(orders.status == std::string("paid")));
}
