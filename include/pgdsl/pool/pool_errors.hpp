// SPDX-License-Identifier: BSL-1.0
// pool_errors: what acquire() throws when it cannot hand out a connection. Each carries the
// pool's stats at that moment, and its message prints them, so a timeout in a log says why
// (all in use? connections failing to open? a long wait queue?).
#pragma once

#include <string>
#include <utility>

#include "pgdsl/error/error.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl {

/// The base of the pool's own errors (a connection's failures keep their SQLSTATE types).
class pool_error : public error {
 public:
  pool_error(const std::string& what, pool_stats stats)
      : error(what + "; pool: " + to_string(stats)), stats_(std::move(stats)) {}
  /// The pool's state when the error was thrown.
  const pool_stats& stats() const noexcept { return stats_; }

 private:
  pool_stats stats_;
};

/// No connection became free within acquire_timeout.
class pool_timeout : public pool_error {
 public:
  using pool_error::pool_error;
};

/// max_waiting callers were already waiting: refused at once rather than queued.
class pool_exhausted : public pool_error {
 public:
  using pool_error::pool_error;
};

/// The pool was closed (or is draining) and hands out nothing more.
class pool_closed : public pool_error {
 public:
  using pool_error::pool_error;
};

/// A cluster found no primary among its hosts within primary_wait (the message lists each
/// host's role and last probe error).
class no_primary : public error {
 public:
  using error::error;
};

/// read() found no replica within max_replica_lag and reads_fall_back_to_primary is off.
class no_replica : public error {
 public:
  using error::error;
};

}  // namespace pgdsl
