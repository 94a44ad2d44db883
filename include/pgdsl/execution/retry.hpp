// SPDX-License-Identifier: BSL-1.0
// retry_transaction: re-runs a whole transaction when the server aborted it for a reason that a
// new attempt can fix (serialization_failure, deadlock_detected), with a bounded number of
// attempts and jittered exponential backoff. Every other error propagates at once.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <thread>

#include "pgdsl/error/sqlstate_errors.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/transaction.hpp"

namespace pgdsl {

/// How retry_transaction waits and when it gives up.
struct retry_policy {
  int max_attempts = 5;                          ///< attempts in all, the first included
  std::chrono::milliseconds initial_backoff{5};  ///< wait before the second attempt
  std::chrono::milliseconds max_backoff{1000};   ///< the wait never grows beyond this
  double multiplier = 2.0;                       ///< growth of the wait per attempt
};

namespace detail {

// A wait between half and all of `backoff`, so competing clients do not retry in lockstep.
inline std::chrono::microseconds jittered(std::chrono::microseconds backoff) {
  static thread_local std::minstd_rand random(
      static_cast<std::uint_fast32_t>(std::chrono::steady_clock::now().time_since_epoch().count()));
  const auto half = backoff.count() / 2;
  std::uniform_int_distribution<long long> pick(half, std::max<long long>(half, backoff.count()));
  return std::chrono::microseconds(pick(random));
}

}  // namespace detail

/// Runs db.transaction(fn, options), again after serialization_failure or deadlock_detected,
/// up to policy.max_attempts times; rethrows the last failure. `fn` must be safe to run again:
/// everything it did in a failed attempt was rolled back.
template <class F>
auto retry_transaction(connection& db, F&& fn, const retry_policy& policy = {},
                       const transaction_options& options = {}) {
  std::chrono::microseconds backoff = policy.initial_backoff;
  for (int attempt = 1;; ++attempt) {
    try {
      return db.transaction(fn, options);
    } catch (const serialization_failure&) {
      if (attempt >= policy.max_attempts) throw;
    } catch (const deadlock_detected&) {
      if (attempt >= policy.max_attempts) throw;
    }
    std::this_thread::sleep_for(detail::jittered(backoff));
    const auto grown = std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(
        static_cast<double>(backoff.count()) * policy.multiplier));
    backoff = std::min<std::chrono::microseconds>(grown, policy.max_backoff);
  }
}

}  // namespace pgdsl
