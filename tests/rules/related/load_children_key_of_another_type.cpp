// SPDX-License-Identifier: BSL-1.0
// expect: load_children: the parents' key must have the foreign key column's C\+\+ type
// Parents keyed by their username cannot be matched with orders.user_id (bigint).
#include <cstdint>
#include <string>
#include <vector>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"
#include "pgdsl/related/load_children.hpp"

using namespace shop;

struct user {
  std::int64_t id = 0;
  std::string username;
};

void load(pgdsl::connection& db, const std::vector<user>& parents) {
  (void)pgdsl::load_children(db, parents, &user::username, orders.user_id,
                             pgdsl::select(orders.id, orders.user_id).from(orders));
}
