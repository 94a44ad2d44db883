// SPDX-License-Identifier: BSL-1.0
// retry_transaction: re-runs a whole transaction when the server aborted it for a reason that a
// new attempt can fix (serialization_failure, deadlock_detected), with a bounded number of
// attempts and jittered exponential backoff; retry_idempotent reconnects and re-runs work the
// caller marks idempotent when the connection was lost. Every other error propagates at once.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
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

namespace detail {

/// Calls attempt(n) until it returns, sleeping with jittered exponential backoff after each
/// failure for which `retryable(e)` holds, at most policy.max_attempts times in all.
template <class Attempt, class Retryable>
auto with_retries(const retry_policy& policy, Attempt&& attempt, Retryable&& retryable) {
  std::chrono::microseconds backoff = policy.initial_backoff;
  for (int n = 1;; ++n) {
    try {
      return attempt(n);
    } catch (const sql_error& e) {
      if (n >= policy.max_attempts || !retryable(e)) throw;
    }
    std::this_thread::sleep_for(jittered(backoff));
    const auto grown = std::chrono::microseconds(static_cast<std::chrono::microseconds::rep>(
        static_cast<double>(backoff.count()) * policy.multiplier));
    backoff = std::min<std::chrono::microseconds>(grown, policy.max_backoff);
  }
}

}  // namespace detail

/// Runs db.transaction(fn, options), again after serialization_failure or deadlock_detected,
/// up to policy.max_attempts times; rethrows the last failure. `fn` must be safe to run again:
/// everything it did in a failed attempt was rolled back.
template <class F>
auto retry_transaction(connection& db, F&& fn, const retry_policy& policy = {},
                       const transaction_options& options = {}) {
  return detail::with_retries(
      policy, [&](int) { return db.transaction(fn, options); },
      [](const sql_error& e) {
        return dynamic_cast<const serialization_failure*>(&e) != nullptr ||
               dynamic_cast<const deadlock_detected*>(&e) != nullptr;
      });
}

/// Runs fn(db), and when the connection is lost on the way (is_connection_loss), reconnects
/// (db.reset()) and runs fn again, up to policy.max_attempts times in all. Opt-in and only for
/// work the caller knows to be idempotent: a lost connection does not say whether the server
/// committed what was sent last, so running it twice must be harmless (a read, an upsert, an
/// insert with a client-chosen key). Every other error propagates at once.
template <class F>
auto retry_idempotent(connection& db, F&& fn, const retry_policy& policy = {}) {
  return detail::with_retries(
      policy,
      [&](int attempt) {
        if (attempt > 1 || !db.is_open()) db.reset();  // throws connection_error while down
        return std::invoke(fn, db);
      },
      [](const sql_error& e) { return is_connection_loss(e); });
}

}  // namespace pgdsl
