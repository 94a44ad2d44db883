// SPDX-License-Identifier: BSL-1.0
// The runner on the server: history rows, one transaction per migration, C++ steps, dry run,
// baseline, and a failing migration in the middle leaving a dirty record that the next run
// reports until repair().
#include "support/catch.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "migrate_support.hpp"

using namespace migrate_test;

namespace {

pgdsl::migration_set shop_migrations() {
  pgdsl::migration_set set;
  set.add_file("V0001__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);");
  set.add_file("V0002__create_orders.sql",
               "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n"
               "CREATE INDEX orders_user_idx ON orders (user_id);\n");
  set.add_step(3, "first user", [](pgdsl::connection& db) {
    db.execute_raw("INSERT INTO users VALUES ($1, $2)", std::int64_t{1}, std::string("ann"));
  });
  return set;
}

}  // namespace

TEST_CASE("up applies each pending migration once and records it in the history") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  std::vector<pgdsl::migration_event_kind> events;
  auto options = test_options();
  options.on_progress = [&](const pgdsl::migration_event& e) { events.push_back(e.kind); };
  pgdsl::migrator migrator(db, shop_migrations(), options);
  CHECK(migrator.status().pending_count() == 3);
  CHECK(migrator.up() == 3);
  CHECK(events.size() == 6);  // starting + applied, three times
  CHECK(applied_versions(db) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(db.query<std::string>("SELECT name FROM users WHERE id = 1").scalar() == "ann");

  const auto [kind, checksum, duration, success] =
      db.query<std::string, std::string, double, bool>(
            "SELECT kind, checksum, duration_ms, success FROM pgdsl_schema_history WHERE version = "
            "2")
          .one();
  CHECK(kind == "sql");
  CHECK(checksum == migrator.migrations().find(2)->checksum);
  CHECK(duration >= 0);
  CHECK(success);
  CHECK(db.query<std::string>("SELECT kind FROM pgdsl_schema_history WHERE version = 3").scalar() ==
        "step");

  CHECK(migrator.up() == 0);  // nothing left
  const auto status = migrator.status();
  CHECK(status.current_version == 3);
  CHECK(status.is_clean());
  CHECK(status.entries.at(0).state == pgdsl::migration_state::applied);
}

TEST_CASE("up --to stops at the target version; plan and plan_sql apply nothing") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migrator migrator(db, shop_migrations(), test_options());
  CHECK(migrator.plan(2).size() == 2);
  const std::string script = migrator.plan_sql(2);
  CHECK(script.find("CREATE INDEX orders_user_idx") != std::string::npos);
  CHECK_FALSE(has_table(db, "users"));
  CHECK_FALSE(has_table(db, "pgdsl_schema_history"));  // a dry run creates nothing
  CHECK(migrator.up(1) == 1);
  CHECK(migrator.plan().size() == 2);
  CHECK(applied_versions(db) == std::vector<std::int64_t>{1});
}

TEST_CASE("a failing migration in the middle is rolled back, recorded, and reported as dirty") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migration_set broken;
  broken.add_file("V1__users.sql", "CREATE TABLE users (id int);");
  broken.add_file("V2__orders.sql", "CREATE TABLE orders (id int);\nCREATE TABL oops (id int);");
  broken.add_file("V3__items.sql", "CREATE TABLE items (id int);");
  pgdsl::migrator migrator(db, broken, test_options());
  try {
    migrator.up();
    FAIL("the broken migration was applied");
  } catch (const pgdsl::migration_failed& e) {
    CHECK(e.version() == 2);
    CHECK(e.sqlstate() == "42601");
    CHECK_THAT(e.what(), Catch::Contains("V2 (orders) failed and was rolled back") &&
                             Catch::Contains("syntax error"));
  }
  CHECK(has_table(db, "users"));
  CHECK_FALSE(has_table(db, "orders"));  // the whole of V2 was rolled back
  CHECK_FALSE(has_table(db, "items"));   // the run stopped at V2
  CHECK(db.query<bool>("SELECT success FROM pgdsl_schema_history WHERE version = 2").scalar() ==
        false);

  // The next run (even with the file fixed) refuses until repair.
  pgdsl::migration_set fixed;
  fixed.add_file("V1__users.sql", "CREATE TABLE users (id int);");
  fixed.add_file("V2__orders.sql", "CREATE TABLE orders (id int);");
  fixed.add_file("V3__items.sql", "CREATE TABLE items (id int);");
  pgdsl::migrator next(db, fixed, test_options());
  CHECK(next.status().entries.at(1).state == pgdsl::migration_state::failed);
  try {
    next.up();
    FAIL("a dirty database was migrated");
  } catch (const pgdsl::dirty_database& e) {
    CHECK(e.version() == 2);
    CHECK_THAT(e.what(), Catch::Contains("the database is dirty: V2 (orders) failed") &&
                             Catch::Contains("pgdsl-migrate repair"));
  }
  const auto report = next.repair();
  CHECK(report.removed_failed == std::vector<std::int64_t>{2});
  CHECK(next.up() == 2);
  CHECK(applied_versions(db) == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("a C++ step that throws fails like SQL: rolled back and recorded") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migration_set set;
  set.add_file("V1__users.sql", "CREATE TABLE users (id int);");
  set.add_step(2, "import users", [](pgdsl::connection& c) {
    c.execute_raw("INSERT INTO users VALUES (1)");
    throw std::runtime_error("the import file is missing");
  });
  pgdsl::migrator migrator(db, set, test_options());
  try {
    migrator.up();
    FAIL("the step did not fail");
  } catch (const pgdsl::migration_failed& e) {
    CHECK(e.version() == 2);
    CHECK(e.sqlstate().empty());
    CHECK_THAT(e.what(), Catch::Contains("the import file is missing"));
  }
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM users").scalar() == 0);
  CHECK(
      db.query<std::string>("SELECT error FROM pgdsl_schema_history WHERE version = 2").scalar() ==
      "the import file is missing");
}

TEST_CASE("baseline marks an existing database: only the migrations above it run") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  fixture.run("CREATE TABLE users (id bigint PRIMARY KEY, name text)");
  fixture.run("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users)");
  pgdsl::migrator migrator(db, shop_migrations(), test_options());
  migrator.baseline(2);
  const auto status = migrator.status();
  CHECK(status.entries.at(0).state == pgdsl::migration_state::below_baseline);
  CHECK(status.entries.at(1).state == pgdsl::migration_state::baseline);
  CHECK(migrator.up() == 1);  // only V3
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM users").scalar() == 1);
  CHECK_THROWS_AS(migrator.baseline(5), pgdsl::migration_version_error);  // history not empty
  CHECK_THROWS_AS(migrator.down(0), pgdsl::no_down_migration);            // below the baseline
}

TEST_CASE("a no-transaction migration runs statement by statement outside a transaction") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::migration_set set;
  set.add_file("V1__users.sql", "CREATE TABLE users (id int);\nINSERT INTO users VALUES (1);");
  set.add_file(
      "V2__index.sql",
      "-- pgdsl:no-transaction\r\nCREATE INDEX CONCURRENTLY users_id_idx ON users (id);\r\n"
      "CREATE INDEX CONCURRENTLY users_id2_idx ON users (id);\r\n");
  pgdsl::migrator migrator(db, set, test_options());
  CHECK(migrator.up() == 2);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = "
                               "i.indexrelid WHERE c.relname LIKE 'users_id%' AND i.indisvalid "
                               "AND c.relnamespace = current_schema()::regnamespace")
            .scalar() == 2);
}
