// SPDX-License-Identifier: BSL-1.0
// expect: ON CONFLICT is already set
// One ON CONFLICT per multi-row INSERT, whether given on the column list or after values().
#include <string>
#include <tuple>
#include <vector>

#include "../../support/shop_schema.hpp"

using namespace shop;

const std::vector<std::tuple<std::string, std::string>> rows;
auto query = insert_into(users)
                 .columns(users.username, users.email)
                 .on_conflict_do_nothing()
                 .values(rows)
                 .on_conflict_do_nothing();
