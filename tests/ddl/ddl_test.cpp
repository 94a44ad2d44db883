// SPDX-License-Identifier: BSL-1.0
// The DDL of descriptors on the server: every statement render_ddl.cpp checks is accepted, the
// tables it creates hold every mapped type (a row written and read back through the DSL, whose
// column checks compare the server's types with the descriptors), and the constraints hold.
#include "support/catch.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ddl_schema.hpp"
#include "support/database.hpp"

using namespace ddl_test;

namespace {

std::int64_t add_account(pgdsl::connection& db, std::string email) {
  return db
      .execute(pgdsl::insert_into(accounts)
                   .set(accounts.email = std::move(email), accounts.feeling = mood::ok)
                   .returning(accounts.id))
      .scalar();
}

}  // namespace

TEST_CASE("create_all creates enum types, tables in foreign-key order and indexes in one script") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.run_command(pgdsl::create_all<all_types_t, notes_t, entries_t, accounts_t>().sql);

  const auto id = add_account(db, "ann@example.com");
  const auto now =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  db.execute(pgdsl::insert_into(all_types).set(
      all_types.id = 1, all_types.b = true, all_types.i2 = std::int16_t{2},
      all_types.i4 = std::optional<std::int32_t>{}, all_types.i8 = std::int64_t{8},
      all_types.f4 = 1.5f, all_types.f8 = 2.5, all_types.num = pgdsl::numeric("1.25"),
      all_types.t = "text", all_types.vc = std::optional<std::string>("short"),
      all_types.by = pgdsl::bytea{std::byte{1}}, all_types.u = pgdsl::uuid{},
      all_types.j = pgdsl::json{"[1]"}, all_types.jb = pgdsl::jsonb{"{}"},
      all_types.d = std::chrono::floor<std::chrono::days>(now),
      all_types.ts = pgdsl::timestamp(now.time_since_epoch()), all_types.tstz = now,
      all_types.m = mood::happy, all_types.ints = std::vector<std::int32_t>{1, 2},
      all_types.texts = std::vector<std::optional<std::string>>{"a", std::nullopt},
      all_types.vcs = std::vector<std::string>{"x"},
      all_types.nums = std::vector<pgdsl::numeric>{pgdsl::numeric("1.5")}));
  const auto row = db.execute(pgdsl::select(pgdsl::all_of(all_types)).from(all_types)).one();
  CHECK(row[all_types.m] == mood::happy);
  CHECK(row[all_types.i4] == std::nullopt);  // NULL beside numeric and array parameters
  CHECK(row[all_types.tstz] == now);
  CHECK(row[all_types.nums].at(0) == pgdsl::numeric("1.5"));
  CHECK(row[all_types.texts]->at(1) == std::nullopt);

  // ON DELETE SET NULL.
  db.execute(pgdsl::insert_into(notes).set(notes.id = 1, notes.account_id = id));
  db.execute(pgdsl::delete_from(accounts).where(accounts.id == id));
  CHECK(db.execute(pgdsl::select(notes.account_id).from(notes)).scalar() == std::nullopt);

  db.run_command(pgdsl::drop_all<all_types_t, notes_t, entries_t, accounts_t>().sql);
  CHECK(
      db.query<std::int64_t>("SELECT count(*) FROM pg_type WHERE typname = 'ddl_mood' AND "
                             "typnamespace = current_schema()::regnamespace").scalar() ==
      0);
}

TEST_CASE("each DDL statement runs on its own through execute()") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.execute(pgdsl::create_type<mood>());
  db.execute(pgdsl::create_table(accounts));
  db.execute(pgdsl::create_table(accounts).if_not_exists());  // exists: nothing happens
  CHECK_THROWS_AS(db.execute(pgdsl::create_table(accounts)), pgdsl::duplicate_table);
  db.execute(pgdsl::create_table(entries));
  db.execute(pgdsl::create_index<"ddl_accounts_created_idx">(accounts).concurrently());
  db.execute(pgdsl::create_index<"ddl_accounts_created_idx">(accounts).if_not_exists());
  db.execute(pgdsl::create_index<"ddl_accounts_lower_email_idx">(accounts));
  db.execute(pgdsl::create_index<"ddl_accounts_sad_idx">(accounts));
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM pg_indexes WHERE tablename = 'ddl_accounts' AND "
                               "schemaname = current_schema()")
            .scalar() == 5);  // with the primary key and the unique email

  db.execute(pgdsl::create_table(accounts).temporary());  // a temporary table hides it
  db.execute(pgdsl::drop_table(accounts));
  db.execute(pgdsl::drop_table(entries, accounts).if_exists().cascade());
  db.execute(pgdsl::drop_table(entries, accounts).if_exists());
  db.execute(pgdsl::drop_type<mood>());
}

TEST_CASE("the constraints of the descriptors hold on the server") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.run_command(pgdsl::create_all<entries_t, accounts_t>().sql);
  const auto ann = add_account(db, "ann@example.com");

  SECTION("a named UNIQUE column and a unique expression index") {
    try {
      add_account(db, "ann@example.com");
      FAIL("no unique_violation");
    } catch (const pgdsl::unique_violation& e) {
      CHECK(e.constraint() == "ddl_accounts_email_key");
    }
    CHECK_THROWS_AS(add_account(db, "ANN@example.com"), pgdsl::unique_violation);
  }
  SECTION("a named CHECK written as a DSL condition") {
    try {
      db.execute(pgdsl::update(accounts)
                     .set(accounts.balance = pgdsl::numeric("-1"))
                     .where(accounts.id == ann));
      FAIL("no check_violation");
    } catch (const pgdsl::check_violation& e) {
      CHECK(e.constraint() == "ddl_accounts_balance_check");
    }
  }
  SECTION("a composite primary key and ON DELETE CASCADE") {
    const auto entry = [&](std::int32_t line) {
      db.execute(pgdsl::insert_into(entries).set(entries.account_id = ann, entries.line = line,
                                                 entries.amount = pgdsl::numeric("1")));
    };
    entry(1);
    entry(2);
    CHECK_THROWS_AS(entry(1), pgdsl::unique_violation);
    CHECK_THROWS_AS(
        db.execute(pgdsl::insert_into(entries).set(entries.account_id = ann + 100, entries.line = 1,
                                                   entries.amount = pgdsl::numeric("1"))),
        pgdsl::foreign_key_violation);
    db.execute(pgdsl::delete_from(accounts).where(accounts.id == ann));
    CHECK(db.query<std::int64_t>("SELECT count(*) FROM ddl_entries").scalar() == 0);
  }
}

TEST_CASE("a script's statements also run one at a time with for_each") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  std::size_t statements = 0;
  pgdsl::create_all<entries_t, accounts_t>().for_each([&](auto statement) {
    db.execute(statement);
    ++statements;
  });
  CHECK(statements == 6);  // the enum type, two tables, three indexes
  CHECK(pgdsl::verify_schema<accounts_t, entries_t>(db).empty());
  pgdsl::drop_all<entries_t, accounts_t>().for_each([&](auto statement) { db.execute(statement); });
  CHECK(pgdsl::verify_schema<accounts_t>(db).front().kind == pgdsl::difference_kind::missing_table);
}
