// SPDX-License-Identifier: BSL-1.0
// Injection attempts through every entry point that takes a string at run time: identifiers
// (a table, a column, a schema of a qualified name), composed values, values of DSL statements
// (comparison, LIKE, IN lists fixed and as arrays), and rows of a multi-row INSERT. Each attempt
// must reach the server as a name or a value, byte for byte, and leave the victim table alone.
// (pgdsl::runtime_sql is the one entry point that takes SQL text on trust, by its name.)
#include "support/catch.hpp"

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace {

struct notes_t : pgdsl::table<"notes"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"body", std::string> body;
};
inline constexpr notes_t notes{};

const std::vector<std::string> attacks{
    "x\"; DROP TABLE victim; --", "x'; DROP TABLE victim; --",
    "\"); DROP TABLE victim; --", "x\\\"; DROP TABLE victim; --",
    "$1; DROP TABLE victim",      "$$; DROP TABLE victim; $$",
    "x\" OR \"1\"=\"1",           "' OR '1'='1",
    "*/ DROP TABLE victim; /*",   "U&\"\\0064rop\"",
};

std::int64_t victims(pgdsl::connection& db) {
  return db.query<std::int64_t>("SELECT count(*) FROM victim").scalar();
}

}  // namespace

TEST_CASE("a hostile identifier is one name, never SQL") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  fixture.run("CREATE TABLE victim (id int); INSERT INTO victim VALUES (1)");
  for (const std::string& attack : attacks) {
    INFO(attack);
    const pgdsl::identifier table(attack), column(attack + "c");
    pgdsl::execute_sql(db, pgdsl::sql("CREATE TABLE ") + table + " (" + column + " text)");
    pgdsl::execute_sql(db, pgdsl::sql("INSERT INTO ") + table + " (" + column + ") VALUES (" +
                               pgdsl::param(attack) + ")");
    CHECK(pgdsl::query_sql<std::string>(
              db, pgdsl::sql("SELECT ") + column + " FROM " +
                      pgdsl::qualified_name(pgdsl::identifier(fixture.schema()), table))
              .scalar() == attack);
    // The name the server stored is the attack, byte for byte.
    CHECK(db.query<std::string>("SELECT relname::text FROM pg_class WHERE relname = $1 AND "
                                "relnamespace = current_schema()::regnamespace",
                                attack)
              .scalar() == attack);
    CHECK(victims(db) == 1);
  }
  const std::string schema_attack = "s\"; DROP TABLE victim; --";
  pgdsl::execute_sql(db, pgdsl::sql("CREATE SCHEMA ") + pgdsl::identifier(schema_attack));
  pgdsl::execute_sql(db, pgdsl::sql("CREATE TABLE ") +
                             pgdsl::qualified_name(schema_attack, "t\".\"x") + " (id int)");
  CHECK(pgdsl::query_sql<std::int64_t>(db, pgdsl::sql("SELECT count(*) FROM ") +
                                               pgdsl::qualified_name(schema_attack, "t\".\"x"))
            .scalar() == 0);
  pgdsl::execute_sql(db,
                     pgdsl::sql("DROP SCHEMA ") + pgdsl::identifier(schema_attack) + " CASCADE");
  CHECK(victims(db) == 1);
}

TEST_CASE("a hostile value is one value, in composed and in DSL statements") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.set_notice_handler([](const pgdsl::notice&) {});
  fixture.run(
      "CREATE TABLE victim (id int); INSERT INTO victim VALUES (1); "
      "CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT "
      "NULL)");
  using pgdsl::insert_into;
  using pgdsl::select;
  for (const std::string& attack : attacks) {
    INFO(attack);
    // Composed: the value is bound, the statement text has only $1.
    const pgdsl::sql insert =
        pgdsl::sql("INSERT INTO notes (body) VALUES (") + pgdsl::param(attack) + ") RETURNING id";
    CHECK(insert.text() == "INSERT INTO notes (body) VALUES ($1) RETURNING id");
    const auto id = pgdsl::query_sql<std::int64_t>(db, insert).scalar();
    // DSL: comparison, LIKE, IN lists (fixed and array), the multi-row INSERT's rows.
    CHECK(db.execute(select(notes.id).from(notes).where(notes.body == attack)).scalar() == id);
    CHECK(
        db.execute(select(notes.body).from(notes).where(notes.body.like(attack) && notes.id == id))
            .size() <= 1);
    CHECK(db.execute(select(notes.id).from(notes).where(notes.body.in(attack, "x"))).size() == 1);
    CHECK(db.execute(
                select(notes.id).from(notes).where(notes.body.in(std::vector<std::string>{attack})))
              .size() == 1);
    CHECK(db.execute(insert_into(notes)
                         .columns(notes.body)
                         .values(std::vector<std::tuple<std::string>>{{attack}, {attack + "2"}}))
              .rows_affected() == 2);
    CHECK(victims(db) == 1);
  }
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM notes").scalar() ==
        3 * static_cast<std::int64_t>(attacks.size()));
}
