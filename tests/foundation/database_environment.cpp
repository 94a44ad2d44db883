// SPDX-License-Identifier: BSL-1.0
// Tests reach the database through the environment tools/with-postgres.sh sets (or DATABASE_URL
// pointing at an existing server): both the URL and the PG* variables lead to the same database.
#include <libpq-fe.h>
#include "support/catch.hpp"

#include <cstdlib>
#include <memory>
#include <string>

namespace {

using connection_ptr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

connection_ptr connect(const char* conninfo) {
  connection_ptr connection{PQconnectdb(conninfo), &PQfinish};
  INFO("conninfo: '" << conninfo << "': " << PQerrorMessage(connection.get()));
  REQUIRE(PQstatus(connection.get()) == CONNECTION_OK);
  return connection;
}

std::string query_text(PGconn* connection, const char* sql) {
  std::unique_ptr<PGresult, decltype(&PQclear)> result{PQexec(connection, sql), &PQclear};
  INFO(sql << ": " << PQerrorMessage(connection));
  REQUIRE(PQresultStatus(result.get()) == PGRES_TUPLES_OK);
  return PQgetvalue(result.get(), 0, 0);
}

const char* database_url() {
  const char* url = std::getenv("DATABASE_URL");
  INFO("run the tests through tools/with-postgres.sh, or set DATABASE_URL");
  REQUIRE(url != nullptr);
  return url;
}

}  // namespace

TEST_CASE("DATABASE_URL reaches a server that accepts queries") {
  auto connection = connect(database_url());
  CHECK(query_text(connection.get(), "SELECT 1 + 1") == "2");
}

TEST_CASE("the PG variables reach the same database as DATABASE_URL") {
  auto by_url = connect(database_url());
  auto by_variables = connect("");
  CHECK(query_text(by_variables.get(), "SELECT current_database()") ==
        query_text(by_url.get(), "SELECT current_database()"));
  CHECK(query_text(by_variables.get(), "SELECT current_user") ==
        query_text(by_url.get(), "SELECT current_user"));
}

TEST_CASE("the throwaway cluster runs in UTC with room for many connections") {
  if (std::getenv("PGDSL_PGDATA") == nullptr) {
    WARN("DATABASE_URL points at an existing server: its settings are its own");
    return;
  }
  auto connection = connect(database_url());
  CHECK(query_text(connection.get(), "SHOW TimeZone") == "UTC");
  CHECK(std::stoi(query_text(connection.get(), "SHOW max_connections")) >= 200);
  CHECK(query_text(connection.get(), "SELECT current_database()") == "pgdsl");
}
