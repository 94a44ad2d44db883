// SPDX-License-Identifier: BSL-1.0
// expect: set\(\) assigns a column of another table than the statement's
// An optional assignment names a column of the table being updated.
#include <optional>
#include <string>

#include "../../support/shop_schema.hpp"

using namespace shop;

auto patch(const std::optional<std::string>& note) {
  return update(users)
      .set(pgdsl::when(note, [](const std::string& n) { return orders.note = n; }))
      .where(users.id == 1);
}
auto q = patch("x");
