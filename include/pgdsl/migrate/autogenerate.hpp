// SPDX-License-Identifier: BSL-1.0
// Autogenerate: the descriptors compiled into the program compared with the live database (one
// read_catalog round trip, the drift check's reader), as the DDL steps that bring the database to
// the descriptors, linted (schema_plan), and written as the next migration file of a directory:
//   auto plan = pgdsl::plan_schema<users_t, orders_t>(db);
//   pgdsl::write_migration(plan, "migrations", "add_email");  // V0004__add_email.sql
// Renames come from renamed_from<"old"> on a column or a table, never from guessing.
#pragma once

#include <sys/stat.h>
#include <algorithm>
#include <cerrno>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pgdsl/ddl/catalog.hpp"
#include "pgdsl/ddl/create_all.hpp"
#include "pgdsl/ddl/create_type.hpp"
#include "pgdsl/ddl/described_table.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/migrate/detail/plan_table.hpp"
#include "pgdsl/migrate/migration_set.hpp"
#include "pgdsl/migrate/schema_plan.hpp"
#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/schema/table.hpp"

namespace pgdsl {

namespace detail {

/// An enum mapping as autogenerate compares it: its name, labels and CREATE TYPE.
struct described_enum {
  std::string name;
  std::vector<std::string> labels;
  std::string create_sql;
};

template <class... Enums>
std::vector<described_enum> describe_enums(type_list<Enums...>) {
  std::vector<described_enum> enums;
  (
      [&] {
        described_enum e{std::string(type_traits<Enums>::sql_name),
                         {},
                         std::string(sql_of<create_type_statement<Enums>>.view())};
        for (std::string_view label : type_traits<Enums>::labels) e.labels.emplace_back(label);
        enums.push_back(std::move(e));
      }(),
      ...);
  return enums;
}

inline void plan_enum(const described_enum& wanted, const catalog_snapshot& catalog,
                      schema_plan& plan) {
  const catalog_enum* found = nullptr;
  for (const auto& e : catalog.enums)
    if (e.name == wanted.name) found = &e;
  if (found == nullptr) {
    plan.changes.push_back({"create type " + quote_name(wanted.name), wanted.create_sql, {}});
    return;
  }
  for (const auto& label : wanted.labels)
    if (std::find(found->labels.begin(), found->labels.end(), label) == found->labels.end()) {
      const std::string literal = quote_literal(label);
      plan.changes.push_back(
          {"add value " + literal + " to type " + quote_name(wanted.name),
           "ALTER TYPE " + quote_name(wanted.name) + " ADD VALUE IF NOT EXISTS " + literal,
           {{change_risk::safe,
             "the new label " + literal +
                 " cannot be used by later statements of the same transaction",
             "use it (defaults, UPDATEs) in the next migration"}}});
    }
  for (const auto& label : found->labels)
    if (std::find(wanted.labels.begin(), wanted.labels.end(), label) == wanted.labels.end())
      plan.notes.push_back("type " + quote_name(wanted.name) + " has the label '" + label +
                           "' the C++ enum lacks; PostgreSQL cannot drop an enum label, so it "
                           "stays");
}

// The descriptors in foreign-key order (create_all's), so that a new table comes after the new
// tables it references.
template <class... Tables, std::size_t... I>
std::vector<described_table> describe_in_order(std::index_sequence<I...>) {
  constexpr auto order = dependency_order<Tables...>();
  return {describe_table<at_t<order.at[I], type_list<Tables...>>>()...};
}

}  // namespace detail

/// The plan that brings the database (the tables on the search_path) to the descriptors
/// Tables...: enum types and labels, table renames, CREATE TABLE with its indexes, and for each
/// existing table its column, key and index changes. Empty when the database matches.
template <table_type... Tables>
schema_plan plan_schema(connection& db) {
  static_assert(sizeof...(Tables) > 0, "plan_schema needs at least one table");
  static_assert(foreign_keys_form_no_cycle<detail::dependency_order<Tables...>().acyclic>,
                "plan_schema: the tables' foreign keys form a cycle, so no order creates each "
                "table after the tables it references");
  const auto described =
      detail::describe_in_order<Tables...>(std::make_index_sequence<sizeof...(Tables)>{});
  std::vector<std::string> names;
  for (const auto& t : described) {
    names.push_back(t.name);
    if (!t.renamed_from.empty()) names.push_back(t.renamed_from);
  }
  const catalog_snapshot catalog = read_catalog(db, names);

  schema_plan plan;
  for (const auto& e : detail::describe_enums(detail::enums_of_t<Tables...>{}))
    detail::plan_enum(e, catalog, plan);
  for (const auto& t : described) {
    const catalog_table* actual = catalog.table(t.name);
    if (actual != nullptr && actual->exists) {
      detail::table_planner(t, *actual, plan).plan();
      continue;
    }
    const catalog_table* old = t.renamed_from.empty() ? nullptr : catalog.table(t.renamed_from);
    if (old != nullptr && old->exists) {
      plan.changes.push_back(
          {"rename table " + detail::quote_name(t.renamed_from) + " to " +
               detail::quote_name(t.name),
           "ALTER TABLE " + detail::quote_name(t.renamed_from) + " RENAME TO " +
               detail::quote_name(t.name),
           {{change_risk::safe,
             "renames table " + detail::quote_name(t.renamed_from) +
                 " (renamed_from on the descriptor): code still using the old name fails",
             "deploy the code that uses the new name with this migration"}}});
      detail::table_planner(t, *old, plan).plan();
      continue;
    }
    plan.changes.push_back({"create table " + detail::quote_name(t.name), t.create_sql, {}});
    for (const auto& index : t.indexes)
      plan.changes.push_back(
          {"create index " + detail::quote_name(index.name), index.create_sql, {}});
  }
  return plan;
}

/// Writes the plan as the next migration file of `directory` (created if missing, not its
/// parents) and returns the file's path; writes nothing and returns std::nullopt when the plan
/// is empty. Throws autogenerate_refused when the plan loses data and allow_destructive is false.
/// (POSIX calls rather than <filesystem>, for the reason given at migration_set::from_directory.)
inline std::optional<std::string> write_migration(const schema_plan& plan,
                                                  const std::string& directory,
                                                  std::string_view name,
                                                  bool allow_destructive = false) {
  if (plan.empty()) return std::nullopt;
  if (!allow_destructive) plan.refuse_destructive();
  const std::string file_name = next_migration_file_name(directory, name);
  if (::mkdir(directory.c_str(), 0777) != 0 && errno != EEXIST)
    throw migration_error("autogenerate: cannot create the directory \"" + directory + "\"");
  const std::string path = directory + "/" + file_name;
  std::ofstream out(path, std::ios::binary);
  out << plan.script(file_name);
  if (!out.flush()) throw migration_error("autogenerate: cannot write \"" + path + "\"");
  return path;
}

}  // namespace pgdsl
