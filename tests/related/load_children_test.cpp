// SPDX-License-Identifier: BSL-1.0
// load_children against the real server: users with 0, 1 and many orders grouped in the users'
// order (duplicates and keys without a parent included), mapping into structs, batches of keys,
// and the number of statements sent, counted through the query hook: 2 for loading parents and
// their children, whatever the number of parents.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

using namespace shop;
using pgdsl::select;

namespace {

struct user_row {
  std::int64_t id = 0;
  std::string username;
};

struct order_row {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::optional<std::string> note;
  bool operator==(const order_row&) const = default;
};

// Users 1..user_count; user u has (u - 1) % 4 orders (0, 1, 2, 3, 0, ...), ids ascending; every
// third order has a NULL note.
void fill(pgdsl::test::database& fixture, int user_count) {
  fixture.run(
      "INSERT INTO users (id, username, email) SELECT g, 'u' || g, 'e' || g "
      "FROM generate_series(1, " +
      std::to_string(user_count) + ") g");
  fixture.run(
      "INSERT INTO orders (user_id, total, note) "
      "SELECT u, o, CASE WHEN o % 3 = 0 THEN NULL ELSE 'n' || u || '-' || o END "
      "FROM generate_series(1, " +
      std::to_string(user_count) +
      ") u, generate_series(1, 3) o WHERE o <= (u - 1) % 4 ORDER BY u, o");
}

auto orders_of_users() {
  return select(orders.id, orders.user_id, orders.note).from(orders).order_by(orders.id.asc());
}

}  // namespace

TEST_CASE("children come back grouped by parent, in the parents' order: 0, 1 and many") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fill(fixture, 8);
  auto& db = fixture.db();
  // Parents in descending order, user 3 twice, and no user 42.
  const std::vector<user_row> parents{{4, "u4"}, {3, "u3"}, {2, "u2"},
                                      {1, "u1"}, {3, "u3"}, {42, "nobody"}};
  const auto children = pgdsl::load_children<order_row>(db, parents, &user_row::id, orders.user_id,
                                                        orders_of_users());
  REQUIRE(children.size() == parents.size());
  CHECK(children[0].size() == 3);
  CHECK(children[1].size() == 2);
  CHECK(children[2].size() == 1);
  CHECK(children[3].empty());
  CHECK(children[4] == children[1]);
  CHECK(children[5].empty());
  for (std::size_t i = 0; i < parents.size(); ++i)
    for (const order_row& o : children[i]) CHECK(o.user_id == parents[i].id);
  CHECK(children[0][0].id < children[0][1].id);  // the statement's ORDER BY inside a group
  CHECK(children[0][2].note == std::nullopt);
  CHECK(children[0][0].note == "n4-1");
}

TEST_CASE("parents read by a query and their children take two statements, however many") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fill(fixture, 1000);
  auto& db = fixture.db();
  std::vector<std::string> sent;
  db.set_query_hook([&](const pgdsl::query_event& e) { sent.emplace_back(e.sql); });

  const auto users_read =
      db.execute(select(users.id, users.username).from(users).order_by(users.id.asc()));
  // Records (tuples) as parents, a callable as the key; children as records.
  const auto children = pgdsl::load_children(
      db, users_read.all(), [](const auto& u) { return u[users.id]; }, orders.user_id,
      orders_of_users());
  REQUIRE(sent.size() == 2);
  CHECK(sent[1] == R"(SELECT "orders"."id", "orders"."user_id", "orders"."note" FROM "orders" )"
                   R"(WHERE "orders"."user_id" = ANY($1) ORDER BY "orders"."id" ASC)");
  REQUIRE(children.size() == 1000);
  std::size_t total = 0;
  for (std::size_t i = 0; i < children.size(); ++i) {
    CHECK(children[i].size() == i % 4);
    total += children[i].size();
  }
  CHECK(total == 1500);
  CHECK(children[999][2][orders.user_id] == 1000);
}

TEST_CASE("a large set of parents is loaded in batches of keys, one statement each") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  fill(fixture, 250);
  auto& db = fixture.db();
  std::vector<std::int64_t> ids;
  for (std::int64_t id = 250; id >= 1; --id) ids.push_back(id);
  std::size_t statements = 0;
  db.set_query_hook([&](const pgdsl::query_event&) { ++statements; });
  const auto children =
      pgdsl::load_children<order_row>(db, ids, [](std::int64_t id) { return id; }, orders.user_id,
                                      orders_of_users(), {.batch_size = 100});
  CHECK(statements == 3);
  REQUIRE(children.size() == 250);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CHECK(children[i].size() == static_cast<std::size_t>((ids[i] - 1) % 4));
    for (const order_row& o : children[i]) CHECK(o.user_id == ids[i]);
  }
}

TEST_CASE("no parents send no statement") {
  pgdsl::test::database fixture;
  pgdsl::test::create_shop(fixture);
  auto& db = fixture.db();
  std::size_t statements = 0;
  db.set_query_hook([&](const pgdsl::query_event&) { ++statements; });
  const std::vector<user_row> none;
  CHECK(pgdsl::load_children<order_row>(db, none, &user_row::id, orders.user_id, orders_of_users())
            .empty());
  CHECK(statements == 0);
}
