// SPDX-License-Identifier: BSL-1.0
// Automatic pipelining: many coroutines awaiting statements on the same connections at once, each
// answer matched to its own awaiter; a failure in the middle fails only its own statement.
#include "support/catch.hpp"

#include <boost/asio/detached.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "async_support.hpp"
#include "support/items.hpp"

using namespace async_test;
using items_test::items;

TEST_CASE("1,000 coroutines on one thread share 4 connections; every answer is its own") {
  pgdsl::test::database fixture;
  items_test::create_items(fixture);
  for (std::int64_t id = 0; id < 100; ++id)
    fixture.db().execute(items_test::insert_item(id, "item " + std::to_string(id), id * 0.5));
  asio::io_context io;
  std::vector<pgdsl::async_connection> connections;
  for (int i = 0; i < 4; ++i)
    connections.push_back(
        run(io, pgdsl::async_connection::async_connect(
                    io.get_executor(), options_for(fixture.schema()), use_awaitable)));
  int checked = 0, wrong = 0, failed = 0;
  std::size_t most_in_flight = 0;
  for (int task = 0; task < 1000; ++task) {
    asio::co_spawn(
        io,
        [&, task]() -> asio::awaitable<void> {
          pgdsl::async_connection& db = connections[static_cast<std::size_t>(task % 4)];
          for (int round = 0; round < 3; ++round) {
            const std::int64_t id = (task * 7 + round) % 100;
            const auto rows = co_await db.async_execute(items_test::item_by_id(id), use_awaitable);
            most_in_flight = std::max(most_in_flight, db.in_flight());
            const auto [got, label, price] = rows.one();
            if (got == id && label == "item " + std::to_string(id) && price == id * 0.5)
              ++checked;
            else
              ++wrong;
          }
        },
        [&](std::exception_ptr e) {
          if (e) ++failed;
        });
  }
  io.run();
  CHECK(failed == 0);
  CHECK(wrong == 0);
  CHECK(checked == 3000);
  CHECK(most_in_flight > 1);  // statements really were pipelined
}

TEST_CASE("a failed statement among pipelined ones fails only its own awaiter") {
  pgdsl::test::database fixture;
  asio::io_context io;
  auto db = run(io, pgdsl::async_connection::async_connect(
                        io.get_executor(), options_for(fixture.schema()), use_awaitable));
  std::vector<int> answers(20, -1);
  int division_errors = 0;
  for (int i = 0; i < 20; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          try {
            const auto r = co_await db.async_query<std::int32_t>(
                "SELECT 100 / $1::int4", std::tuple{i == 10 ? 0 : 1}, use_awaitable);
            answers[static_cast<std::size_t>(i)] = r.scalar();
          } catch (const pgdsl::division_by_zero&) {
            ++division_errors;
          }
        },
        asio::detached);
  }
  io.run();
  CHECK(division_errors == 1);
  for (int i = 0; i < 20; ++i) CHECK(answers[static_cast<std::size_t>(i)] == (i == 10 ? -1 : 100));
}

TEST_CASE("a statement whose columns do not match fails alone, before it runs") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE items (id bigint PRIMARY KEY, label int4 NOT NULL, price float8)");
  asio::io_context io;
  auto db = run(io, pgdsl::async_connection::async_connect(
                        io.get_executor(), options_for(fixture.schema()), use_awaitable));
  bool mismatch = false, after = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        try {
          co_await db.async_execute(items_test::item_by_id(1), use_awaitable);
        } catch (const pgdsl::type_mismatch&) {
          mismatch = true;
        }
      },
      asio::detached);
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        after = (co_await db.async_query<std::int32_t>("SELECT 1", use_awaitable)).scalar() == 1;
      },
      asio::detached);
  io.run();
  CHECK(mismatch);
  CHECK(after);
}
