// SPDX-License-Identifier: BSL-1.0
// node_status: what a cluster knows of one of its hosts (role, replication lag, last probe),
// as routing sees it and stats() reports it.
#pragma once

#include <chrono>
#include <string>

namespace pgdsl {

/// The role a host's last probe found.
enum class node_role { unknown, primary, replica, down };

inline const char* to_string(node_role role) noexcept {
  switch (role) {
    case node_role::primary:
      return "primary";
    case node_role::replica:
      return "replica";
    case node_role::down:
      return "down";
    default:
      return "unknown";
  }
}

/// One host of a cluster.
struct node_status {
  std::string name{};                      ///< host:port
  node_role role = node_role::unknown;     ///< from pg_is_in_recovery()
  std::chrono::milliseconds replay_lag{};  ///< replica: age of the last replayed commit while
                                           ///< WAL waits to be replayed (0 when caught up)
  std::string last_error{};                ///< why the last probe failed, if it did
};

}  // namespace pgdsl
