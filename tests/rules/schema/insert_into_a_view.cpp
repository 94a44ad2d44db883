// SPDX-License-Identifier: BSL-1.0
// expect: this descriptor is a pgdsl::view: read it with select\(\)
// A view descriptor is read-only: INSERT into it does not compile.
#include <cstdint>

#include "../../support/shop_schema.hpp"

struct active_users_t : pgdsl::view<"active_users"> {
  column<"id", std::int64_t> id;
};
constexpr active_users_t active_users{};

auto q = pgdsl::insert_into(active_users).set(active_users.id = 1);
