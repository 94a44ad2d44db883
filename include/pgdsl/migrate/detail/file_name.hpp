// SPDX-License-Identifier: BSL-1.0
// The naming rule of migration files: V<digits>__<description>.sql for the upgrade and
// V<digits>__<description>.down.sql for its downgrade; the description's underscores read as
// spaces. Also the `-- pgdsl:no-transaction` directive, a line of its own in the file.
#pragma once

#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pgdsl::detail {

struct migration_file_name {
  std::int64_t version = 0;
  std::string description;
  bool is_down = false;
};

/// The parts of a migration file name, or nullopt when it breaks the rule.
inline std::optional<migration_file_name> parse_migration_file_name(std::string_view name) {
  migration_file_name parts;
  if (name.ends_with(".down.sql")) {
    parts.is_down = true;
    name.remove_suffix(9);
  } else if (name.ends_with(".sql")) {
    name.remove_suffix(4);
  } else {
    return std::nullopt;
  }
  if (!name.starts_with('V')) return std::nullopt;
  const std::size_t separator = name.find("__");
  if (separator == std::string_view::npos || separator < 2 || separator > 19) return std::nullopt;
  std::int64_t version = 0;
  for (std::size_t i = 1; i < separator; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return std::nullopt;
    version = version * 10 + (name[i] - '0');
  }
  const std::string_view description = name.substr(separator + 2);
  if (description.empty() || version <= 0) return std::nullopt;
  parts.version = version;
  parts.description = std::string(description);
  for (char& c : parts.description)
    if (c == '_') c = ' ';
  return parts;
}

/// True when a line of `sql`, blanks aside, is exactly `-- pgdsl:no-transaction`.
inline bool has_no_transaction_directive(std::string_view sql) {
  constexpr std::string_view directive = "-- pgdsl:no-transaction";
  for (std::size_t at = sql.find(directive); at != std::string_view::npos;
       at = sql.find(directive, at + 1)) {
    std::size_t before = at;
    while (before > 0 && (sql[before - 1] == ' ' || sql[before - 1] == '\t')) --before;
    std::size_t after = at + directive.size();
    while (after < sql.size() && (sql[after] == ' ' || sql[after] == '\t' || sql[after] == '\r'))
      ++after;
    if ((before == 0 || sql[before - 1] == '\n') && (after == sql.size() || sql[after] == '\n'))
      return true;
  }
  return false;
}

}  // namespace pgdsl::detail
