// SPDX-License-Identifier: BSL-1.0
// expect: this descriptor is a pgdsl::view: read it with select\(\)
// A view descriptor is read-only: DELETE does not compile.
#include <cstdint>

#include "../../support/shop_schema.hpp"

struct active_users_t : pgdsl::view<"active_users"> {
  column<"id", std::int64_t> id;
};
constexpr active_users_t active_users{};

auto q = pgdsl::delete_from(active_users).all_rows();
