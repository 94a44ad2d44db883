// SPDX-License-Identifier: BSL-1.0
// The pool layer: pgdsl::pool, its lease, options, stats and errors; pgdsl::cluster, which
// routes over a primary and its replicas.
#pragma once

#include "pgdsl/pool/cluster.hpp"
#include "pgdsl/pool/cluster_options.hpp"
#include "pgdsl/pool/connection_lease.hpp"
#include "pgdsl/pool/node_status.hpp"
#include "pgdsl/pool/plain_read.hpp"
#include "pgdsl/pool/pool.hpp"
#include "pgdsl/pool/pool_errors.hpp"
#include "pgdsl/pool/pool_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"
#include "pgdsl/pool/replica_lease.hpp"
#include "pgdsl/pool/wal_position.hpp"
