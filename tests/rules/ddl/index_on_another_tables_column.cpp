// SPDX-License-Identifier: BSL-1.0
// expect: can only use that table's own columns
// An index of "visits" cannot use a column of "users".
#include "../../support/shop_schema.hpp"

struct visits_t : pgdsl::table<"visits"> {
  column<"user_id", std::int64_t> user_id;
  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::index<"visits_email_idx">(shop::users.email));
  }
};
inline constexpr visits_t visits{};

auto text = pgdsl::create_index<"visits_email_idx">(visits).sql.view();
