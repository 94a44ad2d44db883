// SPDX-License-Identifier: BSL-1.0
// async_pool: a pool of async_connections for coroutines on one executor.
// `co_await pool.async_acquire()` lends one (async_lease, returned when destroyed); waiting
// suspends the coroutine, never the thread. Why a pool of async connections rather than an
// async acquire on pgdsl::pool: a blocking connection handed to a coroutine would block the
// event loop on every statement (docs/async.md, "Async pool").
#pragma once

#include <chrono>
#include <cstdlib>
#include <memory>
#include <utility>

#include "pgdsl/async/async_connection.hpp"
#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/async/detail/async_pool_core.hpp"
#include "pgdsl/async/detail/completion.hpp"
#include "pgdsl/pool/pool_errors.hpp"
#include "pgdsl/pool/pool_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl {

/// An async_connection borrowed from an async_pool; move-only; returned when destroyed or by
/// release() (on the pool's executor's thread).
class async_lease {
 public:
  async_lease() = default;
  async_lease(std::shared_ptr<detail::async_pool_core> core, detail::pooled_async_ptr pooled)
      : core_(std::move(core)), pooled_(std::move(pooled)) {}
  async_lease(async_lease&&) noexcept = default;
  async_lease& operator=(async_lease&& other) noexcept {
    if (this != &other) {
      release();
      core_ = std::move(other.core_);
      pooled_ = std::move(other.pooled_);
    }
    return *this;
  }
  ~async_lease() { release(); }

  /// The leased connection (valid until the lease ends).
  async_connection* operator->() const noexcept { return &pooled_->db; }
  async_connection& operator*() const noexcept { return pooled_->db; }
  explicit operator bool() const noexcept { return pooled_ != nullptr; }

  /// Gives the connection back now: to the next waiter, or closed when it is unfit.
  void release() noexcept {
    if (pooled_) core_->release(std::move(pooled_));
    core_.reset();
  }

 private:
  std::shared_ptr<detail::async_pool_core> core_;
  detail::pooled_async_ptr pooled_;
};

/// A pool of async connections on one executor. Of pool_options it honours connection,
/// max_size, acquire_timeout, max_waiting, max_lifetime (with lifetime_jitter) and on_close;
/// connections are opened when callers need them (min_size, idle_timeout, ping_after_idle and
/// reset are the blocking pool's).
class async_pool {
  using asio_executor = detail::asio::any_io_executor;

 public:
  async_pool(asio_executor executor, pool_options options)
      : core_(std::make_shared<detail::async_pool_core>(std::move(executor), std::move(options))) {}
  /// A pool connecting to DATABASE_URL when it is set (else libpq's PG* variables), unless
  /// options.connection.conninfo is given.
  static async_pool from_env(asio_executor executor, pool_options options = {}) {
    if (const char* url = std::getenv("DATABASE_URL");
        url && *url && options.connection.conninfo.empty())
      options.connection.conninfo = url;
    return async_pool(std::move(executor), std::move(options));
  }
  async_pool(async_pool&&) noexcept = default;
  async_pool& operator=(async_pool&& other) noexcept {
    if (this != &other) {
      close();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  /// Closes the pool; leases still out close their connection when they end.
  ~async_pool() { close(); }

  /// Borrows a connection, waiting at most options().acquire_timeout; completes with
  /// (exception_ptr, async_lease): pool_timeout, pool_exhausted or pool_closed on failure.
  template <class Token = detail::asio::use_awaitable_t<>>
  auto async_acquire(Token&& token = {}) {
    return async_acquire(core().options().acquire_timeout, std::forward<Token>(token));
  }
  template <class Token = detail::asio::use_awaitable_t<>>
  auto async_acquire(std::chrono::milliseconds timeout, Token&& token = {}) {
    return detail::start_operation<async_lease>(
        std::forward<Token>(token), [core = core_, timeout](auto handler) mutable {
          auto executor = core->executor();
          detail::asio::co_spawn(executor, lend(std::move(core), timeout), std::move(handler));
        });
  }

  /// A snapshot of sizes, counters and acquire-wait percentiles (as pool::stats()).
  pool_stats stats() const { return core().stats(); }
  const pool_options& options() const { return core().options(); }
  /// Hands out nothing more: waiters end with pool_closed, idle connections close.
  void close() noexcept {
    if (core_) core_->close();
  }

 private:
  static detail::asio::awaitable<async_lease> lend(std::shared_ptr<detail::async_pool_core> core,
                                                   std::chrono::milliseconds timeout) {
    detail::pooled_async_ptr pooled = co_await core->acquire(timeout);
    co_return async_lease(std::move(core), std::move(pooled));
  }

  detail::async_pool_core& core() const {
    if (!core_) throw error("the pool was moved from");
    return *core_;
  }

  std::shared_ptr<detail::async_pool_core> core_;
};

}  // namespace pgdsl
