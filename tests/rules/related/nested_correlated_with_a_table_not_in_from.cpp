// SPDX-License-Identifier: BSL-1.0
// expect: a column's table is not in FROM or JOIN
// The nested SELECT is correlated with users, but the enclosing query reads FROM employees: the
// type rules of the enclosing query apply to what the nested one refers to.
#include "../../support/shop_schema.hpp"
#include "pgdsl/related/nested.hpp"

using namespace shop;

auto query =
    select(employees.name,
           pgdsl::nested(select(orders.id).from(orders).where(orders.user_id == users.id))
               .as<"orders">())
        .from(employees);
static_assert(decltype(query)::sql.size() > 0);
