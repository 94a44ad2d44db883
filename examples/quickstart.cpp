// quickstart: connect to PostgreSQL and print what the server says about itself.
// Until pgdsl's execution layer lands this speaks libpq directly; it will be rewritten on the
// pgdsl API. Run it through tools/with-postgres.sh, or with DATABASE_URL / PG* variables set.
#include <pgdsl/pgdsl.hpp>

#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

int main() {
  // An empty conninfo lets libpq read PGHOST, PGPORT, PGDATABASE, PGUSER, ... by itself.
  const char* url = std::getenv("DATABASE_URL");
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection{PQconnectdb(url != nullptr ? url : ""),
                                                          &PQfinish};
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    std::fprintf(stderr, "quickstart: cannot connect to PostgreSQL: %s",
                 PQerrorMessage(connection.get()));
    return 1;
  }
  const int server_version = PQserverVersion(connection.get());
  std::printf("pgdsl %s connected to PostgreSQL %d.%d\n", PGDSL_VERSION_STRING,
              server_version / 10000, server_version % 10000);

  std::unique_ptr<PGresult, decltype(&PQclear)> result{PQexec(connection.get(), "SELECT version()"),
                                                       &PQclear};
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    std::fprintf(stderr, "quickstart: SELECT version() failed: %s",
                 PQerrorMessage(connection.get()));
    return 1;
  }
  std::printf("SELECT version(): %s\n", PQgetvalue(result.get(), 0, 0));
  return 0;
}
