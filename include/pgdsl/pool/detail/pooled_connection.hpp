// SPDX-License-Identifier: BSL-1.0
// pooled_connection: a connection as the pool keeps it, with the times its rules look at (when
// it was opened, when it must be retired, since when it has been idle), and the cleaning that
// runs when a lease ends (reset_policy) before it may serve another caller.
#pragma once

#include <chrono>
#include <optional>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/pool/detail/health.hpp"
#include "pgdsl/pool/pool_options.hpp"
#include "pgdsl/pool/pool_stats.hpp"

namespace pgdsl::detail {

using pool_clock = std::chrono::steady_clock;

struct pooled_connection {
  connection db;
  pool_clock::time_point opened;
  pool_clock::time_point expires;  // pool_clock::time_point::max() = never
  pool_clock::time_point idle_since;
};

// What session reset_policy::session undoes: everything DISCARD ALL does except DEALLOCATE ALL
// and DISCARD PLANS, so the connection's prepared statements stay valid.
inline constexpr const char* session_reset_sql =
    "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; "
    "SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES";

/// Makes a returned connection fit for the next caller; the reason to close it instead when it
/// cannot be (broken, read-only server, lifetime over, session state that will not reset).
/// Never throws.
inline std::optional<close_reason> prepare_for_reuse(pooled_connection& pooled, reset_policy policy,
                                                     pool_clock::time_point now) noexcept {
  connection& db = pooled.db;
  if (auto reason = retire_reason(db)) return reason;
  if (now >= pooled.expires) return close_reason::lifetime;
  try {
    switch (db.transaction_state()) {
      case transaction_status::idle:
        break;
      case transaction_status::in_transaction:
      case transaction_status::in_error:
        db.run_command(runtime_sql("ROLLBACK"));
        break;
      default:  // a stream or COPY still running, or an unknown state
        return close_reason::not_reset;
    }
    if (PQpipelineStatus(db.native_handle()) != PQ_PIPELINE_OFF) return close_reason::not_reset;
    if (policy != reset_policy::rollback) {
      auto& state = connection_access::state(db);
      if (policy == reset_policy::discard_all) {
        db.run_command(runtime_sql("DISCARD ALL"));
        state.prepared.clear();
      } else {
        db.run_command(runtime_sql(session_reset_sql));
      }
      // RESET ALL also reset the connection's own statement_timeout: apply it again.
      if (state.statement_timeout.count() > 0) db.set_statement_timeout(state.statement_timeout);
    }
  } catch (...) {
    if (auto reason = retire_reason(db)) return reason;
    return close_reason::not_reset;
  }
  note_error(db.native_handle(), {});  // what it saw is dealt with
  return std::nullopt;
}

}  // namespace pgdsl::detail
