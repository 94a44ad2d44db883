// The pool layer: pgdsl::pool, its lease, options, stats and errors.
#pragma once

#include "pgdsl/pool/connection_lease.hpp"
#include "pgdsl/pool/pool.hpp"
#include "pgdsl/pool/pool_errors.hpp"
#include "pgdsl/pool/pool_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"
