// SPDX-License-Identifier: BSL-1.0
// Connections: from a URL, from named options and from the environment; failures that name the
// host and never the password; server version, notices, statement timeout; and faults: a backend
// terminated mid-transaction is connection_error, the connection reports itself broken, and
// reset() brings it back.
#include "support/catch.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/database.hpp"

using namespace std::chrono_literals;

TEST_CASE("a connection opens from the environment and reports itself open") {
  pgdsl::connection db = pgdsl::connection::from_env();
  CHECK(db.is_open());
  CHECK(db.status() == pgdsl::connection_status::ok);
  CHECK(db.transaction_state() == pgdsl::transaction_status::idle);
  CHECK(db.server_version() >= 100000);
  CHECK(db.query<std::int32_t>("SELECT 1::int4").scalar() == 1);
}

TEST_CASE("a connection opens from a URL or conninfo string") {
  const char* url = std::getenv("DATABASE_URL");
  if (url == nullptr || *url == '\0') {
    SUCCEED("DATABASE_URL is not set; only the PG* variables are available");
    return;
  }
  pgdsl::connection db{std::string(url)};
  CHECK(db.is_open());
}

TEST_CASE("named options override the environment, including application_name") {
  pgdsl::connection_options options;
  options.application_name = "pgdsl-connection-test";
  options.connect_timeout = std::chrono::seconds(5);
  pgdsl::connection db = pgdsl::connection::from_env(options);
  CHECK(db.query<std::string>("SELECT current_setting('application_name')").scalar() ==
        "pgdsl-connection-test");
}

TEST_CASE("server options are passed through, e.g. a statement timeout") {
  pgdsl::connection_options options;
  options.options = "-c statement_timeout=1234";
  pgdsl::connection db = pgdsl::connection::from_env(options);
  CHECK(db.query<std::string>("SHOW statement_timeout").scalar() == "1234ms");
}

TEST_CASE("a failed connect names the host and never the password") {
  pgdsl::connection_options options;
  options.host = "127.0.0.1";
  options.port = 1;  // nothing listens there
  options.user = "nobody";
  options.password = "s3cr3t-Passw0rd";
  options.connect_timeout = std::chrono::seconds(2);
  try {
    pgdsl::connection db(options);
    FAIL("expected connection_error");
  } catch (const pgdsl::connection_error& e) {
    const std::string what = e.what();
    CHECK(what.find("127.0.0.1") != std::string::npos);
    CHECK(what.find("s3cr3t-Passw0rd") == std::string::npos);
    CHECK(e.sqlstate() == "08001");
  }
  try {
    pgdsl::connection db("postgresql://nobody:s3cr3t-Passw0rd@127.0.0.1:1/db?connect_timeout=2");
    FAIL("expected connection_error");
  } catch (const pgdsl::connection_error& e) {
    const std::string what = e.what();
    CHECK(what.find("127.0.0.1") != std::string::npos);
    CHECK(what.find("s3cr3t-Passw0rd") == std::string::npos);
  }
}

TEST_CASE("a connection moves and stays usable") {
  pgdsl::connection first = pgdsl::connection::from_env();
  pgdsl::connection second = std::move(first);
  CHECK(second.query<std::int32_t>("SELECT 2::int4").scalar() == 2);
  CHECK_FALSE(first.is_open());  // NOLINT(bugprone-use-after-move): moved-from is closed
  CHECK_THROWS_AS(first.query<std::int32_t>("SELECT 1::int4"), pgdsl::connection_error);
}

TEST_CASE("the notice handler receives the server's notices") {
  pgdsl::test::database fixture;
  std::vector<pgdsl::notice> notices;
  fixture.db().set_notice_handler([&](const pgdsl::notice& n) { notices.push_back(n); });
  fixture.run("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$");
  REQUIRE(notices.size() == 1);
  CHECK(notices[0].severity == "NOTICE");
  CHECK(notices[0].message == "hello 42");
  CHECK(notices[0].sqlstate == "00000");
}

TEST_CASE("without a handler, notices go to stderr as libpq prints them, without SQLSTATE") {
  pgdsl::test::database fixture;
  std::fflush(stderr);
  const int saved = ::dup(2);
  std::FILE* capture = std::tmpfile();
  REQUIRE(capture);
  ::dup2(::fileno(capture), 2);
  fixture.run("DO $$ BEGIN RAISE WARNING 'careful %', 7; END $$");
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::rewind(capture);
  std::string printed;
  for (int c = std::fgetc(capture); c != EOF; c = std::fgetc(capture)) printed += char(c);
  std::fclose(capture);
  CHECK(printed == "WARNING:  careful 7\n");  // not "WARNING:  01000: careful 7\nLOCATION: ..."
}

TEST_CASE("a statement running past the connection's statement timeout is query_canceled") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.set_statement_timeout(100ms);
  CHECK_THROWS_AS(db.execute_raw("SELECT pg_sleep(5)"), pgdsl::query_canceled);
  CHECK(db.is_open());
  db.set_statement_timeout(0ms);
  CHECK(db.query<std::string>("SHOW statement_timeout").scalar() == "0");
}

TEST_CASE("the statement timeout option applies from the start and after reset()") {
  pgdsl::connection_options options;
  options.statement_timeout = 150ms;
  pgdsl::connection db = pgdsl::connection::from_env(options);
  CHECK(db.query<std::string>("SHOW statement_timeout").scalar() == "150ms");
  db.reset();
  CHECK(db.query<std::string>("SHOW statement_timeout").scalar() == "150ms");
}

TEST_CASE("a backend terminated mid-transaction is connection_error 57P01 and reset() recovers") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  fixture.run("CREATE TABLE t (id int)");
  const auto pid = db.query<std::int32_t>("SELECT pg_backend_pid()").scalar();
  auto tx = db.begin();
  tx.execute_raw("INSERT INTO t VALUES (1)");

  pgdsl::connection admin = pgdsl::connection::from_env();
  CHECK(admin.query<bool>("SELECT pg_terminate_backend($1)", pid).scalar());

  try {
    tx.execute_raw("INSERT INTO t VALUES (2)");
    FAIL("expected connection_error");
  } catch (const pgdsl::connection_error& e) {  // the server's reason, not a generic 08006
    CHECK(e.sqlstate() == "57P01");
    CHECK(e.message() == "terminating connection due to administrator command");
    // The FATAL arrives as the statement's own result, with its fields: libpq's "server closed
    // the connection unexpectedly" is then not part of the error (it is when only text came).
  }
  CHECK_FALSE(db.is_open());
  CHECK(db.status() == pgdsl::connection_status::bad);
  CHECK_THROWS_AS(db.execute_raw("SELECT 1"), pgdsl::connection_error);
  CHECK_NOTHROW(tx.rollback());  // the server already rolled back with the lost session

  db.reset();
  CHECK(db.is_open());
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM t").scalar() == 0);  // nothing committed
}
