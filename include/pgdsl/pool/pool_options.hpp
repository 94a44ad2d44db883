// SPDX-License-Identifier: BSL-1.0
// pool_options: how a pool sizes itself, how long callers wait, when a connection is retired and
// how it is cleaned between callers. Each setting says what it protects against (docs/pool.md).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>

#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl {

/// What the pool does to a connection when its lease ends, before the next caller gets it.
enum class reset_policy {
  /// Roll back a transaction left open; nothing else (no round trip for a clean connection).
  rollback,
  /// Also undo session state but keep prepared statements: CLOSE ALL, RESET ALL, UNLISTEN *,
  /// pg_advisory_unlock_all(), DISCARD TEMP, DISCARD SEQUENCES (one round trip per release).
  session,
  /// DISCARD ALL: a new session in all but the socket; prepared statements are prepared again.
  discard_all,
};

/// Settings of a pgdsl::pool; the defaults suit a service on a LAN.
struct pool_options {
  /// Where each connection goes and how it behaves (prepared_statements = false behind PgBouncer
  /// in transaction mode).
  connection_options connection{};
  /// Connections kept open even when idle; opened at construction (warm-up).
  std::size_t min_size = 0;
  /// Upper bound on open connections (idle + in use + being opened); the server's
  /// max_connections is shared by every pool of every process.
  std::size_t max_size = 8;
  /// Warm-up opens min_size connections in the constructor and throws the first failure;
  /// false: the constructor returns at once and the background opens them, retrying.
  bool fail_fast = true;
  /// How long acquire() waits for a connection before throwing pool_timeout.
  std::chrono::milliseconds acquire_timeout{30'000};
  /// Callers allowed to wait at once; one more gets pool_exhausted at once instead of queueing
  /// behind a backlog it cannot outlast.
  std::size_t max_waiting = 1024;
  /// A connection is closed once it is this old (0 = never), so that server-side memory, DNS
  /// changes and load-balancer rebalancing catch up; each connection's lifetime is shortened by
  /// a random part of lifetime_jitter so that they do not all expire at once.
  std::chrono::milliseconds max_lifetime{30 * 60'000};
  /// Fraction of max_lifetime taken off at random per connection (0..1).
  double lifetime_jitter = 0.1;
  /// An idle connection above min_size is closed after this long (0 = never).
  std::chrono::milliseconds idle_timeout{10 * 60'000};
  /// A connection idle longer than this is pinged (SELECT 1) before it is handed out; a
  /// cheaper check runs on every hand-out (no unread bytes on an idle socket).
  std::chrono::milliseconds ping_after_idle{1'000};
  /// How the pool cleans a connection between callers.
  reset_policy reset = reset_policy::rollback;
  /// How often the background thread looks at idle connections (lifetime, idle timeout, min).
  std::chrono::milliseconds housekeeping_interval{500};
  /// Called, on the thread that closed it, each time the pool closes a connection that was
  /// leased or about to be (a cluster re-probes its hosts' roles when one broke or saw 25006).
  std::function<void(close_reason)> on_close{};
};

}  // namespace pgdsl
