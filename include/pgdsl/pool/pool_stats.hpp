// SPDX-License-Identifier: BSL-1.0
// pool_stats: a snapshot of a pool (sizes, counters, connections closed by reason, acquire-wait
// percentiles) and its one-line text, which pool_timeout carries so that a timeout says why.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace pgdsl {

/// Why the pool closed a connection.
enum class close_reason : std::size_t {
  broken,       ///< the connection was lost or saw SQLSTATE 08xxx / 57P01-57P03
  read_only,    ///< it saw 25006: its server is (now) a standby
  lifetime,     ///< max_lifetime reached
  idle,         ///< idle_timeout reached above min_size
  failed_ping,  ///< the check before hand-out failed
  not_reset,    ///< its session could not be reset on release
  pool_closed,  ///< the pool was closed or drained
};
inline constexpr std::size_t close_reason_count = 7;

inline const char* to_string(close_reason reason) noexcept {
  constexpr std::array<const char*, close_reason_count> names{
      "broken", "read_only", "lifetime", "idle", "failed_ping", "not_reset", "pool_closed"};
  return names[static_cast<std::size_t>(reason)];
}

/// A consistent snapshot of a pool, taken under its lock.
struct pool_stats {
  std::size_t size = 0;                ///< open connections (idle + in use)
  std::size_t idle = 0;                ///< waiting in the pool
  std::size_t in_use = 0;              ///< leased to callers
  std::size_t opening = 0;             ///< being opened in the background
  std::size_t waiting = 0;             ///< callers waiting in acquire()
  std::size_t max_size = 0;            ///< the configured bound
  std::uint64_t acquires = 0;          ///< successful acquires
  std::uint64_t timeouts = 0;          ///< acquires that gave up (pool_timeout)
  std::uint64_t rejected = 0;          ///< acquires refused because the wait queue was full
  std::uint64_t created = 0;           ///< connections opened
  std::uint64_t connect_failures = 0;  ///< connection attempts that failed
  std::array<std::uint64_t, close_reason_count> closed{};  ///< closed, by close_reason
  std::chrono::nanoseconds wait_p50{}, wait_p90{}, wait_p99{}, wait_max{};  ///< acquire waits
  std::string last_connect_error{};  ///< the last connection failure's message, if any

  std::uint64_t closed_total() const noexcept {
    std::uint64_t total = 0;
    for (const std::uint64_t n : closed) total += n;
    return total;
  }
};

namespace detail {
inline std::string micros(std::chrono::nanoseconds d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(d).count()) + "us";
}
}  // namespace detail

/// The snapshot on one line: "size 8/8 (idle 0, in use 8, opening 0), waiting 3, ...".
inline std::string to_string(const pool_stats& s) {
  std::string text = "size " + std::to_string(s.size) + "/" + std::to_string(s.max_size) +
                     " (idle " + std::to_string(s.idle) + ", in use " + std::to_string(s.in_use) +
                     ", opening " + std::to_string(s.opening) + "), waiting " +
                     std::to_string(s.waiting) + ", acquires " + std::to_string(s.acquires) +
                     ", timeouts " + std::to_string(s.timeouts) + ", rejected " +
                     std::to_string(s.rejected) + ", created " + std::to_string(s.created) +
                     ", connect failures " + std::to_string(s.connect_failures) + ", closed " +
                     std::to_string(s.closed_total());
  std::string reasons;
  for (std::size_t i = 0; i < close_reason_count; ++i)
    if (s.closed[i] != 0)
      reasons += std::string(reasons.empty() ? "" : ", ") +
                 to_string(static_cast<close_reason>(i)) + " " + std::to_string(s.closed[i]);
  if (!reasons.empty()) text += " (" + reasons + ")";
  text += ", acquire wait p50 " + detail::micros(s.wait_p50) + " p90 " +
          detail::micros(s.wait_p90) + " p99 " + detail::micros(s.wait_p99) + " max " +
          detail::micros(s.wait_max);
  if (!s.last_connect_error.empty()) text += ", last connect error: " + s.last_connect_error;
  return text;
}

}  // namespace pgdsl
