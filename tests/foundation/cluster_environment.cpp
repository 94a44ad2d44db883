// tools/with-cluster.sh hands cluster tests (pgdsl_add_test(... CLUSTER)) a primary, two streaming
// hot standbys and PgBouncer in transaction mode through PGDSL_* variables; each one is what its
// name says.
#include <libpq-fe.h>
#include "support/catch.hpp"

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

namespace {

using connection_ptr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  INFO(name << " is not set: run this test through tools/with-cluster.sh");
  REQUIRE(value != nullptr);
  return value;
}

connection_ptr connect(const std::string& conninfo) {
  connection_ptr connection{PQconnectdb(conninfo.c_str()), &PQfinish};
  INFO("conninfo: '" << conninfo << "': " << PQerrorMessage(connection.get()));
  REQUIRE(PQstatus(connection.get()) == CONNECTION_OK);
  return connection;
}

std::string query_text(PGconn* connection, const std::string& sql) {
  result_ptr result{PQexec(connection, sql.c_str()), &PQclear};
  INFO(sql << ": " << PQerrorMessage(connection));
  REQUIRE(PQresultStatus(result.get()) == PGRES_TUPLES_OK);
  REQUIRE(PQntuples(result.get()) == 1);
  return PQgetvalue(result.get(), 0, 0);
}

std::string port_of(PGconn* connection) { return PQport(connection); }

}  // namespace

TEST_CASE("the primary writes, the replicas are hot standbys streaming through their slots") {
  auto primary = connect(variable("PGDSL_PRIMARY_URL"));
  CHECK(variable("DATABASE_URL") == variable("PGDSL_PRIMARY_URL"));
  CHECK(query_text(primary.get(), "SELECT pg_is_in_recovery()::text") == "false");
  CHECK(query_text(primary.get(),
                   "SELECT string_agg(application_name || ':' || state, ',' ORDER BY "
                   "application_name) FROM pg_stat_replication") ==
        "replica1:streaming,replica2:streaming");
  CHECK(query_text(primary.get(),
                   "SELECT string_agg(slot_name || ':' || slot_type || ':' || active::text, ',' "
                   "ORDER BY slot_name) FROM pg_replication_slots") ==
        "replica1:physical:true,replica2:physical:true");

  // A row written on the primary becomes visible on both standbys (bounded wait).
  query_text(primary.get(), "CREATE TABLE cluster_environment_probe AS SELECT 42 AS answer; "
                            "SELECT 'created'");
  for (const char* replica : {"PGDSL_REPLICA1_URL", "PGDSL_REPLICA2_URL"}) {
    auto standby = connect(variable(replica));
    CHECK(query_text(standby.get(), "SELECT pg_is_in_recovery()::text") == "true");
    std::string present = "false";
    for (int attempt = 0; attempt < 300 && present != "true"; ++attempt) {
      present = query_text(standby.get(),
                           "SELECT (to_regclass('cluster_environment_probe') IS NOT NULL)::text");
      if (present != "true") std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(replica);
    REQUIRE(present == "true");
    CHECK(query_text(standby.get(), "SELECT answer::text FROM cluster_environment_probe") == "42");
  }
}

TEST_CASE("PGDSL_CLUSTER_HOSTS lists the primary, replica1 and replica2 in that order") {
  const std::string hosts = variable("PGDSL_CLUSTER_HOSTS");
  auto primary = connect(variable("PGDSL_PRIMARY_URL"));
  auto replica1 = connect(variable("PGDSL_REPLICA1_URL"));
  auto replica2 = connect(variable("PGDSL_REPLICA2_URL"));
  const std::string expected = "127.0.0.1:" + port_of(primary.get()) + ",127.0.0.1:" +
                               port_of(replica1.get()) + ",127.0.0.1:" + port_of(replica2.get()) +
                               "/pgdsl";
  CHECK(hosts.find(expected) != std::string::npos);
  auto read_write = connect(hosts + "?target_session_attrs=read-write");
  CHECK(port_of(read_write.get()) == port_of(primary.get()));
  auto standby = connect(hosts + "?target_session_attrs=standby");
  CHECK(port_of(standby.get()) == port_of(replica1.get()));
}

TEST_CASE("PgBouncer pools the primary in transaction mode") {
  auto bouncer = connect(variable("PGDSL_BOUNCER_URL"));
  auto primary = connect(variable("PGDSL_PRIMARY_URL"));
  CHECK(port_of(bouncer.get()) != port_of(primary.get()));
  CHECK(query_text(bouncer.get(), "SELECT inet_server_port()::text") == port_of(primary.get()));
  CHECK(query_text(bouncer.get(), "SELECT current_database()") == "pgdsl");

  // The admin console answers SHOW commands with the simple protocol only.
  auto admin = connect(variable("PGDSL_BOUNCER_ADMIN_URL"));
  result_ptr config{PQexec(admin.get(), "SHOW CONFIG"), &PQclear};
  REQUIRE(PQresultStatus(config.get()) == PGRES_TUPLES_OK);
  std::string pool_mode;
  for (int row = 0; row < PQntuples(config.get()); ++row)
    if (std::string{PQgetvalue(config.get(), row, 0)} == "pool_mode")
      pool_mode = PQgetvalue(config.get(), row, 1);
  CHECK(pool_mode == "transaction");
}

TEST_CASE("each node has an executable pg_ctl script") {
  for (const char* name : {"PGDSL_PRIMARY_CTL", "PGDSL_REPLICA1_CTL", "PGDSL_REPLICA2_CTL"}) {
    struct stat status {};
    INFO(name);
    REQUIRE(stat(variable(name).c_str(), &status) == 0);
    CHECK((status.st_mode & S_IXUSR) != 0);
  }
  CHECK(variable("PGDSL_PG_CTL") == variable("PGDSL_PRIMARY_CTL"));
}
