// SPDX-License-Identifier: BSL-1.0
// The migrators' mutual exclusion: a session-level advisory lock taken by polling
// pg_try_advisory_lock, so a waiting migrator holds no transaction open (CREATE INDEX
// CONCURRENTLY, which waits for every older transaction, cannot deadlock against it) and gives up
// after a timeout instead of waiting forever. Released by the guard's destructor.
#pragma once

#include <chrono>
#include <cstdint>
#include <thread>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/migrate/migration_errors.hpp"
#include "pgdsl/migrate/migrator_options.hpp"

namespace pgdsl::detail {

class advisory_lock_guard {
 public:
  advisory_lock_guard(connection& db, std::int64_t key, const migrator_options& options)
      : db_(&db), key_(key) {
    const auto deadline = std::chrono::steady_clock::now() + options.lock_timeout;
    bool announced = false;
    while (!db.query<bool>("SELECT pg_try_advisory_lock($1)", key_).scalar()) {
      if (std::chrono::steady_clock::now() >= deadline)
        throw migration_lock_timeout(
            "another migrator held the migration lock (advisory lock " + std::to_string(key_) +
            ") for longer than " + std::to_string(options.lock_timeout.count()) +
            " ms; see pg_locks WHERE locktype = 'advisory' for the session holding it");
      if (!announced && options.on_progress)
        options.on_progress(migration_event{.kind = migration_event_kind::waiting_for_lock});
      announced = true;
      std::this_thread::sleep_for(options.lock_poll_interval);
    }
  }
  advisory_lock_guard(const advisory_lock_guard&) = delete;
  advisory_lock_guard& operator=(const advisory_lock_guard&) = delete;
  ~advisory_lock_guard() {
    try {
      if (db_->is_open()) (void)db_->query<bool>("SELECT pg_advisory_unlock($1)", key_);
    } catch (...) {  // a lost session released the lock with it
    }
  }

 private:
  connection* db_;
  std::int64_t key_;
};

}  // namespace pgdsl::detail
