// SPDX-License-Identifier: BSL-1.0
// Migration files without a server: the naming rule, the checksum over LF-normalised text, the
// no-transaction directive, the statement splitter, and the offline script.
#include "support/catch.hpp"

#include <string>

#include "migrate_support.hpp"

TEST_CASE("file names follow V<version>__<description>.sql with an optional .down.sql") {
  const auto up = pgdsl::detail::parse_migration_file_name("V0003__add_orders_index.sql");
  REQUIRE(up);
  CHECK(up->version == 3);
  CHECK(up->description == "add orders index");
  CHECK_FALSE(up->is_down);
  const auto down = pgdsl::detail::parse_migration_file_name("V0003__add_orders_index.down.sql");
  REQUIRE(down);
  CHECK(down->is_down);
  for (const char* bad : {"0003__x.sql", "V__x.sql", "V3_x.sql", "V3__.sql", "V3__x.txt",
                          "v3__x.sql", "V3a__x.sql", "V0__x.sql"})
    CHECK_FALSE(pgdsl::detail::parse_migration_file_name(bad));
}

TEST_CASE("a file outside the naming rule, a duplicate version and a lone down file are refused") {
  pgdsl::migration_set set;
  CHECK_THROWS_AS(set.add_file("add_orders.sql", "SELECT 1"), pgdsl::invalid_migration);
  set.add_file("V1__users.sql", "SELECT 1");
  CHECK_THROWS_WITH(set.add_file("V0001__orders.sql", "SELECT 1"),
                    Catch::Contains("two migrations have version 1"));
  CHECK_THROWS_AS(set.add_step(1, "data", [](pgdsl::connection&) {}), pgdsl::invalid_migration);
  set.add_file("V2__orders.down.sql", "DROP TABLE orders");
  CHECK_THROWS_WITH(set.ordered(), Catch::Contains("V2 has a down file but no up file"));
}

TEST_CASE("CRLF, CR and LF versions of a file have the same checksum; an edit changes it") {
  const std::string lf = "CREATE TABLE t (id int);\nCREATE INDEX ON t (id);\n";
  const std::string crlf = "CREATE TABLE t (id int);\r\nCREATE INDEX ON t (id);\r\n";
  const std::string cr = "CREATE TABLE t (id int);\rCREATE INDEX ON t (id);\r";
  const auto checksum = pgdsl::detail::migration_checksum(lf);
  CHECK(pgdsl::detail::migration_checksum(crlf) == checksum);
  CHECK(pgdsl::detail::migration_checksum(cr) == checksum);
  CHECK(pgdsl::detail::migration_checksum("\xef\xbb\xbf" + lf) == checksum);
  CHECK(pgdsl::detail::migration_checksum(lf + " ") != checksum);
  CHECK(checksum.size() == 16);
}

TEST_CASE("the no-transaction directive counts only on a line of its own") {
  using pgdsl::detail::has_no_transaction_directive;
  CHECK(has_no_transaction_directive("-- pgdsl:no-transaction\nCREATE INDEX CONCURRENTLY ..."));
  CHECK(has_no_transaction_directive("-- index\r\n  -- pgdsl:no-transaction\r\nSELECT 1"));
  CHECK_FALSE(has_no_transaction_directive("SELECT 1 -- pgdsl:no-transaction\n"));
  CHECK_FALSE(has_no_transaction_directive("-- pgdsl:no-transactional\n"));
}

TEST_CASE("statements split at semicolons outside quotes, dollar quotes and comments") {
  const auto parts = pgdsl::detail::split_statements(
      "-- a comment; not a statement\n"
      "CREATE TABLE \"a;b\" (t text DEFAULT 'x;''y');\n"
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
      "/* outer /* inner; */ still; */ SELECT E'\\';';\n"
      "SELECT $$;$$ ;  -- trailing; comment\n"
      "  \n");
  REQUIRE(parts.size() == 4);
  CHECK(parts[0] == "-- a comment; not a statement\nCREATE TABLE \"a;b\" (t text DEFAULT 'x;''y')");
  CHECK(parts[1] == "\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql");
  CHECK(parts[2] == "\n/* outer /* inner; */ still; */ SELECT E'\\';'");
  CHECK(parts[3] == "\nSELECT $$;$$ ");
  CHECK(pgdsl::detail::split_statements("-- nothing\n/* at all */ ;\n").empty());
}

TEST_CASE("the offline script wraps each migration in BEGIN/COMMIT unless it says otherwise") {
  pgdsl::migration_set set;
  set.add_file("V1__users.sql", "CREATE TABLE users (id int);");
  set.add_file("V2__index.sql",
               "-- pgdsl:no-transaction\nCREATE INDEX CONCURRENTLY i ON users (id);\n");
  set.add_file("V3__names.sql", "ALTER TABLE users ADD name text;\n");
  const std::string sql = pgdsl::migrator::offline_sql(set, 1, 2);
  CHECK(sql.find("CREATE TABLE IF NOT EXISTS \"pgdsl_schema_history\"") != std::string::npos);
  CHECK(sql.find("CREATE TABLE users") == std::string::npos);  // from V1: already applied
  CHECK(sql.find("-- V2 (index), no transaction\n-- pgdsl:no-transaction\nCREATE INDEX "
                 "CONCURRENTLY i ON users (id);\nINSERT INTO \"pgdsl_schema_history\"") !=
        std::string::npos);
  CHECK(sql.find("BEGIN") == std::string::npos);
  CHECK(sql.find("ALTER TABLE") == std::string::npos);  // above --to 2
  const std::string all = pgdsl::migrator::offline_sql(set);
  CHECK(all.find("BEGIN;\nALTER TABLE users ADD name text;\nINSERT INTO") != std::string::npos);

  set.add_step(4, "backfill names", [](pgdsl::connection&) {});
  CHECK_THROWS_WITH(
      pgdsl::migrator::offline_sql(set),
      Catch::Contains("V4 (backfill names) is a C++ step") && Catch::Contains("--to 3"));
}
