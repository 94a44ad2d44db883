// SPDX-License-Identifier: BSL-1.0
// What autogenerate found to do: a list of DDL steps, each with the linter's verdicts (does it
// lock or rewrite the table, can it fail on existing rows, does it lose data) and the safer
// recipe, and the migration file those steps make (verdicts as comments above each statement).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/migrate/migration_errors.hpp"

namespace pgdsl {

/// How dangerous a generated step is, from harmless to losing data.
enum class change_risk {
  safe,         ///< catalog-only or brief: nothing to worry about
  locking,      ///< holds a lock that blocks writes (or reads) while it scans or rewrites
  may_fail,     ///< fails on some existing data (NULLs, duplicates, values that do not convert)
  destructive,  ///< loses data (a dropped column)
};

/// The verdict's label in the file and on the terminal: "ok", "locks", "may fail", "destructive".
constexpr std::string_view to_string(change_risk risk) {
  switch (risk) {
    case change_risk::safe:
      return "ok";
    case change_risk::locking:
      return "locks";
    case change_risk::may_fail:
      return "may fail";
    case change_risk::destructive:
      return "destructive";
  }
  return "unknown";
}

/// One finding of the linter about a step: the risk, why, and what to do instead.
struct change_verdict {
  change_risk risk = change_risk::safe;
  std::string message;  ///< "drops column "users"."legacy": its data is lost"
  std::string recipe;   ///< the safer way, or empty
};

/// One generated step: a statement and what the linter says about it.
struct schema_change {
  std::string summary;  ///< add column "users"."email"
  std::string sql;      ///< one statement, without the final ';'
  std::vector<change_verdict> verdicts;

  /// The worst risk among the verdicts (safe when there is none).
  change_risk risk() const {
    change_risk worst = change_risk::safe;
    for (const auto& v : verdicts) worst = std::max(worst, v.risk);
    return worst;
  }
};

/// Thrown when a plan holds destructive steps and the caller did not allow them.
class autogenerate_refused : public migration_error {
 public:
  using migration_error::migration_error;
};

/// The steps that bring the database to the descriptors, in the order they must run.
struct schema_plan {
  std::vector<schema_change> changes;
  std::vector<std::string> notes;  ///< what autogenerate saw but does not change (enum labels...)

  /// True when the database already matches the descriptors.
  bool empty() const noexcept { return changes.empty(); }
  /// True when a step loses data.
  bool is_destructive() const {
    return std::any_of(changes.begin(), changes.end(),
                       [](const schema_change& c) { return c.risk() == change_risk::destructive; });
  }

  /// The verdicts as lines a terminal prints: "[destructive] drop column ...: why. Safer: ...".
  std::vector<std::string> warnings() const {
    std::vector<std::string> lines;
    for (const auto& change : changes)
      for (const auto& v : change.verdicts) {
        std::string line = "[" + std::string(to_string(v.risk)) + "] " + v.message;
        if (!v.recipe.empty()) line += ". Safer: " + v.recipe;
        lines.push_back(std::move(line));
      }
    for (const auto& note : notes) lines.push_back("[note] " + note);
    return lines;
  }

  /// The migration file: a header, then each step's verdicts as comments above its statement.
  std::string script(std::string_view file_name) const {
    std::string text = "-- " + std::string(file_name) +
                       ": written by pgdsl autogenerate (the descriptors compared with the live "
                       "database).\n-- Review it before applying: each step carries the "
                       "linter's verdicts.\n";
    for (const auto& note : notes) text += "-- note: " + note + "\n";
    for (const auto& change : changes) {
      text += "\n-- " + change.summary + "\n";
      for (const auto& v : change.verdicts) {
        text += "-- [" + std::string(to_string(v.risk)) + "] " + v.message + "\n";
        if (!v.recipe.empty()) text += "--   safer: " + v.recipe + "\n";
      }
      text += change.sql + ";\n";
    }
    return text;
  }

  /// Throws autogenerate_refused, naming each destructive step, when there is any.
  void refuse_destructive() const {
    if (!is_destructive()) return;
    std::string text =
        "autogenerate: the plan loses data (allow destructive steps to write it anyway):";
    for (const auto& change : changes)
      if (change.risk() == change_risk::destructive) text += "\n  " + change.summary;
    throw autogenerate_refused(text);
  }
};

}  // namespace pgdsl
