// SPDX-License-Identifier: BSL-1.0
// pool_replicas: a thread pool of workers sharing connections (pgdsl::pool), then a primary and
// its streaming replicas behind one pgdsl::cluster: writes on the primary, plain reads spread
// over the replicas, the routing decisions printed. Run it against tools/with-cluster.sh, which
// sets PGDSL_CLUSTER_HOSTS (primary, replica1, replica2) and DATABASE_URL (the primary); CI does.
#include <pgdsl/pgdsl.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

struct visits_t : pgdsl::table<"visits"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"page", std::string> page;
  column<"worker", std::int32_t> worker;
};
inline constexpr visits_t visits{};

using namespace std::chrono_literals;

int main() try {
  const char* hosts = std::getenv("PGDSL_CLUSTER_HOSTS");
  if (hosts == nullptr) {
    std::puts("pool_replicas: run me through tools/with-cluster.sh (PGDSL_CLUSTER_HOSTS unset)");
    return 1;
  }

  // 1. One server, many threads: 16 workers share at most 4 connections.
  {
    pgdsl::pool_options options;
    options.max_size = 4;
    options.acquire_timeout = 5s;
    pgdsl::pool pool = pgdsl::pool::from_env(options);  // DATABASE_URL
    pool.execute(pgdsl::create_table(visits));
    std::vector<std::jthread> workers;
    for (std::int32_t w = 0; w < 16; ++w)
      workers.emplace_back([&pool, w] {
        for (int i = 0; i < 25; ++i)
          pool.execute(pgdsl::insert_into(visits).set(visits.page = "/home", visits.worker = w));
      });
    workers.clear();  // joins
    const pgdsl::pool_stats stats = pool.stats();
    std::printf("pool: %zu connections served %llu acquires (acquire wait p99 %lld us)\n",
                stats.size, static_cast<unsigned long long>(stats.acquires),
                static_cast<long long>(
                    std::chrono::duration_cast<std::chrono::microseconds>(stats.wait_p99).count()));
  }

  // 2. A primary and its replicas: writes go to the primary, plain reads to a replica.
  pgdsl::cluster_options options;
  options.conninfo = hosts;
  options.max_replica_lag = 2s;
  pgdsl::cluster db(options);
  for (const pgdsl::node_status& node : db.nodes())
    std::printf("%s is %s\n", node.name.c_str(), pgdsl::to_string(node.role));

  db.execute(pgdsl::insert_into(visits).set(visits.page = "/about", visits.worker = -1));
  const auto count_about =
      pgdsl::select(pgdsl::count(visits.id)).from(visits).where(visits.page == "/about");
  // Replication is asynchronous: a replica may not have the row yet. Read-your-writes: the
  // write's WAL position, and a replica that has replayed past it (or the primary after
  // options.read_your_writes_wait).
  const pgdsl::wal_position written = db.write_position();
  {
    pgdsl::replica_lease replica = db.replica(written);
    const std::int64_t seen = replica.execute(count_about).scalar();
    std::printf("read the new row (%lld) on %s (%s)\n", static_cast<long long>(seen),
                replica.node().c_str(),
                replica.on_primary() ? "the primary: no replica caught up in time" : "a replica");
    if (seen != 1) return 1;
  }
  // db.replica().execute(pgdsl::delete_from(visits).all_rows());  // does not compile:
  // "a replica runs plain reads only (a SELECT without FOR UPDATE/FOR SHARE) ..."
  const auto total = db.read(pgdsl::select(pgdsl::count(visits.id)).from(visits)).scalar();
  std::printf("visits: %lld\n", static_cast<long long>(total));
  db.execute_raw("DROP TABLE visits");
  return total == 401 ? 0 : 1;
} catch (const pgdsl::error& e) {
  std::fprintf(stderr, "pool_replicas: %s\n", e.what());
  return 1;
}
