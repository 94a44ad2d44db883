// SPDX-License-Identifier: BSL-1.0
// Observability: what a query hook sees (SQL text, duration, row count, error; never the bound
// values), a slow-query helper that forwards only statements over a threshold, and the notices
// (RAISE NOTICE, warnings) the server sends on a connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace pgdsl {

/// One finished statement, as the query hook sees it.
struct query_event {
  std::string_view sql;               ///< the SQL text with $n placeholders, never the values
  std::chrono::nanoseconds duration;  ///< from sending to receiving the whole result
  std::uint64_t rows;                 ///< rows returned, else rows affected
  const std::exception* error;        ///< the exception about to be thrown; nullptr on success
};

/// Called once after every statement (execute, query, run_command, COPY, each statement of a
/// pipeline) on a connection that has one installed. An exception it throws after a successful
/// statement reaches the caller in place of the result (in a pipeline: as that statement's
/// failure, thrown by finish()); after a failed statement the statement's error is thrown and
/// the hook's dropped.
using query_hook = std::function<void(const query_event&)>;

/// A hook that forwards to `sink` only statements that took at least `threshold`
/// (failed statements too, so a timeout shows up as a slow query).
inline query_hook slow_query_hook(std::chrono::nanoseconds threshold, query_hook sink) {
  return [threshold, sink = std::move(sink)](const query_event& event) {
    if (event.duration >= threshold) sink(event);
  };
}

/// A message the server sent without failing the statement (NOTICE, WARNING, ...).
struct notice {
  std::string severity{};  ///< NOTICE, WARNING, INFO, LOG or DEBUG
  std::string sqlstate{};  ///< e.g. "00000" or "01000"
  std::string message{};   ///< the primary message
  std::string detail{};    ///< optional detail
  std::string hint{};      ///< optional hint
};

/// Receives the notices of a connection (by default libpq prints them to stderr).
using notice_handler = std::function<void(const notice&)>;

namespace detail {

// Times one statement for the hook, which is called once: with the statement's error (the hook's
// own exception is then dropped, the statement's error reaches the caller), or after success (the
// hook's exception then reaches the caller in place of the result). Does nothing, not even read
// the clock, when no hook is set.
template <class Run, class Rows>
auto observe(const query_hook& hook, std::string_view sql, Run&& run, Rows&& rows) {
  if (!hook) return run();
  const auto start = std::chrono::steady_clock::now();
  auto outcome = [&] {
    try {
      return run();
    } catch (const std::exception& failure) {
      try {
        hook(query_event{sql, std::chrono::steady_clock::now() - start, 0, &failure});
      } catch (...) {  // the statement's error is the one to report
      }
      throw;
    }
  }();
  hook(query_event{sql, std::chrono::steady_clock::now() - start, rows(outcome), nullptr});
  return outcome;
}

}  // namespace detail
}  // namespace pgdsl
