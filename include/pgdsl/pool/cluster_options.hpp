// SPDX-License-Identifier: BSL-1.0
// cluster_options: a primary and its streaming replicas behind one object: where the hosts are
// (a libpq multi-host string), the pool settings each host gets, and the routing rules (how
// stale a replica may be, how often roles are probed, how long a write waits for a primary).
#pragma once

#include <chrono>
#include <string>

#include "pgdsl/pool/pool_options.hpp"

namespace pgdsl {

/// Settings of a pgdsl::cluster.
struct cluster_options {
  /// Every host: postgresql://user@h1:p1,h2:p2,h3:p3/db?... (or key=value with host=h1,h2,h3
  /// port=p1,p2,p3). Each host gets a pool of its own; the other parameters apply to all.
  std::string conninfo{};
  /// The settings of each host's pool; its connection.conninfo is replaced by one host's, its
  /// on_close by the cluster's (which re-probes roles after a connection error or 25006).
  pool_options pool{};
  /// A replica whose replay is further behind than this is skipped by reads (they go to another
  /// replica, or to the primary when reads_fall_back_to_primary).
  std::chrono::milliseconds max_replica_lag{5'000};
  /// When no replica qualifies, read() runs on the primary (else it throws no_replica).
  bool reads_fall_back_to_primary = true;
  /// How often the background thread asks every host pg_is_in_recovery() (and sooner after a
  /// connection error or a 25006).
  std::chrono::milliseconds probe_interval{1'000};
  /// How long a write waits for a primary to be known (after a failover, until the promoted
  /// replica is found) before it throws no_primary.
  std::chrono::milliseconds primary_wait{15'000};
  /// How long replica(position) / read(q, position) wait for a replica to replay past a write's
  /// WAL position before reading on the primary instead (read-your-writes).
  std::chrono::milliseconds read_your_writes_wait{1'000};
  /// Each probe's connect_timeout (whole seconds, libpq's unit).
  std::chrono::seconds probe_connect_timeout{2};
};

}  // namespace pgdsl
