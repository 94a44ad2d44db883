// SPDX-License-Identifier: BSL-1.0
// The steps that bring one table of the database to its descriptor (described_table against the
// catalog reader's catalog_table), each with the linter's verdicts. Run-time code: the
// descriptor side is already plain values (describe_table), the same the drift check compares.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/ddl/catalog.hpp"
#include "pgdsl/ddl/described_table.hpp"
#include "pgdsl/ddl/schema_difference.hpp"
#include "pgdsl/dynamic/identifier.hpp"
#include "pgdsl/migrate/schema_plan.hpp"

namespace pgdsl::detail {

inline std::string quote_name(const std::string& name) {
  return identifier(name).quoted();
}

inline std::string quote_literal(std::string_view text) {
  sql_writer counter;
  counter.string_literal(text);
  std::string literal(counter.size(), '\0');
  sql_writer writer(literal.data());
  writer.string_literal(text);
  return literal;
}

inline std::string column_label(const std::string& table, const std::string& column) {
  return quote_name(table) + "." + quote_name(column);
}

inline bool same_columns(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// varchar(n) to varchar(m >= n), to varchar without limit or to text are binary coercible:
// PostgreSQL changes the catalog only. Anything else rewrites or scans the table.
inline bool type_change_rewrites(const described_column& to, const catalog_column& from) {
  if (to.is_array != from.is_array || from.type_name != "varchar") return true;
  if (to.type_name == "text") return false;
  return to.type_name != "varchar" ||
         (to.typmod != -1 && (from.typmod == -1 || to.typmod < from.typmod));
}

/// Plans one table: `actual` is the table's catalog entry (by its new name, or by the old name a
/// rename was planned from).
class table_planner {
 public:
  table_planner(const described_table& described, const catalog_table& actual, schema_plan& plan)
      : described_(described), current_(actual), plan_(plan), table_(quote_name(described.name)) {}

  void plan() {
    // Renames first, and on a copy of the catalog's table, so that the keys and indexes below
    // see the columns under their new names.
    for (const auto& column : described_.columns)
      if (!column.renamed_from.empty() && current_.column(column.name) == nullptr &&
          current_.column(column.renamed_from) != nullptr) {
        rename_column(column);
        rename_in_catalog(column.renamed_from, column.name);
      }
    for (const auto& column : described_.columns) {
      const catalog_column* db = current_.column(column.name);
      if (db == nullptr)
        add_column(column);
      else
        alter_column(column, *db);
    }
    plan_keys_and_indexes();
    for (const auto& db : current_.columns) {
      const bool declared =
          std::any_of(described_.columns.begin(), described_.columns.end(),
                      [&](const described_column& c) { return c.name == db.name; });
      if (!declared) drop_column(db);
    }
  }

 private:
  void step(std::string summary, std::string sql, std::vector<change_verdict> verdicts = {}) {
    plan_.changes.push_back({std::move(summary), std::move(sql), std::move(verdicts)});
  }
  std::string alter() const { return "ALTER TABLE " + table_ + " "; }
  std::string label(const std::string& column) const {
    return column_label(described_.name, column);
  }

  void rename_in_catalog(const std::string& from, const std::string& to) {
    const auto rename = [&](std::vector<std::string>& names) {
      for (auto& n : names)
        if (n == from) n = to;
    };
    for (auto& c : current_.columns)
      if (c.name == from) c.name = to;
    for (auto& k : current_.constraints) rename(k.columns);
    for (auto& i : current_.indexes) rename(i.columns);
  }

  void rename_column(const described_column& column) {
    step("rename column " + label(column.renamed_from) + " to " + quote_name(column.name),
         alter() + "RENAME COLUMN " + quote_name(column.renamed_from) + " TO " +
             quote_name(column.name),
         {{change_risk::safe,
           "renames " + label(column.renamed_from) +
               " (renamed_from on the descriptor): code still using the old name fails",
           "deploy the code that uses the new name with this migration"}});
  }

  void add_column(const described_column& column) {
    std::vector<change_verdict> verdicts;
    if (column.not_null && !column.has_default && !column.identity)
      verdicts.push_back({change_risk::may_fail,
                          "adds " + label(column.name) +
                              " NOT NULL without a default: fails when the table has rows",
                          "declare default_sql<...> on the column, or add it nullable, backfill, "
                          "then SET NOT NULL in a later migration"});
    if (column.identity)
      verdicts.push_back({change_risk::locking,
                          "adds identity column " + label(column.name) +
                              ": rewrites the whole table under an ACCESS EXCLUSIVE lock",
                          "on a large table, add it in a quiet window"});
    if (column.definition.find(" REFERENCES ") != std::string::npos)
      verdicts.push_back({change_risk::locking,
                          "adds a foreign key on " + label(column.name) +
                              ": checks every row while both tables are locked against writes",
                          "add the column without REFERENCES, then ADD CONSTRAINT ... NOT VALID "
                          "and VALIDATE CONSTRAINT in a later migration"});
    step("add column " + label(column.name), alter() + "ADD COLUMN " + column.definition,
         std::move(verdicts));
    added_.push_back(column.name);
  }

  void alter_column(const described_column& column, const catalog_column& db) {
    const std::string alter_column = alter() + "ALTER COLUMN " + quote_name(column.name) + " ";
    if (!same_type(column, db)) {
      std::vector<change_verdict> verdicts;
      if (type_change_rewrites(column, db)) {
        verdicts.push_back({change_risk::locking,
                            "changes the type of " + label(column.name) + " from " +
                                db.display_type + " to " + column.sql_type +
                                ": rewrites the table and its indexes under an ACCESS EXCLUSIVE "
                                "lock",
                            "on a large table: add a new column, backfill it in batches, switch "
                            "the code over, then drop the old column"});
        verdicts.push_back({change_risk::may_fail,
                            "fails if a value of " + label(column.name) + " does not convert to " +
                                column.sql_type,
                            "check the data first, or edit the USING expression"});
      }
      step("change the type of " + label(column.name) + " to " + column.sql_type,
           alter_column + "TYPE " + column.sql_type + " USING " + quote_name(column.name) +
               "::" + column.sql_type,
           std::move(verdicts));
    }
    if (column.not_null && !db.not_null)
      step("set " + label(column.name) + " NOT NULL", alter_column + "SET NOT NULL",
           {{change_risk::may_fail, label(column.name) + " SET NOT NULL fails if a row holds NULL",
             "backfill the NULLs first (UPDATE ... WHERE " + quote_name(column.name) + " IS NULL)"},
            {change_risk::locking,
             "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
             "ADD CONSTRAINT ... CHECK (" + quote_name(column.name) +
                 " IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (no scan)"}});
    if (!column.not_null && db.not_null)
      step("drop NOT NULL of " + label(column.name), alter_column + "DROP NOT NULL");
    if (column.identity && db.identity == '\0') {
      if (db.default_sql)
        step("drop the default of " + label(column.name) + " (it becomes an identity)",
             alter_column + "DROP DEFAULT");
      step("make " + label(column.name) + " an identity column",
           alter_column + "ADD GENERATED BY DEFAULT AS IDENTITY",
           {{change_risk::may_fail,
             "the identity of " + label(column.name) +
                 " starts at 1: inserts collide with existing values",
             "add ALTER COLUMN ... RESTART WITH (the largest value + 1) after this step"}});
    } else if (!column.identity && db.identity != '\0') {
      step("drop the identity of " + label(column.name), alter_column + "DROP IDENTITY");
    } else if (column.default_sql && !db.default_sql) {
      step("set the default of " + label(column.name),
           alter_column + "SET DEFAULT " + *column.default_sql);
    } else if (!column.has_default && !column.identity && db.default_sql) {
      step("drop the default of " + label(column.name), alter_column + "DROP DEFAULT",
           {{change_risk::safe,
             "drops the default " + *db.default_sql + " of " + label(column.name) +
                 ": INSERTs that leave the column out now write NULL or fail",
             ""}});
    }
  }

  void drop_column(const catalog_column& db) {
    step("drop column " + label(db.name), alter() + "DROP COLUMN " + quote_name(db.name),
         {{change_risk::destructive,
           "drops column " + label(db.name) + " (" + db.display_type + "): its data is lost",
           "if it was renamed, declare renamed_from<\"" + db.name +
               "\"> on the new column; else stop using it in one release and drop it in the "
               "next"}});
  }

  bool declared_key(const std::vector<std::string>& columns) const {
    return std::any_of(described_.keys.begin(), described_.keys.end(),
                       [&](const described_key& k) { return same_columns(k.columns, columns); });
  }
  bool owned_by_constraint(const std::string& index_name) const {
    return std::any_of(current_.constraints.begin(), current_.constraints.end(),
                       [&](const catalog_constraint& c) { return c.name == index_name; });
  }

  void plan_keys_and_indexes() {
    // Keys and indexes the descriptor no longer declares go first, so that a replacement of the
    // same name can be created after them.
    for (const auto& c : current_.constraints)
      if ((c.kind == 'p' || c.kind == 'u') && !declared_key(c.columns))
        step("drop constraint " + quote_name(c.name),
             alter() + "DROP CONSTRAINT " + quote_name(c.name),
             {{change_risk::safe,
               "drops " + c.definition + " of " + table_ + ": duplicates become possible", ""}});
    for (const auto& i : current_.indexes) {
      const bool declared = std::any_of(described_.indexes.begin(), described_.indexes.end(),
                                        [&](const described_index& d) { return d.name == i.name; });
      if (!declared && !i.is_primary && !owned_by_constraint(i.name))
        step("drop index " + quote_name(i.name), "DROP INDEX " + quote_name(i.name),
             {{change_risk::locking,
               "DROP INDEX " + quote_name(i.name) + " blocks reads and writes of " + table_ +
                   " while it waits for running queries",
               "DROP INDEX CONCURRENTLY in its own migration with -- pgdsl:no-transaction"}});
    }
    std::vector<std::vector<std::string>> planned_unique;
    for (const auto& index : described_.indexes) {
      const bool exists = std::any_of(current_.indexes.begin(), current_.indexes.end(),
                                      [&](const catalog_index& i) { return i.name == index.name; });
      if (exists) continue;
      std::vector<change_verdict> verdicts{
          {change_risk::locking,
           "CREATE INDEX " + quote_name(index.name) + " blocks writes to " + table_ +
               " while it builds",
           "CREATE INDEX CONCURRENTLY in its own migration with -- pgdsl:no-transaction"}};
      if (index.is_unique)
        verdicts.push_back(
            {change_risk::may_fail,
             "the unique index " + quote_name(index.name) + " fails if the table holds duplicates",
             ""});
      step("create index " + quote_name(index.name), index.create_sql, std::move(verdicts));
    }
    for (const auto& key : described_.keys) {
      if (has_unique_index(current_, key.columns)) continue;
      // A one-column key of a column added above came with its definition (inline UNIQUE).
      if (key.columns.size() == 1 &&
          std::find(added_.begin(), added_.end(), key.columns[0]) != added_.end())
        continue;
      if (!key.primary && index_key_planned(key.columns)) continue;
      const std::string columns = join_quoted(key.columns);
      const char* kind = key.primary ? "PRIMARY KEY" : "UNIQUE";
      step(std::string("add ") + kind + " (" + columns + ") to " + table_,
           alter() + "ADD " + kind + " (" + columns + ")",
           {{change_risk::locking,
             std::string("ADD ") + kind + " builds its index while " + table_ +
                 " is locked against reads and writes",
             "CREATE UNIQUE INDEX CONCURRENTLY (no-transaction migration), then ADD " +
                 std::string(kind) + " USING INDEX"},
            {change_risk::may_fail,
             std::string("ADD ") + kind + " fails if the table holds duplicates" +
                 (key.primary ? " or NULLs" : ""),
             ""}});
    }
  }

  // True when a unique index created by this plan covers exactly these columns (a unique
  // index<...>.unique() part is also listed as a key, and needs no constraint of its own).
  bool index_key_planned(const std::vector<std::string>& columns) const {
    return std::any_of(
        described_.indexes.begin(), described_.indexes.end(), [&](const described_index& index) {
          return index.is_unique &&
                 index.create_sql.find("(" + join_quoted(columns) + ")") != std::string::npos;
        });
  }
  static std::string join_quoted(const std::vector<std::string>& columns) {
    std::string text;
    for (const auto& c : columns) text += (text.empty() ? "" : ", ") + quote_name(c);
    return text;
  }

  const described_table& described_;
  catalog_table current_;  // the catalog's table, with the planned renames applied
  schema_plan& plan_;
  std::string table_;
  std::vector<std::string> added_;  // columns this plan adds
};

}  // namespace pgdsl::detail
