// SPDX-License-Identifier: BSL-1.0
// No blocking libpq call on the event loop's thread: a 1 ms timer keeps ticking on the same
// io_context during a 1,000,000-row result and during a connect to a server that never answers;
// the timer's worst lateness is printed (reported, not asserted: timing is the benchmarks' job).
#include "support/catch.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "async_support.hpp"

using namespace async_test;
using clock_type = std::chrono::steady_clock;

namespace {

// A timer that fires every millisecond until stopped and records its worst lateness.
class ticker {
 public:
  explicit ticker(asio::io_context& io) : timer_(io) { arm(clock_type::now()); }
  void stop() {
    stopped_ = true;
    timer_.cancel();
  }
  double worst_ms() const { return std::chrono::duration<double, std::milli>(worst_).count(); }
  long ticks() const { return ticks_; }

 private:
  void arm(clock_type::time_point from) {
    due_ = from + std::chrono::milliseconds(1);
    timer_.expires_at(due_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || stopped_) return;
      const auto now = clock_type::now();
      worst_ = std::max(worst_, now - due_);
      ++ticks_;
      arm(now);
    });
  }
  asio::steady_timer timer_;
  clock_type::time_point due_;
  clock_type::duration worst_{};
  long ticks_ = 0;
  bool stopped_ = false;
};

}  // namespace

TEST_CASE("a 1 ms timer keeps ticking while a 1,000,000-row result arrives") {
  pgdsl::test::database fixture;
  asio::io_context io;
  auto db = run(io, pgdsl::async_connection::async_connect(
                        io.get_executor(), options_for(fixture.schema()), use_awaitable));
  ticker tick(io);
  const auto rows = run(io, [&]() -> asio::awaitable<std::int64_t> {
    const auto r = co_await db.async_query<std::int32_t>(
        "SELECT g FROM generate_series(1, 1000000) AS g", use_awaitable);
    tick.stop();
    std::int64_t sum = 0;
    for (const auto& [g] : r) sum += g;
    CHECK(sum == 500000500000);
    co_return static_cast<std::int64_t>(r.size());
  }());
  CHECK(rows == 1000000);
  CHECK(tick.ticks() > 0);
  std::printf("async event loop: 1,000,000-row result: %ld ticks, worst timer lateness %.2f ms\n",
              tick.ticks(), tick.worst_ms());
}

TEST_CASE("a 1 ms timer keeps ticking while a connect to a silent server times out") {
  asio::io_context io;
  // A loopback listener that accepts and never says a word.
  asio::ip::tcp::acceptor silent(io, {asio::ip::make_address("127.0.0.1"), 0});
  asio::ip::tcp::socket accepted(io);
  silent.async_accept(accepted, [](const boost::system::error_code&) {});
  pgdsl::connection_options options;
  options.conninfo =
      "postgresql://nobody@localhost:" + std::to_string(silent.local_endpoint().port()) + "/none";
  options.connect_timeout = std::chrono::seconds(1);
  ticker tick(io);
  const auto started = clock_type::now();
  bool timed_out = false;
  run(io, [&]() -> asio::awaitable<void> {
    try {
      co_await pgdsl::async_connection::async_connect(io.get_executor(), options, use_awaitable);
    } catch (const pgdsl::connection_error& e) {
      timed_out = std::string(e.what()).find("timeout expired") != std::string::npos;
    }
    tick.stop();
  }());
  CHECK(timed_out);
  CHECK(tick.ticks() > 0);
  std::printf(
      "async event loop: silent server, connect timeout after %.0f ms: %ld ticks, worst "
      "timer lateness %.2f ms\n",
      std::chrono::duration<double, std::milli>(clock_type::now() - started).count(), tick.ticks(),
      tick.worst_ms());
}
