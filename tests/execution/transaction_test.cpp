// SPDX-License-Identifier: BSL-1.0
// Transactions: commit on return and rollback on throw, RAII begin() with options, savepoints
// (nested, rolled back unless released), a statement timeout per transaction, and the retry
// helper against a real serialization failure between two connections at SERIALIZABLE.
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "support/database.hpp"
#include "support/statements.hpp"

using namespace std::chrono_literals;
using pgdsl::type_list;
using pgdsl::test::column;
using pgdsl::test::make_statement;

namespace {

auto add_entry(std::int64_t id) {
  return make_statement<"INSERT INTO ledger VALUES ($1)">(id);
}

std::int64_t entries(pgdsl::connection& db) {
  return db.query<std::int64_t>("SELECT count(*) FROM ledger").scalar();
}

void create_ledger(pgdsl::test::database& fixture) {
  fixture.run("CREATE TABLE ledger (id bigint PRIMARY KEY)");
}

}  // namespace

TEST_CASE("transaction(fn) commits when fn returns and returns its value") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  const int answer = db.transaction([](pgdsl::transaction& tx) {
    tx.execute(add_entry(1));
    tx.execute(add_entry(2));
    return 42;
  });
  CHECK(answer == 42);
  CHECK(entries(db) == 2);
  CHECK(db.transaction_state() == pgdsl::transaction_status::idle);
}

TEST_CASE("transaction(fn) rolls back and rethrows when fn throws") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.transaction([](pgdsl::transaction& tx) {
    tx.execute(add_entry(1));
    throw std::runtime_error("changed my mind");
  }),
                  std::runtime_error);
  CHECK(entries(db) == 0);
  CHECK_THROWS_AS(db.transaction([](pgdsl::transaction& tx) {
    tx.execute(add_entry(1));
    tx.execute(add_entry(1));  // unique_violation
  }),
                  pgdsl::unique_violation);
  CHECK(entries(db) == 0);
  CHECK(db.transaction_state() == pgdsl::transaction_status::idle);
}

TEST_CASE("a begun transaction rolls back in its destructor unless committed") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  {
    auto tx = db.begin();
    tx.execute(add_entry(1));
    CHECK(db.transaction_state() == pgdsl::transaction_status::in_transaction);
  }
  CHECK(entries(db) == 0);
  {
    auto tx = db.begin();
    tx.execute(add_entry(2));
    tx.commit();
    CHECK_FALSE(tx.active());
  }
  CHECK(entries(db) == 1);
}

TEST_CASE("begin() options set isolation, READ ONLY and DEFERRABLE") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  {
    auto tx = db.begin({pgdsl::isolation_level::serializable, true, true});
    CHECK(tx.query<std::string>("SHOW transaction_isolation").scalar() == "serializable");
    CHECK(tx.query<std::string>("SHOW transaction_read_only").scalar() == "on");
    CHECK(tx.query<std::string>("SHOW transaction_deferrable").scalar() == "on");
    CHECK_THROWS_AS(tx.execute(add_entry(1)), pgdsl::read_only_sql_transaction);
  }
  auto tx = db.begin({.isolation = pgdsl::isolation_level::repeatable_read});
  CHECK(tx.query<std::string>("SHOW transaction_isolation").scalar() == "repeatable read");
}

TEST_CASE("a savepoint is rolled back unless released, and the transaction goes on") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  db.transaction([](pgdsl::transaction& tx) {
    tx.execute(add_entry(1));
    {
      auto sp = tx.savepoint();
      tx.execute(add_entry(2));
    }  // rolled back
    {
      auto sp = tx.savepoint();
      tx.execute(add_entry(3));
      sp.release();
    }
    try {
      auto sp = tx.savepoint();
      tx.execute(add_entry(1));  // duplicate: the savepoint saves the transaction
      sp.release();
    } catch (const pgdsl::unique_violation&) {
    }
    tx.execute(add_entry(4));
  });
  CHECK(db.query<std::int64_t>("SELECT sum(id)::int8 FROM ledger").scalar() == 8);  // 1 + 3 + 4
}

TEST_CASE("nested savepoints roll back innermost first") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  auto tx = db.begin();
  auto outer = tx.savepoint();
  tx.execute(add_entry(1));
  {
    auto inner = outer.nested();
    tx.execute(add_entry(2));
    inner.rollback();
  }
  outer.release();
  tx.commit();
  CHECK(db.query<std::int64_t>("SELECT sum(id)::int8 FROM ledger").scalar() == 1);
}

TEST_CASE("a transaction's statement timeout applies to it only") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  {
    auto tx = db.begin({.statement_timeout = 100ms});
    CHECK_THROWS_AS(tx.execute_raw("SELECT pg_sleep(5)"), pgdsl::query_canceled);
  }
  CHECK(db.query<std::string>("SHOW statement_timeout").scalar() == "0");
}

TEST_CASE("retry_transaction re-runs a transaction that hit a real serialization failure") {
  pgdsl::test::database fixture;
  fixture.run("CREATE TABLE counters (id int PRIMARY KEY, value bigint)");
  fixture.run("INSERT INTO counters VALUES (1, 0), (2, 0)");
  auto& db = fixture.db();
  auto other = fixture.connect_another();
  const pgdsl::transaction_options serializable{.isolation = pgdsl::isolation_level::serializable};

  int attempts = 0;
  pgdsl::retry_transaction(
      db,
      [&](pgdsl::transaction& tx) {
        ++attempts;
        const auto sum = tx.query<std::int64_t>("SELECT sum(value)::int8 FROM counters").scalar();
        if (attempts == 1) {
          // A concurrent transaction reads and writes what we read: a write skew.
          other.transaction(
              [](pgdsl::transaction& t) {
                t.query<std::int64_t>("SELECT sum(value)::int8 FROM counters");
                t.execute_raw("UPDATE counters SET value = value + 1 WHERE id = 1");
              },
              serializable);
        }
        tx.execute_raw("UPDATE counters SET value = $1 WHERE id = 2", sum + 10);
      },
      pgdsl::retry_policy{.max_attempts = 3, .initial_backoff = 1ms}, serializable);
  CHECK(attempts == 2);
  CHECK(db.query<std::int64_t>("SELECT value FROM counters WHERE id = 2").scalar() == 11);
}

TEST_CASE("retry_transaction gives up after max_attempts and does not retry other errors") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  int attempts = 0;
  CHECK_THROWS_AS(pgdsl::retry_transaction(
                      db,
                      [&](pgdsl::transaction& tx) {
                        ++attempts;
                        tx.execute_raw(
                            "DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; "
                            "END $$");
                      },
                      pgdsl::retry_policy{.max_attempts = 3, .initial_backoff = 1ms}),
                  pgdsl::serialization_failure);
  CHECK(attempts == 3);
  attempts = 0;
  CHECK_THROWS_AS(pgdsl::retry_transaction(db,
                                           [&](pgdsl::transaction& tx) {
                                             ++attempts;
                                             tx.execute(add_entry(1));
                                             tx.execute(add_entry(1));
                                           }),
                  pgdsl::unique_violation);
  CHECK(attempts == 1);
}

TEST_CASE("a script run by run_command is one transaction: an error in the middle keeps none of it") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.run_command("INSERT INTO ledger VALUES (1); INSERT INTO ledger VALUES (2); "
                                 "SELECT 1 / 0; INSERT INTO ledger VALUES (3)"),
                  pgdsl::division_by_zero);
  CHECK(entries(db) == 0);
  CHECK(db.transaction_state() == pgdsl::transaction_status::idle);
  db.run_command("INSERT INTO ledger VALUES (1); INSERT INTO ledger VALUES (2)");
  CHECK(entries(db) == 2);
}

TEST_CASE("a script with its own COMMIT keeps what it committed before the error") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  CHECK_THROWS_AS(db.run_command("BEGIN; INSERT INTO ledger VALUES (1); COMMIT; "
                                 "INSERT INTO ledger VALUES (2); SELECT 1 / 0"),
                  pgdsl::division_by_zero);
  CHECK(entries(db) == 1);
  CHECK(db.transaction_state() == pgdsl::transaction_status::idle);
}

TEST_CASE("a script that fails inside an open transaction aborts that transaction") {
  pgdsl::test::database fixture;
  create_ledger(fixture);
  auto& db = fixture.db();
  auto tx = db.begin();
  tx.execute(add_entry(1));
  CHECK_THROWS_AS(tx.db().run_command("INSERT INTO ledger VALUES (2); SELECT 1 / 0"),
                  pgdsl::division_by_zero);
  CHECK(db.transaction_state() == pgdsl::transaction_status::in_error);
  tx.rollback();
  CHECK(entries(db) == 0);
}
