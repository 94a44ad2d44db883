// SPDX-License-Identifier: BSL-1.0
// pgdsl::pool against the real throwaway server: many threads on few connections with every
// result checked, terminated backends under load, FIFO waiters, the bounded wait queue and
// timeouts (their messages), reset on release, retiring rules (25006, lifetime, idle), warm-up
// and background opening, drain and close. Catch2 is not thread-safe: worker threads only
// collect what they saw; the main thread checks it.
#include "support/catch.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "pgdsl/pool/all.hpp"
#include "pool/pool_support.hpp"
#include "support/database.hpp"

using namespace std::chrono_literals;
using pgdsl::test::eventually;

namespace {

pgdsl::pool_options options_for(const pgdsl::test::database& fixture, std::size_t max_size) {
  pgdsl::pool_options options;
  options.connection = pgdsl::test::options_for_schema(fixture.schema());
  if (const char* url = std::getenv("DATABASE_URL")) options.connection.conninfo = url;
  options.max_size = max_size;
  return options;
}

std::size_t closed(const pgdsl::pool_stats& s, pgdsl::close_reason reason) {
  return s.closed[static_cast<std::size_t>(reason)];
}

}  // namespace

TEST_CASE("32 threads share 8 connections and every result is their own") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE hits (thread int4 NOT NULL, n int4 NOT NULL)");
  pgdsl::pool pool(options_for(fixture, 8));
  constexpr int threads = 32, iterations = 60;
  std::atomic<int> wrong{0}, failed{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < iterations; ++i) {
        try {
          const std::int64_t mine = std::int64_t{t} * 1'000'000 + i;
          if (pool.query<std::int64_t>("SELECT $1::int8 + 1", mine).scalar() != mine + 1) ++wrong;
          if (i % 3 == 0) {
            pool.transaction([&](pgdsl::transaction& tx) {
              tx.db().execute_raw("INSERT INTO hits VALUES ($1, $2)", t, i);
            });
          } else {
            auto lease = pool.acquire();
            const auto [n, open] =
                lease->query<std::int32_t, bool>("SELECT $1::int4, now() IS NOT NULL", i).one();
            if (n != i || !open) ++wrong;
          }
        } catch (...) {
          ++failed;
        }
      }
    });
  for (auto& w : workers) w.join();
  CHECK(wrong == 0);
  CHECK(failed == 0);
  CHECK(pool.query<std::int64_t>("SELECT count(*) FROM hits").scalar() == threads * 20);
  CHECK(pool.query<std::int64_t>("SELECT count(DISTINCT (thread, n)) FROM hits").scalar() ==
        threads * 20);
  const pgdsl::pool_stats s = pool.stats();
  CHECK(s.size <= 8);
  CHECK(s.created <= 8);
  CHECK(s.in_use == 0);
  CHECK(s.acquires >= threads * iterations * 2);
  CHECK(s.timeouts == 0);
  CHECK(s.wait_p50 <= s.wait_p99);
  CHECK(s.wait_p99 <= s.wait_max);
}

TEST_CASE("a backend terminated under load reaches at most one caller, as connection_error") {
  pgdsl::test::database fixture;
  pgdsl::pool_options options = options_for(fixture, 8);
  options.connection.application_name = "pgdsl_pool_victim";
  pgdsl::pool pool(options);
  std::mutex seen_mutex;
  std::map<int, int> errors_by_pid;  // backend pid -> connection errors seen on it
  int used_after_error = 0, wrong = 0, other_errors = 0;
  std::atomic<bool> stop{false};
  std::atomic<int> killed{0};
  std::thread killer([&] {
    auto admin = pgdsl::connection::from_env();
    for (int round = 0; round < 15; ++round) {
      std::this_thread::sleep_for(20ms);
      killed += static_cast<int>(admin
                                     .query<bool>("SELECT pg_terminate_backend(pid) FROM "
                                                  "pg_stat_activity WHERE application_name = $1",
                                                  std::string("pgdsl_pool_victim"))
                                     .size());
    }
    stop = true;
  });
  std::vector<std::thread> workers;
  for (int t = 0; t < 32; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < 2'000 && !stop; ++i) {
        int pid = 0;
        try {
          auto lease = pool.acquire();
          pid = PQbackendPID(lease->native_handle());
          {
            const std::lock_guard lock(seen_mutex);
            if (errors_by_pid.count(pid) != 0) ++used_after_error;
          }
          if (lease->query<std::int32_t>("SELECT $1::int4 * 2", t).scalar() != t * 2) ++wrong;
        } catch (const pgdsl::connection_error&) {
          const std::lock_guard lock(seen_mutex);
          ++errors_by_pid[pid];
        } catch (...) {
          const std::lock_guard lock(seen_mutex);
          ++other_errors;
        }
      }
    });
  killer.join();
  for (auto& w : workers) w.join();
  CHECK(killed > 0);
  CHECK(wrong == 0);
  CHECK(other_errors == 0);
  CHECK(used_after_error == 0);
  for (const auto& [pid, count] : errors_by_pid) CHECK(count == 1);
  // The pool recovered: every connection it hands out now works.
  for (int i = 0; i < 16; ++i) CHECK(pool.query<std::int32_t>("SELECT 7").scalar() == 7);
  CHECK(closed(pool.stats(), pgdsl::close_reason::broken) >= errors_by_pid.size());
}

TEST_CASE("a connection whose backend was terminated while idle is not handed out") {
  pgdsl::test::database fixture;
  pgdsl::pool_options options = options_for(fixture, 1);
  options.min_size = 1;
  pgdsl::pool pool(options);
  const int first = pool.query<std::int32_t>("SELECT pg_backend_pid()").scalar();
  auto admin = pgdsl::connection::from_env();
  REQUIRE(admin.query<bool>("SELECT pg_terminate_backend($1)", first).scalar());
  REQUIRE(eventually([&] {
    return admin
        .query<bool>("SELECT NOT EXISTS (SELECT FROM pg_stat_activity WHERE pid = $1)", first)
        .scalar();
  }));
  const int second = pool.query<std::int32_t>("SELECT pg_backend_pid()").scalar();
  CHECK(second != first);
  CHECK(closed(pool.stats(), pgdsl::close_reason::broken) == 1);
}

TEST_CASE("waiters are served first come, first served") {
  pgdsl::test::database fixture;
  pgdsl::pool pool(options_for(fixture, 1));
  auto held = pool.acquire();
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int id = 0; id < 4; ++id) {
    waiters.emplace_back([&, id] {
      auto lease = pool.acquire();
      const std::lock_guard lock(order_mutex);
      order.push_back(id);
    });
    REQUIRE(eventually([&] { return pool.stats().waiting == static_cast<std::size_t>(id + 1); }));
  }
  held.release();
  for (auto& w : waiters) w.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3});
}

TEST_CASE("a full wait queue refuses at once with pool_exhausted and the pool's state") {
  pgdsl::test::database fixture;
  pgdsl::pool_options options = options_for(fixture, 1);
  options.max_waiting = 1;
  pgdsl::pool pool(options);
  auto held = pool.acquire();
  std::thread waiter([&] { auto lease = pool.acquire(); });
  REQUIRE(eventually([&] { return pool.stats().waiting == 1; }));
  try {
    auto refused = pool.acquire();
    FAIL("expected pool_exhausted");
  } catch (const pgdsl::pool_exhausted& e) {
    const std::string what = e.what();
    CHECK(what.find("1 callers are already waiting (max_waiting)") != std::string::npos);
    CHECK(what.find("size 1/1 (idle 0, in use 1, opening 0), waiting 1") != std::string::npos);
    CHECK(e.stats().rejected == 1);
  }
  held.release();
  waiter.join();
}

TEST_CASE("an acquire timeout says how long it waited and what the pool was doing") {
  pgdsl::test::database fixture;
  pgdsl::pool pool(options_for(fixture, 1));
  auto held = pool.acquire();
  try {
    auto late = pool.acquire(30ms);
    FAIL("expected pool_timeout");
  } catch (const pgdsl::pool_timeout& e) {
    const std::string what = e.what();
    CHECK(what.find("no connection became free within 30ms; pool: size 1/1 (idle 0, in use 1") !=
          std::string::npos);
    CHECK(what.find("timeouts 1") != std::string::npos);
    CHECK(what.find("acquire wait p50 ") != std::string::npos);
    CHECK(e.stats().timeouts == 1);
  }
  CHECK(pool.stats().timeouts == 1);
}

TEST_CASE("an opening is not abandoned when its waiter gives up") {
  pgdsl::test::database fixture;
  pgdsl::pool pool(options_for(fixture, 1));
  CHECK_THROWS_AS(pool.acquire(0ms), pgdsl::pool_timeout);
  REQUIRE(eventually([&] { return pool.stats().idle == 1; }));
  CHECK(pool.stats().created == 1);
  CHECK(pool.query<std::int32_t>("SELECT 3").scalar() == 3);
  CHECK(pool.stats().created == 1);
}

TEST_CASE("warm-up opens min_size connections and fails fast on a bad server") {
  pgdsl::test::database fixture;
  pgdsl::pool_options options = options_for(fixture, 4);
  options.min_size = 3;
  pgdsl::pool pool(options);
  CHECK(pool.stats().idle == 3);
  CHECK(pool.stats().created == 3);

  pgdsl::pool_options nowhere;
  nowhere.connection.conninfo = "postgresql://nobody@127.0.0.1:1/none";
  nowhere.min_size = 1;
  CHECK_THROWS_AS(pgdsl::pool(nowhere), pgdsl::connection_error);
}

TEST_CASE("without fail_fast a pool that cannot connect times out naming the last failure") {
  pgdsl::pool_options nowhere;
  nowhere.connection.conninfo = "postgresql://nobody@127.0.0.1:1/none";
  nowhere.min_size = 1;
  nowhere.fail_fast = false;
  pgdsl::pool pool(nowhere);
  REQUIRE(eventually([&] { return pool.stats().connect_failures > 0; }));
  try {
    auto lease = pool.acquire(50ms);
    FAIL("expected pool_timeout");
  } catch (const pgdsl::pool_timeout& e) {
    CHECK(std::string(e.what()).find("last connect error: ") != std::string::npos);
    CHECK(std::string(e.what()).find("127.0.0.1") != std::string::npos);
  }
}

TEST_CASE("release rolls back an open transaction") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE t (n int4)");
  pgdsl::pool pool(options_for(fixture, 1));
  {
    auto lease = pool.acquire();
    lease->run_command(pgdsl::runtime_sql("BEGIN"));
    lease->execute_raw("INSERT INTO t VALUES (1)");
  }
  auto lease = pool.acquire();
  CHECK(lease->transaction_state() == pgdsl::transaction_status::idle);
  CHECK(lease->query<std::int64_t>("SELECT count(*) FROM t").scalar() == 0);
  CHECK(pool.stats().created == 1);
}

TEST_CASE("release after a failed statement in a transaction keeps the connection") {
  pgdsl::test::database fixture;
  pgdsl::pool pool(options_for(fixture, 1));
  {
    auto lease = pool.acquire();
    lease->run_command(pgdsl::runtime_sql("BEGIN"));
    CHECK_THROWS_AS(lease->execute_raw("SELECT 1/0"), pgdsl::division_by_zero);
    CHECK(lease->transaction_state() == pgdsl::transaction_status::in_error);
  }
  CHECK(pool.query<std::int32_t>("SELECT 1").scalar() == 1);
  CHECK(pool.stats().created == 1);
  CHECK(pool.stats().closed_total() == 0);
}

TEST_CASE("the session reset undoes settings and keeps prepared statements") {
  pgdsl::test::database fixture;
  pgdsl::pool_options options = options_for(fixture, 1);
  options.reset = pgdsl::reset_policy::session;
  options.connection.statement_timeout = 4321ms;
  pgdsl::pool pool(options);
  std::size_t prepared = 0;
  {
    auto lease = pool.acquire();
    lease->run_command(pgdsl::runtime_sql("SET application_name = 'changed'"));
    lease->run_command(pgdsl::runtime_sql("SET search_path = pg_catalog"));
    lease->run_command(pgdsl::runtime_sql("CREATE TEMP TABLE scratch (n int4)"));
    prepared = lease->prepared_statement_count();
  }
  auto lease = pool.acquire();
  CHECK(lease->prepared_statement_count() == prepared);
  CHECK(lease->query<std::string>("SELECT current_setting('application_name')").scalar() !=
        "changed");
  CHECK(lease->query<std::string>("SHOW search_path").scalar() == fixture.schema() + ",public");
  CHECK(lease->query<std::string>("SHOW statement_timeout").scalar() == "4321ms");
  CHECK(lease->query<bool>("SELECT to_regclass('scratch') IS NULL").scalar());
  CHECK(pool.stats().created == 1);
}

TEST_CASE("DISCARD ALL as the reset forgets the prepared statements with the server") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE t (n int4)");
  pgdsl::pool_options options = options_for(fixture, 1);
  options.reset = pgdsl::reset_policy::discard_all;
  pgdsl::pool pool(options);
  {
    auto lease = pool.acquire();
    lease->run_command(pgdsl::runtime_sql("SET application_name = 'changed'"));
  }
  auto lease = pool.acquire();
  CHECK(lease->prepared_statement_count() == 0);
  CHECK(lease->query<std::string>("SELECT current_setting('application_name')").scalar() !=
        "changed");
}

TEST_CASE("a connection that saw 25006 read_only_sql_transaction is not handed out again") {
  pgdsl::test::database fixture;
  pgdsl::pool pool(options_for(fixture, 1));
  int first = 0;
  {
    auto lease = pool.acquire();
    first = PQbackendPID(lease->native_handle());
    lease->run_command(pgdsl::runtime_sql("BEGIN READ ONLY"));
    CHECK_THROWS_AS(lease->execute_raw("CREATE TABLE nope (n int4)"),
                    pgdsl::read_only_sql_transaction);
  }
  CHECK(closed(pool.stats(), pgdsl::close_reason::read_only) == 1);
  CHECK(pool.query<std::int32_t>("SELECT pg_backend_pid()").scalar() != first);
}

TEST_CASE("a connection past its lifetime is closed, an idle one above min_size too") {
  pgdsl::test::database fixture;
  pgdsl::pool_options options = options_for(fixture, 2);
  options.max_lifetime = 50ms;
  options.lifetime_jitter = 0;
  options.housekeeping_interval = 10ms;
  pgdsl::pool pool(options);
  {
    auto lease = pool.acquire();
    std::this_thread::sleep_for(60ms);
  }
  CHECK(closed(pool.stats(), pgdsl::close_reason::lifetime) == 1);

  options.max_lifetime = 0ms;
  options.idle_timeout = 20ms;
  pgdsl::pool idle_pool(options);
  { auto lease = idle_pool.acquire(); }
  REQUIRE(eventually([&] { return idle_pool.stats().size == 0; }));
  CHECK(closed(idle_pool.stats(), pgdsl::close_reason::idle) == 1);
}

TEST_CASE("a connection idle past ping_after_idle is checked before it is handed out") {
  pgdsl::test::database fixture;
  pgdsl::pool_options options = options_for(fixture, 1);
  options.ping_after_idle = 0ms;
  std::atomic<int> statements{0};
  pgdsl::pool pool(options);
  {
    auto lease = pool.acquire();
    lease->set_query_hook([&](const pgdsl::query_event& e) {
      if (e.sql == "SELECT 1") ++statements;
    });
  }
  { auto lease = pool.acquire(); }
  CHECK(statements >= 1);
}

TEST_CASE("drain waits for the leases, then the pool refuses with pool_closed") {
  pgdsl::test::database fixture;
  pgdsl::pool pool(options_for(fixture, 2));
  auto lease = pool.acquire();
  std::thread giver([&] {
    std::this_thread::sleep_for(20ms);
    lease.release();
  });
  CHECK(pool.drain(10s));
  giver.join();
  CHECK_THROWS_AS(pool.acquire(), pgdsl::pool_closed);
  CHECK(pool.stats().size == 0);
}

TEST_CASE("a lease that outlives its pool closes its connection") {
  pgdsl::test::database fixture;
  std::optional<pgdsl::pool> pool(std::in_place, options_for(fixture, 1));
  auto lease = pool->acquire();
  pool.reset();
  CHECK(lease->query<std::int32_t>("SELECT 5").scalar() == 5);
  lease.release();
  CHECK_FALSE(lease);
}
