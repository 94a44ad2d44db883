// SPDX-License-Identifier: BSL-1.0
// expect: a subquery in FROM reads a table of the same FROM: join it with .join_lateral
// A derived table whose query reads a table before it in FROM, joined without LATERAL.
#include "../../support/shop_schema.hpp"

using namespace shop;

const auto latest =
    pgdsl::derived<"latest">(select(orders.id).from(orders).where(orders.user_id == users.id));
auto q = select(users.username, latest[orders.id]).from(users).join(latest).on(pgdsl::lit<true>);
