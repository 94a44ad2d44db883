// SPDX-License-Identifier: BSL-1.0
// Raw SQL with named parameters: :name rewritten to $n at compile time (quotes, comments, dollar
// quotes and casts untouched, a name used twice bound once), the statements prepared once per
// connection and run against the server with their values in the right places.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>

#include "pgdsl/execution/named_sql.hpp"
#include "support/database.hpp"

using pgdsl::arg;
using pgdsl::named_sql;

template <pgdsl::fixed_string Text>
constexpr auto rewritten = pgdsl::detail::named_sql_text<Text>();

static_assert(rewritten<"SELECT :a, :b, :a"> == "SELECT $1, $2, $1");
static_assert(rewritten<"SELECT x::int8, ':not_a', \"col:x\", $$ :no $$, $t$ :no $t$ FROM t "
                        "WHERE y = :y -- :comment\n AND z = :z /* :c /* :n */ */">
              == "SELECT x::int8, ':not_a', \"col:x\", $$ :no $$, $t$ :no $t$ FROM t "
                 "WHERE y = $1 -- :comment\n AND z = $2 /* :c /* :n */ */");
static_assert(rewritten<"SELECT E'it\\'s :no', 'it''s :no', :yes"> ==
              "SELECT E'it\\'s :no', 'it''s :no', $1");
static_assert(rewritten<"SELECT a[1:2], :p1, :p_2"> == "SELECT a[1:2], $1, $2");
static_assert(rewritten<"SELECT :p1,:p2,:p3,:p4,:p5,:p6,:p7,:p8,:p9,:pa,:pb"> ==
              "SELECT $1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11");

using by_id = decltype(named_sql<"SELECT :id::int8 + :n">.returning<std::int64_t>(
    arg<"n">(std::int64_t{1}), arg<"id">(std::int64_t{2})));
static_assert(pgdsl::static_statement<by_id>);
static_assert(by_id::sql == "SELECT $1::int8 + $2");

TEST_CASE("named parameters bind by name, in any order, a name used twice bound once") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.run_command("CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL, team text)");
  const auto add = named_sql<"INSERT INTO people VALUES (:id, :name, :team)">;
  db.execute(add(arg<"name">("ann"), arg<"team">(std::optional<std::string>("red")),
                 arg<"id">(std::int64_t{1})));
  db.execute(add(arg<"id">(std::int64_t{2}), arg<"name">("bob"),
                 arg<"team">(std::optional<std::string>())));
  const auto rows = db.execute(
      named_sql<"SELECT id, name FROM people WHERE team = :team OR (:team::text IS NULL AND "
                "team IS NULL) OR name = ':team' ORDER BY id">
          .returning<std::int64_t, std::string>(arg<"team">(std::optional<std::string>("red"))));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].get<1>() == "ann");
  CHECK(db.prepared_statement_count() == 2);  // the INSERT once for both runs, the SELECT once
  for (int i = 0; i < 3; ++i)
    CHECK(db.execute(named_sql<"SELECT count(*) FROM people WHERE id > :min">
                         .returning<std::int64_t>(arg<"min">(std::int64_t{0})))
              .scalar() == 2);
  CHECK(db.prepared_statement_count() == 3);
  CHECK(db.execute(named_sql<"DELETE FROM people WHERE name = :name">(arg<"name">("bob")))
            .rows_affected() == 1);
}
