// SPDX-License-Identifier: BSL-1.0
// related_load: 1,000 users with 10 orders each, read into `user { id, name, orders }` structs,
// four ways: N+1 (the users, then one query per user), one join flattened and regrouped by hand,
// pgdsl::load_children (the users, then one query for all their orders) and pgdsl::nested (one
// query, the orders of each user as an array of records). Prints, per way, the
// median round's wall time, rows read per second (11,000 rows a round) and the client's CPU time
// (user + system of this process). Connects with the PG* variables (under tools/with-postgres.sh:
// the unix socket), or --url. Usage: related_load [--rounds N] [--url URL]
#include <pgdsl/pgdsl.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

// The schema at namespace scope, not in an anonymous namespace: clang 14 refuses the descriptor
// reflection (aggregate_members.hpp) of types with internal linkage.
struct users_t : pgdsl::table<"bench_users"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"name", std::string> name;
};
inline constexpr users_t users{};

struct orders_t : pgdsl::table<"bench_orders"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"user_id", std::int64_t, pgdsl::references<&users_t::id>> user_id;
  column<"total", pgdsl::numeric> total;
};
inline constexpr orders_t orders{};

struct order {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  pgdsl::numeric total;
};
struct user {
  std::int64_t id = 0;
  std::string name;
  std::vector<order> orders{};
};
struct user_row {
  std::int64_t id = 0;
  std::string name;
};

namespace {

constexpr int user_count = 1000;
constexpr int orders_per_user = 10;
constexpr double rows_per_round = user_count * (1 + orders_per_user);

using pgdsl::select;

auto all_users() {
  return select(users.id, users.name).from(users).order_by(users.id.asc());
}

std::vector<user> to_users(const std::vector<user_row>& rows) {
  std::vector<user> out;
  out.reserve(rows.size());
  for (const user_row& r : rows) out.push_back(user{r.id, r.name});
  return out;
}

std::vector<user> n_plus_one(pgdsl::connection& db) {
  std::vector<user> out = to_users(db.execute(all_users()).as<user_row>());
  for (user& u : out)
    u.orders = db.execute(select(orders.id, orders.user_id, orders.total)
                              .from(orders)
                              .where(orders.user_id == u.id)
                              .order_by(orders.id.asc()))
                   .as<order>();
  return out;
}

std::vector<user> join_regrouped(pgdsl::connection& db) {
  std::vector<user> out;
  const auto rows = db.execute(select(users.id, users.name, orders.id, orders.total)
                                   .from(users)
                                   .left_join(orders)
                                   .on(orders.user_id == users.id)
                                   .order_by(users.id.asc(), orders.id.asc()));
  for (const auto& [user_id, name, order_id, total] : rows) {
    if (out.empty() || out.back().id != user_id) out.push_back(user{user_id, name});
    if (order_id) out.back().orders.push_back(order{*order_id, user_id, *total});
  }
  return out;
}

std::vector<user> batched(pgdsl::connection& db) {
  std::vector<user> out = to_users(db.execute(all_users()).as<user_row>());
  auto grouped = pgdsl::load_children<order>(
      db, out, &user::id, orders.user_id,
      select(orders.id, orders.user_id, orders.total).from(orders).order_by(orders.id.asc()));
  for (std::size_t i = 0; i < out.size(); ++i) out[i].orders = std::move(grouped[i]);
  return out;
}

std::vector<user> nested(pgdsl::connection& db) {
  std::vector<user> out;
  out.reserve(user_count);
  const auto rows = db.execute(select(users.id, users.name,
                                      pgdsl::nested(select(orders.id, orders.user_id, orders.total)
                                                        .from(orders)
                                                        .where(orders.user_id == users.id)
                                                        .order_by(orders.id.asc()))
                                          .as<"orders">())
                                   .from(users)
                                   .order_by(users.id.asc()));
  for (const auto& [id, name, rows_of_user] : rows) {
    user& u = out.emplace_back(user{id, name});
    u.orders.reserve(rows_of_user.size());
    for (const auto& [order_id, user_id, total] : rows_of_user)
      u.orders.push_back(order{order_id, user_id, total});
  }
  return out;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct measurement {
  double wall = 0;  // seconds, median round
  double cpu = 0;   // seconds, median round
};

template <class Load>
measurement measure(pgdsl::connection& db, int rounds, Load load) {
  if (load(db).size() != user_count) std::abort();  // warm-up: statements prepared
  std::vector<double> walls, cpus;
  for (int i = 0; i < rounds; ++i) {
    const double cpu0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<user> loaded = load(db);
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - t0;
    cpus.push_back(cpu_seconds() - cpu0);
    walls.push_back(wall.count());
    std::size_t orders_read = 0;
    for (const user& u : loaded) orders_read += u.orders.size();
    if (loaded.size() != user_count || orders_read != user_count * orders_per_user) std::abort();
  }
  std::sort(walls.begin(), walls.end());
  std::sort(cpus.begin(), cpus.end());
  return {walls[walls.size() / 2], cpus[cpus.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) try {
  int rounds = 15;
  pgdsl::connection_options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--url") == 0) options.conninfo = argv[i + 1];
  }
  pgdsl::connection db(options);  // empty conninfo: libpq reads PGHOST, PGPORT, ...
  db.set_notice_handler([](const pgdsl::notice&) {});
  db.run_command("DROP TABLE IF EXISTS bench_orders, bench_users");
  db.execute(pgdsl::create_table(users).temporary());
  db.execute(pgdsl::create_table(orders).temporary());
  db.run_command(
      "INSERT INTO bench_users SELECT g, 'user ' || g FROM generate_series(1, 1000) g;"
      "INSERT INTO bench_orders SELECT (u - 1) * 10 + o, u, (u * o) / 100.0 "
      "FROM generate_series(1, 1000) u, generate_series(1, 10) o;"
      "CREATE INDEX ON bench_orders (user_id); ANALYZE bench_users; ANALYZE bench_orders");

  std::printf("%d users x %d orders into structs, median of %d rounds, socket %s\n", user_count,
              orders_per_user, rounds, PQhost(db.native_handle()));
  std::printf("%-22s %10s %12s %14s %10s\n", "way", "wall ms", "rows/s", "client CPU ms", "vs N+1");
  const measurement slow = measure(db, rounds, n_plus_one);
  auto report = [&](const char* name, measurement m) {
    std::printf("%-22s %10.2f %12.0f %14.2f %9.1fx\n", name, m.wall * 1e3, rows_per_round / m.wall,
                m.cpu * 1e3, slow.wall / m.wall);
  };
  report("N+1 queries", slow);
  report("join, regrouped", measure(db, rounds, join_regrouped));
  report("load_children", measure(db, rounds, batched));
  report("nested collection", measure(db, rounds, nested));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "related_load: %s\n", e.what());
  return 1;
}
