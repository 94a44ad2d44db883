// SPDX-License-Identifier: BSL-1.0
// The search the dynamic benchmarks build: five optional filters over the shop's users table,
// an optional sort key and an optional LIMIT; and the static statement of one of its shapes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "../../tests/support/shop_schema.hpp"

namespace bench {

using namespace shop;

struct search_form {
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<double> min_score;
  std::optional<double> max_score;
  std::optional<std::int64_t> min_id;
  bool by_name = false;
  std::optional<std::int64_t> limit;
};

/// Three of the five filters, the sort key and the limit (values short enough for std::string's
/// inline buffer, as names and search words usually are).
inline search_form three_of_five() {
  search_form form;
  form.name = "%ann%";
  form.min_score = 1.0;
  form.min_id = 0;
  form.by_name = true;
  form.limit = 10;
  return form;
}

inline auto dynamic_search(const search_form& form) {
  return pgdsl::dynamic(select(users.id, users.username).from(users))
      .where(pgdsl::when(form.name, [](const std::string& n) { return users.username.ilike(n); }),
             pgdsl::when(form.email, [](const std::string& e) { return users.email == e; }),
             pgdsl::when(form.min_score, [](double s) { return users.score >= s; }),
             pgdsl::when(form.max_score, [](double s) { return users.score <= s; }),
             pgdsl::when(form.min_id, [](std::int64_t id) { return users.id > id; }))
      .order_by(pgdsl::when(form.by_name, users.username.asc()), users.id.asc())
      .limit(form.limit);
}

/// The shape of three_of_five() written as a static statement.
inline auto static_search(const search_form& form) {
  return select(users.id, users.username)
      .from(users)
      .where(users.username.ilike(*form.name) && users.score >= *form.min_score &&
             users.id > *form.min_id)
      .order_by(users.username.asc(), users.id.asc())
      .limit(*form.limit);
}

}  // namespace bench
