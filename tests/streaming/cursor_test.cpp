// SPDX-License-Identifier: BSL-1.0
// Server-side cursors against the real server: rows in order across many batches, as structs and
// with parameters, in a transaction of their own or the caller's, an early exit, errors before the
// first row and in the middle, a lost connection, and the connection usable after each.
#include <libpq-fe.h>

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

auto all_items() {
  return pgdsl::select(items.id, items.label, items.price).from(items).order_by(items.id.asc());
}

bool idle(const pgdsl::connection& db) {
  return PQtransactionStatus(db.native_handle()) == PQTRANS_IDLE;
}

std::int64_t open_cursors(pgdsl::connection& db) {
  return db.query<std::int64_t>("SELECT count(*) FROM pg_cursors WHERE name <> ''").scalar();
}
}  // namespace

TEST_CASE("a cursor hands over every row in order, batch after batch") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  // 20,000 rows in batches of 1,000, 3,000 (the last batch full: an empty FETCH ends it) and 1.
  const auto [count, fetch_size] =
      GENERATE(table<int, int>({{20'000, 1000}, {3000, 1000}, {7, 1}, {0, 100}, {5, 2000}}));
  CAPTURE(count, fetch_size);
  fill(fixture, count);
  std::int64_t expected = 0;
  auto rows = db.cursor(all_items(), {.fetch_size = fetch_size});
  for (const auto& [id, label, price] : rows) {
    CHECK(id == ++expected);
    CHECK(label == "l" + std::to_string(id));
    CHECK(price.has_value() == (id % 2 == 1));
  }
  CHECK(expected == count);
  CHECK(rows.rows_read() == static_cast<std::uint64_t>(count));
  CHECK(idle(db));  // its own transaction is committed
  CHECK(count_items(db) == count);
}

TEST_CASE("a cursor maps rows into structs by member name, with parameters") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 100);
  auto& db = fixture.db();
  std::vector<item> kept;
  db.cursor(pgdsl::select(items.id, items.label, items.price)
                .from(items)
                .where(items.id > std::int64_t{95})
                .order_by(items.id.asc()),
            {.fetch_size = 2})
      .each_as<item>([&](item&& row) { kept.push_back(std::move(row)); });
  REQUIRE(kept.size() == 5);
  CHECK(kept.front() == item{std::nullopt, "l96", 96});
  CHECK(kept.back() == item{std::nullopt, "l100", 100});
  for (auto row : db.cursor(item_by_id(3))) CHECK(row.as<item>() == item{3.0, "l3", 3});
}

TEST_CASE("inside a transaction a cursor uses it, sees its rows and leaves it open") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  auto tx = db.begin();
  tx.execute(insert_item(1, "uncommitted", 1.5));
  int seen = 0;
  for (const auto& [id, label, price] : db.cursor(all_items())) {
    CHECK(label == "uncommitted");
    seen += static_cast<int>(id);
  }
  CHECK(seen == 1);
  CHECK(PQtransactionStatus(db.native_handle()) == PQTRANS_INTRANS);
  CHECK(open_cursors(db) == 0);  // closed, not left to the end of the transaction
  tx.rollback();
  CHECK(count_items(db) == 0);
}

TEST_CASE("leaving a cursor early closes it and leaves the connection usable") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 10'000);
  auto& db = fixture.db();
  SECTION("in its own transaction") {
    int seen = 0;
    for (const auto& [id, label, price] : db.cursor(all_items(), {.fetch_size = 100})) {
      if (++seen == 250 || id < 0 || label.empty() || price == 0.5) break;
    }
    CHECK(seen == 250);
    CHECK(idle(db));
  }
  SECTION("in the caller's transaction") {
    auto tx = db.begin();
    {
      auto rows = db.cursor(all_items(), {.fetch_size = 100});
      CHECK(rows.begin() != rows.end());
    }
    CHECK(open_cursors(db) == 0);
    tx.commit();
  }
  CHECK(count_items(db) == 10'000);
}

TEST_CASE("another statement while a cursor is read fails cleanly and the cursor goes on") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 3000);
  auto& db = fixture.db();
  std::int64_t expected = 0;
  for (const auto& [id, label, price] : db.cursor(all_items(), {.fetch_size = 1000})) {
    CHECK(id == ++expected);
    if (id == 1500) CHECK_THROWS_WITH(count_items(db), Catch::Contains("pipeline mode"));
  }
  CHECK(expected == 3000);
  CHECK(count_items(db) == 3000);
}

TEST_CASE("a cursor on a missing table throws before the first row") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.cursor(pgdsl::select(missing.id).from(missing)), pgdsl::undefined_table);
  CHECK(idle(db));  // its transaction was rolled back
  CHECK(db.query<std::int32_t>("SELECT 1::int4").scalar() == 1);
}

TEST_CASE("an error in the middle of a cursor is thrown from the iteration") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 5000);
  auto& db = fixture.db();
  // Division by zero at id 4000, after several batches were handed over.
  auto rows = db.cursor(pgdsl::select(items.id, std::int64_t{1} / (items.id - std::int64_t{4000}))
                            .from(items)
                            .order_by(items.id.asc()),
                        {.fetch_size = 500});
  std::int64_t seen = 0;
  CHECK_THROWS_AS(
      [&] {
        for (const auto& [id, quotient] : rows) seen = id + 0 * quotient;
      }(),
      pgdsl::division_by_zero);
  CHECK(seen >= 500);
  CHECK(idle(db));
  CHECK(count_items(db) == 5000);
}

TEST_CASE("a declared column type the server disagrees with fails the cursor before any row") {
  pgdsl::test::database fixture;
  fixture.run(
      "CREATE TABLE items (id int4 PRIMARY KEY, label text NOT NULL, price float8, "
      "added timestamptz NOT NULL DEFAULT now())");
  fixture.run("INSERT INTO items (id, label) VALUES (1, 'a')");
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.cursor(pgdsl::select(items.id).from(items)), pgdsl::type_mismatch);
  CHECK(idle(db));
  CHECK(count_items(db) == 1);
}

TEST_CASE("a connection lost while a cursor is read is connection_error and reset() recovers") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 50'000);
  auto& db = fixture.db();
  const auto pid = db.query<std::int32_t>("SELECT pg_backend_pid()").scalar();
  pgdsl::connection admin = pgdsl::connection::from_env();
  CHECK_THROWS_AS(
      [&] {
        for (const auto& [id, label, price] : db.cursor(all_items(), {.fetch_size = 100}))
          if (id == 1) CHECK(admin.query<bool>("SELECT pg_terminate_backend($1)", pid).scalar());
      }(),
      pgdsl::connection_error);
  CHECK_FALSE(db.is_open());
  db.reset();
  CHECK(count_items(db) == 50'000);
}

TEST_CASE("a cursor can be returned from a function and moved into storage") {
  pgdsl::test::database fixture;
  create_items(fixture);
  fill(fixture, 250);
  auto& db = fixture.db();
  auto open = [&db] { return db.cursor(all_items(), {.fetch_size = 100}); };
  std::optional<decltype(open())> stored;
  stored.emplace(open());
  auto moved = std::move(*stored);
  stored.reset();
  std::int64_t expected = 0;
  for (const auto& [id, label, price] : moved) CHECK(id == ++expected);
  CHECK(expected == 250);
  CHECK(idle(db));
}
