// SPDX-License-Identifier: BSL-1.0
// pgdsl behind PgBouncer 1.18 in transaction mode (PGDSL_BOUNCER_URL, from tools/with-cluster.sh).
// Named statements break there as soon as a client's next transaction lands on another server
// connection; unnamed statements (prepared_statements = false, or transaction_pooling) work for
// every kind of statement while server connections are swapped between clients; and with
// transaction_pooling, session state is refused before it is sent.
#include "support/catch.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <vector>

#include "pgdsl/pgdsl.hpp"

namespace {

struct bounced_t : pgdsl::table<"bounced"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"owner", std::int32_t> owner;
  column<"label", std::string> label;
  column<"amount", std::optional<double>> amount;
};
inline constexpr bounced_t bounced{};

std::string bouncer_url() {
  const char* url = std::getenv("PGDSL_BOUNCER_URL");
  INFO("run this test through tools/with-cluster.sh");
  REQUIRE(url != nullptr);
  return url;
}

pgdsl::connection through_bouncer(bool prepared_statements, bool transaction_pooling = false) {
  return pgdsl::connection(pgdsl::connection_options{.conninfo = bouncer_url(),
                                                     .prepared_statements = prepared_statements,
                                                     .transaction_pooling = transaction_pooling});
}

std::int32_t backend(pgdsl::connection& db) {
  // Unnamed (runtime_sql): the tests count the statements they check themselves.
  return db.query<std::int32_t>(pgdsl::runtime_sql("SELECT pg_backend_pid()")).scalar();
}

// Has PgBouncer close its server connections to pgdsl (each once released), so that the next
// statements start on server connections where no earlier test prepared anything.
void fresh_server_connections() {
  const char* url = std::getenv("PGDSL_BOUNCER_ADMIN_URL");
  REQUIRE(url != nullptr);
  std::unique_ptr<PGconn, decltype(&PQfinish)> admin{PQconnectdb(url), &PQfinish};
  REQUIRE(PQstatus(admin.get()) == CONNECTION_OK);
  std::unique_ptr<PGresult, decltype(&PQclear)> done{PQexec(admin.get(), "RECONNECT pgdsl"),
                                                     &PQclear};
  INFO(PQerrorMessage(admin.get()));
  REQUIRE(PQresultStatus(done.get()) == PGRES_COMMAND_OK);
}

// Created once per process, straight on the primary (DDL needs no pooler). Owners: clients of
// the load test 1..8 (their COPY rows -101..-108); the other tests' rows are -1..-3 (none).
void create_table() {
  static const bool created = [] {
    pgdsl::connection db(std::getenv("PGDSL_PRIMARY_URL"));
    db.set_notice_handler([](const pgdsl::notice&) {});
    db.run_command("DROP TABLE IF EXISTS bounced");
    db.run_command(
        "CREATE TABLE bounced (id bigint PRIMARY KEY, owner int4 NOT NULL, label text "
        "NOT NULL, amount float8)");
    return true;
  }();
  (void)created;
}

auto by_owner(std::int32_t owner) {
  return pgdsl::select(bounced.id, bounced.label, bounced.amount)
      .from(bounced)
      .where(bounced.owner == owner)
      .order_by(bounced.id.asc());
}

}  // namespace

TEST_CASE("named prepared statements fail behind PgBouncer in transaction mode") {
  create_table();
  fresh_server_connections();
  auto named = through_bouncer(true);
  auto other = through_bouncer(false);
  const auto query = pgdsl::select(bounced.id).from(bounced).where(bounced.owner == -1);
  CHECK(named.execute(query).empty());  // prepared on the server connection it got
  // `other` holds that server connection (PgBouncer hands out the one released last) in a
  // transaction, so the next statement of `named` gets another one, where it does not exist.
  auto holding = other.begin();
  CHECK(holding.query<std::int32_t>("SELECT 1::int4").scalar() == 1);
  try {
    (void)named.execute(query);
    FAIL("the named statement ran on a server connection that never prepared it");
  } catch (const pgdsl::invalid_sql_statement_name& e) {
    CHECK(e.sqlstate() == "26000");
    CHECK(e.message().find("does not exist") != std::string::npos);
    CHECK(e.sql() == std::remove_cvref_t<decltype(query)>::sql.c_str());
  }
  holding.commit();
}

TEST_CASE("behind PgBouncer a named statement never runs another client's statement") {
  // Statement names are unique in the process (a random part and a counter), so when a client's
  // next transaction lands on a server connection where another client prepared statements, its
  // statement is missing there (26000) instead of being another client's of the same name. When
  // every connection numbered its statements from pgdsl_1, this test got the other client's count
  // as a row of ids, with no error.
  create_table();
  fresh_server_connections();
  auto a = through_bouncer(true);
  auto b = through_bouncer(true);
  auto other = through_bouncer(false);
  const auto ids = pgdsl::select(bounced.id).from(bounced).where(bounced.owner == -3);
  const auto counts = pgdsl::select(pgdsl::count()).from(bounced).where(bounced.owner == -3);
  CHECK(a.execute(ids).empty());           // prepared on server connection S1
  auto holding = other.begin();            // holds S1
  CHECK(b.execute(counts).scalar() == 0);  // prepared on a new server connection S2
  // S1 is still held, so a's next statement gets S2, where only b's statement exists.
  CHECK_THROWS_AS(a.execute(ids), pgdsl::invalid_sql_statement_name);
  holding.commit();
}

TEST_CASE("unnamed statements run wherever PgBouncer sends them") {
  create_table();
  for (const bool transaction_pooling : {false, true}) {
    CAPTURE(transaction_pooling);
    // transaction_pooling alone implies unnamed statements; prepared_statements = false does it
    // without the session-state checks.
    auto db = through_bouncer(transaction_pooling, transaction_pooling);
    auto other = through_bouncer(false);
    const auto query = pgdsl::select(bounced.id).from(bounced).where(bounced.owner == -2);
    CHECK(db.execute(query).empty());
    const auto first = backend(db);
    auto holding = other.begin();
    CHECK(backend(other) == first);  // `other` now holds the server connection `db` used
    CHECK(db.execute(query).empty());
    CHECK(backend(db) != first);
    holding.commit();
    CHECK(db.prepared_statement_count() == 1);  // the check is recorded, nothing is named
  }
}

TEST_CASE("thousands of statements of every kind from eight clients whose servers are swapped") {
  create_table();
  constexpr int clients = 8;
  constexpr int rounds = 40;
  std::atomic<long> statements{0};
  std::vector<std::set<std::int32_t>> backends(clients);
  std::vector<std::string> failures(clients);
  std::vector<std::thread> threads;
  for (int client = 0; client < clients; ++client) {
    threads.emplace_back([&, client] {
      try {
        // Half the clients only turn prepared statements off, half declare transaction pooling.
        auto db = through_bouncer(false, client % 2 == 1);
        const std::int32_t owner = client + 1;
        std::int64_t next_id = std::int64_t{owner} * 1'000'000;
        auto fail = [&](const std::string& what) {
          if (failures[client].empty()) failures[client] = what;
        };
        long count = 0;
        for (int round = 0; round < rounds; ++round) {
          backends[client].insert(backend(db));
          ++count;
          // INSERT ... RETURNING, parameters both ways.
          const std::int64_t id = ++next_id;
          const std::string label = "r" + std::to_string(round);
          const auto [new_id, new_label] =
              db.execute(pgdsl::insert_into(bounced)
                             .set(bounced.id = id, bounced.owner = owner, bounced.label = label,
                                  bounced.amount = round * 0.5)
                             .returning(bounced.id, bounced.label))
                  .one()
                  .values();
          ++count;
          if (new_id != id || new_label != label) fail("insert returning");
          // SELECT with parameters.
          const auto rows = db.execute(by_owner(owner));
          ++count;
          if (rows.size() != static_cast<std::size_t>(round + 1)) fail("select count");
          // UPDATE ... RETURNING.
          const auto amount = db.execute(pgdsl::update(bounced)
                                             .set(bounced.amount = bounced.amount + 1.0)
                                             .where(bounced.id == id)
                                             .returning(bounced.amount))
                                  .scalar();
          ++count;
          if (amount != round * 0.5 + 1.0) fail("update returning");
          // A transaction: its insert is seen inside, rolled back by a throw, then committed.
          try {
            db.transaction([&](pgdsl::transaction& tx) {
              tx.execute(pgdsl::insert_into(bounced).set(bounced.id = -id, bounced.owner = owner,
                                                         bounced.label = "doomed",
                                                         bounced.amount = std::nullopt));
              if (tx.query<std::int64_t>("SELECT count(*) FROM bounced WHERE id = $1", -id)
                      .scalar() != 1)
                fail("transaction sees its insert");
              throw std::runtime_error("roll back");
            });
          } catch (const std::runtime_error&) {
          }
          count += 4;  // BEGIN, insert, select, ROLLBACK
          db.transaction([&](pgdsl::transaction& tx) {
            tx.set_statement_timeout(std::chrono::seconds(30));  // SET LOCAL: allowed
            tx.execute(pgdsl::update(bounced)
                           .set(bounced.label = bounced.label + std::string("+"))
                           .where(bounced.id == id));
          });
          count += 4;
          if (db.query<std::int64_t>("SELECT count(*) FROM bounced WHERE id = $1", -id).scalar() !=
              0)
            fail("rolled back row visible");
          ++count;
          // A pipeline: inserts and selects, one sync.
          {
            auto batch = db.pipeline();
            std::vector<std::int64_t> seen;
            for (int k = 0; k < 5; ++k) {
              const std::int64_t extra = ++next_id;
              batch.execute(pgdsl::insert_into(bounced).set(
                  bounced.id = extra, bounced.owner = owner, bounced.label = "piped",
                  bounced.amount = std::nullopt));
              batch.execute(pgdsl::select(bounced.id).from(bounced).where(bounced.id == extra),
                            [&](auto&& result) { seen.push_back(result.scalar()); });
            }
            batch.finish();
            count += 10;
            if (seen.size() != 5 || seen.back() != next_id) fail("pipeline");
          }
          // DELETE ... RETURNING of what the pipeline inserted.
          const auto deleted =
              db.execute(pgdsl::delete_from(bounced)
                             .where(bounced.owner == owner && bounced.label == std::string("piped"))
                             .returning(bounced.id));
          ++count;
          if (deleted.size() != 5) fail("delete returning");
          // A stream (single-row mode) and a cursor (its own transaction).
          std::int64_t streamed = 0;
          for (const auto& [row_id, row_label, row_amount] : db.stream(by_owner(owner))) {
            if (row_label.empty() || !row_amount) fail("stream row");
            streamed += row_id > 0 ? 1 : 0;
          }
          ++count;
          if (streamed != round + 1) fail("stream count");
          std::int64_t fetched = 0;
          for (const auto& [row_id, row_label, row_amount] :
               db.cursor(by_owner(owner), {.fetch_size = 7})) {
            if (row_label.back() != '+') fail("cursor row");
            fetched += row_id > 0 ? 1 : 0;
          }
          ++count;
          if (fetched != round + 1) fail("cursor count");
          // COPY in and out, every fourth round.
          if (round % 4 == 0) {
            std::vector<std::tuple<std::int64_t, std::int32_t, std::string>> rows;
            for (int k = 0; k < 20; ++k) rows.emplace_back(++next_id, -100 - owner, "copied");
            if (db.copy_into(bounced, pgdsl::columns(bounced.id, bounced.owner, bounced.label),
                             rows) != 20)
              fail("copy_into");
            std::int64_t copied = 0;
            for (const auto& [row_id, row_owner] :
                 db.copy_out(bounced, pgdsl::columns(bounced.id, bounced.owner)))
              copied += row_owner == -100 - owner && row_id > 0 ? 1 : 0;
            if (copied != 20 * (round / 4 + 1)) fail("copy_out");
            count += 2;
          }
        }
        statements += count;
      } catch (const std::exception& e) {
        failures[client] = std::string("client threw: ") + e.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int client = 0; client < clients; ++client) {
    INFO("client " << client);
    CHECK(failures[client] == "");
  }
  CHECK(statements.load() > 8000);  // about 26 a round
  // Server connections were swapped: a client ran on more than one backend.
  std::size_t most = 0;
  for (const auto& seen : backends) most = std::max(most, seen.size());
  CHECK(most > 1);
  pgdsl::connection primary(std::getenv("PGDSL_PRIMARY_URL"));
  CHECK(primary.query<std::int64_t>("SELECT count(*) FROM bounced WHERE owner > 0").scalar() ==
        clients * rounds);
}

TEST_CASE("with transaction_pooling, session state is refused before anything is sent") {
  auto db = through_bouncer(false, true);
  const char* refused[] = {"LISTEN orders",
                           "SELECT pg_advisory_lock(42)",
                           "DECLARE held CURSOR WITH HOLD FOR SELECT 1",
                           "PREPARE mine AS SELECT 1",
                           "SET search_path = elsewhere, public",
                           "CREATE TEMP TABLE scratch (id int)"};
  for (const char* sql : refused) {
    CAPTURE(sql);
    CHECK_THROWS_AS(db.run_command(pgdsl::runtime_sql(sql)), pgdsl::transaction_pooling_error);
    CHECK_THROWS_AS(db.execute_raw(pgdsl::runtime_sql(sql)), pgdsl::feature_not_supported);
  }
  CHECK_THROWS_AS(db.set_statement_timeout(std::chrono::seconds(1)),
                  pgdsl::transaction_pooling_error);
  CHECK_THROWS_AS(pgdsl::connection(pgdsl::connection_options{
                      .conninfo = bouncer_url(),
                      .transaction_pooling = true,
                      .statement_timeout = std::chrono::milliseconds(500)}),
                  pgdsl::transaction_pooling_error);
  // Nothing reached the server, and what is scoped to a transaction works.
  pgdsl::connection primary(std::getenv("PGDSL_PRIMARY_URL"));
  CHECK(primary.query<std::int64_t>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
            .scalar() == 0);
  db.transaction([](pgdsl::transaction& tx) {
    tx.db().run_command("SET LOCAL search_path = pg_catalog, public");
    CHECK(tx.query<bool>("SELECT pg_try_advisory_xact_lock(42)").scalar());
    tx.db().run_command("CREATE TEMP TABLE scratch (id int) ON COMMIT DROP");
    CHECK(tx.query<std::string>("SELECT current_setting('search_path')").scalar() ==
          "pg_catalog, public");
  });
  CHECK(db.query<std::string>("SELECT current_setting('search_path')").scalar() ==
        "\"$user\", public");
}

TEST_CASE("a session SET through PgBouncer stays with a server connection, not with the client") {
  // Without transaction_pooling the SET is sent; this is what the refusal protects against.
  auto setter = through_bouncer(false);
  auto bystander = through_bouncer(false);
  setter.run_command("SET search_path = pg_catalog, public");
  const auto server = backend(setter);
  // PgBouncer hands out the server connection released last: the bystander gets the setter's
  // server connection, and its search_path with it.
  CHECK(backend(bystander) == server);
  CHECK(bystander.query<std::string>("SELECT current_setting('search_path')").scalar() ==
        "pg_catalog, public");
  setter.run_command("RESET search_path");

  // TimeZone is one of the parameters PgBouncer carries per client: it re-applies it whenever a
  // client gets a server connection, so each client keeps its own.
  setter.run_command("SET TimeZone = 'Asia/Tokyo'");
  CHECK(bystander.query<std::string>("SELECT current_setting('TimeZone')").scalar() == "UTC");
  CHECK(setter.query<std::string>("SELECT current_setting('TimeZone')").scalar() == "Asia/Tokyo");
  // Even on another server connection (the bystander holds the setter's one in a transaction).
  auto holding = bystander.begin();
  const auto held = backend(bystander);
  CHECK(setter.query<std::string>("SELECT current_setting('TimeZone')").scalar() == "Asia/Tokyo");
  CHECK(backend(setter) != held);
  holding.commit();
}

TEST_CASE("LISTEN through PgBouncer without transaction_pooling loses its notifications") {
  // What the refusal of LISTEN protects against: the LISTEN stays with a server connection that
  // another client may hold when the NOTIFY arrives, and this client's later statements run
  // elsewhere, so it never sees the notification.
  auto listener = through_bouncer(false);
  auto other = through_bouncer(false);
  listener.run_command("LISTEN bounced_channel");
  auto holding = other.begin();  // takes the server connection that listens
  pgdsl::connection primary(std::getenv("PGDSL_PRIMARY_URL"));
  primary.run_command("NOTIFY bounced_channel, 'hello'");
  CHECK(listener.query<std::int32_t>("SELECT 1::int4").scalar() == 1);  // on another server
  PQconsumeInput(listener.native_handle());
  PGnotify* notification = PQnotifies(listener.native_handle());
  CHECK(notification == nullptr);
  if (notification) PQfreemem(notification);
  holding.rollback();
}
