// SPDX-License-Identifier: BSL-1.0
// Typed results: range-for with structured bindings, row[key], get<I>(), one(), one_or_none(),
// scalar(), all(), as<S>() for Boost.Hana-adapted structs, plain aggregates and raw queries,
// rows_affected(), and NULL read into a non-optional value.
#include "support/catch.hpp"

#include <boost/hana/define_struct.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "support/database.hpp"
#include "support/statements.hpp"

using pgdsl::type_list;
using pgdsl::test::column;
using pgdsl::test::make_statement;

namespace {

// What the DSL's column expressions are: the key a user writes in row[users.email].
struct users_id_t {};
struct users_name_t {};
struct users_score_t {};
constexpr users_id_t users_id{};
constexpr users_name_t users_name{};
constexpr users_score_t users_score{};

using id_col = column<"users", "id", std::int64_t, users_id_t>;
using name_col = column<"users", "name", std::string, users_name_t>;
using score_col = column<"users", "score", std::optional<double>, users_score_t>;
using columns = type_list<id_col, name_col, score_col>;

auto all_users() {
  return make_statement<"SELECT id, name, score FROM users ORDER BY id", columns>();
}
auto user_by_id(std::int64_t id) {
  return make_statement<"SELECT id, name, score FROM users WHERE id = $1", columns>(id);
}

struct user_aggregate {
  std::optional<double> score;  // declared out of column order: mapped by name
  std::int64_t id;
  std::string name;
};

struct user_hana {
  BOOST_HANA_DEFINE_STRUCT(user_hana, (std::string, name), (std::int64_t, id));
};

struct pair_by_position {
  std::int64_t number;
  std::string label;
};

void create_users(pgdsl::test::database& fixture) {
  fixture.run("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, score float8)");
  fixture.run("INSERT INTO users VALUES (1, 'ann', 9.5), (2, 'bob', NULL), (3, 'cy', 1.25)");
}

}  // namespace

TEST_CASE("range-for over a result gives rows with structured bindings") {
  pgdsl::test::database fixture;
  create_users(fixture);
  std::vector<std::string> names;
  double total = 0;
  for (const auto& [id, name, score] : fixture.db().execute(all_users())) {
    names.push_back(std::to_string(id) + name);
    total += score.value_or(0);
  }
  CHECK(names == std::vector<std::string>{"1ann", "2bob", "3cy"});
  CHECK(total == 10.75);
}

TEST_CASE("a row finds a column by the expression that selected it and by position") {
  pgdsl::test::database fixture;
  create_users(fixture);
  const auto users = fixture.db().execute(all_users());
  REQUIRE(users.size() == 3);
  const auto second = users[1];
  CHECK(second[users_name] == "bob");
  CHECK(second[users_id] == 2);
  CHECK_FALSE(second[users_score].has_value());
  CHECK(second.get<1>() == "bob");
  const auto record = second.to_record();
  CHECK(record[users_name] == "bob");
}

TEST_CASE("one() returns the only row and refuses none or several") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  CHECK(db.execute(user_by_id(1)).one()[users_name] == "ann");
  CHECK_THROWS_AS(db.execute(user_by_id(42)).one(), pgdsl::no_rows);
  CHECK_THROWS_AS(db.execute(all_users()).one(), pgdsl::too_many_rows);
}

TEST_CASE("one_or_none() returns nothing for no row and refuses several") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  CHECK_FALSE(db.execute(user_by_id(42)).one_or_none().has_value());
  const auto found = db.execute(user_by_id(3)).one_or_none();
  REQUIRE(found.has_value());
  CHECK(found->get<2>() == 1.25);
  CHECK_THROWS_AS(db.execute(all_users()).one_or_none(), pgdsl::too_many_rows);
}

TEST_CASE("scalar() returns the single value of a single row") {
  pgdsl::test::database fixture;
  create_users(fixture);
  using count_col = column<"users", "count", std::int64_t>;
  auto& db = fixture.db();
  CHECK(db.execute(make_statement<"SELECT count(*) FROM users", type_list<count_col>>()).scalar() ==
        3);
  CHECK_THROWS_AS(db.query<std::int64_t>("SELECT id FROM users").scalar(), pgdsl::too_many_rows);
  CHECK_THROWS_AS(db.query<std::int64_t>("SELECT id FROM users WHERE false").scalar(),
                  pgdsl::no_rows);
}

TEST_CASE("all() returns owning records that outlive the result") {
  pgdsl::test::database fixture;
  create_users(fixture);
  const auto rows = fixture.db().execute(all_users()).all();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].values() ==
        std::tuple<std::int64_t, std::string, std::optional<double>>(1, "ann", 9.5));
  auto [id, name, score] = rows[2];
  CHECK(id == 3);
  CHECK(name == "cy");
  CHECK(score == 1.25);
}

TEST_CASE("as<S>() maps a plain aggregate by member name") {
  pgdsl::test::database fixture;
  create_users(fixture);
  const auto users = fixture.db().execute(all_users()).as<user_aggregate>();
  REQUIRE(users.size() == 3);
  CHECK(users[0].id == 1);
  CHECK(users[0].name == "ann");
  CHECK(users[0].score == 9.5);
  CHECK_FALSE(users[1].score.has_value());
}

TEST_CASE("as<S>() maps a Boost.Hana struct by member name, ignoring unused columns") {
  pgdsl::test::database fixture;
  create_users(fixture);
  const auto users = fixture.db().execute(all_users()).as<user_hana>();
  REQUIRE(users.size() == 3);
  CHECK(users[2].id == 3);
  CHECK(users[2].name == "cy");
}

TEST_CASE("as<S>() maps raw query columns by position") {
  pgdsl::test::database fixture;
  const auto pairs =
      fixture.db().query<std::int64_t, std::string>("VALUES (1::int8, 'one'), (2, 'two')");
  const auto mapped = pairs.as<pair_by_position>();
  REQUIRE(mapped.size() == 2);
  CHECK(mapped[1].number == 2);
  CHECK(mapped[1].label == "two");
  const auto tuples = pairs.as<std::tuple<std::int64_t, std::string>>();
  CHECK(std::get<1>(tuples[0]) == "one");
}

TEST_CASE("NULL read into a non-optional value throws unexpected_null naming the column") {
  pgdsl::test::database fixture;
  create_users(fixture);
  using plain_score = column<"users", "score", double>;
  const auto q = make_statement<"SELECT score FROM users WHERE id = $1", type_list<plain_score>>(
      std::int64_t{2});
  try {
    fixture.db().execute(q).scalar();
    FAIL("expected unexpected_null");
  } catch (const pgdsl::unexpected_null& e) {
    CHECK(e.column() == R"("users"."score")");
  }
  CHECK_THROWS_AS(fixture.db().query<double>("SELECT NULL::float8").scalar(),
                  pgdsl::unexpected_null);
}

TEST_CASE("rows_affected() counts what a command changed") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  CHECK(
      db.execute_raw("UPDATE users SET score = 0 WHERE id > $1", std::int64_t{1}).rows_affected() ==
      2);
  CHECK(db.execute_raw("DELETE FROM users WHERE id = 42").rows_affected() == 0);
  CHECK(db.execute(all_users()).rows_affected() == 3);
}

TEST_CASE("an empty result iterates zero times") {
  pgdsl::test::database fixture;
  create_users(fixture);
  const auto none = fixture.db().execute(user_by_id(99));
  CHECK(none.empty());
  CHECK(none.begin() == none.end());
  CHECK(none.all().empty());
}

TEST_CASE("rows of unknown shape are read by column name, each field's type checked") {
  pgdsl::test::database fixture;
  create_users(fixture);
  const auto rows = fixture.db().execute_raw("SELECT * FROM users WHERE id <= $1 ORDER BY id",
                                             std::int64_t{2});
  CHECK(rows.column_names() == std::vector<std::string>{"id", "name", "score"});
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<std::int64_t>("id") == 1);
  CHECK(rows[0].get<std::string>("name") == "ann");
  CHECK(rows[0].get<std::optional<double>>("score") == 9.5);
  CHECK(rows[1].is_null("score"));
  CHECK_FALSE(rows[1].get<std::optional<double>>("score").has_value());
  try {
    (void)rows[0].get<std::string>("nmae");
    FAIL("expected no_such_column");
  } catch (const pgdsl::no_such_column& e) {
    CHECK(e.column_name() == "nmae");
    CHECK(std::string(e.what()).find("its columns are: id, name, score") != std::string::npos);
  }
  try {
    (void)rows[0].get<std::int64_t>("name");
    FAIL("expected type_mismatch");
  } catch (const pgdsl::type_mismatch& e) {
    CHECK(std::string(e.what()).find("name") != std::string::npos);
  }
  CHECK_THROWS_AS(rows[1].get<double>("score"), pgdsl::unexpected_null);
  CHECK_THROWS_AS(rows[0].get<std::int32_t>("id"), pgdsl::type_mismatch);  // int8 is not int4
}

TEST_CASE("a DSL-typed row can be read by column name too") {
  pgdsl::test::database fixture;
  create_users(fixture);
  const auto rows = fixture.db().execute(user_by_id(3));
  CHECK(rows[0].get<std::string>("name") == "cy");
  CHECK(rows[0].get<double>("score") == 1.25);
}
