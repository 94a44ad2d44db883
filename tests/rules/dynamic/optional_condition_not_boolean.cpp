// SPDX-License-Identifier: BSL-1.0
// expect: AND, OR and NOT need boolean operands
// An optional WHERE part must be a condition.
#include <optional>

#include "../../support/shop_schema.hpp"

using namespace shop;

auto search(std::optional<double> bonus) {
  return pgdsl::dynamic(select(users.id).from(users)).where(pgdsl::when(bonus, [](double b) {
    return users.score + b;
  }));
}
auto q = search(1.0);
