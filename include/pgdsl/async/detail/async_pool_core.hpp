// SPDX-License-Identifier: BSL-1.0
// async_pool_core: the state of an async_pool, on one executor (no locks). Callers wait in a
// FIFO queue, each on a timer of its own that expires at its deadline; a returned or newly
// opened connection is handed to the oldest waiter directly (its timer cancelled), as the
// blocking pool does. Connections are opened by coroutines of their own (async_connect, never
// blocking the loop), one per waiter that needs one, up to max_size; a failed opening is retried
// after a pause while callers still wait. The health rules are the blocking pool's
// (pool/detail/health.hpp): a lost connection, one whose last error was 08xxx, 57P01-57P03 or
// 25006, one past its lifetime, or one whose idle socket has unread bytes (a terminated
// backend's farewell) is closed, never handed out.
#pragma once

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/detached.hpp>

#include "pgdsl/async/async_connection.hpp"
#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/pool/detail/health.hpp"
#include "pgdsl/pool/detail/wait_histogram.hpp"
#include "pgdsl/pool/pool_errors.hpp"
#include "pgdsl/pool/pool_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl::detail {

/// A connection of an async pool and when it must be closed.
struct pooled_async {
  async_connection db;
  std::chrono::steady_clock::time_point expires;
};
using pooled_async_ptr = std::unique_ptr<pooled_async>;

class async_pool_core : public std::enable_shared_from_this<async_pool_core> {
  using clock = std::chrono::steady_clock;

 public:
  async_pool_core(asio::any_io_executor executor, pool_options options)
      : executor_(std::move(executor)), options_(std::move(options)), retry_timer_(executor_) {
    if (options_.max_size == 0) throw error("pool_options: max_size must be at least 1");
  }

  const asio::any_io_executor& executor() const noexcept { return executor_; }
  const pool_options& options() const noexcept { return options_; }

  /// A healthy connection, waiting at most `timeout`; throws pool_timeout, pool_exhausted or
  /// pool_closed.
  asio::awaitable<pooled_async_ptr> acquire(std::chrono::milliseconds timeout) {
    const auto start = clock::now();
    const auto deadline = start + timeout;
    for (;;) {
      if (closed_) throw pool_closed("the pool is closed", stats());
      pooled_async_ptr got;
      if (!idle_.empty() && waiters_.empty()) {
        got = std::move(idle_.back());  // the most recently used
        idle_.pop_back();
      } else {
        if (waiters_.size() >= options_.max_waiting) {
          ++rejected_;
          throw pool_exhausted(
              std::to_string(waiters_.size()) + " callers are already waiting (max_waiting)",
              stats());
        }
        auto me = std::make_shared<waiter>(executor_, deadline);
        waiters_.push_back(me);
        open_for_waiters();
        boost::system::error_code woken;  // cancelled: a connection (or the close) came
        co_await me->timer.async_wait(asio::redirect_error(asio::use_awaitable, woken));
        std::erase(waiters_, me);
        if (!me->connection) {
          if (closed_) throw pool_closed("the pool was closed while waiting", stats());
          ++timeouts_;
          throw pool_timeout(
              "no connection became free within " + std::to_string(timeout.count()) + "ms",
              stats());
        }
        got = std::move(me->connection);
      }
      if (const auto unfit = unfit_for_handout(*got)) {
        retire(std::move(got), *unfit);
        continue;
      }
      ++in_use_;
      ++acquires_;
      waits_.record(clock::now() - start);
      co_return got;
    }
  }

  /// Takes back a leased connection: to the oldest waiter, idle, or closed when unfit.
  void release(pooled_async_ptr pooled) noexcept {
    --in_use_;
    std::optional<close_reason> unfit;
    if (closed_)
      unfit = close_reason::pool_closed;
    else if (!pooled->db.is_open())
      unfit = close_reason::broken;
    else
      unfit = retire_reason(last_error(pooled->db.native_handle()));
    if (unfit) return retire(std::move(pooled), *unfit);
    hand_over(std::move(pooled));
  }

  pool_stats stats() const {
    pool_stats s;
    s.size = open_;
    s.idle = idle_.size();
    s.in_use = in_use_;
    s.opening = opening_;
    s.waiting = waiters_.size();
    s.max_size = options_.max_size;
    s.acquires = acquires_;
    s.timeouts = timeouts_;
    s.rejected = rejected_;
    s.created = created_;
    s.connect_failures = connect_failures_;
    s.closed = closed_reasons_;
    s.wait_p50 = waits_.percentile(0.50);
    s.wait_p90 = waits_.percentile(0.90);
    s.wait_p99 = waits_.percentile(0.99);
    s.wait_max = waits_.max();
    s.last_connect_error = last_connect_error_;
    return s;
  }

  /// Hands out nothing more: waiters end with pool_closed, idle connections close; leased ones
  /// close when returned.
  void close() noexcept {
    if (closed_) return;
    closed_ = true;
    retry_timer_.cancel();
    for (auto& w : waiters_) w->timer.cancel();
    closed_reasons_[static_cast<std::size_t>(close_reason::pool_closed)] += idle_.size();
    open_ -= idle_.size();
    idle_.clear();
  }

 private:
  struct waiter {
    waiter(const asio::any_io_executor& executor, clock::time_point deadline)
        : timer(executor, deadline) {}
    asio::steady_timer timer;
    pooled_async_ptr connection;
  };

  std::optional<close_reason> unfit_for_handout(pooled_async& pooled) const noexcept {
    if (!pooled.db.is_open()) return close_reason::broken;
    if (clock::now() >= pooled.expires) return close_reason::lifetime;
    if (pooled.db.in_flight() == 0 && idle_socket_readable(pooled.db.native_handle()))
      return close_reason::broken;
    return retire_reason(last_error(pooled.db.native_handle()));
  }

  void retire(pooled_async_ptr pooled, close_reason reason) noexcept {
    --open_;
    ++closed_reasons_[static_cast<std::size_t>(reason)];
    pooled.reset();
    if (options_.on_close) {
      try {
        options_.on_close(reason);
      } catch (...) {  // a callback must not break the pool
      }
    }
    open_for_waiters();  // a waiter may now need a new connection
  }

  void hand_over(pooled_async_ptr pooled) {
    if (!waiters_.empty()) {
      auto oldest = waiters_.front();
      waiters_.pop_front();
      oldest->connection = std::move(pooled);
      oldest->timer.cancel();
    } else {
      idle_.push_back(std::move(pooled));
    }
  }

  // Opens a connection for every waiter no opening is on its way for, up to max_size.
  void open_for_waiters() noexcept {
    while (!closed_ && !retrying_ && open_ + opening_ < options_.max_size &&
           waiters_.size() > opening_) {
      ++opening_;
      asio::co_spawn(executor_, open_one(shared_from_this()), asio::detached);
    }
  }

  static asio::awaitable<void> open_one(std::shared_ptr<async_pool_core> self) {
    std::optional<async_connection> db;
    try {
      db.emplace(co_await async_connection::async_connect(
          self->executor_, self->options_.connection, asio::use_awaitable));
    } catch (const std::exception& e) {
      self->last_connect_error_ = e.what();
    }
    --self->opening_;
    if (!db) {
      ++self->connect_failures_;
      co_await self->pause_after_failure();
      co_return;
    }
    if (self->closed_) co_return;
    ++self->open_;
    ++self->created_;
    auto pooled = std::make_unique<pooled_async>(pooled_async{std::move(*db), self->expiry()});
    self->hand_over(std::move(pooled));
  }

  // After a failed opening: wait a little before opening again for those still waiting.
  asio::awaitable<void> pause_after_failure() {
    if (retrying_) co_return;
    retrying_ = true;
    retry_timer_.expires_after(std::chrono::milliseconds(100));
    boost::system::error_code ignored;
    co_await retry_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    retrying_ = false;
    open_for_waiters();
  }

  clock::time_point expiry() {
    if (options_.max_lifetime.count() <= 0) return clock::time_point::max();
    const double jitter = std::clamp(options_.lifetime_jitter, 0.0, 1.0);
    const double cut = jitter * static_cast<double>(created_ % 16) / 16.0;  // spread, not random
    return clock::now() +
           std::chrono::duration_cast<clock::duration>(options_.max_lifetime * (1.0 - cut));
  }

  asio::any_io_executor executor_;
  const pool_options options_;
  asio::steady_timer retry_timer_;
  std::vector<pooled_async_ptr> idle_;
  std::deque<std::shared_ptr<waiter>> waiters_;
  std::size_t open_ = 0, opening_ = 0, in_use_ = 0;
  std::uint64_t acquires_ = 0, timeouts_ = 0, rejected_ = 0, created_ = 0, connect_failures_ = 0;
  std::array<std::uint64_t, close_reason_count> closed_reasons_{};
  wait_histogram waits_;
  std::string last_connect_error_;
  bool closed_ = false;
  bool retrying_ = false;
};

}  // namespace pgdsl::detail
