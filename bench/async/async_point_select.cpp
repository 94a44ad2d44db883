// SPDX-License-Identifier: BSL-1.0
// async_point_select: point selects by primary key, sequential on a blocking connection
// (db.execute, as the peers' point_select) and from N coroutines sharing one async_connection on
// one thread (their statements pipelined automatically), in the same run against the same table.
// Prints both rates and their ratio; the target is >= 5x with 16 coroutines (docs/async.md).
//
//   async_point_select [--conninfo URL] [--queries 20000] [--coroutines 1,4,16,64]
//
// The connection defaults to DATABASE_URL (tools/with-postgres.sh sets it).
#include "pgdsl/async/all.hpp"

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/execution/all.hpp"
#include "pgdsl/pgdsl.hpp"

namespace {

namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

struct bench_users_t : pgdsl::table<"async_bench_users"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"name", std::string> name;
  column<"email", std::string> email;
  column<"score", std::optional<double>> score;
};
constexpr bench_users_t users{};
constexpr std::int64_t table_rows = 10'000;

auto by_id(std::int64_t id) {
  return pgdsl::select(users.id, users.name, users.email, users.score)
      .from(users)
      .where(users.id == id);
}

std::int64_t id_of(int query) {
  return (static_cast<std::int64_t>(query) * 7919) % table_rows + 1;
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Sequential point selects on a blocking connection; returns queries per second.
double sync_rate(pgdsl::connection& db, int queries) {
  std::int64_t check = 0;
  const auto start = clock_type::now();
  for (int q = 0; q < queries; ++q) check += db.execute(by_id(id_of(q))).one()[users.id];
  const double rate = queries / seconds_since(start);
  if (check == 0) std::abort();
  return rate;
}

// `coroutines` coroutines on one thread sharing one async connection; queries per second.
double async_rate(const pgdsl::connection_options& options, int queries, int coroutines) {
  asio::io_context io;
  std::optional<pgdsl::async_connection> db;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        db.emplace(co_await pgdsl::async_connection::async_connect(io.get_executor(), options,
                                                                   asio::use_awaitable));
        co_await db->async_execute(by_id(1), asio::use_awaitable);  // prepared before timing
      },
      asio::detached);
  io.run();
  io.restart();
  int next = 0, wrong = 0;
  for (int c = 0; c < coroutines; ++c) {
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          while (next < queries) {
            const std::int64_t id = id_of(next++);
            const auto rows = co_await db->async_execute(by_id(id), asio::use_awaitable);
            if (rows.one()[users.id] != id) ++wrong;
          }
        },
        asio::detached);
  }
  const auto start = clock_type::now();
  io.run();
  const double rate = queries / seconds_since(start);
  if (wrong != 0) {
    std::fprintf(stderr, "async_point_select: %d wrong answers\n", wrong);
    std::exit(1);
  }
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  pgdsl::connection_options options;
  if (const char* url = std::getenv("DATABASE_URL")) options.conninfo = url;
  int queries = 20'000;
  std::vector<int> coroutine_counts{1, 4, 16, 64};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--conninfo") {
      options.conninfo = argv[i + 1];
    } else if (flag == "--queries") {
      queries = std::atoi(argv[i + 1]);
    } else if (flag == "--coroutines") {
      coroutine_counts.clear();
      std::stringstream list(argv[i + 1]);
      for (std::string n; std::getline(list, n, ',');) coroutine_counts.push_back(std::stoi(n));
    } else {
      std::fprintf(stderr,
                   "usage: async_point_select [--conninfo URL] [--queries N] "
                   "[--coroutines 1,4,16,64]\n");
      return 2;
    }
  }
  pgdsl::connection db(options);
  db.run_command("DROP TABLE IF EXISTS async_bench_users");
  db.run_command(
      "CREATE TABLE async_bench_users (id bigint PRIMARY KEY, name text NOT NULL, email text "
      "NOT NULL, score float8)");
  db.execute_raw(
      "INSERT INTO async_bench_users SELECT g, 'user ' || g, 'user' || g || '@example.com', "
      "g * 0.5 FROM generate_series(1, $1::int8) AS g",
      table_rows);
  db.execute(by_id(1));  // prepared before timing

  const double sequential = sync_rate(db, queries);
  std::printf("async_point_select: %d queries per mode\n", queries);
  std::printf("  sync point_select, sequential : %10.0f queries/s\n", sequential);
  for (const int coroutines : coroutine_counts) {
    const double rate = async_rate(options, queries, coroutines);
    std::printf("  async, %3d coroutines, 1 conn: %10.0f queries/s  (%.2fx sequential)\n",
                coroutines, rate, rate / sequential);
  }
  db.run_command("DROP TABLE async_bench_users");
}
