// SPDX-License-Identifier: BSL-1.0
// The refusals of the migration runner, one type each, under migration_error (itself a
// pgdsl::error): a bad migration file, a lock not obtained in time, a database left dirty by a
// failed migration, an applied migration that was edited or removed, one that cannot be undone.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "pgdsl/error/error.hpp"

namespace pgdsl {

/// Base of every refusal and failure of the migration runner.
class migration_error : public error {
 public:
  using error::error;
};

/// A migration that cannot be loaded: a file name outside the naming rule, two migrations with
/// one version, a down file without its up file, a C++ step asked for as offline SQL.
class invalid_migration : public migration_error {
 public:
  using migration_error::migration_error;
};

/// Another migrator held the advisory lock for longer than migrator_options::lock_timeout.
class migration_lock_timeout : public migration_error {
 public:
  using migration_error::migration_error;
};

/// A refusal about one version of the history.
class migration_version_error : public migration_error {
 public:
  migration_version_error(std::int64_t version, const std::string& message)
      : migration_error(message), version_(version) {}
  /// The version the refusal is about.
  std::int64_t version() const noexcept { return version_; }

 private:
  std::int64_t version_;
};

/// The history records a failed migration: the previous run stopped there and the database may
/// be half-changed. Nothing runs until someone fixes it and runs repair().
class dirty_database : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// An applied migration's text changed since it was applied (its checksum differs).
class checksum_mismatch : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// The history lists an applied migration that the program no longer has.
class missing_migration : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// A pending migration older than the newest applied one (merged late from another branch).
class out_of_order_migration : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// A downgrade passes a migration that has no down file or down step (or the baseline).
class no_down_migration : public migration_version_error {
 public:
  using migration_version_error::migration_version_error;
};

/// A migration failed on the server; the history now records it as failed (dirty).
class migration_failed : public migration_version_error {
 public:
  migration_failed(std::int64_t version, const std::string& message, std::string sqlstate)
      : migration_version_error(version, message), sqlstate_(std::move(sqlstate)) {}
  /// The SQLSTATE of the server's error ("" when the failure came from a C++ step's own throw).
  const std::string& sqlstate() const noexcept { return sqlstate_; }

 private:
  std::string sqlstate_;
};

}  // namespace pgdsl
