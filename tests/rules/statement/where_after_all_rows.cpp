// SPDX-License-Identifier: BSL-1.0
// expect: WHERE after \.all_rows\(\)
// .all_rows() and .where() contradict each other.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto query = delete_from(users).all_rows().where(users.id == 1);
