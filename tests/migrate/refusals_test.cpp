// SPDX-License-Identifier: BSL-1.0
// What the runner refuses before running anything, each with its own exception: an edited or
// missing applied migration, a pending one older than the applied ones, a connection behind a
// transaction pooler, a lock held too long; and what it accepts: the same file with CRLF endings.
#include "support/catch.hpp"

#include <string>
#include <vector>

#include "migrate_support.hpp"

using namespace migrate_test;

namespace {

pgdsl::migration_set two_files(const std::string& line_end = "\n") {
  pgdsl::migration_set set;
  set.add_file("V1__users.sql", "CREATE TABLE users (id int);" + line_end +
                                    "ALTER TABLE users ADD name text;" + line_end);
  set.add_file("V2__orders.sql", "CREATE TABLE orders (id int);" + line_end);
  return set;
}

}  // namespace

TEST_CASE("an applied migration edited afterwards is refused until repair accepts it") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migrator(db, two_files(), test_options()).up();

  pgdsl::migration_set edited;
  edited.add_file("V1__users.sql",
                  "CREATE TABLE users (id bigint);\nALTER TABLE users ADD name text;\n");
  edited.add_file("V2__orders.sql", "CREATE TABLE orders (id int);\n");
  edited.add_file("V3__items.sql", "CREATE TABLE items (id int);\n");
  pgdsl::migrator migrator(db, edited, test_options());
  CHECK(migrator.status().entries.at(0).state == pgdsl::migration_state::checksum_changed);
  try {
    migrator.up();
    FAIL("an edited migration was accepted");
  } catch (const pgdsl::checksum_mismatch& e) {
    CHECK(e.version() == 1);
    CHECK_THAT(e.what(), Catch::Contains("V1 (users) was edited after it was applied") &&
                             Catch::Contains("pgdsl-migrate repair"));
  }
  CHECK_FALSE(has_table(db, "items"));
  CHECK(migrator.repair().realigned == std::vector<std::int64_t>{1});
  CHECK(migrator.up() == 1);
}

TEST_CASE("the same file with CRLF line endings is not an edit") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migrator(db, two_files("\n"), test_options()).up();
  pgdsl::migrator crlf(db, two_files("\r\n"), test_options());
  CHECK(crlf.status().is_clean());
  CHECK(crlf.up() == 0);
}

TEST_CASE("an applied migration the program no longer has is refused until repair forgets it") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migrator(db, two_files(), test_options()).up();
  pgdsl::migration_set without_v2;
  without_v2.add_file("V1__users.sql",
                      "CREATE TABLE users (id int);\nALTER TABLE users ADD name text;\n");
  pgdsl::migrator migrator(db, without_v2, test_options());
  CHECK_THROWS_AS(migrator.up(), pgdsl::missing_migration);
  CHECK_THROWS_WITH(migrator.plan(), Catch::Contains("V2 (orders) is applied but the program no "
                                                     "longer has it"));
  CHECK(migrator.repair().removed_missing == std::vector<std::int64_t>{2});
  CHECK(migrator.up() == 0);
}

TEST_CASE("a pending migration older than the newest applied one is refused") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migration_set first;
  first.add_file("V1__users.sql", "CREATE TABLE users (id int);");
  first.add_file("V3__items.sql", "CREATE TABLE items (id int);");
  pgdsl::migrator(db, first, test_options()).up();
  first.add_file("V2__late.sql", "CREATE TABLE late (id int);");
  pgdsl::migrator migrator(db, first, test_options());
  CHECK(migrator.status().entries.at(1).state == pgdsl::migration_state::out_of_order);
  CHECK_THROWS_AS(migrator.up(), pgdsl::out_of_order_migration);
}

TEST_CASE("a downgrade past a migration without a down file is refused before running anything") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migration_set set = two_files();
  set.add_file("V2__orders.down.sql", "DROP TABLE orders;");
  pgdsl::migrator migrator(db, set, test_options());
  migrator.up();
  try {
    migrator.down(0);
    FAIL("a downgrade without down files ran");
  } catch (const pgdsl::no_down_migration& e) {
    CHECK(e.version() == 1);
  }
  CHECK(has_table(db, "orders"));  // V2's down file was not run either
  CHECK(migrator.down(1) == 1);
  CHECK_FALSE(has_table(db, "orders"));
  CHECK(applied_versions(db) == std::vector<std::int64_t>{1});
}

TEST_CASE("a failing down file is rolled back and the version stays applied") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migration_set set = two_files();
  set.add_file("V2__orders.down.sql", "DROP TABLE orders;\nDROP TABLE no_such_table;");
  pgdsl::migrator migrator(db, set, test_options());
  migrator.up();
  try {
    migrator.down(1);
    FAIL("the broken down file succeeded");
  } catch (const pgdsl::migration_failed& e) {
    CHECK(e.version() == 2);
    CHECK(e.sqlstate() == "42P01");
    CHECK_THAT(e.what(), Catch::Contains("V2 stays applied"));
  }
  CHECK(has_table(db, "orders"));
  CHECK(applied_versions(db) == std::vector<std::int64_t>{1, 2});
  CHECK(migrator.status().is_clean());
}

TEST_CASE("a connection declared behind a transaction pooler is refused") {
  pgdsl::test::database fixture;
  pgdsl::connection_options options;
  options.transaction_pooling = true;
  auto pooled = fixture.connect_another(options);
  CHECK_THROWS_AS(pgdsl::migrator(pooled, two_files()), pgdsl::transaction_pooling_error);
  CHECK_THROWS_WITH(pgdsl::migrator(pooled, two_files()), Catch::Contains("session advisory lock"));
}

TEST_CASE("a migrator gives up with migration_lock_timeout while another holds the lock") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  auto options = test_options();
  options.lock_key = 7'000'000'000 + ::getpid();  // a key of this test process only
  options.lock_timeout = std::chrono::milliseconds(100);
  auto holder = fixture.connect_another();
  (void)holder.query<bool>("SELECT pg_try_advisory_lock($1)", *options.lock_key);
  pgdsl::migrator migrator(db, two_files(), options);
  CHECK_THROWS_AS(migrator.up(), pgdsl::migration_lock_timeout);
  CHECK_FALSE(has_table(db, "users"));
  (void)holder.query<bool>("SELECT pg_advisory_unlock($1)", *options.lock_key);
  CHECK(migrator.up() == 2);
}
