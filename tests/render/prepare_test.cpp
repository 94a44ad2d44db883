// SPDX-License-Identifier: BSL-1.0
// The server check of every golden statement: each statement the render tests name is PREPAREd
// on a real PostgreSQL with pgdsl's parameter types, its result column types are compared with the
// C++ types pgdsl reads them as, and it is DEALLOCATEd. What pgdsl renders is SQL PostgreSQL takes.
#include <libpq-fe.h>
#include "support/catch.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "render_check.hpp"

std::vector<render_check::statement_record>& render_check::registry() {
  static std::vector<statement_record> statements;
  return statements;
}

namespace {

using connection_ptr = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

connection_ptr connect_from_environment() {
  const char* url = std::getenv("DATABASE_URL");
  connection_ptr conn(PQconnectdb(url ? url : ""), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) FAIL("cannot connect: " << PQerrorMessage(conn.get()));
  return conn;
}

void run(PGconn* conn, const std::string& sql) {
  const result_ptr result(PQexec(conn, sql.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    FAIL(sql << "\n" << PQresultErrorMessage(result.get()));
}

std::string read_file(const char* path) {
  std::ifstream file(path);
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("every rendered statement is SQL that PostgreSQL prepares, with the predicted types") {
  const auto conn = connect_from_environment();
  run(conn.get(),
      "DROP SCHEMA IF EXISTS render_check CASCADE; CREATE SCHEMA render_check; "
      "SET search_path TO render_check");
  run(conn.get(), read_file(PGDSL_SHOP_SCHEMA_SQL));

  const auto& statements = render_check::registry();
  REQUIRE(statements.size() > 40);
  int index = 0;
  for (const auto& statement : statements) {
    INFO(statement.sql);
    const std::string name = "render_check_" + std::to_string(index++);
    const result_ptr prepared(PQprepare(conn.get(), name.c_str(), statement.sql.c_str(),
                                        static_cast<int>(statement.parameter_types.size()),
                                        statement.parameter_types.data()),
                              &PQclear);
    REQUIRE(PQresultStatus(prepared.get()) == PGRES_COMMAND_OK);

    const result_ptr described(PQdescribePrepared(conn.get(), name.c_str()), &PQclear);
    REQUIRE(PQresultStatus(described.get()) == PGRES_COMMAND_OK);
    CHECK(PQnparams(described.get()) == static_cast<int>(statement.parameter_types.size()));
    REQUIRE(PQnfields(described.get()) == static_cast<int>(statement.result_types.size()));
    for (int column = 0; column < PQnfields(described.get()); ++column) {
      INFO("result column " << column << " (" << PQfname(described.get(), column) << ")");
      CHECK(PQftype(described.get(), column) ==
            statement.result_types[static_cast<std::size_t>(column)]);
    }
    run(conn.get(), "DEALLOCATE " + name);
  }
  run(conn.get(), "DROP SCHEMA render_check CASCADE");
}
