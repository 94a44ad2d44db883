// SPDX-License-Identifier: BSL-1.0
// Executing a dynamic search (3 of 5 optional filters; its shape prepared once) next to the same
// statement written statically, on a server (DATABASE_URL or PG*). Both read 10 rows of 1,000.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <optional>

#include "pgdsl/pgdsl.hpp"
#include "search.hpp"

namespace {

std::optional<pgdsl::connection>& shared_connection() {
  static std::optional<pgdsl::connection> db = [] {
    std::optional<pgdsl::connection> made;
    try {
      made.emplace(pgdsl::connection::from_env());
      made->set_notice_handler([](const pgdsl::notice&) {});
      made->run_command(
          "CREATE TEMP TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
          "username text NOT NULL UNIQUE, email text NOT NULL, created_at timestamptz NOT NULL "
          "DEFAULT now(), score float8)");
      made->run_command(
          "INSERT INTO users (username, email, score) SELECT 'ann' || i, 'a' || i || '@x', "
          "i % 10 FROM generate_series(1, 1000) i");
    } catch (const std::exception&) {
      made.reset();
    }
    return made;
  }();
  return db;
}

const bench::search_form form = bench::three_of_five();

template <class Run>
void execute(benchmark::State& state, Run&& run) {
  auto& db = shared_connection();
  if (!db) {
    state.SkipWithError("no server: set DATABASE_URL or PG*");
    return;
  }
  for (auto _ : state) {
    auto rows = run(*db);
    benchmark::DoNotOptimize(rows.size());
  }
}

void execute_dynamic(benchmark::State& state) {
  execute(state, [](pgdsl::connection& db) {
    return pgdsl::execute_dynamic(db, bench::dynamic_search(form));
  });
}
BENCHMARK(execute_dynamic);

void execute_static(benchmark::State& state) {
  execute(state, [](pgdsl::connection& db) { return db.execute(bench::static_search(form)); });
}
BENCHMARK(execute_static);

}  // namespace
