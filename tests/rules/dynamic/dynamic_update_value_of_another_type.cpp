// SPDX-License-Identifier: BSL-1.0
// expect: cannot store a value of this SQL type in the column
// An assignment present only at run time is checked like a static one: text into a double.
#include <optional>
#include <string>

#include "../../support/shop_schema.hpp"

using namespace shop;

auto patch(const std::optional<std::string>& score) {
  return update(users)
      .set(pgdsl::when(score, [](const std::string& s) { return users.score = s; }))
      .where(users.id == 1);
}
auto q = patch("3.5");
