// SPDX-License-Identifier: BSL-1.0
// pgdsl::cluster against tools/with-cluster.sh (a primary and two streaming replicas of its own):
// roles found by probing, writes on the primary, reads spread over the replicas, a replica whose
// replay is paused (pg_wal_replay_pause()) beyond max_replica_lag skipped, and reads on the
// primary when no replica qualifies; read-your-writes after a write's WAL position.
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "pgdsl/pool/all.hpp"
#include "pool/pool_support.hpp"
#include "support/statements.hpp"

using namespace std::chrono_literals;
using pgdsl::test::eventually;

namespace {

pgdsl::cluster_options options() {
  pgdsl::cluster_options o;
  o.conninfo = pgdsl::test::cluster_variable("PGDSL_CLUSTER_HOSTS");
  // Generous: a loaded CI machine can delay replay by a few hundred ms; paused replay grows past
  // it within seconds.
  o.max_replica_lag = 1500ms;
  o.probe_interval = 50ms;
  o.pool.max_size = 4;
  return o;
}

// The rows of `marks` a read sees.
const auto count_marks = pgdsl::test::make_statement<
    "SELECT count(*) FROM marks",
    pgdsl::type_list<pgdsl::test::column<"marks", "count", std::int64_t>>>();

void set_replay(const char* replica_url, bool paused) {
  auto replica = pgdsl::connection(pgdsl::test::cluster_variable(replica_url));
  replica.run_command(pgdsl::runtime_sql(paused ? "SELECT pg_wal_replay_pause()"
                                                : "SELECT pg_wal_replay_resume()"));
}

}  // namespace

TEST_CASE("the cluster finds the primary and its replicas, routes writes and spreads reads") {
  pgdsl::cluster db(options());
  const auto nodes = db.nodes();
  REQUIRE(nodes.size() == 3);
  CHECK(nodes[0].role == pgdsl::node_role::primary);
  CHECK(nodes[1].role == pgdsl::node_role::replica);
  CHECK(nodes[2].role == pgdsl::node_role::replica);

  db.execute_raw("CREATE TABLE marks (n int4)");
  db.execute_raw("INSERT INTO marks VALUES (1)");
  CHECK_FALSE(db.query<bool>("SELECT pg_is_in_recovery()").scalar());
  REQUIRE(eventually([&] { return db.read(count_marks).scalar() == 1; }));

  std::set<std::string> read_from;
  for (int i = 0; i < 6; ++i) {
    auto replica = db.replica();
    CHECK_FALSE(replica.on_primary());
    read_from.insert(replica.node());
    CHECK(replica.execute(count_marks).scalar() == 1);
  }
  CHECK(read_from == std::set<std::string>{nodes[1].name, nodes[2].name});
  CHECK(db.node_pool(0).stats().created >= 1);
}

TEST_CASE(
    "a replica paused beyond max_replica_lag is skipped; with none left reads go to the "
    "primary") {
  pgdsl::cluster db(options());
  db.execute_raw("DROP TABLE IF EXISTS marks");
  db.execute_raw("CREATE TABLE marks (n int4)");
  db.execute_raw("TRUNCATE marks");
  const auto nodes = db.nodes();
  REQUIRE(eventually([&] { return db.read(count_marks).scalar() == 0; }));

  // Replica 1 stops replaying: once it lags, every read goes to replica 2.
  set_replay("PGDSL_REPLICA1_URL", true);
  db.execute_raw("INSERT INTO marks VALUES (1)");
  REQUIRE(eventually([&] { return db.nodes()[1].replay_lag > 1500ms; }));
  for (int i = 0; i < 4; ++i) {
    auto replica = db.replica();
    CHECK(replica.node() == nodes[2].name);
  }

  // Both paused: reads run on the primary, which has the newest row.
  set_replay("PGDSL_REPLICA2_URL", true);
  db.execute_raw("INSERT INTO marks VALUES (2)");
  REQUIRE(eventually([&] { return db.nodes()[2].replay_lag > 1500ms; }));
  {
    auto replica = db.replica();
    CHECK(replica.on_primary());
    CHECK(replica.node() == nodes[0].name);
    CHECK(replica.execute(count_marks).scalar() == 2);
  }
  CHECK(db.read(count_marks).scalar() == 2);

  pgdsl::cluster_options strict = options();
  strict.reads_fall_back_to_primary = false;
  pgdsl::cluster strict_db(strict);
  REQUIRE(eventually([&] { return strict_db.nodes()[2].replay_lag > 1500ms; }));
  try {
    (void)strict_db.replica();
    FAIL("expected no_replica");
  } catch (const pgdsl::no_replica& e) {
    CHECK(std::string(e.what()).find("no replica within max_replica_lag (1500ms)") !=
          std::string::npos);
  }

  // Replay resumes: the replicas catch up and serve reads again.
  set_replay("PGDSL_REPLICA1_URL", false);
  set_replay("PGDSL_REPLICA2_URL", false);
  REQUIRE(eventually([&] { return !db.replica().on_primary(); }));
  CHECK(db.read(count_marks).scalar() == 2);
}

TEST_CASE("read-your-writes: a read after a write's position waits for a replica or uses the primary") {
  pgdsl::cluster_options o = options();
  o.max_replica_lag = 60s;  // paused replicas stay eligible: only the position decides here
  o.read_your_writes_wait = 2s;  // generous for a loaded machine: only the paused case waits it
  pgdsl::cluster db(o);
  db.execute_raw("DROP TABLE IF EXISTS marks");
  db.execute_raw("CREATE TABLE marks (n int4)");
  REQUIRE(eventually([&] { return db.read(count_marks).scalar() == 0; }));

  // Replay keeps up: the read runs on a replica and sees the write.
  db.execute_raw("INSERT INTO marks VALUES (1)");
  const pgdsl::wal_position first = db.write_position();
  {
    auto replica = db.replica(first);
    CHECK_FALSE(replica.on_primary());
    CHECK(replica.execute(count_marks).scalar() == 1);
  }
  CHECK(db.read(count_marks, first).scalar() == 1);
  // Round robin: two calls ask both replicas, each waiting until it has replayed the write.
  CHECK_FALSE(db.replica(first).on_primary());
  CHECK_FALSE(db.replica(first).on_primary());

  // Both replicas stop replaying: the next write is on none of them, so the read waits
  // read_your_writes_wait and then runs on the primary, which has it.
  set_replay("PGDSL_REPLICA1_URL", true);
  set_replay("PGDSL_REPLICA2_URL", true);
  db.execute_raw("INSERT INTO marks VALUES (2)");
  const pgdsl::wal_position second = db.write_position();
  CHECK(second > first);
  {
    auto replica = db.replica(second);
    CHECK(replica.on_primary());
    CHECK(replica.execute(count_marks).scalar() == 2);
  }
  // An older position is still served by a (paused) replica.
  CHECK_FALSE(db.replica(first).on_primary());

  // Replay resumes: a replica catches up within the wait and serves the read.
  set_replay("PGDSL_REPLICA1_URL", false);
  set_replay("PGDSL_REPLICA2_URL", false);
  auto replica = db.replica(second);
  CHECK_FALSE(replica.on_primary());
  CHECK(replica.execute(count_marks).scalar() == 2);
}

TEST_CASE("a lease that outlives its cluster closes its connection without calling back") {
  std::optional<pgdsl::cluster> db(std::in_place, options());
  auto lease = db->primary();
  db.reset();
  CHECK(lease->query<std::int32_t>("SELECT 4").scalar() == 4);
  // A broken connection is what makes a pool call its cluster back: here nobody is there.
  CHECK_THROWS_AS(
      lease->run_command(pgdsl::runtime_sql("SELECT pg_terminate_backend(pg_backend_pid())")),
      pgdsl::connection_error);
  lease.release();
  CHECK_FALSE(lease);
}
