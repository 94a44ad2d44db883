// SPDX-License-Identifier: BSL-1.0
// Lost connections say why: a terminated backend, a server shut down, another backend's crash and
// a backend that vanished without a word each surface as connection_error, with the server's own
// SQLSTATE and message when it sent one (57P01, 57P02) and 08006 only when it did not. These tests
// stop, crash and restart the server: CTest runs them in a cluster of their own.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#include "pgdsl/pgdsl.hpp"

using namespace std::chrono_literals;

namespace {

const char* pg_ctl() {
  return std::getenv("PGDSL_PG_CTL");
}

void run_pg_ctl(const std::string& arguments) {
  const std::string command = "\"" + std::string(pg_ctl()) + "\" " + arguments + " >/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
}

// After a crash the server restarts by itself; wait until it takes connections again.
void wait_until_server_accepts() {
  for (int attempt = 0; attempt < 100; ++attempt) {
    try {
      pgdsl::connection::from_env();
      return;
    } catch (const pgdsl::connection_error&) {
      std::this_thread::sleep_for(100ms);
    }
  }
  FAIL("the server did not come back");
}

struct lost {
  std::string sqlstate;
  std::string message;
  std::string detail;
};

template <class F>
lost failure_of(F&& statement) {
  try {
    statement();
  } catch (const pgdsl::connection_error& e) {
    return {e.sqlstate(), e.message(), e.detail()};
  }
  FAIL("expected connection_error");
  return {};
}

std::int32_t backend_pid(pgdsl::connection& db) {
  return db.query<std::int32_t>("SELECT pg_backend_pid()").scalar();
}

}  // namespace

TEST_CASE("a backend terminated while idle reports 57P01 with the server's message") {
  if (!pg_ctl()) return;  // not our own cluster
  auto db = pgdsl::connection::from_env();
  auto admin = pgdsl::connection::from_env();
  REQUIRE(admin.query<bool>("SELECT pg_terminate_backend($1)", backend_pid(db)).scalar());
  std::this_thread::sleep_for(100ms);
  const lost l = failure_of([&] { db.execute_raw("SELECT 1"); });
  CHECK(l.sqlstate == "57P01");
  CHECK(l.message == "terminating connection due to administrator command");
  CHECK_FALSE(db.is_open());
  db.reset();
  CHECK(db.query<std::int32_t>("SELECT 1").scalar() == 1);
}

TEST_CASE("a backend terminated during a statement reports 57P01") {
  if (!pg_ctl()) return;
  auto db = pgdsl::connection::from_env();
  const std::int32_t pid = backend_pid(db);
  std::thread killer([pid] {
    std::this_thread::sleep_for(300ms);
    auto admin = pgdsl::connection::from_env();
    admin.query<bool>("SELECT pg_terminate_backend($1)", pid).scalar();
  });
  const lost l = failure_of([&] { db.execute_raw("SELECT pg_sleep(5)"); });
  killer.join();
  CHECK(l.sqlstate == "57P01");
  CHECK(l.message == "terminating connection due to administrator command");
}

TEST_CASE("a server shut down reports 57P01, and reset() reconnects once it is back") {
  if (!pg_ctl()) return;
  auto db = pgdsl::connection::from_env();
  run_pg_ctl("stop -m fast");
  const lost l = failure_of([&] { db.execute_raw("SELECT 1"); });
  run_pg_ctl("start");
  CHECK(l.sqlstate == "57P01");
  CHECK(l.message == "terminating connection due to administrator command");
  db.reset();
  CHECK(db.query<std::int32_t>("SELECT 1").scalar() == 1);
}

TEST_CASE("the crash of another backend reports 57P02") {
  if (!pg_ctl()) return;
  auto db = pgdsl::connection::from_env();
  db.set_notice_handler([](const pgdsl::notice&) {});  // keep the server's WARNING off stderr
  auto victim = pgdsl::connection::from_env();
  REQUIRE(::kill(backend_pid(victim), SIGKILL) == 0);
  std::this_thread::sleep_for(500ms);
  const lost l = failure_of([&] { db.execute_raw("SELECT 1"); });
  CHECK(l.sqlstate == "57P02");
  CHECK(l.message == "terminating connection because of crash of another server process");
  wait_until_server_accepts();
}

TEST_CASE("a backend that vanished without a word reports 08006") {
  if (!pg_ctl()) return;
  auto db = pgdsl::connection::from_env();
  db.set_notice_handler([](const pgdsl::notice&) {});
  REQUIRE(::kill(backend_pid(db), SIGKILL) == 0);
  std::this_thread::sleep_for(300ms);
  const lost l = failure_of([&] { db.execute_raw("SELECT 1"); });
  CHECK(l.sqlstate == "08006");
  CHECK(l.message.find("server closed the connection") != std::string::npos);
  wait_until_server_accepts();
}

TEST_CASE("retry_idempotent reconnects and runs the work again after its backend was terminated") {
  if (!pg_ctl()) return;
  auto db = pgdsl::connection::from_env();
  auto admin = pgdsl::connection::from_env();
  int attempts = 0;
  const auto answer = pgdsl::retry_idempotent(db, [&](pgdsl::connection& c) {
    if (++attempts == 1) {
      REQUIRE(admin.query<bool>("SELECT pg_terminate_backend($1)", backend_pid(c)).scalar());
      std::this_thread::sleep_for(100ms);
    }
    return c.query<std::int32_t>("SELECT 41 + 1").scalar();
  });
  CHECK(answer == 42);
  CHECK(attempts == 2);
  CHECK(db.is_open());
}

TEST_CASE("retry_idempotent waits out a server restart within its attempts") {
  if (!pg_ctl()) return;
  auto db = pgdsl::connection::from_env();
  run_pg_ctl("stop -m fast");
  std::thread restarter([] {
    std::this_thread::sleep_for(500ms);
    run_pg_ctl("start");
  });
  int attempts = 0;
  const pgdsl::retry_policy patient{.max_attempts = 30,
                                    .initial_backoff = std::chrono::milliseconds(50),
                                    .max_backoff = std::chrono::milliseconds(200)};
  const auto answer = pgdsl::retry_idempotent(
      db,
      [&](pgdsl::connection& c) {
        ++attempts;
        return c.query<std::int32_t>("SELECT 7").scalar();
      },
      patient);
  restarter.join();
  CHECK(answer == 7);
  CHECK(attempts >= 1);  // the attempts that failed to reconnect never reached fn
}

TEST_CASE("retry_idempotent gives up after max_attempts and never retries other errors") {
  if (!pg_ctl()) return;
  auto db = pgdsl::connection::from_env();
  int attempts = 0;
  CHECK_THROWS_AS(pgdsl::retry_idempotent(db,
                                          [&](pgdsl::connection& c) {
                                            ++attempts;
                                            c.execute_raw("SELECT 1 / 0");
                                          }),
                  pgdsl::division_by_zero);
  CHECK(attempts == 1);

  attempts = 0;
  const pgdsl::retry_policy twice{.max_attempts = 2, .initial_backoff = std::chrono::milliseconds(1)};
  auto admin = pgdsl::connection::from_env();
  CHECK_THROWS_AS(pgdsl::retry_idempotent(
                      db,
                      [&](pgdsl::connection& c) {
                        ++attempts;
                        admin.query<bool>("SELECT pg_terminate_backend($1)", backend_pid(c)).scalar();
                        std::this_thread::sleep_for(100ms);
                        c.execute_raw("SELECT 1");
                      },
                      twice),
                  pgdsl::connection_error);
  CHECK(attempts == 2);
}
