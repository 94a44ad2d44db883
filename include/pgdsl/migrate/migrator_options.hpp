// SPDX-License-Identifier: BSL-1.0
// migrator_options: where the history lives, how long to wait for another migrator, and who hears
// about progress. The defaults suit one application schema per database.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace pgdsl {

/// What the runner is doing, for progress output.
enum class migration_event_kind {
  waiting_for_lock,  ///< another migrator holds the lock; polling
  starting,          ///< a migration (or its downgrade) begins
  applied,           ///< a migration was applied and recorded
  reverted,          ///< a downgrade ran and its history row was removed
  failed             ///< a migration failed; the history records it (dirty)
};

/// One progress event.
struct migration_event {
  migration_event_kind kind;
  std::int64_t version = 0;  ///< 0 for waiting_for_lock
  std::string description{};
  std::chrono::microseconds duration{0};  ///< for applied, reverted and failed
};

/// How a migrator behaves.
struct migrator_options {
  /// The history table, created on first use in the connection's current schema (the first
  /// schema of the search_path that exists).
  std::string history_table = "pgdsl_schema_history";
  /// Give up (migration_lock_timeout) when another migrator holds the lock longer than this.
  std::chrono::milliseconds lock_timeout{std::chrono::minutes(1)};
  /// How often pg_try_advisory_lock is tried while another migrator holds the lock.
  std::chrono::milliseconds lock_poll_interval{50};
  /// The session advisory lock's key; by default one derived from the current schema and the
  /// history table's name, so migrators of different schemas never wait for each other.
  std::optional<std::int64_t> lock_key{};
  /// Called for each progress event (empty: silent).
  std::function<void(const migration_event&)> on_progress{};
};

}  // namespace pgdsl
