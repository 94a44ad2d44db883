// SPDX-License-Identifier: BSL-1.0
// Injection attempts through every entry point that takes a string at run time: identifiers
// (a table, a column, a schema of a qualified name), composed values, values of DSL statements
// (comparison, LIKE, IN lists fixed and as arrays), and rows of a multi-row INSERT. Each attempt
// must reach the server as a name or a value, byte for byte, and leave the victim table alone;
// names chosen at run time among a descriptor's (sort_by specs, column_by_name, columns_by_name)
// must be refused naming the offending key; values of dynamic statements are bound.
// (pgdsl::runtime_sql is the one entry point that takes SQL text on trust, by its name.)
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace {

struct notes_t : pgdsl::table<"notes"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"body", std::string> body;
  column<"tag", std::optional<std::string>> tag;  // only the dynamic statements' test has it
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

TEST_CASE("a hostile sort spec or column name is refused; a hostile value in a dynamic statement "
          "is bound") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  fixture.run(
      "CREATE TABLE victim (id int); INSERT INTO victim VALUES (1); "
      "CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT "
      "NULL, tag text)");
  using pgdsl::insert_into;
  using pgdsl::select;
  using pgdsl::update;
  for (const std::string& attack : attacks) {
    INFO(attack);
    // Names chosen at run time: only the descriptor's own names pass; the attack is reported.
    for (const std::string& spec : {attack, "body," + attack, "-" + attack}) {
      try {
        (void)pgdsl::sort_by(spec, notes.id, notes.body);
        FAIL("a hostile sort spec was accepted");
      } catch (const pgdsl::invalid_sort_key& e) {
        CHECK(std::string(e.what()).find("no such column") != std::string::npos);
      }
    }
    CHECK_THROWS_AS(pgdsl::column_by_name(notes, attack), pgdsl::not_a_column);
    CHECK_THROWS_AS(pgdsl::columns_by_name(notes, std::vector<std::string>{"body", attack}),
                    pgdsl::not_a_column);
    // Values of a dynamic INSERT, UPDATE and of optional conditions: bound, byte for byte.
    const std::optional<std::string> body = attack;
    const auto id =
        pgdsl::execute_dynamic(
            db, insert_into(notes)
                    .set(notes.body = attack,
                         pgdsl::when(body, [](const std::string& b) { return notes.tag = b; }))
                    .returning(notes.id))
            .scalar();
    const auto found = [&](const std::optional<std::string>& like) {
      return pgdsl::execute_dynamic(
                 db, pgdsl::dynamic(select(notes.id).from(notes))
                         .where(notes.id == id, pgdsl::when(like, [](const std::string& l) {
                                  return notes.body.like(l);
                                }))
                         .order_by(pgdsl::sort_by("-id", notes.id, notes.body)))
          .size();
    };
    CHECK(found(attack) <= 1);
    CHECK(found(std::nullopt) == 1);
    CHECK(pgdsl::execute_dynamic(
              db, update(notes)
                      .set(pgdsl::when(body,
                                       [](const std::string& b) { return notes.body = b + b; }))
                      .where(notes.id == id))
              .rows_affected() == 1);
    CHECK(db.query<std::string>("SELECT body || tag FROM notes WHERE id = $1", id).scalar() ==
          attack + attack + attack);
    CHECK(victims(db) == 1);
  }
}
