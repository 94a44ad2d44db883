// SPDX-License-Identifier: BSL-1.0
// Raw SQL prepared like DSL statements: a literal given to db.query() is prepared on its first run
// on a connection and executed by name afterwards; text made at run time runs unnamed unless
// db.prepare() makes a handle for it. Every case counts what the server holds
// (pg_prepared_statements) rather than trusting the client's cache.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "support/database.hpp"

namespace {

std::int64_t server_prepared(pgdsl::connection& db) {
  return db.query<std::int64_t>(pgdsl::runtime_sql("SELECT count(*) FROM pg_prepared_statements"))
      .scalar();
}

// One literal, run with whatever argument type the caller has.
template <class Int>
std::int64_t plus_one(pgdsl::connection& db, Int value) {
  return db.query<std::int64_t>("SELECT $1::bigint + 1", value).scalar();
}

}  // namespace

TEST_CASE("a raw SQL literal is prepared on its first run and executed by name afterwards") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  const std::int64_t before = server_prepared(db);
  std::vector<std::string> sent;
  db.set_query_hook([&](const pgdsl::query_event& event) { sent.emplace_back(event.sql); });
  for (int i = 0; i < 5; ++i)
    CHECK(db.query<std::int64_t, std::string>("SELECT $1::bigint * 2, $2::text", i, "x")
              .one().values() == std::tuple<std::int64_t, std::string>{i * 2, "x"});
  db.set_query_hook({});
  CHECK(sent.size() == 5);
  CHECK(server_prepared(db) == before + 1);
  CHECK(db.query<std::string>(pgdsl::runtime_sql("SELECT statement FROM pg_prepared_statements "
                                                 "WHERE statement LIKE '%$1::bigint * 2,%'"))
            .scalar() == "SELECT $1::bigint * 2, $2::text");
}

TEST_CASE("one raw literal run with other argument types gives each its right answer") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  CHECK(plus_one(db, std::int32_t{41}) == 42);
  CHECK(plus_one(db, std::int64_t{9'000'000'000}) == 9'000'000'001);
  CHECK(plus_one(db, std::int16_t{-2}) == -1);
  CHECK(plus_one(db, std::int32_t{1}) == 2);
}

TEST_CASE("raw SQL made at run time runs unnamed; db.prepare() makes a handle that prepares it") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  fixture.run("CREATE TABLE notes (id bigint PRIMARY KEY, body text)");
  fixture.run("INSERT INTO notes VALUES (1, 'one'), (2, NULL), (3, 'three')");
  const std::int64_t before = server_prepared(db);
  std::string text = "SELECT body FROM notes WHERE id = $1";
  CHECK(db.query<std::optional<std::string>>(pgdsl::runtime_sql(text), 1).scalar() == "one");
  CHECK(server_prepared(db) == before);

  const auto body_of = db.prepare<std::optional<std::string>>(pgdsl::runtime_sql(text));
  text = "changed: the handle keeps its own copy";
  CHECK(body_of(1).scalar() == "one");
  CHECK(body_of(2).scalar() == std::nullopt);
  CHECK(body_of(std::int32_t{3}).scalar() == "three");  // another argument type: still right
  CHECK(body_of(4).empty());
  CHECK(server_prepared(db) == before + 1);
  CHECK(std::string(body_of.sql()) == "SELECT body FROM notes WHERE id = $1");
}

TEST_CASE("prepared run-time texts count towards the connection's shape limit") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  pgdsl::set_shape_limit(db, 3);
  const std::int64_t before = server_prepared(db);
  for (int i = 0; i < 10; ++i) {
    const auto select_i = db.prepare<std::int64_t>(
        pgdsl::runtime_sql("SELECT $1::bigint + " + std::to_string(i)));
    CHECK(select_i(100).scalar() == 100 + i);
  }
  CHECK(server_prepared(db) == before + 3);
}

TEST_CASE("a prepared raw literal that fails is a typed error every time, the connection usable") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  for (int i = 0; i < 2; ++i) {
    CHECK_THROWS_AS(db.query<std::int64_t>("SELECT count(*) FROM no_such_table_here").scalar(),
                    pgdsl::undefined_table);
    CHECK_THROWS_AS(db.query<std::int64_t>("SELEC 1").scalar(), pgdsl::syntax_error);
  }
  // Declared columns that do not match: found by the Describe, before the statement runs.
  CHECK_THROWS_AS(db.query<std::string>("SELECT 1::bigint").scalar(), pgdsl::type_mismatch);
  CHECK(plus_one(db, 1) == 2);
}

TEST_CASE("a prepared raw literal follows a table that changed under it") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  fixture.run("CREATE TABLE shapes (id bigint)");
  fixture.run("INSERT INTO shapes VALUES (7)");
  CHECK(db.query<std::int64_t>("SELECT * FROM shapes").scalar() == 7);
  fixture.run("ALTER TABLE shapes ADD COLUMN note text DEFAULT 'n'");
  CHECK(db.query<std::int64_t, std::string>("SELECT * FROM shapes").one().values() ==
        std::tuple<std::int64_t, std::string>{7, "n"});
}
