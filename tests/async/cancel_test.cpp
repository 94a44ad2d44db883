// SPDX-License-Identifier: BSL-1.0
// Cancellation and timeouts: a cancelled statement ends with query_canceled (the server was sent
// a cancel request from a thread of its own) and the connection runs the next statement; a
// statement queued behind another is cancelled when its turn comes; one not yet sent ends at
// once; a server that does not answer within the grace period costs the connection.
#include "support/catch.hpp"

#include <boost/asio/detached.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "async_support.hpp"

using namespace async_test;
using clock_type = std::chrono::steady_clock;

namespace {

pgdsl::async_connection connect(asio::io_context& io, const pgdsl::test::database& fixture) {
  return run(io, pgdsl::async_connection::async_connect(
                     io.get_executor(), options_for(fixture.schema()), use_awaitable));
}

// Emits `signal` after `delay` on the io_context.
void emit_after(asio::io_context& io, pgdsl::cancellation& signal,
                std::chrono::milliseconds delay) {
  auto timer = std::make_shared<asio::steady_timer>(io, delay);
  timer->async_wait([timer, &signal](const boost::system::error_code&) { signal.emit(); });
}

}  // namespace

TEST_CASE("pg_sleep(10) cancelled after 50 ms ends with query_canceled; the next statement works") {
  pgdsl::test::database fixture;
  asio::io_context io;
  auto db = connect(io, fixture);
  pgdsl::cancellation cancel;
  emit_after(io, cancel, std::chrono::milliseconds(50));
  const auto started = clock_type::now();
  bool canceled = false;
  run(io, [&]() -> asio::awaitable<void> {
    try {
      co_await db.async_query<>("SELECT pg_sleep(10)", std::tuple{},
                                pgdsl::operation_options{.cancel = &cancel}, use_awaitable);
    } catch (const pgdsl::query_canceled& e) {
      canceled = e.sqlstate() == "57014";
    }
  }());
  const auto elapsed = clock_type::now() - started;
  std::printf("async cancel: pg_sleep(10) cancelled after 50 ms ended after %.1f ms\n",
              std::chrono::duration<double, std::milli>(elapsed).count());
  CHECK(canceled);
  CHECK(elapsed < std::chrono::seconds(5));  // not slept out: the server stopped the statement
  CHECK(db.is_open());
  CHECK(run(io, [&]() -> asio::awaitable<std::int32_t> {
          co_return (co_await db.async_query<std::int32_t>("SELECT 42", use_awaitable)).scalar();
        }()) == 42);
}

TEST_CASE("a timeout cancels the statement the same way") {
  pgdsl::test::database fixture;
  asio::io_context io;
  auto db = connect(io, fixture);
  run(io, [&]() -> asio::awaitable<void> {
    bool canceled = false;
    try {
      co_await db.async_query<>("SELECT pg_sleep(10)", std::tuple{},
                                pgdsl::operation_options{.timeout = std::chrono::milliseconds(50)},
                                use_awaitable);
    } catch (const pgdsl::query_canceled&) {
      canceled = true;
    }
    CHECK(canceled);
    // A timeout that does not expire changes nothing.
    const auto fast = co_await db.async_query<std::int32_t>(
        "SELECT 1", std::tuple{}, pgdsl::operation_options{.timeout = std::chrono::seconds(30)},
        use_awaitable);
    CHECK(fast.scalar() == 1);
  }());
}

TEST_CASE("a statement queued behind another is cancelled when its turn comes; the other is not") {
  pgdsl::test::database fixture;
  asio::io_context io;
  auto db = connect(io, fixture);
  pgdsl::cancellation cancel;
  bool first_done = false, second_canceled = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await db.async_query<>("SELECT pg_sleep(0.2)", use_awaitable);
        first_done = true;
      },
      asio::detached);
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        try {
          co_await db.async_query<>("SELECT pg_sleep(10)", std::tuple{},
                                    pgdsl::operation_options{.cancel = &cancel}, use_awaitable);
        } catch (const pgdsl::query_canceled&) {
          second_canceled = true;
        }
      },
      asio::detached);
  emit_after(io, cancel, std::chrono::milliseconds(50));
  io.run();
  CHECK(first_done);
  CHECK(second_canceled);
  CHECK(db.is_open());
}

TEST_CASE("a statement waiting for a transaction to end is cancelled without being sent") {
  pgdsl::test::database fixture;
  asio::io_context io;
  auto db = connect(io, fixture);
  pgdsl::cancellation cancel;
  run(io, [&]() -> asio::awaitable<void> {
    auto tx = co_await db.async_begin(use_awaitable);
    bool canceled = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          try {
            co_await db.async_query<std::int32_t>("SELECT 1", std::tuple{},
                                                  pgdsl::operation_options{.cancel = &cancel},
                                                  use_awaitable);
          } catch (const pgdsl::query_canceled&) {
            canceled = true;
          }
        },
        asio::detached);
    asio::steady_timer pause(io, std::chrono::milliseconds(10));
    co_await pause.async_wait(use_awaitable);
    cancel.emit();
    co_await pause.async_wait(use_awaitable);
    CHECK(canceled);
    co_await tx.async_commit(use_awaitable);
  }());
}

TEST_CASE(
    "when the server does not end a cancelled statement within the grace period, the "
    "connection is closed with connection_error") {
  pgdsl::test::database fixture;
  asio::io_context io;
  auto db = connect(io, fixture);
  db.set_cancel_grace(std::chrono::milliseconds(0));  // no answer can come this fast
  pgdsl::cancellation cancel;
  emit_after(io, cancel, std::chrono::milliseconds(20));
  bool lost = false;
  run(io, [&]() -> asio::awaitable<void> {
    try {
      co_await db.async_query<>("SELECT pg_sleep(10)", std::tuple{},
                                pgdsl::operation_options{.cancel = &cancel}, use_awaitable);
    } catch (const pgdsl::connection_error&) {
      lost = true;
    }
  }());
  CHECK(lost);
  CHECK_FALSE(db.is_open());
  CHECK_THROWS_AS(run(io,
                      [&]() -> asio::awaitable<void> {
                        co_await db.async_query<std::int32_t>("SELECT 1", use_awaitable);
                      }()),
                  pgdsl::connection_error);
}
