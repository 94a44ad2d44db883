// SPDX-License-Identifier: BSL-1.0
// migrator: runs a migration_set against a database. Every operation that changes the history
// takes the session advisory lock first (detail/advisory_lock.hpp), creates the history table if
// needed, and checks the history against the program's migrations before doing anything: a
// failed (dirty) row, an edited or missing applied migration, or a pending one older than the
// newest applied is refused with its own exception, and repair() is the explicit way out.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pgdsl/dynamic/identifier.hpp"
#include "pgdsl/error/transaction_pooling_error.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/transaction.hpp"
#include "pgdsl/migrate/detail/advisory_lock.hpp"
#include "pgdsl/migrate/detail/checksum.hpp"
#include "pgdsl/migrate/detail/history_table.hpp"
#include "pgdsl/migrate/detail/offline_script.hpp"
#include "pgdsl/migrate/detail/split_statements.hpp"
#include "pgdsl/migrate/migration_errors.hpp"
#include "pgdsl/migrate/migration_set.hpp"
#include "pgdsl/migrate/migration_status.hpp"
#include "pgdsl/migrate/migrator_options.hpp"

namespace pgdsl {

/// Applies, reverts and reports the migrations of a set on one connection.
class migrator {
 public:
  /// Refuses (transaction_pooling_error) a connection behind a transaction pooler: the session
  /// advisory lock would stay with a server session the pooler hands to others.
  migrator(connection& db, migration_set migrations, migrator_options options = {})
      : db_(&db),
        migrations_(std::move(migrations)),
        options_(std::move(options)),
        table_(identifier(options_.history_table).quoted()) {
    if (detail::connection_access::state(db).transaction_pooling)
      throw transaction_pooling_error(
          "migrations (their session advisory lock and CREATE INDEX CONCURRENTLY need one "
          "server session; connect pgdsl-migrate straight to the server or through a "
          "session-mode pool)");
    (void)migrations_.ordered();  // a down file without its up file is refused here
  }

  /// Every version the program or the history knows, with its state. Takes no lock.
  migration_status status() { return compute_status(read_history()); }

  /// Applies the pending migrations up to `target` (all when not given), each in its own
  /// transaction unless it says `-- pgdsl:no-transaction`; stops at the first failure, records it
  /// and throws migration_failed. Returns the number applied.
  std::size_t up(std::optional<std::int64_t> target = {}) {
    const auto lock = take_lock();
    create_history_table();
    const auto status = checked_status(read_history());
    std::size_t applied = 0;
    for (const migration* m : pending(status, target)) {
      apply(*m);
      ++applied;
    }
    return applied;
  }

  /// The migrations up() would apply, without applying them (dry run). Takes no lock.
  std::vector<const migration*> plan(std::optional<std::int64_t> target = {}) {
    return pending(checked_status(read_history()), target);
  }

  /// The SQL up() would run, as one script with the history inserts (dry run on a live
  /// database); throws invalid_migration when a C++ step is among them.
  std::string plan_sql(std::optional<std::int64_t> target = {}) {
    const auto status = checked_status(read_history());
    return detail::offline_script(pending(status, target), status.current_version, target, table_);
  }

  /// Reverts the applied migrations above `target`, newest first, with their down files (or
  /// steps); refuses with no_down_migration before running anything when one has none. Returns
  /// the number reverted.
  std::size_t down(std::int64_t target) {
    const auto lock = take_lock();
    create_history_table();
    const auto status = checked_status(read_history());
    std::vector<const migration*> to_revert;
    for (auto it = status.entries.rbegin(); it != status.entries.rend(); ++it) {
      if (it->version <= target || !it->history) continue;
      if (it->state == migration_state::baseline)
        throw no_down_migration(it->version,
                                "cannot go below the baseline V" + std::to_string(it->version));
      const migration* m = migrations_.find(it->version);
      if (m == nullptr || !m->has_down())
        throw no_down_migration(it->version, "V" + std::to_string(it->version) + " (" +
                                                 it->description +
                                                 ") has no down file (V<version>__<description>"
                                                 ".down.sql): cannot downgrade to V" +
                                                 std::to_string(target));
      to_revert.push_back(m);
    }
    for (const migration* m : to_revert) revert(*m);
    return to_revert.size();
  }

  /// Marks an existing database as being at `version` without running anything: the migrations
  /// up to it are taken as already done. Only on an empty history.
  void baseline(std::int64_t version, const std::string& description = "baseline") {
    const auto lock = take_lock();
    create_history_table();
    const auto history = read_history();
    if (!history.empty())
      throw migration_version_error(version, "baseline needs an empty history, and " +
                                                 options_.history_table + " already has " +
                                                 std::to_string(history.size()) + " row(s)");
    detail::record_applied(*db_, table_, version, description, "baseline", "", 0);
  }

  /// The explicit way out of a refusal: deletes failed rows (after you fixed what the failed
  /// migration left behind), sets the checksums of edited applied migrations to their current
  /// text, and deletes the rows of applied migrations the program no longer has.
  repair_report repair() {
    const auto lock = take_lock();
    create_history_table();
    repair_report report;
    for (const auto& entry : compute_status(read_history()).entries) {
      if (entry.state == migration_state::failed) {
        detail::remove_history_row(*db_, table_, entry.version);
        report.removed_failed.push_back(entry.version);
      } else if (entry.state == migration_state::missing) {
        detail::remove_history_row(*db_, table_, entry.version);
        report.removed_missing.push_back(entry.version);
      } else if (entry.state == migration_state::checksum_changed) {
        const migration* m = migrations_.find(entry.version);
        db_->execute_raw(runtime_sql("UPDATE " + table_ +
                                     " SET checksum = $2, description = $3 WHERE version = $1"),
                         entry.version, m->checksum, m->description);
        report.realigned.push_back(entry.version);
      }
    }
    return report;
  }

  /// The migrations the migrator runs.
  const migration_set& migrations() const noexcept { return migrations_; }

  /// The offline script from `from` (0: an empty database) up to `target` (all when not given),
  /// without a connection: the history table's CREATE, then each migration between BEGIN and
  /// COMMIT (unless no-transaction) with its history insert. For DBAs who apply SQL by hand.
  static std::string offline_sql(const migration_set& migrations, std::int64_t from = 0,
                                 std::optional<std::int64_t> target = {},
                                 const migrator_options& options = {}) {
    std::vector<const migration*> list;
    for (const migration* m : migrations.ordered())
      if (m->version > from && (!target || m->version <= *target)) list.push_back(m);
    return detail::offline_script(list, from, target, identifier(options.history_table).quoted());
  }

 private:
  detail::advisory_lock_guard take_lock() {
    std::int64_t key = 0;
    if (options_.lock_key) {
      key = *options_.lock_key;
    } else {
      const auto schema =
          db_->query<std::optional<std::string>>("SELECT current_schema()").scalar();
      if (!schema)
        throw migration_error("no schema of the search_path exists: the history table " +
                              options_.history_table + " has nowhere to go");
      detail::fnv1a64 hash;
      hash.add("pgdsl-migrate:" + *schema + "." + options_.history_table);
      key = static_cast<std::int64_t>(hash.state);
    }
    return detail::advisory_lock_guard(*db_, key, options_);
  }

  // Under the lock, so two migrators never race to create it (and no "already exists" notice).
  void create_history_table() {
    if (!detail::history_table_exists(*db_, options_.history_table))
      db_->run_command(runtime_sql(detail::history_table_ddl(table_)));
  }

  std::vector<history_entry> read_history() {
    return detail::read_history(*db_, table_, options_.history_table);
  }

  migration_status compute_status(const std::vector<history_entry>& history) const {
    migration_status status;
    std::map<std::int64_t, migration_status_entry> by_version;
    std::int64_t baseline = 0, newest_applied = 0;
    for (const auto& h : history) {
      auto& e = by_version[h.version];
      e.version = h.version;
      e.description = h.description;
      e.history = h;
      const migration* m = migrations_.find(h.version);
      if (!h.success)
        e.state = migration_state::failed;
      else if (h.kind == "baseline")
        e.state = migration_state::baseline, baseline = std::max(baseline, h.version);
      else if (m == nullptr)
        e.state = migration_state::missing;
      else if (m->checksum != h.checksum)
        e.state = migration_state::checksum_changed;
      else
        e.state = migration_state::applied;
      if (h.success) newest_applied = std::max(newest_applied, h.version);
    }
    for (const migration* m : migrations_.ordered()) {
      if (by_version.contains(m->version)) continue;
      auto& e = by_version[m->version];
      e.version = m->version;
      e.description = m->description;
      e.state = m->version <= baseline        ? migration_state::below_baseline
                : m->version < newest_applied ? migration_state::out_of_order
                                              : migration_state::pending;
    }
    for (auto& [version, e] : by_version) status.entries.push_back(std::move(e));
    status.current_version = newest_applied;
    return status;
  }

  // The status, or the refusal that stops a run: the first problem by version.
  migration_status checked_status(const std::vector<history_entry>& history) const {
    auto status = compute_status(history);
    for (const auto& e : status.entries) {
      const std::string name = "V" + std::to_string(e.version) + " (" + e.description + ")";
      switch (e.state) {
        case migration_state::failed:
          throw dirty_database(
              e.version, "the database is dirty: " + name + " failed at " + e.history->applied_at +
                             (e.history->error ? ": " + *e.history->error : "") +
                             "\nFix what it left behind (a failed no-transaction migration may "
                             "have run in part), then run `pgdsl-migrate repair` (migrator::"
                             "repair()) to remove the failed record, and migrate again");
        case migration_state::checksum_changed:
          throw checksum_mismatch(e.version,
                                  name + " was edited after it was applied (checksum " +
                                      e.history->checksum + " in " + options_.history_table + ", " +
                                      migrations_.find(e.version)->checksum +
                                      " now): restore the file, or accept the new text with "
                                      "`pgdsl-migrate repair` (migrator::repair())");
        case migration_state::missing:
          throw missing_migration(e.version,
                                  name +
                                      " is applied but the program no longer has it: restore the "
                                      "file, or forget it with `pgdsl-migrate repair` (migrator::"
                                      "repair())");
        case migration_state::out_of_order:
          throw out_of_order_migration(e.version, name +
                                                      " is pending but older than the applied V" +
                                                      std::to_string(status.current_version) +
                                                      ": give it a version above V" +
                                                      std::to_string(status.current_version));
        default:
          break;
      }
    }
    return status;
  }

  std::vector<const migration*> pending(const migration_status& status,
                                        std::optional<std::int64_t> target) const {
    std::vector<const migration*> list;
    for (const auto& e : status.entries)
      if (e.state == migration_state::pending && (!target || e.version <= *target))
        list.push_back(migrations_.find(e.version));
    return list;
  }

  static double milliseconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  }

  void report(migration_event_kind kind, const migration& m,
              std::chrono::steady_clock::time_point start) const {
    if (!options_.on_progress) return;
    options_.on_progress(migration_event{kind, m.version, m.description,
                                         std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::steady_clock::now() - start)});
  }

  // Runs SQL text or a step; a no-transaction text goes statement by statement, since several
  // statements in one simple query form an implicit transaction.
  void run_body(const std::string& sql, const migration_step& step, bool transactional) {
    if (step) {
      step(*db_);
    } else if (transactional) {
      if (!detail::split_statements(sql).empty()) db_->run_command(runtime_sql(sql));
    } else {
      for (const auto& statement : detail::split_statements(sql))
        db_->run_command(runtime_sql(statement));
    }
  }

  void apply(const migration& m) {
    const auto start = std::chrono::steady_clock::now();
    if (options_.on_progress)
      options_.on_progress(
          migration_event{migration_event_kind::starting, m.version, m.description});
    const std::string kind = m.is_step() ? "step" : "sql";
    try {
      if (m.transactional) {
        pgdsl::transaction tx(*db_);
        run_body(m.up_sql, m.up_step, true);
        detail::record_applied(*db_, table_, m.version, m.description, kind, m.checksum,
                               milliseconds_since(start));
        tx.commit();
      } else {
        run_body(m.up_sql, m.up_step, false);
        detail::record_applied(*db_, table_, m.version, m.description, kind, m.checksum,
                               milliseconds_since(start));
      }
    } catch (const std::exception& e) {
      const auto* server = dynamic_cast<const sql_error*>(&e);
      const std::string message = server ? server->message() : std::string(e.what());
      if (server && is_connection_loss(*server)) throw;  // nothing can be recorded
      detail::record_failed(*db_, table_, m.version, m.description, kind, m.checksum,
                            milliseconds_since(start), message);
      report(migration_event_kind::failed, m, start);
      throw migration_failed(
          m.version,
          m.label() + " failed" +
              (m.transactional ? " and was rolled back"
                               : " outside a transaction: it may have run in part") +
              ": " + std::string(e.what()) +
              "\nThe history records it as failed; fix it, run `pgdsl-migrate "
              "repair`, and migrate again",
          server ? server->sqlstate() : std::string());
    }
    report(migration_event_kind::applied, m, start);
  }

  // A failed downgrade throws migration_failed; in a transaction nothing changed, outside one it
  // may have run in part, so the version is recorded as failed (dirty) like a failed upgrade.
  void revert(const migration& m) {
    const auto start = std::chrono::steady_clock::now();
    if (options_.on_progress)
      options_.on_progress(
          migration_event{migration_event_kind::starting, m.version, m.description});
    const std::string down_sql = m.down_sql.value_or("");
    try {
      if (m.down_transactional) {
        pgdsl::transaction tx(*db_);
        run_body(down_sql, m.down_step, true);
        detail::remove_history_row(*db_, table_, m.version);
        tx.commit();
      } else {
        run_body(down_sql, m.down_step, false);
        detail::remove_history_row(*db_, table_, m.version);
      }
    } catch (const std::exception& e) {
      const auto* server = dynamic_cast<const sql_error*>(&e);
      if (server && is_connection_loss(*server)) throw;
      if (!m.down_transactional)
        detail::record_failed(*db_, table_, m.version, m.description, m.is_step() ? "step" : "sql",
                              m.checksum, milliseconds_since(start),
                              "down: " + (server ? server->message() : std::string(e.what())));
      report(migration_event_kind::failed, m, start);
      throw migration_failed(
          m.version,
          "the downgrade of " + m.label() +
              (m.down_transactional
                   ? " failed and was rolled back; V" + std::to_string(m.version) + " stays applied"
                   : " failed outside a transaction: it may have run in part; "
                     "the history records it as failed") +
              ": " + std::string(e.what()),
          server ? server->sqlstate() : std::string());
    }
    report(migration_event_kind::reverted, m, start);
  }

  connection* db_;
  migration_set migrations_;
  migrator_options options_;
  std::string table_;  // quoted
};

}  // namespace pgdsl
