// SPDX-License-Identifier: BSL-1.0
// IN lists on the server: a fixed list (one parameter per value), a range bound as one array
// (= ANY / <> ALL, the same SQL for every length) and the empty range, which PostgreSQL's IN ()
// cannot express: IN over nothing matches no row, NOT IN over nothing matches every row. Also
// pgdsl::null stored and read back.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

using namespace shop;

namespace {

// ann (score 1), bob (score 2), cy (no score): their ids in insertion order.
std::vector<std::int64_t> add_people(pgdsl::connection& db) {
  std::vector<std::int64_t> ids;
  for (const auto& [name, score] : std::vector<std::pair<std::string, std::optional<double>>>{
           {"ann", 1.0}, {"bob", 2.0}, {"cy", pgdsl::null}})
    ids.push_back(
        db.execute(insert_into(users)
                       .set(users.username = name, users.email = name + "@x", users.score = score)
                       .returning(users.id))
            .scalar());
  return ids;
}

template <class Condition>
std::vector<std::string> names_where(pgdsl::connection& db, const Condition& condition) {
  std::vector<std::string> names;
  for (const auto& [name] :
       db.execute(select(users.username).from(users).where(condition).order_by(users.id.asc())))
    names.push_back(name);
  return names;
}

using names = std::vector<std::string>;

}  // namespace

TEST_CASE("a fixed IN list binds one parameter per value and matches like SQL's IN") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();
  const auto ids = add_people(db);
  CHECK(names_where(db, users.id.in(ids[0], ids[2])) == names{"ann", "cy"});
  CHECK(names_where(db, users.username.not_in("ann", std::string("cy"))) == names{"bob"});
  CHECK(names_where(db, users.username.in("bob")) == names{"bob"});
  // A NULL operand is not in any list, nor outside it: SQL's three-valued logic, unchanged.
  CHECK(names_where(db, users.score.in(1.0, 2.0)) == names{"ann", "bob"});
  CHECK(names_where(db, users.score.not_in(1.0, 5.0)) == names{"bob"});
}

TEST_CASE("a range after in() is one array parameter, whatever its length") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();
  const auto ids = add_people(db);
  const auto by_ids = [&](const std::vector<std::int64_t>& list) {
    return names_where(db, users.id.in(list));
  };
  CHECK(by_ids({ids[1]}) == names{"bob"});
  CHECK(by_ids(ids) == names{"ann", "bob", "cy"});
  CHECK(by_ids({ids[0], ids[2], ids[0]}) == names{"ann", "cy"});
  // Every length ran the same prepared statement.
  CHECK(db.prepared_statement_count() == 2);  // the INSERT of add_people() and this SELECT
}

TEST_CASE("IN over an empty range matches no row, NOT IN over an empty range matches every row") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();
  add_people(db);
  const std::vector<std::int64_t> none;
  CHECK(names_where(db, users.id.in(none)).empty());
  CHECK(names_where(db, users.id.not_in(none)) == names{"ann", "bob", "cy"});
  // Even for a NULL operand: nothing is in the empty list, and everything is outside it.
  const std::vector<double> no_scores;
  CHECK(names_where(db, users.score.in(no_scores)).empty());
  CHECK(names_where(db, users.score.not_in(no_scores)) == names{"ann", "bob", "cy"});
  CHECK(names_where(db, !users.score.in(no_scores)) == names{"ann", "bob", "cy"});
}

TEST_CASE("pgdsl::null stores NULL in a nullable column, through INSERT and UPDATE") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();
  const auto ids = add_people(db);
  CHECK(db.execute(update(users).set(users.score = pgdsl::null).where(users.id == ids[0]))
            .rows_affected() == 1);
  CHECK(names_where(db, users.score.is_null()) == names{"ann", "cy"});
}
