// SPDX-License-Identifier: BSL-1.0
// Streaming against the real server: rows in order with structured bindings and as structs, an
// early exit, errors before the first row and in the middle, and the connection usable after each.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/items.hpp"

using namespace items_test;

namespace {
void fill(pgdsl::test::database& fixture, int count) {
  fixture.run(
      "INSERT INTO items (id, label, price) SELECT i, 'l' || i, "
      "CASE WHEN i % 2 = 0 THEN NULL ELSE i END FROM generate_series(1, " +
      std::to_string(count) + ") i");
}
}  // namespace

TEST_CASE("a stream hands over every row in order, one at a time") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 20'000);
  auto& db = fixture.db();
  std::int64_t expected = 0;
  auto rows = db.stream(
      pgdsl::select(items.id, items.label, items.price).from(items).order_by(items.id.asc()));
  for (const auto& [id, label, price] : rows) {
    CHECK(id == ++expected);
    CHECK(label == "l" + std::to_string(id));
    CHECK(price.has_value() == (id % 2 == 1));
  }
  CHECK(expected == 20'000);
  CHECK(rows.rows_read() == 20'000);
  CHECK(count_items(db) == 20'000);
}

TEST_CASE("a stream read in batches hands over every row once, in batches of the size asked") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 2'500);
  auto& db = fixture.db();
  auto rows = db.stream(
      pgdsl::select(items.id, items.label, items.price).from(items).order_by(items.id.asc()));
  std::vector<std::size_t> sizes;
  std::int64_t expected = 0;
  for (const auto& batch : rows.batches(1'000)) {
    sizes.push_back(batch.size());
    for (const auto& [id, label, price] : batch) {
      CHECK(id == ++expected);
      CHECK(label == std::string("l").append(std::to_string(id)));  // not "l" + ...: -O3 -Wrestrict
    }
  }
  CHECK(sizes == std::vector<std::size_t>{1'000, 1'000, 500});
  CHECK(expected == 2'500);

  std::vector<item> mapped;
  auto some = db.stream(pgdsl::select(items.id, items.label, items.price)
                            .from(items)
                            .where(items.id <= std::int64_t{3})
                            .order_by(items.id.asc()));
  for (auto& batch : some.batches_as<item>(2)) mapped.insert(mapped.end(), batch.begin(), batch.end());
  REQUIRE(mapped.size() == 3);
  CHECK(mapped.back() == item{3.0, "l3", 3});
  auto none = db.stream(pgdsl::select(items.id).from(items).where(items.id < std::int64_t{0}));
  int batches = 0;
  for ([[maybe_unused]] const auto& batch : none.batches(10)) ++batches;
  CHECK(batches == 0);
  CHECK(count_items(db) == 2'500);  // the connection is usable afterwards
}

TEST_CASE("a stream maps rows into structs by member name, with parameters") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 100);
  auto& db = fixture.db();
  std::vector<item> kept;
  db.stream(pgdsl::select(items.id, items.label, items.price)
                .from(items)
                .where(items.id > std::int64_t{95})
                .order_by(items.id.asc()))
      .each_as<item>([&](item&& row) { kept.push_back(std::move(row)); });
  REQUIRE(kept.size() == 5);
  CHECK(kept.front() == item{std::nullopt, "l96", 96});
  for (auto row : db.stream(pgdsl::select(items.id, items.label, items.price)
                                .from(items)
                                .where(items.id == std::int64_t{3})))
    CHECK(row.as<item>() == item{3.0, "l3", 3});
}

TEST_CASE("leaving a stream early leaves the connection usable") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 10'000);
  auto& db = fixture.db();
  int seen = 0;
  for (const auto& [id] : db.stream(pgdsl::select(items.id).from(items))) {
    if (++seen == 10 || id < 0) break;
  }
  CHECK(seen == 10);
  CHECK(count_items(db) == 10'000);
}

TEST_CASE("a stream of a missing table throws before the first row") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.stream(pgdsl::select(missing.id).from(missing)), pgdsl::undefined_table);
  CHECK(db.query<std::int32_t>("SELECT 1::int4").scalar() == 1);
}

TEST_CASE("an error in the middle of a stream is thrown from the iteration") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 5000);
  auto& db = fixture.db();
  // Division by zero at id 4000, after many rows were handed over.
  auto rows = db.stream(pgdsl::select(items.id, std::int64_t{1} / (items.id - std::int64_t{4000}))
                            .from(items)
                            .order_by(items.id.asc()));
  std::int64_t seen = 0;
  CHECK_THROWS_AS(
      [&] {
        for (const auto& [id, quotient] : rows) seen = id + 0 * quotient;
      }(),
      pgdsl::division_by_zero);
  CHECK(seen >= 1);
  CHECK(count_items(db) == 5000);
}

TEST_CASE("a declared column type the server disagrees with fails the stream before any row") {
  pgdsl::test::database fixture;
  fixture.run(
      "CREATE TABLE items (id int4 PRIMARY KEY, label text NOT NULL, price float8, "
      "added timestamptz NOT NULL DEFAULT now())");
  fixture.run("INSERT INTO items (id, label) VALUES (1, 'a')");
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.stream(pgdsl::select(items.id).from(items)), pgdsl::type_mismatch);
  CHECK(count_items(db) == 1);
}

TEST_CASE("a stream works without server-side prepared statements, checking its columns") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 100);
  pgdsl::connection_options options;
  options.prepared_statements = false;
  pgdsl::connection db = fixture.connect_another(options);
  std::int64_t sum = 0;
  for (int pass = 0; pass < 2; ++pass)  // the second run finds the check already done
    for (const auto& [id, label] : db.stream(pgdsl::select(items.id, items.label).from(items))) {
      CHECK(label == "l" + std::to_string(id));
      sum += id;
    }
  CHECK(sum == 2 * 5050);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM pg_prepared_statements").scalar() == 0);
  fixture.run("ALTER TABLE items ALTER COLUMN id TYPE int4");
  CHECK_THROWS_AS(db.stream(pgdsl::select(items.id).from(items)), pgdsl::type_mismatch);
}

TEST_CASE("a stream can be returned from a function and moved into storage") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 100);
  auto& db = fixture.db();
  auto open = [&db] {
    return db.stream(pgdsl::select(items.id).from(items).order_by(items.id.asc()));
  };
  std::optional<decltype(open())> stored;
  stored.emplace(open());
  auto moved = std::move(*stored);
  stored.reset();  // the moved-from stream reads nothing and leaves the connection alone
  std::int64_t expected = 0;
  for (const auto& [id] : moved) CHECK(id == ++expected);
  CHECK(expected == 100);
  CHECK(count_items(db) == 100);
}
