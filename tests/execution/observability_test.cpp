// SPDX-License-Identifier: BSL-1.0
// Observability: the query hook sees SQL text, duration, row count and the error of every
// statement, never the bound values; the slow-query helper forwards only slow statements.
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/database.hpp"
#include "support/statements.hpp"

using namespace std::chrono_literals;
using pgdsl::type_list;
using pgdsl::test::column;
using pgdsl::test::make_statement;

namespace {

struct seen {
  std::string sql;
  std::chrono::nanoseconds duration;
  std::uint64_t rows;
  std::string error;
};

pgdsl::query_hook recorder(std::vector<seen>& events) {
  return [&events](const pgdsl::query_event& e) {
    events.push_back(seen{std::string(e.sql), e.duration, e.rows, e.error ? e.error->what() : ""});
  };
}

}  // namespace

TEST_CASE("the query hook sees SQL, duration and rows of each statement, never the values") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE words (word text)");
  auto& db = fixture.db();
  std::vector<seen> events;
  db.set_query_hook(recorder(events));
  const std::string secret = "very-secret-value";
  db.execute(make_statement<"INSERT INTO words VALUES ($1)">(secret));
  db.execute_raw("INSERT INTO words SELECT 'w' || g FROM generate_series(1, 4) g");
  using word = column<"words", "word", std::string>;
  db.execute(make_statement<"SELECT word FROM words", type_list<word>>());
  REQUIRE(events.size() == 3);
  CHECK(events[0].sql == "INSERT INTO words VALUES ($1)");
  CHECK(events[0].rows == 1);
  CHECK(events[1].rows == 4);
  CHECK(events[2].rows == 5);
  CHECK(events[2].duration > 0ns);
  for (const auto& e : events) {
    CHECK(e.sql.find(secret) == std::string::npos);
    CHECK(e.error.empty());
  }
}

TEST_CASE("the query hook sees a failed statement's error") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  std::vector<seen> events;
  db.set_query_hook(recorder(events));
  CHECK_THROWS_AS(db.execute_raw("SELECT 1/0"), pgdsl::division_by_zero);
  REQUIRE(events.size() == 1);
  CHECK(events[0].sql == "SELECT 1/0");
  CHECK(events[0].error.find("division by zero") != std::string::npos);
  db.set_query_hook({});
  db.execute_raw("SELECT 1");
  CHECK(events.size() == 1);
}

TEST_CASE("the slow-query hook forwards only statements over the threshold") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  std::vector<seen> slow;
  db.set_query_hook(pgdsl::slow_query_hook(50ms, recorder(slow)));
  db.execute_raw("SELECT 1");
  db.execute_raw("SELECT pg_sleep(0.1)");
  REQUIRE(slow.size() == 1);
  CHECK(slow[0].sql == "SELECT pg_sleep(0.1)");
  CHECK(slow[0].duration >= 50ms);
}

TEST_CASE("transaction control statements are observed too") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  std::vector<seen> events;
  db.set_query_hook(recorder(events));
  db.transaction([](pgdsl::transaction& tx) { tx.execute_raw("SELECT 1"); });
  REQUIRE(events.size() == 3);
  CHECK(events[0].sql == "BEGIN");
  CHECK(events[2].sql == "COMMIT");
}

TEST_CASE("a hook that throws is called once; its exception replaces a successful result") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  int calls = 0;
  db.set_query_hook([&](const pgdsl::query_event&) {
    ++calls;
    throw std::runtime_error("hook failed");
  });
  CHECK_THROWS_WITH(db.execute_raw("SELECT 1"), "hook failed");
  CHECK(calls == 1);
}

TEST_CASE(
    "a hook that throws after a failed statement is called once; the statement's error wins") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  int calls = 0;
  db.set_query_hook([&](const pgdsl::query_event& event) {
    ++calls;
    CHECK(event.error != nullptr);
    throw std::runtime_error("hook failed");
  });
  CHECK_THROWS_AS(db.execute_raw("SELECT * FROM no_such_table"), pgdsl::undefined_table);
  CHECK(calls == 1);
  db.set_query_hook({});
  CHECK(db.query<std::int32_t>("SELECT 1::int4").scalar() == 1);
}
