// SPDX-License-Identifier: BSL-1.0
// health: the rules that decide whether a connection may go back to the pool after a lease or
// be handed out again: the SQLSTATE it last saw, its transaction state, and whether its idle
// socket has bytes no one asked for (a terminated backend's farewell, or EOF).
#pragma once

#include <libpq-fe.h>
#include <poll.h>

#include <optional>
#include <string_view>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/server_farewell.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl::detail {

/// Whether an error with this SQLSTATE means the connection must not be used again: class 08
/// (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now), or 25006
/// (read-only transaction: the server is a standby, likely a demoted primary).
inline std::optional<close_reason> retire_reason(std::string_view sqlstate) noexcept {
  if (is_connection_loss(sqlstate)) return close_reason::broken;
  if (sqlstate == "25006") return close_reason::read_only;
  return std::nullopt;
}

/// Why `db` cannot go back to the pool as it is, judged without talking to the server.
inline std::optional<close_reason> retire_reason(const connection& db) noexcept {
  if (!db.is_open()) return close_reason::broken;
  if (auto reason = retire_reason(last_error(db.native_handle()))) return reason;
  return std::nullopt;
}

/// True when an idle connection's socket is readable: the server sent something no statement
/// asked for, which on a pooled connection is a termination message or EOF.
inline bool idle_socket_readable(const PGconn* conn) noexcept {
  pollfd fd{PQsocket(conn), POLLIN, 0};
  if (fd.fd < 0) return true;
  return ::poll(&fd, 1, 0) != 0;
}
inline bool idle_socket_readable(const connection& db) noexcept {
  return idle_socket_readable(db.native_handle());
}

}  // namespace pgdsl::detail
