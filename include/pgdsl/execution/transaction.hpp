// SPDX-License-Identifier: BSL-1.0
// transaction and savepoint: RAII scopes over BEGIN/COMMIT and SAVEPOINT/RELEASE. Each rolls
// back in its destructor unless it was committed or released, so an exception that leaves the
// scope undoes the work. connection::transaction(fn) and connection::begin() are defined here.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/transaction_options.hpp"

namespace pgdsl {

namespace detail {

// Statements a transaction or savepoint forwards to its connection while it is active.
template <class Scope>
class statement_forwarding {
 public:
  /// Runs a static statement in this scope.
  template <static_statement Q>
  auto execute(const Q& statement) {
    return self().db().execute(statement);
  }
  /// Runs raw SQL with bound parameters in this scope.
  template <class... T, class... Args>
  auto query(raw_sql sql, const Args&... args) {
    return self().db().template query<T...>(sql, args...);
  }
  /// Runs raw SQL that returns no rows of interest in this scope.
  template <class... Args>
  auto execute_raw(raw_sql sql, const Args&... args) {
    return self().db().execute_raw(sql, args...);
  }

 private:
  Scope& self() { return static_cast<Scope&>(*this); }
};

}  // namespace detail

/// A savepoint inside a transaction; rolled back to (and released) when destroyed unless
/// release() was called. Savepoints nest: sp.nested() opens an inner one.
class savepoint : public detail::statement_forwarding<savepoint> {
 public:
  explicit savepoint(connection& db)
      : db_(&db),
        session_(detail::connection_access::session(db)),
        name_("pgdsl_sp_" +
              std::to_string(++detail::connection_access::state(db).savepoint_counter)) {
    db_->run_command(runtime_sql("SAVEPOINT " + name_));
  }
  savepoint(savepoint&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)),
        session_(other.session_),
        name_(std::move(other.name_)) {}
  savepoint& operator=(savepoint&&) = delete;
  ~savepoint() {
    try {
      rollback();
    } catch (...) {  // a destructor cannot report; the enclosing transaction will roll back
    }
  }

  /// Keeps the work done since the savepoint.
  void release() {
    if (db_ == nullptr) return;
    db_->run_command(runtime_sql("RELEASE SAVEPOINT " + name_));
    db_ = nullptr;
  }
  /// Undoes the work done since the savepoint; the transaction stays usable.
  void rollback() {
    if (db_ == nullptr) return;
    connection* db = std::exchange(db_, nullptr);
    if (!db->is_open() || detail::connection_access::session(*db) != session_)
      return;  // gone with the lost session
    db->run_command(runtime_sql("ROLLBACK TO SAVEPOINT " + name_));
    db->run_command(runtime_sql("RELEASE SAVEPOINT " + name_));
  }
  /// Opens a savepoint nested in this one.
  pgdsl::savepoint nested() { return pgdsl::savepoint(db()); }
  /// The connection the savepoint belongs to.
  connection& db() { return *db_; }

 private:
  connection* db_;
  unsigned long session_;
  std::string name_;
};

/// A transaction block; rolled back when destroyed unless commit() was called.
class transaction : public detail::statement_forwarding<transaction> {
 public:
  explicit transaction(connection& db, const transaction_options& options = {})
      : db_(&db), session_(detail::connection_access::session(db)) {
    db_->run_command(runtime_sql(detail::begin_command(options)));
    if (options.statement_timeout.count() > 0) set_statement_timeout(options.statement_timeout);
  }
  transaction(transaction&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), session_(other.session_) {}
  transaction& operator=(transaction&&) = delete;
  ~transaction() {
    try {
      rollback();
    } catch (...) {  // a destructor cannot report; the server ends the block with the session
    }
  }

  /// Makes the transaction's work permanent; the object is finished afterwards.
  void commit() {
    if (db_ == nullptr) throw error("commit() on a transaction that already ended");
    std::exchange(db_, nullptr)->run_command("COMMIT");
  }
  /// Undoes the transaction's work; the object is finished afterwards. On a lost connection
  /// there is nothing to undo (the server rolled back), so it does not throw.
  void rollback() {
    if (db_ == nullptr) return;
    connection* db = std::exchange(db_, nullptr);
    if (!db->is_open() || detail::connection_access::session(*db) != session_) return;
    db->run_command("ROLLBACK");
  }
  /// True until commit() or rollback().
  bool active() const noexcept { return db_ != nullptr; }

  /// Opens a savepoint, rolled back unless released.
  pgdsl::savepoint savepoint() { return pgdsl::savepoint(db()); }
  /// statement_timeout for the rest of this transaction (SET LOCAL).
  void set_statement_timeout(std::chrono::milliseconds timeout) {
    db().run_command(runtime_sql(detail::local_timeout_command(timeout)));
  }
  /// The connection the transaction runs on.
  connection& db() {
    if (db_ == nullptr) throw error("the transaction already ended");
    return *db_;
  }

 private:
  connection* db_;
  unsigned long session_;
};

inline transaction connection::begin(const transaction_options& options) {
  return pgdsl::transaction(*this, options);
}

template <class F>
auto connection::transaction(F&& fn, const transaction_options& options) {
  pgdsl::transaction tx(*this, options);
  if constexpr (std::is_void_v<std::invoke_result_t<F&, pgdsl::transaction&>>) {
    std::invoke(fn, tx);
    if (tx.active()) tx.commit();
  } else {
    auto value = std::invoke(fn, tx);
    if (tx.active()) tx.commit();
    return value;
  }
}

}  // namespace pgdsl
