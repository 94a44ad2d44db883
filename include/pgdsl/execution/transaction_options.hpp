// SPDX-License-Identifier: BSL-1.0
// transaction_options: how a transaction starts (isolation level, READ ONLY, DEFERRABLE) and its
// own statement timeout, and the BEGIN command they produce. The text is built only from these
// enumerations and integers, never from user strings.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace pgdsl {

/// SQL isolation levels (PostgreSQL runs READ UNCOMMITTED as READ COMMITTED).
enum class isolation_level { read_committed, repeatable_read, serializable, read_uncommitted };

/// How db.begin() and db.transaction() start a transaction.
struct transaction_options {
  /// Empty = the session's default_transaction_isolation (normally READ COMMITTED).
  std::optional<isolation_level> isolation{};
  bool read_only = false;
  /// Only meaningful with serializable + read_only: wait for a snapshot that cannot fail.
  bool deferrable = false;
  /// statement_timeout for this transaction only (SET LOCAL); 0 = the session's setting.
  std::chrono::milliseconds statement_timeout{0};
};

namespace detail {

inline std::string begin_command(const transaction_options& options) {
  std::string command = "BEGIN";
  if (options.isolation) {
    command += " ISOLATION LEVEL ";
    switch (*options.isolation) {
      case isolation_level::read_committed:
        command += "READ COMMITTED";
        break;
      case isolation_level::repeatable_read:
        command += "REPEATABLE READ";
        break;
      case isolation_level::serializable:
        command += "SERIALIZABLE";
        break;
      case isolation_level::read_uncommitted:
        command += "READ UNCOMMITTED";
        break;
    }
  }
  if (options.read_only) command += " READ ONLY";
  if (options.deferrable) command += " DEFERRABLE";
  return command;
}

inline std::string local_timeout_command(std::chrono::milliseconds timeout) {
  return "SET LOCAL statement_timeout = " + std::to_string(timeout.count());
}

}  // namespace detail
}  // namespace pgdsl
