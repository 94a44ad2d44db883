// SPDX-License-Identifier: BSL-1.0
// expect: each clause changes the statement's type
// `if (x) q = q.where(...)`: .where() returns a statement of another type than q's.
#include "../../support/shop_schema.hpp"

using namespace shop;

void f(bool only_one) {
  auto q = select(users.id).from(users);
  if (only_one) q = q.where(users.id == 1);
}
