// SPDX-License-Identifier: BSL-1.0
// Tables whose foreign keys form a cycle, for the must-not-compile cases of create_all and
// plan_schema. In C++ a cycle needs a table declared twice (a forward declaration cannot give
// &T::id), as a schema split over headers does: parents_t and parents_with_favourite_t are both
// the table "parents".
#pragma once

#include <cstdint>

#include "pgdsl/pgdsl.hpp"

namespace cyclic {

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

}  // namespace cyclic
