// SPDX-License-Identifier: BSL-1.0
// expect: plan_schema: the tables. foreign keys form a cycle
// autogenerate creates new tables in create_all's order, so a cycle is refused the same way. In C++
// a cycle needs a table declared twice (a forward declaration cannot give &T::id), as a schema
// split over headers does: both descriptors below are the table "parents".
#include "../../support/shop_schema.hpp"
#include "pgdsl/migrate/autogenerate.hpp"

struct parents_t : pgdsl::table<"parents"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
};
struct kids_t : pgdsl::table<"kids"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"parent_id", std::int64_t, pgdsl::references<&parents_t::id>> parent_id;
};
struct parents_with_favourite_t : pgdsl::table<"parents"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"favourite_kid", std::int64_t, pgdsl::references<&kids_t::id>> favourite_kid;
};

auto plan(pgdsl::connection& db) {
  return pgdsl::plan_schema<parents_with_favourite_t, kids_t>(db);
}
