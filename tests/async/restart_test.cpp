// SPDX-License-Identifier: BSL-1.0
// An async connection across a server restart: the statement running when the server stops ends
// with connection_error, the connection says it is closed and refuses the next statement with
// connection_error, and a new connection works. Runs in a throwaway cluster of its own (it
// restarts the server).
#include "support/catch.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#include "async_support.hpp"

using namespace async_test;

TEST_CASE("a server restart ends the running statement with connection_error; a new connection "
          "works") {
  const char* pg_ctl = std::getenv("PGDSL_PG_CTL");
  if (!pg_ctl) return;  // not our own cluster
  pgdsl::connection_options options;
  options.conninfo = std::getenv("DATABASE_URL");
  asio::io_context io;
  auto db = run(io, pgdsl::async_connection::async_connect(io.get_executor(), options,
                                                           use_awaitable));
  std::thread restart;
  bool lost = false;
  run(io, [&]() -> asio::awaitable<void> {
    // The restart runs on a thread of its own while the loop waits for the statement.
    restart = std::thread([pg_ctl] {
      const std::string command = "\"" + std::string(pg_ctl) + "\" restart -m fast >/dev/null";
      CHECK(std::system(command.c_str()) == 0);
    });
    try {
      co_await db.async_query<>("SELECT pg_sleep(30)", use_awaitable);
    } catch (const pgdsl::connection_error& e) {
      lost = pgdsl::is_connection_loss(e);
    }
  }());
  restart.join();
  CHECK(lost);
  CHECK_FALSE(db.is_open());
  CHECK_THROWS_AS(run(io, [&]() -> asio::awaitable<void> {
                    co_await db.async_query<std::int32_t>("SELECT 1", use_awaitable);
                  }()),
                  pgdsl::connection_error);
  const auto value = run(io, [&]() -> asio::awaitable<std::int32_t> {
    auto again = co_await pgdsl::async_connection::async_connect(io.get_executor(), options,
                                                                 use_awaitable);
    co_return (co_await again.async_query<std::int32_t>("SELECT 3", use_awaitable)).scalar();
  }());
  CHECK(value == 3);
}
