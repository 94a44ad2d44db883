// SPDX-License-Identifier: BSL-1.0
// The table the pipeline, COPY, streaming and bulk-insert tests share, and its DDL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pgdsl/execution/all.hpp"
#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace items_test {

struct items_t : pgdsl::table<"items"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"label", std::string> label;
  column<"price", std::optional<double>> price;
  column<"added", pgdsl::timestamptz, pgdsl::default_sql<"'2024-01-01 00:00:00+00'">> added;
};
inline constexpr items_t items{};

/// A table that no test creates.
struct missing_t : pgdsl::table<"no_such_table"> {
  column<"id", std::int64_t> id;
};
inline constexpr missing_t missing{};

/// A row of items as a struct whose members are named like the columns (in another order).
struct item {
  std::optional<double> price;
  std::string label;
  std::int64_t id = 0;
  bool operator==(const item&) const = default;
};

inline void create_items(pgdsl::test::database& fixture) {
  fixture.run(
      "CREATE TABLE items (id bigint PRIMARY KEY, label text NOT NULL, price float8, "
      "added timestamptz NOT NULL DEFAULT '2024-01-01 00:00:00+00')");
}

// Unnamed (runtime_sql), so that tests counting prepared statements count only their own.
inline std::int64_t count_items(pgdsl::connection& db) {
  return db.query<std::int64_t>(pgdsl::runtime_sql("SELECT count(*) FROM items")).scalar();
}

inline auto insert_item(std::int64_t id, std::string label, std::optional<double> price) {
  return pgdsl::insert_into(items).set(items.id = id, items.label = std::move(label),
                                       items.price = price,
                                       items.added = pgdsl::timestamptz{std::chrono::seconds{id}});
}

inline auto item_by_id(std::int64_t id) {
  return pgdsl::select(items.id, items.label, items.price).from(items).where(items.id == id);
}

}  // namespace items_test
