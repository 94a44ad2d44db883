// SPDX-License-Identifier: BSL-1.0
// pool_core: the shared state of a pool and its one background thread. Callers wait in a FIFO
// queue, each on a condition variable of its own; a released or newly opened connection is
// handed to the oldest waiter directly, so no caller can overtake one that waits longer.
// Connections are opened only by the background thread: a caller that gives up never abandons
// an opening, whose connection then waits idle for the next caller. Leases keep the core alive
// (shared_ptr), so one returned after the pool is gone is simply closed.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pgdsl/pool/detail/health.hpp"
#include "pgdsl/pool/detail/pooled_connection.hpp"
#include "pgdsl/pool/detail/wait_histogram.hpp"
#include "pgdsl/pool/pool_errors.hpp"
#include "pgdsl/pool/pool_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl::detail {

using pooled_ptr = std::unique_ptr<pooled_connection>;

class pool_core {
 public:
  explicit pool_core(pool_options options) : options_(std::move(options)) {
    if (options_.max_size == 0) throw error("pool_options: max_size must be at least 1");
    if (options_.min_size > options_.max_size)
      throw error("pool_options: min_size must not exceed max_size");
  }
  pool_core(const pool_core&) = delete;
  pool_core& operator=(const pool_core&) = delete;
  ~pool_core() { close(); }

  /// Warm-up (min_size connections, the first failure thrown when fail_fast), then starts the
  /// background thread.
  void start() {
    if (options_.fail_fast) {
      for (std::size_t i = 0; i < options_.min_size; ++i) {
        pooled_ptr fresh = open_one();
        const std::lock_guard lock(mutex_);
        ++open_;
        ++created_;
        idle_.push_back(std::move(fresh));
      }
    }
    background_ = std::thread([this] { run_background(); });
  }

  const pool_options& options() const noexcept { return options_; }

  /// A connection for one caller, checked; throws pool_timeout, pool_exhausted or pool_closed.
  pooled_ptr acquire(std::chrono::milliseconds timeout) {
    const auto start = pool_clock::now();
    const auto deadline = start + timeout;
    std::unique_lock lock(mutex_);
    for (;;) {
      if (!accepting_) throw pool_closed("the pool is closed", snapshot());
      pooled_ptr got;
      if (!idle_.empty() && waiters_.empty()) {
        got = std::move(idle_.back());  // the most recently used: warm caches, others expire
        idle_.pop_back();
        ++in_use_;
      } else {
        if (waiters_.size() >= options_.max_waiting) {
          ++rejected_;
          throw pool_exhausted(
              std::to_string(waiters_.size()) + " callers are already waiting (max_waiting)",
              snapshot());
        }
        waiter me;
        waiters_.push_back(&me);
        // The opening this caller needs is asked for now and goes ahead even if the caller gives
        // up before the background thread gets to it (its connection then waits idle).
        if (open_ + opening_ + requested_ < options_.max_size &&
            waiters_.size() > opening_ + requested_)
          ++requested_;
        if (needs_opening()) wake_.notify_one();
        while (!me.connection && accepting_)
          if (me.ready.wait_until(lock, deadline) == std::cv_status::timeout) break;
        if (!me.connection) {
          std::erase(waiters_, &me);
          if (!accepting_) throw pool_closed("the pool was closed while waiting", snapshot());
          ++timeouts_;
          throw pool_timeout(
              "no connection became free within " + std::to_string(timeout.count()) + "ms",
              snapshot());
        }
        got = std::move(me.connection);
      }
      lock.unlock();
      const std::optional<close_reason> unfit = check_before_handout(*got);
      if (unfit) {
        retire(std::move(got), *unfit);
        lock.lock();
        continue;
      }
      lock.lock();
      ++acquires_;
      waits_.record(pool_clock::now() - start);
      return got;
    }
  }

  /// Takes back a leased connection: cleaned and handed to the next caller, or closed.
  void release(pooled_ptr pooled) noexcept {
    const auto now = pool_clock::now();
    const std::optional<close_reason> unfit = prepare_for_reuse(*pooled, options_.reset, now);
    std::unique_lock lock(mutex_);
    if (unfit || !accepting_) {
      lock.unlock();
      retire(std::move(pooled), unfit.value_or(close_reason::pool_closed));
      return;
    }
    --in_use_;
    pooled->idle_since = now;
    hand_over(std::move(pooled));
  }

  pool_stats stats() const {
    const std::lock_guard lock(mutex_);
    return snapshot();
  }

  /// Stops handing out connections, fails the waiters with pool_closed, closes the idle
  /// connections and stops the background thread; leased connections close when returned.
  void close() noexcept {
    std::vector<pooled_ptr> idle;
    {
      const std::lock_guard lock(mutex_);
      accepting_ = false;
      closing_ = true;
      for (waiter* w : waiters_) w->ready.notify_one();
      idle = take_all_idle();
      closed_[static_cast<std::size_t>(close_reason::pool_closed)] += idle.size();
    }
    wake_.notify_all();
    if (background_.joinable() && background_.get_id() != std::this_thread::get_id())
      background_.join();
    idle.clear();  // PQfinish outside the lock
  }

  /// Refuses new acquires, waits (at most `timeout`) until every lease is returned, then
  /// closes; true when none was still out.
  bool drain(std::chrono::milliseconds timeout) {
    bool all_back = false;
    {
      std::unique_lock lock(mutex_);
      accepting_ = false;
      for (waiter* w : waiters_) w->ready.notify_one();
      all_back = returned_.wait_for(lock, timeout, [&] { return in_use_ == 0; });
    }
    close();
    return all_back;
  }

 private:
  struct waiter {
    std::condition_variable ready;
    pooled_ptr connection;
  };

  pooled_ptr open_one() {
    auto fresh = std::make_unique<pooled_connection>(
        pooled_connection{connection(options_.connection), {}, {}, {}});
    fresh->opened = fresh->idle_since = pool_clock::now();
    fresh->expires = pool_clock::time_point::max();
    if (options_.max_lifetime.count() > 0) {
      const double jitter = std::clamp(options_.lifetime_jitter, 0.0, 1.0);
      std::uniform_real_distribution<double> cut(0.0, jitter);
      const auto lifetime = std::chrono::duration_cast<pool_clock::duration>(options_.max_lifetime *
                                                                             (1.0 - cut(random_)));
      fresh->expires = fresh->opened + lifetime;
    }
    return fresh;
  }

  // Outside the lock: the cheap checks on every hand-out, a ping after a long idle time.
  std::optional<close_reason> check_before_handout(pooled_connection& pooled) noexcept {
    const auto now = pool_clock::now();
    if (now >= pooled.expires) return close_reason::lifetime;
    if (auto reason = retire_reason(pooled.db)) return reason;
    if (idle_socket_readable(pooled.db)) return close_reason::broken;
    if (now - pooled.idle_since >= options_.ping_after_idle) {
      try {
        pooled.db.run_command(runtime_sql("SELECT 1"));
      } catch (...) {
        return close_reason::failed_ping;
      }
    }
    return std::nullopt;
  }

  // Closes a connection that was in use (outside the lock: PQfinish may block briefly).
  void retire(pooled_ptr pooled, close_reason reason) noexcept {
    {
      const std::lock_guard lock(mutex_);
      --in_use_;
      --open_;
      ++closed_[static_cast<std::size_t>(reason)];
      if (in_use_ == 0) returned_.notify_all();
    }
    wake_.notify_one();  // a waiter may now need a new connection
    pooled.reset();
    notify_closed(reason);
  }

  // Outside the lock: the on_close callback, for a connection that was leased.
  void notify_closed(close_reason reason) noexcept {
    if (!options_.on_close) return;
    try {
      options_.on_close(reason);
    } catch (...) {  // a callback must not break the pool
    }
  }

  // Under the lock: to the oldest waiter, else idle.
  void hand_over(pooled_ptr pooled) {
    if (!waiters_.empty()) {
      waiter* oldest = waiters_.front();
      waiters_.pop_front();
      oldest->connection = std::move(pooled);
      ++in_use_;
      oldest->ready.notify_one();
    } else {
      idle_.push_back(std::move(pooled));
      if (in_use_ == 0) returned_.notify_all();
    }
  }

  // Under the lock: a connection must be opened for a waiter or to keep min_size.
  bool needs_opening() const noexcept {
    const std::size_t total = open_ + opening_;
    if (closing_ || total >= options_.max_size) return false;
    return requested_ > 0 || waiters_.size() > opening_ || total < options_.min_size;
  }

  std::vector<pooled_ptr> take_all_idle() {
    std::vector<pooled_ptr> taken;
    for (auto& p : idle_) taken.push_back(std::move(p));
    open_ -= idle_.size();
    idle_.clear();
    return taken;
  }

  // Under the lock: idle connections past their lifetime, or idle too long above min_size.
  std::vector<pooled_ptr> take_stale_idle(pool_clock::time_point now) {
    std::vector<pooled_ptr> stale;
    for (auto it = idle_.begin(); it != idle_.end();) {
      std::optional<close_reason> reason;
      if (now >= (*it)->expires)
        reason = close_reason::lifetime;
      else if (options_.idle_timeout.count() > 0 && open_ > options_.min_size &&
               now - (*it)->idle_since >= options_.idle_timeout)
        reason = close_reason::idle;
      if (!reason) {
        ++it;
        continue;
      }
      stale.push_back(std::move(*it));
      it = idle_.erase(it);
      --open_;
      ++closed_[static_cast<std::size_t>(*reason)];
    }
    return stale;
  }

  void run_background() {
    std::chrono::milliseconds backoff{10};
    auto next_sweep = pool_clock::now() + options_.housekeeping_interval;
    std::unique_lock lock(mutex_);
    while (!closing_) {
      if (needs_opening()) {
        ++opening_;
        if (requested_ > 0) --requested_;
        lock.unlock();
        pooled_ptr fresh;
        std::string failure;
        try {
          fresh = open_one();
        } catch (const std::exception& e) {
          failure = e.what();
        }
        lock.lock();
        --opening_;
        if (fresh) {
          ++open_;
          ++created_;
          backoff = std::chrono::milliseconds{10};
          fresh->idle_since = pool_clock::now();
          hand_over(std::move(fresh));
        } else {
          ++connect_failures_;
          last_connect_error_ = failure;
          wake_.wait_for(lock, backoff, [&] { return closing_; });
          backoff = std::min(backoff * 2, std::chrono::milliseconds{1'000});
        }
        continue;
      }
      const auto now = pool_clock::now();
      if (now >= next_sweep) {
        std::vector<pooled_ptr> stale = take_stale_idle(now);
        next_sweep = now + options_.housekeeping_interval;
        if (!stale.empty()) {
          lock.unlock();
          stale.clear();
          lock.lock();
        }
        continue;
      }
      wake_.wait_until(lock, next_sweep, [&] { return closing_ || needs_opening(); });
    }
  }

  pool_stats snapshot() const {
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
    s.closed = closed_;
    s.wait_p50 = waits_.percentile(0.50);
    s.wait_p90 = waits_.percentile(0.90);
    s.wait_p99 = waits_.percentile(0.99);
    s.wait_max = waits_.max();
    s.last_connect_error = last_connect_error_;
    return s;
  }

  const pool_options options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;      // the background thread's
  std::condition_variable returned_;  // drain(): the last lease came back
  std::deque<pooled_ptr> idle_;
  std::deque<waiter*> waiters_;
  std::size_t open_ = 0, in_use_ = 0, opening_ = 0;
  std::size_t requested_ = 0;  // openings callers asked for that the opener has not started
  bool accepting_ = true, closing_ = false;
  std::uint64_t acquires_ = 0, timeouts_ = 0, rejected_ = 0, created_ = 0, connect_failures_ = 0;
  std::array<std::uint64_t, close_reason_count> closed_{};
  wait_histogram waits_;
  std::string last_connect_error_;
  std::mt19937_64 random_{std::random_device{}()};  // used by the opening thread only
  std::thread background_;
};

}  // namespace pgdsl::detail
