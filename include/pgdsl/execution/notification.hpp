// SPDX-License-Identifier: BSL-1.0
// LISTEN/NOTIFY on the blocking connection: listen<"channel">(db) and unlisten (the channel
// quoted like an identifier, so LISTEN and pg_notify name the same channel, case and all),
// notify(db, channel, payload) as a bound-parameter pg_notify, and wait_for_notification(db,
// timeout), which sleeps in poll() on libpq's socket. Free functions over connection&; the
// async listener (<pgdsl/async/listener.hpp>) shares `notification` and the SQL.
#pragma once

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/name_rules.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// One NOTIFY received: the channel (as the notifier spelled it), the payload ("" when none)
/// and the process id of the server backend that sent it.
struct notification {
  std::string channel;
  std::string payload;
  int sender_pid = 0;
  friend bool operator==(const notification&, const notification&) = default;
};

namespace detail {

// "LISTEN " / "UNLISTEN " followed by the quoted channel, rendered at compile time.
template <fixed_string Verb, fixed_string Channel>
struct channel_command {
  static constexpr void render(sql_writer& w) {
    w << Verb.view();
    w.identifier(Channel.view());
  }
};

template <fixed_string Verb, fixed_string Channel>
constexpr const auto& channel_sql() {
  static_assert(valid_sql_name(Channel), "a channel name must be non-empty and free of NUL bytes");
  static_assert(sql_name_fits(Channel),
                "a channel name is an identifier: at most 63 bytes (PostgreSQL would truncate it)");
  return sql_of<channel_command<Verb, Channel>>;
}

/// The next notification libpq has read, if any.
inline std::optional<notification> take_notification(PGconn* conn) {
  std::unique_ptr<PGnotify, decltype(&PQfreemem)> raw(PQnotifies(conn), &PQfreemem);
  if (!raw) return std::nullopt;
  return notification{raw->relname, raw->extra ? raw->extra : "", raw->be_pid};
}

}  // namespace detail

/// LISTEN "Channel": the statement as a compile-time constant.
template <fixed_string Channel>
inline constexpr const auto& listen_sql = detail::channel_sql<"LISTEN ", Channel>();
/// UNLISTEN "Channel".
template <fixed_string Channel>
inline constexpr const auto& unlisten_sql = detail::channel_sql<"UNLISTEN ", Channel>();

/// The SQL of notify(): the channel and payload are parameters, never SQL text.
inline constexpr const char notify_sql[] = "SELECT pg_notify($1, $2)";

/// Starts listening on `Channel` on this connection (LISTEN, committed at once outside a
/// transaction); notifications arrive through wait_for_notification().
template <fixed_string Channel>
void listen(connection& db) {
  db.run_command(runtime_sql(listen_sql<Channel>.c_str()));
}
/// Stops listening on `Channel`.
template <fixed_string Channel>
void unlisten(connection& db) {
  db.run_command(runtime_sql(unlisten_sql<Channel>.c_str()));
}

/// Sends a notification on `channel` (its exact spelling: LISTEN quotes the name, so
/// listen<"Jobs"> hears notify(db, "Jobs", ...)) with `payload` (at most 7,999 bytes); inside a
/// transaction it is delivered at commit.
inline void notify(connection& db, std::string_view channel, std::string_view payload = {}) {
  db.execute_raw(notify_sql, std::string(channel), std::string(payload));
}

/// Waits up to `timeout` for a notification on a channel this connection listens on, sleeping
/// in poll() on the connection's socket; std::nullopt when none arrived in time. Notifications
/// that arrived while other statements ran are returned first, without waiting. Throws
/// connection_error when the connection is lost.
inline std::optional<notification> wait_for_notification(connection& db,
                                                         std::chrono::milliseconds timeout) {
  PGconn* conn = db.native_handle();
  if (!db.is_open()) throw connection_error("the connection is not open", "08003");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (PQconsumeInput(conn) != 1) throw_sql_error(conn, nullptr, "");
    if (auto received = detail::take_notification(conn)) return received;
    const auto left =
        std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd socket{PQsocket(conn), POLLIN, 0};
    const int wait_ms = static_cast<int>(std::min<long long>(left.count(), 1 << 30));
    if (poll(&socket, 1, wait_ms) < 0 && errno != EINTR)
      throw connection_error("waiting for a notification failed: poll() on the socket failed",
                             "08006");
  }
}

}  // namespace pgdsl
