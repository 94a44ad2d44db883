// SPDX-License-Identifier: BSL-1.0
// role_probe: asks one host what it is: primary or hot standby (pg_is_in_recovery()), and for a
// standby how far its replay lags: the age of the last replayed commit while WAL it received is
// still waiting to be replayed, 0 when it has replayed all it received. One connection per
// host, kept between probes and opened again after a failure.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/pool/node_status.hpp"

namespace pgdsl::detail {

class role_probe {
 public:
  explicit role_probe(connection_options options) : options_(std::move(options)) {}

  /// The host's role and lag now; role down (with the reason) when it cannot be asked.
  node_status probe(node_status status) {
    try {
      if (!db_ || !db_->is_open()) {
        db_.reset();
        db_.emplace(options_);
      }
      const auto [in_recovery, lag_ms] =
          db_->query<bool, std::int64_t>(
                 "SELECT pg_is_in_recovery(), CASE WHEN NOT pg_is_in_recovery() OR "
                 "pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() "
                 "THEN 0 ELSE COALESCE((EXTRACT(EPOCH FROM clock_timestamp() - "
                 "pg_last_xact_replay_timestamp()) * 1000)::int8, 0) END")
              .one();
      status.role = in_recovery ? node_role::replica : node_role::primary;
      status.replay_lag = std::chrono::milliseconds(lag_ms);
      status.last_error.clear();
    } catch (const std::exception& e) {
      db_.reset();
      status.role = node_role::down;
      status.last_error = e.what();
    }
    return status;
  }

 private:
  connection_options options_;
  std::optional<connection> db_;
};

}  // namespace pgdsl::detail
