// SPDX-License-Identifier: BSL-1.0
// The drift check against the server: each kind of difference between descriptors and tables,
// produced by changing a table created from the descriptors; the throwing variant; and the cost:
// one round trip for twenty tables, counted by the query hook.
#include "support/catch.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "ddl_schema.hpp"
#include "support/database.hpp"

using namespace ddl_test;

namespace {

std::vector<pgdsl::schema_difference> drift_after(pgdsl::test::database& fixture,
                                                  const std::string& change) {
  fixture.db().run_command(pgdsl::create_all<all_types_t, entries_t, accounts_t>().sql);
  if (!change.empty()) fixture.run(change);
  return pgdsl::verify_schema<accounts_t, entries_t, all_types_t>(fixture.db());
}

void check_one(const std::vector<pgdsl::schema_difference>& found, pgdsl::difference_kind kind,
               const std::string& table, const std::string& column) {
  INFO((found.empty() ? std::string("no difference") : found.front().describe()));
  REQUIRE(found.size() == 1);
  CHECK(found.front().kind == kind);
  CHECK(found.front().table == table);
  CHECK(found.front().column == column);
}

}  // namespace

TEST_CASE("tables created from the descriptors have no drift") {
  pgdsl::test::database fixture;
  CHECK(drift_after(fixture, "").empty());
  pgdsl::require_schema<accounts_t, entries_t, all_types_t>(fixture.db());
}

TEST_CASE("verify_schema reports each kind of drift") {
  pgdsl::test::database fixture;
  using kind = pgdsl::difference_kind;
  SECTION("a missing table") {
    check_one(pgdsl::verify_schema<accounts_t>(fixture.db()), kind::missing_table, "ddl_accounts",
              "");
  }
  SECTION("a missing column") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_all_types DROP COLUMN jb"),
              kind::missing_column, "ddl_all_types", "jb");
  }
  SECTION("another type") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_all_types ALTER COLUMN i8 TYPE int4"),
              kind::type_differs, "ddl_all_types", "i8");
  }
  SECTION("another typmod") {
    const auto found =
        drift_after(fixture, "ALTER TABLE ddl_accounts ALTER COLUMN email TYPE varchar(80)");
    check_one(found, kind::type_differs, "ddl_accounts", "email");
    CHECK(found.front().expected == "varchar(120)");
    CHECK(found.front().actual == "character varying(80)");
  }
  SECTION("an array instead of a scalar") {
    check_one(drift_after(fixture,
                          "ALTER TABLE ddl_all_types ALTER COLUMN ints TYPE int4 "
                          "USING 0"),
              kind::type_differs, "ddl_all_types", "ints");
  }
  SECTION("a nullable column behind a non-optional member") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_accounts ALTER COLUMN email DROP NOT NULL"),
              kind::nullable_column, "ddl_accounts", "email");
  }
  SECTION("a NOT NULL column behind an optional member") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_entries ALTER COLUMN memo SET NOT NULL"),
              kind::not_null_column, "ddl_entries", "memo");
  }
  SECTION("a missing default") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_accounts ALTER COLUMN created_at DROP DEFAULT"),
              kind::missing_default, "ddl_accounts", "created_at");
  }
  SECTION("a missing identity") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_accounts ALTER COLUMN id DROP IDENTITY"),
              kind::missing_identity, "ddl_accounts", "id");
  }
  SECTION("a missing unique key, which ON CONFLICT needs") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_entries DROP CONSTRAINT ddl_entries_memo_key"),
              kind::missing_unique_key, "ddl_entries", "account_id, memo");
  }
  SECTION("an extra NOT NULL column without default, which every INSERT would violate") {
    check_one(drift_after(fixture, "ALTER TABLE ddl_entries ADD COLUMN posted bool NOT NULL"),
              kind::extra_required_column, "ddl_entries", "posted");
  }
  SECTION("extra columns with a default or NULL allowed are no drift") {
    CHECK(drift_after(fixture,
                      "ALTER TABLE ddl_entries ADD COLUMN a bool NOT NULL DEFAULT true, "
                      "ADD COLUMN b text")
              .empty());
  }
}

TEST_CASE("require_schema throws schema_mismatch listing every difference") {
  pgdsl::test::database fixture;
  fixture.db().run_command(pgdsl::create_all<entries_t, accounts_t>().sql);
  fixture.run(
      "ALTER TABLE ddl_accounts ALTER COLUMN email DROP NOT NULL, "
      "ALTER COLUMN balance TYPE numeric");
  try {
    pgdsl::require_schema<accounts_t, entries_t, all_types_t>(fixture.db());
    FAIL("no schema_mismatch");
  } catch (const pgdsl::schema_mismatch& e) {
    REQUIRE(e.differences().size() == 3);
    CHECK(std::string(e.what()).find(
              R"(table "ddl_accounts", column "balance": type_differs (descriptor numeric(12, 2), )"
              R"(database numeric))") != std::string::npos);
    CHECK(e.differences()[2].kind == pgdsl::difference_kind::missing_table);
  }
}

TEST_CASE("read_catalog describes columns, constraints, indexes and enums") {
  pgdsl::test::database fixture;
  fixture.db().run_command(pgdsl::create_all<all_types_t, entries_t, accounts_t>().sql);
  const auto catalog =
      pgdsl::read_catalog(fixture.db(), {"ddl_accounts", "ddl_entries", "no_such_table"});
  REQUIRE(catalog.tables.size() == 3);
  const auto& accounts_table = catalog.tables[0];
  CHECK(accounts_table.exists);
  CHECK(accounts_table.kind == 'r');
  CHECK(accounts_table.schema == fixture.schema());
  REQUIRE(accounts_table.columns.size() == 5);
  CHECK(accounts_table.columns[0].identity == 'd');
  CHECK(accounts_table.columns[4].is_enum);
  CHECK(accounts_table.indexes.size() == 5);
  const auto& entries_table = catalog.tables[1];
  bool found_foreign_key = false;
  for (const auto& c : entries_table.constraints)
    if (c.kind == 'f') {
      found_foreign_key = true;
      CHECK(c.referenced_table == "ddl_accounts");
      CHECK(c.columns == std::vector<std::string>{"account_id"});
      CHECK(c.definition.find("ON DELETE CASCADE") != std::string::npos);
    }
  CHECK(found_foreign_key);
  CHECK_FALSE(catalog.tables[2].exists);
  REQUIRE(catalog.enums.size() == 1);
  CHECK(catalog.enums[0].labels == std::vector<std::string>{"sad", "ok", "happy"});
}

namespace {

template <std::size_t I>
constexpr pgdsl::fixed_string<6> numbered_name() {
  pgdsl::fixed_string<6> name("ddl_00");
  name.data[4] = static_cast<char>('0' + I / 10);
  name.data[5] = static_cast<char>('0' + I % 10);
  return name;
}

template <std::size_t I>
struct numbered_t : pgdsl::table<numbered_name<I>()> {
  typename numbered_t::template column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  typename numbered_t::template column<"label", std::optional<std::string>, pgdsl::varchar<20>>
      label;
};

template <std::size_t... I>
void check_twenty_tables(pgdsl::test::database& fixture, std::index_sequence<I...>) {
  auto& db = fixture.db();
  db.run_command(pgdsl::create_all<numbered_t<I>...>().sql);
  std::size_t statements = 0;
  db.set_query_hook([&](const pgdsl::query_event&) { ++statements; });
  CHECK(pgdsl::verify_schema<numbered_t<I>...>(db).empty());
  db.set_query_hook({});
  CHECK(statements == 1);
}

}  // namespace

TEST_CASE("verify_schema reads twenty tables in one round trip") {
  pgdsl::test::database fixture;
  check_twenty_tables(fixture, std::make_index_sequence<20>{});
}

namespace {
// As pgdsl-codegen writes a view: its columns are nullable in the catalog.
struct rich_accounts_t : pgdsl::view<"rich_accounts"> {
  column<"id", std::optional<std::int64_t>> id;
  column<"balance", std::optional<pgdsl::numeric>, pgdsl::precision<12, 2>> balance;
};
constexpr rich_accounts_t rich_accounts{};
// The same view with a member that assumes NOT NULL.
struct rich_accounts_strict_t : pgdsl::view<"rich_accounts"> {
  column<"id", std::int64_t> id;
};
}  // namespace

TEST_CASE("a view descriptor reads a view, and the drift check compares it like a table") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.run_command(pgdsl::create_all<all_types_t, entries_t, accounts_t>().sql);
  fixture.run(
      "CREATE VIEW rich_accounts AS SELECT id, balance FROM ddl_accounts WHERE balance > 100");
  fixture.run("INSERT INTO ddl_accounts (email, balance) VALUES ('a@x', 50), ('b@x', 500)");
  CHECK(pgdsl::verify_schema<rich_accounts_t>(db).empty());
  const auto rows = db.execute(pgdsl::select(rich_accounts.id, rich_accounts.balance)
                                   .from(rich_accounts));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].get<1>() == pgdsl::numeric("500.00"));
  check_one(pgdsl::verify_schema<rich_accounts_strict_t>(db),
            pgdsl::difference_kind::nullable_column, "rich_accounts", "id");
}
