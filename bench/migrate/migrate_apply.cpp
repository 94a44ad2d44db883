// SPDX-License-Identifier: BSL-1.0
// migrate_apply: applies N trivial migrations (CREATE TABLE t_i (id int), each in its own
// transaction with its history row, under the advisory lock) to an empty schema, R times, and
// prints each run's wall time and the median. Connects from DATABASE_URL / PG*.
//   migrate_apply [--migrations N] [--runs R]      (defaults: 200 migrations, 5 runs)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <pgdsl/pgdsl.hpp>

int main(int argc, char** argv) try {
  int count = 200, runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view arg = argv[i];
    if (arg == "--migrations")
      count = std::atoi(argv[i + 1]);
    else if (arg == "--runs")
      runs = std::atoi(argv[i + 1]);
  }
  pgdsl::migration_set set;
  char name[64];
  for (int v = 1; v <= count; ++v) {
    std::snprintf(name, sizeof name, "V%04d__table_%d.sql", v, v);
    set.add_file(name, "CREATE TABLE t_" + std::to_string(v) + " (id int);\n");
  }
  const std::string schema = "bench_migrate_" + std::to_string(::getpid());
  pgdsl::connection_options options;
  options.options = "-c search_path=" + schema;
  auto db = pgdsl::connection::from_env(options);
  db.set_notice_handler([](const pgdsl::notice&) {});
  std::vector<double> times;
  for (int run = 1; run <= runs; ++run) {
    db.run_command(pgdsl::runtime_sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    db.run_command(pgdsl::runtime_sql("CREATE SCHEMA " + schema));
    pgdsl::migrator migrator(db, set);
    const auto start = std::chrono::steady_clock::now();
    const auto applied = migrator.up();
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    times.push_back(ms);
    std::printf("run %d: applied %zu migrations in %.1f ms (%.2f ms each)\n", run, applied, ms,
                ms / static_cast<double>(applied));
  }
  db.run_command(pgdsl::runtime_sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  std::sort(times.begin(), times.end());
  std::printf("median of %d runs: %d migrations in %.1f ms\n", runs, count,
              times[times.size() / 2]);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "migrate_apply: %s\n", e.what());
  return 1;
}
