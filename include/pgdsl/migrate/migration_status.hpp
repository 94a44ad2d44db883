// SPDX-License-Identifier: BSL-1.0
// What migrator::status() reports: each version the program or the history knows, with its state
// (applied, pending, failed, edited, missing, baseline), and what a run, repair or downgrade did.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgdsl {

/// A row of the history table.
struct history_entry {
  std::int64_t version = 0;
  std::string description;
  std::string kind;        ///< "sql", "step" or "baseline"
  std::string checksum;    ///< of the text as applied
  std::string applied_at;  ///< the server's text of the timestamptz
  double duration_ms = 0;
  bool success = false;
  std::optional<std::string> error;  ///< the server's message when it failed
};

/// Where one version stands.
enum class migration_state {
  applied,           ///< in the history, same checksum
  pending,           ///< known to the program, not applied
  failed,            ///< recorded as failed: the database is dirty
  checksum_changed,  ///< applied, but its text changed since
  missing,           ///< applied, but the program no longer has it
  baseline,          ///< the baseline row
  below_baseline,    ///< known to the program, older than the baseline: never run
  out_of_order       ///< pending, but older than the newest applied migration
};

/// The state's name as status output prints it.
inline std::string_view to_string(migration_state state) noexcept {
  switch (state) {
    case migration_state::applied:
      return "applied";
    case migration_state::pending:
      return "pending";
    case migration_state::failed:
      return "FAILED";
    case migration_state::checksum_changed:
      return "CHECKSUM CHANGED";
    case migration_state::missing:
      return "MISSING";
    case migration_state::baseline:
      return "baseline";
    case migration_state::below_baseline:
      return "below baseline";
    case migration_state::out_of_order:
      return "OUT OF ORDER";
  }
  return "?";
}

/// One line of the status.
struct migration_status_entry {
  std::int64_t version = 0;
  std::string description;
  migration_state state = migration_state::pending;
  std::optional<history_entry> history;  ///< the history row, when there is one
};

/// The status of every version, by version.
struct migration_status {
  std::vector<migration_status_entry> entries;
  std::int64_t current_version = 0;  ///< the newest applied (or baseline) version, 0 for none

  /// True when nothing is failed, edited, missing or out of order.
  bool is_clean() const noexcept {
    for (const auto& e : entries)
      if (e.state == migration_state::failed || e.state == migration_state::checksum_changed ||
          e.state == migration_state::missing || e.state == migration_state::out_of_order)
        return false;
    return true;
  }
  /// The number of pending migrations.
  std::size_t pending_count() const noexcept {
    std::size_t count = 0;
    for (const auto& e : entries) count += e.state == migration_state::pending ? 1 : 0;
    return count;
  }
};

/// What repair() changed in the history.
struct repair_report {
  std::vector<std::int64_t> removed_failed;   ///< failed rows deleted
  std::vector<std::int64_t> realigned;        ///< checksums (and descriptions) updated
  std::vector<std::int64_t> removed_missing;  ///< rows of migrations the program no longer has
};

}  // namespace pgdsl
