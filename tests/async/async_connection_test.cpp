// SPDX-License-Identifier: BSL-1.0
// async_connection against the real server: nonblocking connect (with a name to resolve),
// static statements and raw queries through several completion tokens, typed errors in
// coroutines and as error codes, transactions and savepoints that take the connection.
#include "support/catch.hpp"

#include <boost/asio/detached.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <cstdint>
#include <future>
#include <string>
#include <vector>

#include "async_support.hpp"
#include "support/items.hpp"

using namespace async_test;
using items_test::items;

namespace {

asio::awaitable<pgdsl::async_connection> connect(const pgdsl::test::database& fixture) {
  co_return co_await pgdsl::async_connection::async_connect(
      co_await asio::this_coro::executor, options_for(fixture.schema()), use_awaitable);
}

}  // namespace

TEST_CASE("a coroutine connects without blocking and runs static statements") {
  pgdsl::test::database fixture;
  items_test::create_items(fixture);
  asio::io_context io;
  run(io, [&]() -> asio::awaitable<void> {
    pgdsl::async_connection db = co_await connect(fixture);
    CHECK(db.is_open());
    co_await db.async_execute(items_test::insert_item(1, "one", 1.5), use_awaitable);
    co_await db.async_execute(items_test::insert_item(2, "two", std::nullopt), use_awaitable);
    const auto rows = co_await db.async_execute(items_test::item_by_id(2), use_awaitable);
    const auto [id, label, price] = rows.one();
    CHECK(id == 2);
    CHECK(label == "two");
    CHECK_FALSE(price.has_value());
    const auto sum = co_await db.async_query<std::int64_t>(
        "SELECT (sum(id) + $1)::int8 FROM items", std::tuple{std::int64_t{10}}, use_awaitable);
    CHECK(sum.scalar() == 13);
  }());
  CHECK(items_test::count_items(fixture.db()) == 2);
}

TEST_CASE("a host name is resolved by Asio and handed to libpq as hostaddr") {
  pgdsl::test::database fixture;
  pgdsl::connection_options options = options_for(fixture.schema());
  const auto at = options.conninfo.find("@127.0.0.1:");
  if (at == std::string::npos) return;  // not the project's throwaway server on loopback
  options.conninfo.replace(at + 1, 9, "localhost");
  CHECK(pgdsl::detail::host_to_resolve(options) == "localhost");
  asio::io_context io;
  const auto value = run(io, [&]() -> asio::awaitable<std::int32_t> {
    auto db = co_await pgdsl::async_connection::async_connect(co_await asio::this_coro::executor,
                                                              options, use_awaitable);
    co_return (co_await db.async_query<std::int32_t>("SELECT 7", use_awaitable)).scalar();
  }());
  CHECK(value == 7);
}

TEST_CASE("a failed connect is a connection_error naming the target, never the password") {
  asio::io_context io;
  pgdsl::connection_options options;
  options.conninfo = "postgresql://nobody:secret-word@127.0.0.1:1/none";
  try {
    run(io, [&]() -> asio::awaitable<void> {
      co_await pgdsl::async_connection::async_connect(co_await asio::this_coro::executor, options,
                                                      use_awaitable);
    }());
    FAIL("connected to port 1");
  } catch (const pgdsl::connection_error& e) {
    CHECK(e.sqlstate() == "08001");
    CHECK(std::string(e.what()).find("127.0.0.1") != std::string::npos);
    CHECK(std::string(e.what()).find("secret-word") == std::string::npos);
  }
}

TEST_CASE(
    "a failed statement throws its typed exception in the coroutine; the connection goes on") {
  pgdsl::test::database fixture;
  items_test::create_items(fixture);
  asio::io_context io;
  run(io, [&]() -> asio::awaitable<void> {
    auto db = co_await connect(fixture);
    co_await db.async_execute(items_test::insert_item(1, "one", 1.0), use_awaitable);
    bool thrown = false;
    try {
      co_await db.async_execute(items_test::insert_item(1, "again", 2.0), use_awaitable);
    } catch (const pgdsl::unique_violation& e) {
      thrown = true;
      CHECK(e.constraint() == "items_pkey");
      CHECK(e.sql().find("INSERT INTO \"items\"") == 0);
    }
    CHECK(thrown);
    // co_await kept out of CHECK(...): g++ 12 mishandles a co_await's temporaries inside the
    // macro's expression (seen as a crash freeing one at the CHECK's line).
    const auto count =
        co_await db.async_query<std::int64_t>("SELECT count(*) FROM items", use_awaitable);
    CHECK(count.scalar() == 1);
  }());
}

TEST_CASE("redirect_error delivers an error code carrying the SQLSTATE") {
  pgdsl::test::database fixture;
  asio::io_context io;
  run(io, [&]() -> asio::awaitable<void> {
    auto db = co_await connect(fixture);
    boost::system::error_code ec;
    co_await db.async_query<std::int32_t>("SELECT 1/0", asio::redirect_error(use_awaitable, ec));
    CHECK(ec.category() == pgdsl::sqlstate_category());
    CHECK(pgdsl::sqlstate(ec) == "22012");
    CHECK(ec.message() == "SQLSTATE 22012 (division_by_zero)");
    const auto one =
        co_await db.async_query<std::int32_t>("SELECT 1", asio::redirect_error(use_awaitable, ec));
    CHECK_FALSE(ec);
    CHECK(one.scalar() == 1);
  }());
}

TEST_CASE("callbacks and use_future are completion tokens too") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::async_connection db = run(io, [&]() -> asio::awaitable<pgdsl::async_connection> {
    co_return co_await connect(fixture);
  }());
  std::int32_t from_callback = 0;
  db.async_query<std::int32_t>(
      "SELECT $1::int4", std::tuple{5},
      [&](std::exception_ptr e, pgdsl::result<pgdsl::raw_columns<std::int32_t>> r) {
        REQUIRE_FALSE(e);
        from_callback = r.scalar();
      });
  std::future<pgdsl::result<pgdsl::raw_columns<std::int32_t>>> future =
      db.async_query<std::int32_t>("SELECT 1/0", asio::use_future);
  io.run();
  CHECK(from_callback == 5);
  CHECK_THROWS_AS(future.get(), pgdsl::division_by_zero);
}

TEST_CASE("a transaction takes the connection: another coroutine's statement runs after it") {
  pgdsl::test::database fixture;
  items_test::create_items(fixture);
  asio::io_context io;
  std::vector<std::string> order;
  run(io, [&]() -> asio::awaitable<void> {
    auto db = co_await connect(fixture);
    auto tx = co_await db.async_begin(use_awaitable);
    co_await tx.async_execute(items_test::insert_item(1, "in tx", 1.0), use_awaitable);
    // Another coroutine asks for the count while the transaction is open.
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
          const auto n =
              co_await db.async_query<std::int64_t>("SELECT count(*) FROM items", use_awaitable);
          order.push_back("count " + std::to_string(n.scalar()));
        },
        asio::detached);
    asio::steady_timer pause(io, std::chrono::milliseconds(30));
    co_await pause.async_wait(use_awaitable);
    order.push_back("rollback");
    {
      auto sp = co_await tx.async_savepoint(use_awaitable);
      co_await tx.async_execute(items_test::insert_item(2, "rolled back", 2.0), use_awaitable);
      co_await sp.async_rollback(use_awaitable);
    }
    const auto inside = co_await tx.async_query<std::int64_t>("SELECT count(*) FROM items",
                                                              std::tuple{}, use_awaitable);
    CHECK(inside.scalar() == 1);  // the savepoint undid the second row
    co_await tx.async_rollback(use_awaitable);
    // The count ran after the rollback, so it saw no row.
    auto committed = co_await db.async_begin(use_awaitable);
    co_await committed.async_execute(items_test::insert_item(3, "kept", 3.0), use_awaitable);
    co_await committed.async_commit(use_awaitable);
  }());
  REQUIRE(order.size() == 2);
  CHECK(order[0] == "rollback");
  CHECK(order[1] == "count 0");
  CHECK(items_test::count_items(fixture.db()) == 1);
}

TEST_CASE("a transaction dropped without commit is rolled back") {
  pgdsl::test::database fixture;
  items_test::create_items(fixture);
  asio::io_context io;
  run(io, [&]() -> asio::awaitable<void> {
    auto db = co_await connect(fixture);
    {
      auto tx = co_await db.async_begin(use_awaitable);
      co_await tx.async_execute(items_test::insert_item(1, "dropped", 1.0), use_awaitable);
    }
    const auto n =
        co_await db.async_query<std::int64_t>("SELECT count(*) FROM items", use_awaitable);
    CHECK(n.scalar() == 0);
  }());
}
