// SPDX-License-Identifier: BSL-1.0
// async_pool: many coroutines on one thread share a small pool (every result checked, never more
// connections than max_size); a waiter that outlasts acquire_timeout gets pool_timeout while the
// loop keeps running; a connection whose backend was terminated is never handed out again; a
// closed pool answers pool_closed.
#include "support/catch.hpp"

#include <boost/asio/detached.hpp>

#include <chrono>
#include <cstdint>
#include <string>

#include "async_support.hpp"

using namespace async_test;
using namespace std::chrono_literals;

namespace {

pgdsl::pool_options small_pool(const pgdsl::test::database& fixture, std::size_t size) {
  pgdsl::pool_options options;
  options.connection = options_for(fixture.schema());
  options.max_size = size;
  options.acquire_timeout = 30s;  // a bound for the test, not a timing assertion
  return options;
}

}  // namespace

TEST_CASE("300 coroutines on one thread share an async pool of 3 connections") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::async_pool pool(io.get_executor(), small_pool(fixture, 3));
  int checked = 0;
  for (std::int64_t i = 0; i < 300; ++i)
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          pgdsl::async_lease lease = co_await pool.async_acquire();
          auto rows = co_await lease->async_query<std::int64_t>("SELECT $1::int8 * 2",
                                                                std::tuple{i}, use_awaitable);
          if (rows.scalar() == 2 * i) ++checked;
        },
        [](std::exception_ptr failure) {
          if (failure) std::rethrow_exception(failure);
        });
  io.run();
  CHECK(checked == 300);
  const pgdsl::pool_stats stats = pool.stats();
  CHECK(stats.acquires == 300);
  CHECK(stats.created <= 3);
  CHECK(stats.size <= 3);
  CHECK(stats.in_use == 0);
  CHECK(stats.waiting == 0);
}

TEST_CASE("An async acquire that outlasts its timeout ends with pool_timeout; the loop runs on") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::async_pool pool(io.get_executor(), small_pool(fixture, 1));
  int ticks = 0;
  bool timed_out = false;
  run(io, [&]() -> asio::awaitable<void> {
    pgdsl::async_lease held = co_await pool.async_acquire();
    asio::steady_timer tick(io);
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {  // runs while the acquire below waits
          for (int i = 0; i < 3; ++i) {
            tick.expires_after(1ms);
            co_await tick.async_wait(use_awaitable);
            ++ticks;
          }
        },
        asio::detached);
    try {
      co_await pool.async_acquire(100ms);
    } catch (const pgdsl::pool_timeout& e) {
      timed_out = e.stats().in_use == 1 && e.stats().timeouts == 1;
    }
  }());
  CHECK(timed_out);
  CHECK(ticks == 3);
  CHECK(pool.stats().timeouts == 1);
}

TEST_CASE("A connection whose backend was terminated is not handed out again") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::async_pool pool(io.get_executor(), small_pool(fixture, 1));
  std::int32_t old_pid = 0, new_pid = 0;
  run(io, [&]() -> asio::awaitable<void> {
    {
      pgdsl::async_lease lease = co_await pool.async_acquire();
      old_pid = PQbackendPID(lease->native_handle());
    }
    fixture.db().query<bool>("SELECT pg_terminate_backend($1)", old_pid);
    // Until the backend is gone (its farewell is then on the idle connection's socket).
    asio::steady_timer pause(io);
    for (int i = 0;
         i < 500 && fixture.db()
                            .query<std::int64_t>(
                                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", old_pid)
                            .scalar() > 0;
         ++i) {
      pause.expires_after(10ms);
      co_await pause.async_wait(use_awaitable);
    }
    pgdsl::async_lease lease = co_await pool.async_acquire();
    new_pid = PQbackendPID(lease->native_handle());
    auto rows = co_await lease->async_query<std::int32_t>("SELECT 7", use_awaitable);
    CHECK(rows.scalar() == 7);
  }());
  CHECK(new_pid != old_pid);
  CHECK(pool.stats().closed[static_cast<std::size_t>(pgdsl::close_reason::broken)] == 1);
  CHECK(pool.stats().created == 2);
}

TEST_CASE("A closed async pool answers pool_closed") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::async_pool pool(io.get_executor(), small_pool(fixture, 1));
  pool.close();
  CHECK_THROWS_AS(run(io, [&]() -> asio::awaitable<void> { co_await pool.async_acquire(); }()),
                  pgdsl::pool_closed);
}
