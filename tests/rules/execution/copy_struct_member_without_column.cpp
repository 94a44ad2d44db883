// SPDX-License-Identifier: BSL-1.0
// expect: copy_into: the row struct has no member named like one of the columns
// COPY of structs that lack a member for one of the listed columns.
#include <string>
#include <vector>

#include "../../support/shop_schema.hpp"
#include "pgdsl/execution/all.hpp"

using namespace shop;

struct person {
  std::string username;
};

void load(pgdsl::connection& db) {
  const std::vector<person> rows;
  db.copy_into(users, pgdsl::columns(users.username, users.email), rows);
}
