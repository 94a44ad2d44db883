// SPDX-License-Identifier: BSL-1.0
// Static statements through db.execute(): binary parameters, preparation once per connection,
// the unnamed mode for PgBouncer, column types checked before the first run, schema drift, and
// values refused before anything is sent.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/database.hpp"
#include "support/statements.hpp"

using pgdsl::type_list;
using pgdsl::test::column;
using pgdsl::test::make_statement;

namespace {

using id_col = column<"items", "id", std::int64_t>;
using name_col = column<"items", "name", std::string>;
using note_col = column<"items", "note", std::optional<std::string>>;

void create_items(pgdsl::test::database& fixture) {
  fixture.run("CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, note text)");
}

auto insert_item(std::int64_t id, std::string name, std::optional<std::string> note) {
  return make_statement<"INSERT INTO items (id, name, note) VALUES ($1, $2, $3)">(id, name, note);
}

auto select_item(std::int64_t id) {
  return make_statement<"SELECT id, name, note FROM items WHERE id = $1",
                        type_list<id_col, name_col, note_col>>(id);
}

std::int64_t count_prepared(pgdsl::connection& db) {
  // Run unnamed (runtime_sql), so that it does not count itself.
  return db.query<std::int64_t>(pgdsl::runtime_sql("SELECT count(*) FROM pg_prepared_statements"))
      .scalar();
}

}  // namespace

TEST_CASE("a static statement binds its parameters in binary and decodes typed columns") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  CHECK(db.execute(insert_item(1, "lamp", std::nullopt)).rows_affected() == 1);
  CHECK(db.execute(insert_item(2, "desk", "oak")).rows_affected() == 1);

  const auto [id, name, note] = db.execute(select_item(2)).one();
  CHECK(id == 2);
  CHECK(name == "desk");
  CHECK(note == std::optional<std::string>("oak"));
  CHECK_FALSE(db.execute(select_item(1)).one().get<2>().has_value());
}

TEST_CASE("a static statement is prepared once per connection and reused") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const auto before = count_prepared(db);
  for (int i = 0; i < 5; ++i) db.execute(insert_item(i, "n" + std::to_string(i), std::nullopt));
  db.execute(select_item(3));
  db.execute(select_item(4));
  CHECK(count_prepared(db) == before + 2);
  CHECK(db.prepared_statement_count() == 2);
  const auto uses = db.query<std::string>(pgdsl::runtime_sql(
      "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'pgdsl_%' ORDER BY name"));
  REQUIRE(uses.size() == 2);
  CHECK(uses[0].get<0>() == "INSERT INTO items (id, name, note) VALUES ($1, $2, $3)");
}

TEST_CASE("with prepared_statements off nothing is left prepared on the server") {
  pgdsl::test::database fixture;
  create_items(fixture);
  pgdsl::connection_options options;
  options.prepared_statements = false;
  auto db = fixture.connect_another(options);
  db.execute(insert_item(1, "lamp", std::nullopt));
  db.execute(insert_item(2, "desk", std::nullopt));
  CHECK(db.execute(select_item(2)).one().get<1>() == "desk");
  CHECK(count_prepared(db) == 0);
}

TEST_CASE("a column whose server type differs from the declared type is refused before it runs") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE counters (id integer, hits integer)");
  fixture.run("INSERT INTO counters VALUES (1, 10)");
  using wrong = column<"counters", "hits", std::int64_t>;  // int4 on the server
  const auto q = make_statement<"SELECT hits FROM counters", type_list<wrong>>();
  try {
    fixture.db().execute(q);
    FAIL("expected type_mismatch");
  } catch (const pgdsl::type_mismatch& e) {
    CHECK(e.column() == R"("counters"."hits")");
    CHECK(std::string(e.what()).find("int4") != std::string::npos);
    CHECK(std::string(e.what()).find("int8") != std::string::npos);
  }
  CHECK(fixture.db().prepared_statement_count() == 0);
}

TEST_CASE("a column altered behind a prepared statement's back is reported as type_mismatch") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE gauges (id bigint, level bigint)");
  fixture.run("INSERT INTO gauges VALUES (1, 5)");
  using level = column<"gauges", "level", std::int64_t>;
  const auto q =
      make_statement<"SELECT level FROM gauges WHERE id = $1", type_list<level>>(std::int64_t{1});
  auto& db = fixture.db();
  CHECK(db.execute(q).scalar() == 5);
  fixture.run("ALTER TABLE gauges ALTER COLUMN level TYPE integer");
  // The server refuses the stale plan (0A000); it is prepared again and checked again.
  CHECK_THROWS_MATCHES(db.execute(q), pgdsl::type_mismatch,
                       Catch::Matchers::Predicate<pgdsl::type_mismatch>(
                           [](const auto& e) { return e.column() == R"("gauges"."level")"; }));
  fixture.run("ALTER TABLE gauges ALTER COLUMN level TYPE bigint");
  CHECK(db.execute(q).scalar() == 5);
}

TEST_CASE("a changed result type is prepared again transparently when the types still match") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE notes (id bigint, body varchar(10))");
  fixture.run("INSERT INTO notes VALUES (1, 'hi')");
  using body = column<"notes", "body", std::string>;
  const auto q = make_statement<"SELECT body FROM notes", type_list<body>>();
  auto& db = fixture.db();
  CHECK(db.execute(q).scalar() == "hi");
  fixture.run("ALTER TABLE notes ALTER COLUMN body TYPE text");
  CHECK(db.execute(q).scalar() == "hi");
}

TEST_CASE("text with a NUL byte is refused before anything is sent") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.execute(insert_item(1, std::string("a\0b", 3), std::nullopt)),
                  pgdsl::invalid_text);
  CHECK_THROWS_AS(db.execute_raw("INSERT INTO items VALUES (2, $1)", std::string("x\0", 2)),
                  pgdsl::invalid_text);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM items").scalar() == 0);
  CHECK(db.is_open());
}

TEST_CASE("raw SQL binds its arguments as parameters, never into the text") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  const std::string hostile = "x'); DROP TABLE items; --";
  CHECK(db.execute_raw("INSERT INTO items (id, name) VALUES ($1, $2)", std::int64_t{7}, hostile)
            .rows_affected() == 1);
  CHECK(db.query<std::string>("SELECT name FROM items WHERE id = $1", std::int64_t{7}).scalar() ==
        hostile);
  CHECK(db.query<std::string>("SELECT name FROM items WHERE name = $1", "x'); DROP TABLE items; --")
            .size() == 1);
}

TEST_CASE("a NULL parameter stays NULL beside parameters too large to encode inline") {
  // numeric, arrays and long values are encoded into a spill buffer; a NULL beside them was once
  // pointed into that buffer: an empty text instead of NULL, or a broken int4 (08P01).
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  const auto [text_is_null, int_is_null, number, ints] =
      db.query<bool, bool, pgdsl::numeric, std::vector<std::int32_t>>(
            "SELECT $1::text IS NULL, $2::int4 IS NULL, $3::numeric, $4::int4[]",
            std::optional<std::string>(), std::optional<std::int32_t>(), pgdsl::numeric("1.5"),
            std::vector<std::int32_t>{1, 2, 3})
          .one()
          .values();
  CHECK(text_is_null);
  CHECK(int_is_null);
  CHECK(number == pgdsl::numeric("1.5"));
  CHECK(ints == std::vector<std::int32_t>{1, 2, 3});
  const std::string long_text(100, 'x');
  CHECK(db.query<bool>("SELECT $1::text IS NULL AND $2::text IS NOT NULL",
                       std::optional<std::string>(), long_text)
            .scalar());
}

TEST_CASE("raw query results are checked against the declared types") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.query<std::int64_t>("SELECT 1::int4"), pgdsl::type_mismatch);
  CHECK_THROWS_AS((db.query<std::int64_t, std::int64_t>("SELECT 1::int8")),
                  pgdsl::column_count_mismatch);
}

TEST_CASE("in unnamed mode a mismatched column is refused before the statement runs") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE events (id serial PRIMARY KEY, kind text)");
  pgdsl::connection_options options;
  options.prepared_statements = false;
  auto db = fixture.connect_another(options);
  using wrong_id = column<"events", "id", std::int64_t>;  // serial is int4
  const auto insert =
      make_statement<"INSERT INTO events (kind) VALUES ($1) RETURNING id", type_list<wrong_id>>(
          std::string("click"));
  CHECK_THROWS_AS(db.execute(insert), pgdsl::type_mismatch);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM events").scalar() == 0);
  CHECK(count_prepared(db) == 0);
}
