// SPDX-License-Identifier: BSL-1.0
// wal_position: a point in the primary's write-ahead log, for read-your-writes. Taken after a
// commit (cluster.write_position()), it is a position every replica must have replayed to show
// that commit; cluster.replica(position) / read(q, position) wait (bounded) for one that has.
#pragma once

#include <compare>
#include <cstdint>

namespace pgdsl {

/// A WAL position (a pg_lsn as a number of bytes from 0/0).
struct wal_position {
  std::int64_t bytes = 0;
  auto operator<=>(const wal_position&) const = default;
};

}  // namespace pgdsl
