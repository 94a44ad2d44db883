// SPDX-License-Identifier: BSL-1.0
// migration_set: the migrations a program knows, by version: files read from a directory at run
// time, files embedded at build time by pgdsl_embed_migrations() (embedded_migrations.hpp), and
// C++ steps added in code. Checks the naming rule and that each version appears once.
#pragma once

#include <dirent.h>
#include <sys/stat.h>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/migrate/detail/checksum.hpp"
#include "pgdsl/migrate/detail/file_name.hpp"
#include "pgdsl/migrate/migration.hpp"
#include "pgdsl/migrate/migration_errors.hpp"

namespace pgdsl {

/// Options of a C++ step.
struct migration_step_options {
  /// false: the step runs outside any transaction (it may then commit on its own).
  bool transactional = true;
  /// Text whose checksum the history keeps (e.g. a revision string you change when you change
  /// the step's meaning); empty = the description.
  std::string checksum_source{};
};

/// The migrations a program knows, ordered by version.
class migration_set {
 public:
  migration_set() = default;

  /// Adds a file by its name (V0003__add_orders_index.sql or .down.sql) and text; throws
  /// invalid_migration when the name breaks the rule or the version is already taken.
  migration_set& add_file(std::string_view file_name, std::string_view text) {
    const auto parts = detail::parse_migration_file_name(file_name);
    if (!parts)
      throw invalid_migration("migration file \"" + std::string(file_name) +
                              "\" does not follow the naming rule V<version>__<description>.sql "
                              "(or .down.sql for its downgrade), e.g. V0003__add_orders_index.sql");
    migration& m = migrations_[parts->version];
    const bool is_new = m.version == 0;
    if (!is_new && m.description != parts->description)
      throw invalid_migration("two migrations have version " + std::to_string(parts->version) +
                              ": \"" + m.description + "\" and \"" + parts->description + "\"");
    m.version = parts->version;
    m.description = parts->description;
    if (parts->is_down) {
      if (m.down_sql || m.down_step)
        throw invalid_migration("two down migrations for version " +
                                std::to_string(parts->version));
      m.down_sql = std::string(text);
      m.down_transactional = !detail::has_no_transaction_directive(text);
    } else {
      if (!m.file_name.empty() || m.is_step())
        throw invalid_migration("two migrations have version " + std::to_string(parts->version) +
                                " (" + std::string(file_name) + ")");
      m.file_name = std::string(file_name);
      m.up_sql = std::string(text);
      m.transactional = !detail::has_no_transaction_directive(text);
      m.checksum = detail::migration_checksum(text);
    }
    return *this;
  }

  /// Adds a C++ step (a data migration) with an optional way down.
  migration_set& add_step(std::int64_t version, std::string description, migration_step up,
                          migration_step down = {}, migration_step_options options = {}) {
    if (version <= 0 || !up)
      throw invalid_migration("a C++ migration step needs a version above 0 and a function");
    if (migrations_.contains(version))
      throw invalid_migration("two migrations have version " + std::to_string(version) + ": \"" +
                              migrations_[version].description + "\" and \"" + description + "\"");
    migration m;
    m.version = version;
    m.checksum = detail::migration_checksum(
        "step:" + (options.checksum_source.empty() ? description : options.checksum_source));
    m.description = std::move(description);
    m.up_step = std::move(up);
    m.down_step = std::move(down);
    m.transactional = m.down_transactional = options.transactional;
    migrations_.emplace(version, std::move(m));
    return *this;
  }

  /// Reads every *.sql file of `directory` (not its subdirectories). POSIX directory calls, not
  /// <filesystem>: that header brings std::quoted into every user's translation unit through
  /// the umbrella header, where argument-dependent lookup then finds it for an unqualified
  /// quoted(std::string) of the user's own.
  static migration_set from_directory(const std::string& directory) {
    const std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir(directory.c_str()), &::closedir);
    if (!dir) throw invalid_migration("no migration directory \"" + directory + "\"");
    migration_set set;
    while (const dirent* entry = ::readdir(dir.get())) {
      const std::string name = entry->d_name;
      const std::string path = directory + "/" + name;
      struct stat info {};
      if (!name.ends_with(".sql") || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
        continue;
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (!in) throw invalid_migration("cannot read migration file \"" + path + "\"");
      set.add_file(name, text.str());
    }
    return set;
  }

  /// Every migration, by version; throws invalid_migration for a down file without its up file.
  std::vector<const migration*> ordered() const {
    std::vector<const migration*> list;
    for (const auto& [version, m] : migrations_) {
      if (m.file_name.empty() && !m.is_step())
        throw invalid_migration("V" + std::to_string(version) + " has a down file but no up file");
      list.push_back(&m);
    }
    return list;
  }

  /// The migration of a version, or nullptr.
  const migration* find(std::int64_t version) const {
    const auto it = migrations_.find(version);
    return it == migrations_.end() ? nullptr : &it->second;
  }
  /// The highest version (0 when empty).
  std::int64_t latest_version() const noexcept {
    return migrations_.empty() ? 0 : migrations_.rbegin()->first;
  }
  std::size_t size() const noexcept { return migrations_.size(); }

 private:
  std::map<std::int64_t, migration> migrations_;
};

/// True when `name` can describe a migration file: letters, digits and _ only, not empty.
inline bool valid_migration_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

/// The name of the next migration file of `directory`: V<latest + 1, four digits>__<name>.sql.
inline std::string next_migration_file_name(const std::string& directory, std::string_view name) {
  if (!valid_migration_name(name))
    throw invalid_migration("a migration name holds letters, digits and _ only: \"" +
                            std::string(name) + "\"");
  struct stat info {};
  const auto set = ::stat(directory.c_str(), &info) == 0 ? migration_set::from_directory(directory)
                                                         : migration_set{};
  char version[24];
  std::snprintf(version, sizeof version, "V%04lld__",
                static_cast<long long>(set.latest_version() + 1));
  return std::string(version) + std::string(name) + ".sql";
}

}  // namespace pgdsl
