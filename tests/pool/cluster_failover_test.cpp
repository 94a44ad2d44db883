// SPDX-License-Identifier: BSL-1.0
// Failover under load against tools/with-cluster.sh: the primary is stopped while writers run,
// replica 1 is promoted, and the cluster finds it: the next write succeeds within a bounded
// time, the work in flight on the old primary got typed errors (never a hang, never a silent
// retry), and the old primary is reported down.
#include "support/catch.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "pgdsl/pool/all.hpp"
#include "pool/pool_support.hpp"

using namespace std::chrono_literals;

namespace {

void run(const std::string& ctl, const std::string& arguments) {
  const std::string command = "\"" + ctl + "\" " + arguments + " >/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("after the primary stops and a replica is promoted, writes reach the new primary") {
  pgdsl::cluster_options options;
  options.conninfo = pgdsl::test::cluster_variable("PGDSL_CLUSTER_HOSTS");
  options.probe_interval = 100ms;
  options.primary_wait = 20s;
  options.pool.max_size = 4;
  options.pool.acquire_timeout = 5s;
  options.pool.connection.connect_timeout = 2s;
  pgdsl::cluster db(options);
  const auto before = db.nodes();
  REQUIRE(before[0].role == pgdsl::node_role::primary);
  db.execute_raw("CREATE TABLE ledger (writer int4, n int4)");

  std::atomic<bool> stop{false};
  std::atomic<int> written{0}, typed_errors{0}, other_errors{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w)
    writers.emplace_back([&, w] {
      for (int n = 0; !stop; ++n) {
        try {
          db.execute_raw("INSERT INTO ledger VALUES ($1, $2)", w, n);
          ++written;
        } catch (const pgdsl::error&) {  // connection_error, no_primary, pool_timeout, 25006
          ++typed_errors;
          std::this_thread::sleep_for(10ms);
        } catch (...) {
          ++other_errors;
        }
      }
    });
  while (written < 200) std::this_thread::sleep_for(5ms);

  run(pgdsl::test::cluster_variable("PGDSL_PRIMARY_CTL"), "stop -m fast");
  run(pgdsl::test::cluster_variable("PGDSL_REPLICA1_CTL"), "promote");
  const auto promoted = std::chrono::steady_clock::now();
  const int written_at_promotion = written;

  // The next write succeeds once the probe has found the promoted replica (bounded: 30 s).
  bool recovered = false;
  while (!recovered && std::chrono::steady_clock::now() - promoted < 30s) {
    try {
      db.execute_raw("INSERT INTO ledger VALUES (-1, -1)");
      recovered = true;
    } catch (const pgdsl::error&) {
      std::this_thread::sleep_for(20ms);
    }
  }
  const auto recovery = std::chrono::steady_clock::now() - promoted;
  REQUIRE(recovered);
  WARN("first write on the promoted replica "
       << std::chrono::duration_cast<std::chrono::milliseconds>(recovery).count()
       << " ms after pg_ctl promote returned");
  // The writers recover too.
  while (written < written_at_promotion + 100 && std::chrono::steady_clock::now() - promoted < 30s)
    std::this_thread::sleep_for(5ms);
  stop = true;
  for (auto& t : writers) t.join();

  CHECK(other_errors == 0);
  CHECK(written >= written_at_promotion + 100);
  const auto after = db.nodes();
  CHECK(after[0].role == pgdsl::node_role::down);
  CHECK(after[1].role == pgdsl::node_role::primary);
  CHECK_FALSE(db.query<bool>("SELECT pg_is_in_recovery()").scalar());
  // The writes acknowledged after the failover are on the new primary.
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM ledger").scalar() >=
        written - written_at_promotion);
}
