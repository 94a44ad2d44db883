// SPDX-License-Identifier: BSL-1.0
// expect: INSERT leaves out a NOT NULL column that has no default
// A NOT NULL column without a default given through when() could be absent: it does not count.
#include <optional>
#include <string>

#include "../../support/shop_schema.hpp"

using namespace shop;

auto add(const std::string& name, const std::optional<std::string>& email) {
  return insert_into(users).set(
      users.username = name,
      pgdsl::when(email, [](const std::string& e) { return users.email = e; }));
}
auto q = add("ann", "a@x");
