// SPDX-License-Identifier: BSL-1.0
// The migration files that CMake's pgdsl_embed_migrations(target DIR) compiled into the program:
// a .cpp generated at build time (again whenever a file of DIR changes) defines
// pgdsl::embedded_migration_files(), so a deployed binary carries its migrations.
#pragma once

#include <span>
#include <string_view>

#include "pgdsl/migrate/migration_set.hpp"

namespace pgdsl {

/// One embedded file: its name (V0003__add_orders_index.sql) and its bytes.
struct embedded_migration_file {
  std::string_view name;
  std::string_view text;
};

/// The files of the directory given to pgdsl_embed_migrations(); defined in the generated source
/// (a link error means the target did not call pgdsl_embed_migrations).
std::span<const embedded_migration_file> embedded_migration_files();

/// The embedded files as a migration set (C++ steps can be added to it).
inline migration_set embedded_migrations() {
  migration_set set;
  for (const auto& file : embedded_migration_files()) set.add_file(file.name, file.text);
  return set;
}

}  // namespace pgdsl
