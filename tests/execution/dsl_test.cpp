// SPDX-License-Identifier: BSL-1.0
// The DSL's statements through db.execute(): each satisfies pgdsl::static_statement, runs with
// binary parameters on the shop schema, and reads back typed rows: structured bindings,
// row[column], scalar(), as<S>() by member name, outer-join columns as std::optional.
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

struct user_summary {
  std::string username;
  std::optional<double> score;
  std::int64_t id;
};

}  // namespace

static_assert(pgdsl::static_statement<decltype(pgdsl::select(users.id).from(users))>);
static_assert(pgdsl::static_statement<decltype(pgdsl::insert_into(users).set(users.username = "a",
                                                                             users.email = "b"))>);

TEST_CASE("DSL statements insert, select, update and delete through execute") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();

  const auto ann = db.execute(pgdsl::insert_into(users)
                                  .set(users.username = "ann", users.email = "ann@example.com")
                                  .returning(users.id))
                       .scalar();
  const auto bob = db.execute(pgdsl::insert_into(users)
                                  .set(users.username = "bob", users.email = "bob@example.com")
                                  .returning(users.id))
                       .scalar();
  CHECK(bob == ann + 1);
  CHECK(db.execute(pgdsl::update(users).set(users.score = 7.5).where(users.id == ann))
            .rows_affected() == 1);

  int seen = 0;
  for (const auto& [id, name, score] :
       db.execute(pgdsl::select(users.id, users.username, users.score)
                      .from(users)
                      .order_by(users.id.asc()))) {
    CHECK(id == (seen == 0 ? ann : bob));
    CHECK(name == (seen == 0 ? "ann" : "bob"));
    CHECK(score == (seen == 0 ? std::optional<double>(7.5) : std::nullopt));
    ++seen;
  }
  CHECK(seen == 2);

  const auto row = db.execute(pgdsl::select(users.username, users.email)
                                  .from(users)
                                  .where(users.username == std::string("bob")))
                       .one();
  CHECK(row[users.email] == "bob@example.com");

  const auto summaries =
      db.execute(pgdsl::select(users.id, users.username, users.score).from(users))
          .as<user_summary>();
  CHECK(summaries.size() == 2);

  CHECK(db.execute(pgdsl::delete_from(users).where(users.id == bob)).rows_affected() == 1);
  CHECK(db.execute(pgdsl::select(pgdsl::count()).from(users)).scalar() == 1);
}

TEST_CASE("an outer join's columns read as std::optional through execute") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();
  db.execute(pgdsl::insert_into(users).set(users.username = "cy", users.email = "cy@example.com"));
  const auto [name, order_id] = db.execute(pgdsl::select(users.username, orders.id)
                                               .from(users)
                                               .left_join(orders)
                                               .on(orders.user_id == users.id))
                                    .one();
  CHECK(name == "cy");
  CHECK_FALSE(order_id.has_value());
}

TEST_CASE("a DSL statement violating a constraint throws the typed error with its SQL") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();
  const auto add = [&] {
    db.execute(pgdsl::insert_into(users).set(users.username = "dup", users.email = "d@e.f"));
  };
  add();
  try {
    add();
    FAIL("expected unique_violation");
  } catch (const pgdsl::unique_violation& e) {
    CHECK(e.constraint() == "users_username_key");
    CHECK(e.sql().find("INSERT INTO \"users\"") == 0);
    CHECK(e.sql().find("d@e.f") == std::string::npos);
  }
}

TEST_CASE("contains, starts_with and ends_with match user input literally, wildcards included") {
  pgdsl::test::database fixture;
  create_shop(fixture);
  auto& db = fixture.db();
  for (const char* name : {"50%_off", "50 percent off", "a_b", "axb", R"(back\slash)", "backslash",
                           "Mixed%Case"}) {
    db.execute(pgdsl::insert_into(users).set(users.username = std::string(name),
                                             users.email = std::string(name) + "@example.com"));
  }
  const auto names = [&](auto condition) {
    std::vector<std::string> found;
    for (const auto& [username] : db.execute(pgdsl::select(users.username)
                                                 .from(users)
                                                 .where(std::move(condition))
                                                 .order_by(users.username.asc())))
      found.push_back(username);
    return found;
  };
  using list = std::vector<std::string>;
  CHECK(names(users.username.contains("%")) == list{"50%_off", "Mixed%Case"});
  CHECK(names(users.username.contains("0%_")) == list{"50%_off"});
  CHECK(names(users.username.contains("_")) == list{"50%_off", "a_b"});
  CHECK(names(users.username.starts_with("a_")) == list{"a_b"});
  CHECK(names(users.username.ends_with(R"(\slash)")) == list{R"(back\slash)"});
  CHECK(names(users.username.contains("")).size() == 7);
  CHECK(names(users.username.icontains("mixed%")) == list{"Mixed%Case"});
  CHECK(names(users.username.istarts_with("MIXED")) == list{"Mixed%Case"});
  CHECK(names(users.username.iends_with("%CASE")) == list{"Mixed%Case"});
  CHECK(names(users.username.contains("nothing like it")).empty());
  // The same text as a raw pattern is a wildcard: the difference contains() makes.
  CHECK(names(users.username.like("a_b")) == list{"a_b", "axb"});
  CHECK(pgdsl::like_escape(R"(100%_\)") == R"(100\%\_\\)");
}
