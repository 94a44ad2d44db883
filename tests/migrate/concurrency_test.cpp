// SPDX-License-Identifier: BSL-1.0
// Two migrators (threads, each with its own connection) on one schema at once: the advisory lock
// lets exactly one apply each migration while the other waits and then finds nothing to do; and
// a no-transaction CREATE INDEX CONCURRENTLY completes while the other migrator polls the lock
// (a waiting migrator holds no transaction, so the index build does not wait for it).
#include "support/catch.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "migrate_support.hpp"

using namespace migrate_test;

namespace {

// Five migrations, each logging its version once into applied_log (a second run would add a row).
pgdsl::migration_set logged_migrations() {
  pgdsl::migration_set set;
  set.add_file("V1__log.sql",
               "CREATE TABLE applied_log (version int NOT NULL);\n"
               "INSERT INTO applied_log VALUES (1);");
  for (int v = 2; v <= 5; ++v)
    set.add_file("V" + std::to_string(v) + "__step.sql",
                 "SELECT pg_sleep(0.002);\nCREATE TABLE t" + std::to_string(v) +
                     " (id int);\nINSERT INTO applied_log VALUES (" + std::to_string(v) + ");");
  return set;
}

}  // namespace

TEST_CASE("two migrators at once: each migration is applied exactly once, 20 rounds") {
  constexpr int rounds = 20;
  for (int round = 1; round <= rounds; ++round) {
    pgdsl::test::database fixture;
    const auto started = std::chrono::steady_clock::now();
    std::atomic<int> ready{0};
    const auto migrate = [&] {
      auto db = fixture.connect_another();
      pgdsl::migrator migrator(db, logged_migrations(), test_options());
      ++ready;
      while (ready.load() < 2) std::this_thread::yield();  // start together
      return migrator.up();
    };
    auto first = std::async(std::launch::async, migrate);
    auto second = std::async(std::launch::async, migrate);
    const std::size_t applied_first = first.get(), applied_second = second.get();
    const auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    std::printf("migrate concurrency round %2d: %6.1f ms, applied %zu + %zu\n", round, elapsed,
                applied_first, applied_second);
    CHECK(applied_first + applied_second == 5);
    auto& db = fixture.db();
    CHECK(db.query<std::int64_t>("SELECT count(*) FROM applied_log").scalar() == 5);
    CHECK(db.query<std::int64_t>("SELECT count(DISTINCT version) FROM applied_log").scalar() == 5);
    CHECK(applied_versions(db) == std::vector<std::int64_t>{1, 2, 3, 4, 5});
  }
}

TEST_CASE("CREATE INDEX CONCURRENTLY completes while another migrator waits on the lock") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE big (id int)");
  fixture.run("INSERT INTO big SELECT generate_series(1, 1000)");
  pgdsl::migration_set set;
  set.add_file("V1__pause.sql", "SELECT 1;");
  set.add_file("V2__index.sql",
               "-- pgdsl:no-transaction\nSELECT pg_sleep(0.3);\n"
               "CREATE INDEX CONCURRENTLY big_id_idx ON big (id);\n");

  std::promise<void> index_started;
  auto index_started_future = index_started.get_future();
  std::atomic<bool> second_waited{false};
  auto first = std::async(std::launch::async, [&] {
    auto db = fixture.connect_another();
    auto options = test_options();
    options.on_progress = [&](const pgdsl::migration_event& e) {
      if (e.kind == pgdsl::migration_event_kind::starting && e.version == 2)
        index_started.set_value();
    };
    return pgdsl::migrator(db, set, options).up();
  });
  auto second = std::async(std::launch::async, [&] {
    index_started_future.wait();
    auto db = fixture.connect_another();
    auto options = test_options();
    options.on_progress = [&](const pgdsl::migration_event& e) {
      if (e.kind == pgdsl::migration_event_kind::waiting_for_lock) second_waited = true;
    };
    return pgdsl::migrator(db, set, options).up();
  });
  CHECK(first.get() == 2);
  CHECK(second.get() == 0);
  CHECK(second_waited);
  CHECK(fixture.db()
            .query<bool>("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = "
                         "i.indexrelid WHERE c.relname = 'big_id_idx' AND c.relnamespace = "
                         "current_schema()::regnamespace")
            .scalar());
}
