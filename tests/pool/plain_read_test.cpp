// SPDX-License-Identifier: BSL-1.0
// is_plain_read: which statements a replica may run, decided at compile time from their SQL.
#include "pgdsl/pgdsl.hpp"
#include "support/shop_schema.hpp"

using namespace shop;

namespace {

constexpr auto by_name = select(users.id, users.username).from(users).where(users.id > 10);
static_assert(pgdsl::is_plain_read<decltype(by_name)>);
static_assert(pgdsl::plain_read<decltype(by_name)>);

// A row lock writes (it marks the rows), a standby refuses it: not a plain read.
constexpr auto locked = select(users.id).from(users).for_update();
static_assert(!pgdsl::is_plain_read<decltype(locked)>);
constexpr auto shared = select(users.id).from(users).for_share().skip_locked();
static_assert(!pgdsl::is_plain_read<decltype(shared)>);
// ... in a subquery too.
constexpr auto lock_inside =
    select(users.id).from(users).where(exists(select(orders.id).from(orders).for_update()));
static_assert(!pgdsl::is_plain_read<decltype(lock_inside)>);

// Data-modifying statements are not reads, whatever they return.
using update_type = decltype(update(users).set(users.email = "x").where(users.id == 1));
static_assert(!pgdsl::is_plain_read<update_type>);
using delete_type = decltype(delete_from(users).where(users.id == 1).returning(users.id));
static_assert(!pgdsl::is_plain_read<delete_type>);

// The rule reads SQL text: identifiers are quoted, so a column named like a keyword is harmless.
static_assert(pgdsl::detail::sql_is_plain_read(R"(SELECT "t"."FOR UPDATE" FROM "t")"));
static_assert(!pgdsl::detail::sql_is_plain_read("WITH x AS (DELETE FROM t RETURNING *) SELECT 1"));
static_assert(!pgdsl::detail::sql_is_plain_read(R"(SELECT 1 FROM "t" FOR NO KEY UPDATE)"));
static_assert(!pgdsl::detail::sql_is_plain_read(R"(SELECT 1 FROM "t" FOR KEY SHARE)"));
// Not a static statement: no compile-time SQL to judge.
static_assert(!pgdsl::is_plain_read<int>);

}  // namespace
