// SPDX-License-Identifier: BSL-1.0
// related_rows: users with their orders, without one query per user. Reads the users, then loads
// all their orders in ONE statement (WHERE user_id = ANY($1), the keys bound as one binary array)
// grouped by user in the users' order; then reads the same in one statement with a nested
// collection column. Counts the statements through the query hook.
// Connects from the environment (DATABASE_URL or PG*); the tables are TEMP tables.
#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

struct users_t : pgdsl::table<"users"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"name", std::string> name;
};
inline constexpr users_t users{};

struct orders_t : pgdsl::table<"orders"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"user_id", std::int64_t, pgdsl::references<&users_t::id>> user_id;
  column<"total", pgdsl::numeric> total;
};
inline constexpr orders_t orders{};

struct user {
  std::int64_t id = 0;
  std::string name;
};
struct order {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  pgdsl::numeric total;
};

using pgdsl::select;

int main() try {
  auto db = pgdsl::connection::from_env();
  db.execute(pgdsl::create_table(users).temporary());
  db.execute(pgdsl::create_table(orders).temporary());
  db.run_command(
      "INSERT INTO users VALUES (1, 'ada'), (2, 'alan'), (3, 'grace');"
      "INSERT INTO orders VALUES (10, 1, 9.50), (11, 1, 20), (12, 3, 4.25)");

  int statements = 0;
  db.set_query_hook([&](const pgdsl::query_event&) { ++statements; });

  const std::vector<user> people =
      db.execute(select(users.id, users.name).from(users).order_by(users.name.asc())).as<user>();
  // orders_of[i] holds the orders of people[i], in the statement's ORDER BY.
  const std::vector<std::vector<order>> orders_of = pgdsl::load_children<order>(
      db, people, &user::id, orders.user_id,
      select(orders.id, orders.user_id, orders.total).from(orders).order_by(orders.id.asc()));

  for (std::size_t i = 0; i < people.size(); ++i) {
    std::printf("%s:", people[i].name.c_str());
    for (const order& o : orders_of[i])
      std::printf(" #%lld (%s)", static_cast<long long>(o.id), o.total.to_string().c_str());
    std::printf("\n");
  }
  std::printf("load_children: %d statements\n", statements);
  if (statements != 2) return 1;

  // The same in one statement: each user's orders as a column of (id, total) tuples.
  statements = 0;
  const auto q = select(users.name, pgdsl::nested(select(orders.id, orders.total)
                                                      .from(orders)
                                                      .where(orders.user_id == users.id)
                                                      .order_by(orders.id.asc()))
                                        .as<"orders">())
                     .from(users)
                     .order_by(users.name.asc());
  for (const auto& [name, user_orders] : db.execute(q)) {
    std::printf("%s:", name.c_str());
    for (const auto& [id, total] : user_orders)
      std::printf(" #%lld (%s)", static_cast<long long>(id), total.to_string().c_str());
    std::printf("\n");
  }
  std::printf("nested: %d statement\n", statements);
  return statements == 1 ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "related_rows: %s\n", e.what());
  return 1;
}
