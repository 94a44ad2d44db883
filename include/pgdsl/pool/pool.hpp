// SPDX-License-Identifier: BSL-1.0
// pool: a thread-safe pool of pgdsl::connection. acquire() lends one connection (RAII lease);
// execute(), query() and transaction() borrow one for a single call. Sizing, waiting, retiring
// and resetting follow pool_options; stats() shows what it is doing (docs/pool.md).
#pragma once

#include <chrono>
#include <cstdlib>
#include <memory>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/transaction.hpp"
#include "pgdsl/pool/connection_lease.hpp"
#include "pgdsl/pool/detail/pool_core.hpp"
#include "pgdsl/pool/pool_errors.hpp"
#include "pgdsl/pool/pool_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl {

/// A thread-safe pool of connections to one server (or one libpq multi-host target).
class pool {
 public:
  /// Opens min_size connections (throwing the first failure when fail_fast) and starts the
  /// background thread that opens, checks and retires connections.
  explicit pool(pool_options options)
      : core_(std::make_shared<detail::pool_core>(std::move(options))) {
    core_->start();
  }

  /// A pool connecting to DATABASE_URL when it is set (else libpq's PG* variables), unless
  /// options.connection.conninfo is given.
  static pool from_env(pool_options options = {}) {
    if (const char* url = std::getenv("DATABASE_URL");
        url && *url && options.connection.conninfo.empty())
      options.connection.conninfo = url;
    return pool(std::move(options));
  }

  pool(pool&&) noexcept = default;
  pool& operator=(pool&& other) noexcept {
    if (this != &other) {
      close();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  pool(const pool&) = delete;
  pool& operator=(const pool&) = delete;
  /// Closes the pool; leases still out close their connection when they end.
  ~pool() { close(); }

  /// Borrows a connection, waiting at most acquire_timeout; throws pool_timeout (its message
  /// carries stats()), pool_exhausted (wait queue full) or pool_closed.
  connection_lease acquire() { return acquire(core().options().acquire_timeout); }
  connection_lease acquire(std::chrono::milliseconds timeout) {
    return connection_lease(core_, core().acquire(timeout));
  }

  /// Runs one statement on a borrowed connection (see connection::execute).
  template <class Q>
  auto execute(const Q& statement) {
    connection_lease lease = acquire();
    return lease->execute(statement);
  }

  /// Runs raw SQL with bound arguments on a borrowed connection (see connection::query).
  template <class... T, class... Args>
  auto query(raw_sql sql, const Args&... args) {
    connection_lease lease = acquire();
    return lease->template query<T...>(sql, args...);
  }

  /// Runs raw SQL returning no rows of interest on a borrowed connection.
  template <class... Args>
  auto execute_raw(raw_sql sql, const Args&... args) {
    connection_lease lease = acquire();
    return lease->execute_raw(sql, args...);
  }

  /// Runs fn(transaction&) in a transaction on one borrowed connection: commits when it
  /// returns, rolls back and rethrows when it throws. Never retried by the pool.
  template <class F>
  auto transaction(F&& fn, const transaction_options& options = {}) {
    connection_lease lease = acquire();
    return lease->transaction(std::forward<F>(fn), options);
  }

  /// A snapshot of sizes, counters and acquire-wait percentiles.
  pool_stats stats() const { return core().stats(); }
  const pool_options& options() const { return core().options(); }

  /// Refuses new acquires, waits at most `timeout` for every lease to come back, then closes;
  /// true when all came back in time.
  bool drain(std::chrono::milliseconds timeout) { return core().drain(timeout); }
  /// Closes now: waiters get pool_closed, idle connections close, leases close on return.
  void close() noexcept {
    if (core_) core_->close();
  }

 private:
  detail::pool_core& core() const {
    if (!core_) throw error("the pool was moved from");
    return *core_;
  }
  std::shared_ptr<detail::pool_core> core_;
};

}  // namespace pgdsl
