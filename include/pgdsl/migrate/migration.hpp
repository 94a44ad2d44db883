// SPDX-License-Identifier: BSL-1.0
// migration: one version of the schema's history, either SQL text (from a file V0003__name.sql,
// with an optional V0003__name.down.sql) or a C++ step (a function over the connection, for data
// migrations). Each carries the checksum the history table keeps to notice later edits.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "pgdsl/execution/connection.hpp"

namespace pgdsl {

/// A C++ migration step: runs its statements on the connection (inside the migration's
/// transaction unless the step was added with transactional = false).
using migration_step = std::function<void(connection&)>;

/// One migration: SQL text or a C++ step, with an optional way down.
struct migration {
  std::int64_t version = 0;
  std::string description;
  std::string file_name;                ///< "" for a C++ step
  std::string up_sql;                   ///< the file's text (SQL migrations)
  std::optional<std::string> down_sql;  ///< the down file's text, when there is one
  migration_step up_step;               ///< set for a C++ step
  migration_step down_step;             ///< a C++ step's way down, when it has one
  bool transactional = true;            ///< false: `-- pgdsl:no-transaction` in the file
  bool down_transactional = true;       ///< false: the directive in the down file
  std::string checksum;                 ///< of the up text, line endings normalised

  /// True for a C++ step.
  bool is_step() const noexcept { return static_cast<bool>(up_step); }
  /// True when a downgrade can undo it.
  bool has_down() const noexcept { return down_sql.has_value() || static_cast<bool>(down_step); }
  /// "V3 (add orders index)", as messages name it.
  /// (Appended: g++ 12 at -O3 reports a false -Wrestrict for "V" + std::to_string(...).)
  std::string label() const {
    std::string text = "V";
    text.append(std::to_string(version)).append(" (").append(description).append(")");
    return text;
  }
};

}  // namespace pgdsl
