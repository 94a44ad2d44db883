// SPDX-License-Identifier: BSL-1.0
// expect: array_agg\(\) over an outer-joined table collects NULL
// array_agg of a NOT NULL column of a LEFT JOINed table: users without orders would get {NULL}.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto q = select(users.username, pgdsl::array_agg(orders.id))
             .from(users)
             .left_join(orders)
             .on(orders.user_id == users.id)
             .group_by(users.username);
using ids = pgdsl::at_t<1, decltype(q)::result_columns>::value_type;  // what a row would read
ids value{};
