// SPDX-License-Identifier: BSL-1.0
// A pool across a server restart: the connections of the old server are never handed out (their
// sockets carry the server's farewell), the pool opens new ones, and a statement sent right
// after the restart succeeds. Runs in a throwaway cluster of its own (it restarts the server).
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "pgdsl/pool/all.hpp"

using namespace std::chrono_literals;

TEST_CASE("after a server restart the pool hands out only new, working connections") {
  const char* pg_ctl = std::getenv("PGDSL_PG_CTL");
  if (!pg_ctl) return;  // not our own cluster
  pgdsl::pool_options options;
  options.connection.conninfo = std::getenv("DATABASE_URL");
  options.min_size = 4;
  options.max_size = 4;
  pgdsl::pool pool(options);
  {
    std::vector<pgdsl::connection_lease> all;
    for (int i = 0; i < 4; ++i) all.push_back(pool.acquire());
    for (auto& lease : all) CHECK(lease->query<std::int32_t>("SELECT 1").scalar() == 1);
  }
  const std::string restart = "\"" + std::string(pg_ctl) + "\" restart -m fast >/dev/null";
  REQUIRE(std::system(restart.c_str()) == 0);
  for (int i = 0; i < 12; ++i) CHECK(pool.query<std::int32_t>("SELECT $1::int4", i).scalar() == i);
  const pgdsl::pool_stats s = pool.stats();
  CHECK(s.closed[static_cast<std::size_t>(pgdsl::close_reason::broken)] == 4);
  CHECK(s.created >= 5);  // one for the statements, the rest refilling min_size
}

TEST_CASE("a lease in use when the server stops gets connection_error and is not reused") {
  const char* pg_ctl = std::getenv("PGDSL_PG_CTL");
  if (!pg_ctl) return;
  pgdsl::pool_options options;
  options.connection.conninfo = std::getenv("DATABASE_URL");
  options.max_size = 2;
  pgdsl::pool pool(options);
  {
    auto lease = pool.acquire();
    const std::string restart = "\"" + std::string(pg_ctl) + "\" restart -m fast >/dev/null";
    REQUIRE(std::system(restart.c_str()) == 0);
    CHECK_THROWS_AS(lease->query<std::int32_t>("SELECT 1"), pgdsl::connection_error);
  }
  CHECK(pool.stats().closed[static_cast<std::size_t>(pgdsl::close_reason::broken)] == 1);
  CHECK(pool.query<std::int32_t>("SELECT 2").scalar() == 2);
}
