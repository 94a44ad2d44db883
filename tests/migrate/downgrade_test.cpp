// SPDX-License-Identifier: BSL-1.0
// Downgrade then upgrade again reaches the same schema, compared through the catalog reader
// (columns, types, defaults, constraints, indexes, enum labels).
#include "support/catch.hpp"

#include <string>
#include <vector>

#include "migrate_support.hpp"

using namespace migrate_test;

namespace {

pgdsl::migration_set reversible() {
  pgdsl::migration_set set;
  set.add_file("V1__users.sql",
               "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
               "email text NOT NULL UNIQUE);");
  set.add_file("V1__users.down.sql", "DROP TABLE users;");
  set.add_file("V2__orders.sql",
               "CREATE TYPE order_state AS ENUM ('new', 'paid');\n"
               "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES "
               "users ON DELETE CASCADE, state order_state NOT NULL DEFAULT 'new', total "
               "numeric(10, 2) CHECK (total >= 0));\n");
  set.add_file("V2__orders.down.sql", "DROP TABLE orders;\nDROP TYPE order_state;\n");
  set.add_file("V3__orders_index.sql",
               "-- pgdsl:no-transaction\nCREATE INDEX CONCURRENTLY orders_user_idx ON orders "
               "(user_id) WHERE state = 'new';\n");
  set.add_file("V3__orders_index.down.sql",
               "-- pgdsl:no-transaction\nDROP INDEX CONCURRENTLY orders_user_idx;\n");
  set.add_file("V4__users_name.sql", "ALTER TABLE users ADD COLUMN name varchar(80) DEFAULT '';");
  set.add_file("V4__users_name.down.sql", "ALTER TABLE users DROP COLUMN name;");
  return set;
}

// The catalog as text, so two snapshots compare (and print) as a whole.
std::string describe(const pgdsl::catalog_snapshot& snapshot) {
  std::string text;
  for (const auto& t : snapshot.tables) {
    text += "table " + t.name + (t.exists ? "\n" : " (absent)\n");
    for (const auto& c : t.columns)
      text += "  column " + c.name + " " + c.display_type + (c.not_null ? " not null" : "") +
              " default " + c.default_sql.value_or("-") + " identity " +
              std::string(1, c.identity ? c.identity : '-') + "\n";
    for (const auto& k : t.constraints)
      text += "  constraint " + k.name + " " + k.definition + "\n";
    for (const auto& i : t.indexes) text += "  index " + i.definition + "\n";
  }
  for (const auto& e : snapshot.enums) {
    text += "enum " + e.name + ":";
    for (const auto& label : e.labels) text += " " + label;
    text += "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("downgrade then upgrade again reaches the same schema") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  const std::vector<std::string> tables{"users", "orders"};
  pgdsl::migrator migrator(db, reversible(), test_options());
  CHECK(migrator.up() == 4);
  const std::string before = describe(pgdsl::read_catalog(db, tables));
  CHECK(before.find("index CREATE INDEX orders_user_idx") != std::string::npos);
  CHECK(before.find("enum order_state: new paid") != std::string::npos);

  CHECK(migrator.down(1) == 3);  // V4, V3, V2, newest first
  const auto middle = pgdsl::read_catalog(db, tables);
  CHECK(middle.table("users")->column("name") == nullptr);
  CHECK_FALSE(middle.table("orders")->exists);
  CHECK(applied_versions(db) == std::vector<std::int64_t>{1});

  CHECK(migrator.up() == 3);
  CHECK(describe(pgdsl::read_catalog(db, tables)) == before);

  CHECK(migrator.down(0) == 4);
  CHECK_FALSE(pgdsl::read_catalog(db, tables).table("users")->exists);
  CHECK(migrator.status().current_version == 0);
}
