// SPDX-License-Identifier: BSL-1.0
// expect: a foreign key column must have the C\+\+ type of the column it references
// A foreign key's column has the referenced column's type: int4 cannot reference int8.
#include "../../support/shop_schema.hpp"

struct visits_t : pgdsl::table<"visits"> {
  column<"user_id", std::int32_t, pgdsl::references<&shop::users_t::id>> user_id;
};
inline constexpr visits_t visits{};

auto text = pgdsl::create_table(visits).sql.view();
