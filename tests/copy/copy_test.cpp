// SPDX-License-Identifier: BSL-1.0
// Binary COPY against the real server: rows from tuples, from structs by member name and from a
// generator, NULL through std::optional, failures (a server error, a value that cannot be sent)
// that load nothing and leave the connection usable, and copy_out reading typed rows back (of a
// table's columns, or of a statement).
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "support/items.hpp"

using namespace items_test;
using namespace std::string_literals;

TEST_CASE("copy_into loads tuples, with NULL from an empty optional") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> rows{
      {1, "one", 1.5}, {2, "", std::nullopt}, {3, "drei ü", -0.25}};
  CHECK(db.copy_into(items, pgdsl::columns(items.id, items.label, items.price), rows) == 3);
  const auto back =
      db.execute(
            pgdsl::select(items.id, items.label, items.price).from(items).order_by(items.id.asc()))
          .as<item>();
  CHECK(back == std::vector<item>{{1.5, "one", 1}, {std::nullopt, "", 2}, {-0.25, "drei ü", 3}});
}

TEST_CASE("copy_into maps struct members to columns by name and loads every column") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  struct full_item {
    pgdsl::timestamptz added;
    std::optional<double> price;
    std::string label;
    std::int64_t id;
  };
  const std::vector<full_item> rows{{pgdsl::timestamptz{std::chrono::seconds{7}}, 2.0, "x", 7}};
  CHECK(db.copy_into(items, rows) == 1);
  const auto [id, added] =
      db.execute(pgdsl::select(items.id, items.added).from(items)).one().values();
  CHECK(id == 7);
  CHECK(added == pgdsl::timestamptz{std::chrono::seconds{7}});
}

namespace {
// Rows made on the fly: an input range that never holds more than one row (an int and a
// string_view, converted to bigint and sent as text).
struct generated_rows {
  int count;
  struct iterator {
    using value_type = std::tuple<int, std::string_view>;
    using difference_type = std::ptrdiff_t;
    int i = 0;
    value_type operator*() const { return {i, "generated"}; }
    iterator& operator++() {
      ++i;
      return *this;
    }
    iterator operator++(int) { return iterator{i++}; }
    bool operator==(const iterator&) const = default;
  };
  iterator begin() const { return {1}; }
  iterator end() const { return {count + 1}; }
};
}  // namespace

TEST_CASE("copy_into streams rows from a generator, converting values to the column types") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  constexpr int count = 200'000;  // several 64 KiB chunks
  CHECK(db.copy_into(items, pgdsl::columns(items.id, items.label), generated_rows{count}) == count);
  CHECK(db.query<std::int64_t>("SELECT sum(id)::int8 FROM items").scalar() ==
        std::int64_t{count} * (count + 1) / 2);
}

TEST_CASE("a COPY the server rejects throws its typed error and loads nothing") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const std::vector<std::tuple<std::int64_t, std::string>> rows{{1, "a"}, {2, "b"}, {1, "again"}};
  try {
    db.copy_into(items, pgdsl::columns(items.id, items.label), rows);
    FAIL("expected unique_violation");
  } catch (const pgdsl::unique_violation& e) {
    CHECK(e.sql() == R"(COPY "items" ("id", "label") FROM STDIN (FORMAT binary))");
  }
  CHECK(count_items(db) == 0);
  const std::vector<std::tuple<std::int64_t>> no_label{{5}};
  CHECK_THROWS_AS(db.copy_into(items, pgdsl::columns(items.id), no_label),
                  pgdsl::not_null_violation);
  CHECK(count_items(db) == 0);
}

TEST_CASE("a value that cannot be sent aborts the COPY: nothing is loaded") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const std::vector<std::tuple<std::int64_t, std::string>> rows{{1, "fine"}, {2, "nul\0byte"s}};
  CHECK_THROWS_AS(db.copy_into(items, pgdsl::columns(items.id, items.label), rows),
                  pgdsl::invalid_text);
  CHECK(db.is_open());
  CHECK(count_items(db) == 0);
}

TEST_CASE("copy_out reads typed rows back, NULL as an empty optional") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  fixture.run(
      "INSERT INTO items (id, label, price) SELECT i, 'l' || i, "
      "CASE WHEN i % 2 = 0 THEN NULL ELSE i * 0.5 END FROM generate_series(1, 5000) i");
  std::int64_t id_sum = 0;
  int nulls = 0;
  auto rows = db.copy_out(items, pgdsl::columns(items.id, items.label, items.price));
  for (const auto& [id, label, price] : rows) {
    id_sum += id;
    CHECK(label == "l" + std::to_string(id));
    if (!price)
      ++nulls;
    else
      CHECK(*price == static_cast<double>(id) * 0.5);
  }
  CHECK(rows.rows_read() == 5000);
  CHECK(id_sum == 5000 * 5001 / 2);
  CHECK(nulls == 2500);
}

TEST_CASE("leaving copy_out early leaves the connection usable") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  fixture.run("INSERT INTO items (id, label) SELECT i, 'x' FROM generate_series(1, 1000) i");
  for (const auto& [id] : db.copy_out(items, pgdsl::columns(items.id))) {
    if (id > 0) break;
  }
  CHECK(count_items(db) == 1000);
  CHECK_THROWS_AS(db.copy_out(missing, pgdsl::columns(missing.id)), pgdsl::undefined_table);
}

TEST_CASE("copy_out of a column whose declared type differs from the table's is a decode_error") {
  pgdsl::test::database fixture;
  fixture.run(
      "CREATE TABLE items (id int4 PRIMARY KEY, label text NOT NULL, price float8, "
      "added timestamptz NOT NULL DEFAULT now())");
  fixture.run("INSERT INTO items (id, label) VALUES (1, 'a')");
  auto& db = fixture.db();
  // Binary COPY carries no types: the 4-byte int4 read as int8 is caught by its length.
  CHECK_THROWS_AS(
      [&] {
        for (const auto& [id] : db.copy_out(items, pgdsl::columns(items.id))) (void)id;
      }(),
      pgdsl::decode_error);
  CHECK(count_items(db) == 1);
}

TEST_CASE("copy_out of a statement reads its rows, computed columns and NULLs included") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  fixture.run(
      "INSERT INTO items (id, label, price) SELECT i, 'l' || i, "
      "CASE WHEN i % 2 = 0 THEN NULL ELSE i * 0.5 END FROM generate_series(1, 3000) i");
  std::int64_t expected = 3001;
  auto rows = db.copy_out(pgdsl::select(items.id, items.label + items.label, items.price)
                              .from(items)
                              .order_by(items.id.desc()));
  for (const auto& [id, doubled, price] : rows) {
    CHECK(id == --expected);
    CHECK(doubled == "l" + std::to_string(id) + "l" + std::to_string(id));
    CHECK(price.has_value() == (id % 2 == 1));
  }
  CHECK(expected == 1);
  CHECK(rows.rows_read() == 3000);
  CHECK(count_items(db) == 3000);
}

TEST_CASE("copy_out of a statement checks its columns against the server before any row") {
  pgdsl::test::database fixture;
  fixture.run(
      "CREATE TABLE items (id int4 PRIMARY KEY, label text NOT NULL, price float8, "
      "added timestamptz NOT NULL DEFAULT now())");
  fixture.run("INSERT INTO items (id, label) VALUES (1, 'a')");
  auto& db = fixture.db();
  // The same mistake as above, now a type_mismatch naming the column instead of a decode_error.
  CHECK_THROWS_AS(db.copy_out(pgdsl::select(items.id).from(items)), pgdsl::type_mismatch);
  CHECK_THROWS_AS(db.copy_out(pgdsl::select(missing.id).from(missing)), pgdsl::undefined_table);
  CHECK(count_items(db) == 1);
}

TEST_CASE("copy_out of a statement works without server-side prepared statements") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fixture.run("INSERT INTO items (id, label) SELECT i, 'x' FROM generate_series(1, 100) i");
  pgdsl::connection_options options;
  options.prepared_statements = false;
  pgdsl::connection db = fixture.connect_another(options);
  std::int64_t sum = 0;
  for (const auto& [id] : db.copy_out(pgdsl::select(items.id).from(items))) sum += id;
  CHECK(sum == 5050);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM pg_prepared_statements").scalar() == 0);
}

TEST_CASE("copy_out's rows can be returned from a function and moved into storage") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  fixture.run("INSERT INTO items (id, label) SELECT i, 'l' || i FROM generate_series(1, 300) i");
  auto open = [&db] { return db.copy_out(items, pgdsl::columns(items.id)); };
  std::optional<decltype(open())> stored;
  stored.emplace(open());
  auto moved = std::move(*stored);
  stored.reset();
  std::int64_t sum = 0;
  for (const auto& [id] : moved) sum += id;
  CHECK(sum == 300 * 301 / 2);
  CHECK(count_items(db) == 300);
}
