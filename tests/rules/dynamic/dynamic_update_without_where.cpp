// SPDX-License-Identifier: BSL-1.0
// expect: a dynamic UPDATE needs .where\(condition\)
// A PATCH sets the fields a request carried on the rows it names: without WHERE it does not run.
#include <optional>
#include <string>

#include "../../support/shop_schema.hpp"

using namespace shop;

const char* patch(const std::optional<std::string>& email) {
  return update(users)
      .set(pgdsl::when(email, [](const std::string& e) { return users.email = e; }))
      .sql();
}
