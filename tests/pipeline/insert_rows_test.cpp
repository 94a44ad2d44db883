// SPDX-License-Identifier: BSL-1.0
// Multi-row INSERTs through the connection: one statement from values(rows), the parameter limit
// as a typed error, and insert_rows() splitting more than 65,535 parameters into several
// statements that commit or fail together.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "support/items.hpp"

using namespace items_test;

namespace {
std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> make_rows(int count) {
  std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> rows;
  for (int i = 1; i <= count; ++i)
    rows.emplace_back(i, "r" + std::to_string(i), i % 7 ? std::optional(i * 1.0) : std::nullopt);
  return rows;
}
}  // namespace

TEST_CASE("a multi-row INSERT from values(rows) runs through execute") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const auto rows = make_rows(10);
  CHECK(
      db.execute(pgdsl::insert_into(items).columns(items.id, items.label, items.price).values(rows))
          .rows_affected() == 10);
  CHECK(count_items(db) == 10);
}

TEST_CASE("one statement of more than 65,535 parameters is refused before it is sent") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const auto rows = make_rows(21'846);  // 65,538 parameters
  CHECK_THROWS_AS(
      db.execute(
          pgdsl::insert_into(items).columns(items.id, items.label, items.price).values(rows)),
      pgdsl::too_many_parameters);
  CHECK(count_items(db) == 0);
}

TEST_CASE("insert_rows splits more than 65,535 parameters into several statements") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const auto rows = make_rows(70'000);  // 210,000 parameters: four statements
  CHECK(db.insert_rows(pgdsl::insert_into(items).columns(items.id, items.label, items.price),
                       rows) == 70'000);
  CHECK(count_items(db) == 70'000);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM items WHERE price IS NULL").scalar() ==
        70'000 / 7);
  CHECK(db.query<std::string>("SELECT label FROM items WHERE id = 69999").scalar() == "r69999");
}

TEST_CASE("insert_rows takes a number of rows per statement, capped at the parameter limit") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  std::vector<std::uint64_t> rows_per_statement;
  db.set_query_hook([&](const pgdsl::query_event& event) {
    if (event.sql.starts_with("INSERT")) rows_per_statement.push_back(event.rows);
  });
  const auto insert = pgdsl::insert_into(items).columns(items.id, items.label, items.price);
  CHECK(db.insert_rows(insert, make_rows(2'500), {.rows_per_statement = 1'000}) == 2'500);
  CHECK(rows_per_statement == std::vector<std::uint64_t>{1'000, 1'000, 500});
  rows_per_statement.clear();
  db.run_command("TRUNCATE items");
  CHECK(db.insert_rows(insert, make_rows(30'000), {.rows_per_statement = 1'000'000}) == 30'000);
  CHECK(rows_per_statement == std::vector<std::uint64_t>{21'845, 8'155});  // 65,535 / 3 columns
  CHECK(count_items(db) == 30'000);
}

TEST_CASE("insert_rows inserts nothing when a later statement fails") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  auto rows = make_rows(50'000);
  std::get<0>(rows.back()) = 1;  // a duplicate key in the third statement
  CHECK_THROWS_AS(
      db.insert_rows(pgdsl::insert_into(items).columns(items.id, items.label, items.price), rows),
      pgdsl::unique_violation);
  CHECK(count_items(db) == 0);
}

TEST_CASE("insert_rows upserts: ON CONFLICT DO UPDATE with excluded() in every statement") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  CHECK(db.insert_rows(pgdsl::insert_into(items).columns(items.id, items.label, items.price),
                       make_rows(30'000)) == 30'000);
  // Every other row again with a new label and price, and 5,000 new ones: updated or inserted.
  std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> changes;
  for (std::int64_t id = 2; id <= 35'000; id += 2)
    changes.emplace_back(id, "new" + std::to_string(id), std::nullopt);
  const auto upsert = pgdsl::insert_into(items)
                          .columns(items.id, items.label, items.price)
                          .on_conflict(items.id)
                          .do_update(items.label = excluded(items.label),
                                     items.price = excluded(items.price));
  std::vector<std::uint64_t> affected;
  db.set_query_hook([&](const pgdsl::query_event& event) {
    if (event.sql.starts_with("INSERT")) affected.push_back(event.rows);
  });
  CHECK(db.insert_rows(upsert, changes, {.rows_per_statement = 10'000}) == changes.size());
  CHECK(affected == std::vector<std::uint64_t>{10'000, 7'500});
  CHECK(count_items(db) == 32'500);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM items WHERE label LIKE 'new%'").scalar() ==
        17'500);
  CHECK(db.query<std::string>("SELECT label FROM items WHERE id = 29999").scalar() == "r29999");
  CHECK(db.query<std::optional<double>>("SELECT price FROM items WHERE id = 2").scalar() ==
        std::nullopt);
}

TEST_CASE("a multi-row INSERT ... ON CONFLICT DO NOTHING skips existing keys, and can bind values") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const auto rows = make_rows(10);
  db.execute(pgdsl::insert_into(items).columns(items.id, items.label, items.price).values(rows));
  const auto more = make_rows(15);
  CHECK(db.execute(pgdsl::insert_into(items)
                       .columns(items.id, items.label, items.price)
                       .values(more)
                       .on_conflict_do_nothing())
            .rows_affected() == 5);
  CHECK(count_items(db) == 15);
  // A bound value in DO UPDATE numbers after the rows' parameters.
  CHECK(db.execute(pgdsl::insert_into(items)
                       .columns(items.id, items.label, items.price)
                       .values(make_rows(3))
                       .on_conflict(items.id)
                       .do_update(items.label = "seen again", items.price = items.price + 1.0))
            .rows_affected() == 3);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM items WHERE label = 'seen again'").scalar() ==
        3);
  CHECK(db.query<double>("SELECT price FROM items WHERE id = 1").scalar() == 2.0);
}

TEST_CASE("an upsert whose rows repeat a key in one statement fails whole, nothing written") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> rows{
      {1, "first", 1.0}, {2, "other", 2.0}, {1, "second", 3.0}};
  try {
    db.insert_rows(pgdsl::insert_into(items)
                       .columns(items.id, items.label, items.price)
                       .on_conflict(items.id)
                       .do_update(items.label = excluded(items.label)),
                   rows);
    FAIL("the repeated key was accepted");
  } catch (const pgdsl::sql_error& e) {
    CHECK(e.sqlstate() == "21000");
  }
  CHECK(count_items(db) == 0);
}
