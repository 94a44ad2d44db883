// SPDX-License-Identifier: BSL-1.0
// pgbouncer: pgdsl behind PgBouncer in transaction mode. The connection declares it
// (transaction_pooling): statements run unnamed, so any server connection PgBouncer picks can run
// them, and what would stay behind in a server session (here LISTEN) is refused before it is sent.
// Connects to PGDSL_BOUNCER_URL (tools/with-cluster.sh starts PgBouncer and sets it), else to
// DATABASE_URL; the table is created in a transaction and dropped at the end.
#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

struct visits_t : pgdsl::table<"pgbouncer_example_visits"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"page", std::string> page;
};
inline constexpr visits_t visits{};

int main() {
  const char* url = std::getenv("PGDSL_BOUNCER_URL");
  if (url == nullptr) url = std::getenv("DATABASE_URL");
  if (url == nullptr) {
    std::fputs("set PGDSL_BOUNCER_URL (or DATABASE_URL)\n", stderr);
    return 2;
  }
  pgdsl::connection db(pgdsl::connection_options{.conninfo = url, .transaction_pooling = true});

  db.execute(pgdsl::create_table(visits).if_not_exists());
  // Every statement may run on another server connection: nothing relies on the session.
  for (std::int64_t id = 1; id <= 3; ++id)
    db.execute(pgdsl::insert_into(visits).set(visits.id = id, visits.page = "/home"));
  // A transaction keeps one server connection from BEGIN to COMMIT, so SET LOCAL works in it.
  const auto count = db.transaction([](pgdsl::transaction& tx) {
    tx.db().run_command("SET LOCAL statement_timeout = 5000");
    return tx.execute(pgdsl::select(pgdsl::count()).from(visits).where(visits.page == "/home"))
        .scalar();
  });
  std::printf("%lld visits of /home\n", static_cast<long long>(count));

  try {
    db.run_command("LISTEN page_changes");  // would listen on one server connection only
  } catch (const pgdsl::transaction_pooling_error& e) {
    std::printf("refused: %s\n", e.message().c_str());
  }
  db.run_command("DROP TABLE pgbouncer_example_visits");
  return count == 3 ? 0 : 1;
}
