// SPDX-License-Identifier: BSL-1.0
// expect: non-optional struct member.*struct_member<pgdsl::name<.t., .o., .t., .a., .l.>
// sum() is NULL over no rows, so it is std::optional: a plain member named `total` is refused,
// and the message names the member (and the column) in its condition.
#include <cstdint>
#include <vector>

#include "../../support/shop_schema.hpp"

using namespace shop;

struct order_total {
  std::int64_t total;
};

std::vector<order_total> totals(pgdsl::connection& db) {
  return db.execute(select(sum(order_items.quantity).as<"total">()).from(order_items))
      .as<order_total>();
}
