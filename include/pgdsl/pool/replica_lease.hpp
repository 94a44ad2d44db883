// SPDX-License-Identifier: BSL-1.0
// replica_lease: a connection borrowed for reads from a cluster: from a replica within the lag
// limit, or from the primary when none qualifies and fallback is allowed. It runs static
// statements that are plain reads only; anything else is a compile error naming the rule, so a
// write cannot be sent to a standby by mistake (it would fail there with 25006 at run time).
#pragma once

#include <string>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/pool/connection_lease.hpp"
#include "pgdsl/pool/plain_read.hpp"
#include "pgdsl/pool/wal_position.hpp"

namespace pgdsl {

class replica_lease;
namespace detail {
wal_position replayed_position(replica_lease& lease);
}  // namespace detail

/// A read-only handle on a pooled connection of a cluster.
class replica_lease {
 public:
  replica_lease(connection_lease lease, std::string node, bool on_primary) noexcept
      : lease_(std::move(lease)), node_(std::move(node)), on_primary_(on_primary) {}

  /// Runs a plain read (SELECT without FOR UPDATE/SHARE); other statements do not compile.
  template <static_statement Q>
  auto execute(const Q& statement) {
    static_assert(is_plain_read<Q>,
                  "a replica runs plain reads only (a SELECT without FOR UPDATE/FOR SHARE); send "
                  "writes and locking reads through cluster.execute() or cluster.primary()");
    return lease_->execute(statement);
  }

  /// The host (host:port) the connection goes to.
  const std::string& node() const noexcept { return node_; }
  /// True when no replica qualified and the read runs on the primary.
  bool on_primary() const noexcept { return on_primary_; }
  /// Gives the connection back now.
  void release() noexcept { lease_.release(); }

 private:
  friend wal_position detail::replayed_position(replica_lease& lease);

  connection_lease lease_;
  std::string node_;
  bool on_primary_;
};

namespace detail {
/// How far the lease's server has replayed the primary's WAL (a standby's
/// pg_last_wal_replay_lsn()).
inline wal_position replayed_position(replica_lease& lease) {
  return {lease.lease_
              ->query<std::int64_t>(
                  "SELECT COALESCE((pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8, 0)")
              .scalar()};
}
}  // namespace detail

}  // namespace pgdsl
