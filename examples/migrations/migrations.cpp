// SPDX-License-Identifier: BSL-1.0
// Migrations embedded in the program: the files of examples/migrations/sql are compiled in by
// pgdsl_embed_migrations() (see examples/CMakeLists.txt), a C++ step adds a data migration, and
// the program migrates its database up, shows the status, goes down to V2 and up again.
// Runs against DATABASE_URL (or PG*), in a schema of its own.
#include <cstdint>
#include <iostream>
#include <string>

#include <pgdsl/pgdsl.hpp>

int main() try {
  pgdsl::connection_options options;
  options.options = "-c search_path=example_migrations";
  auto db = pgdsl::connection::from_env(options);
  db.set_notice_handler([](const pgdsl::notice&) {});
  db.run_command("DROP SCHEMA IF EXISTS example_migrations CASCADE");  // a fresh run every time
  db.run_command("CREATE SCHEMA example_migrations");

  // The files compiled in, plus a data migration written in C++ (with its way down).
  pgdsl::migration_set migrations = pgdsl::embedded_migrations();
  migrations.add_step(
      4, "first customer",
      [](pgdsl::connection& c) {
        c.execute_raw("INSERT INTO customers (email) VALUES ($1)", std::string("ann@example.com"));
      },
      [](pgdsl::connection& c) { c.execute_raw("DELETE FROM customers"); });

  pgdsl::migrator_options settings;
  settings.on_progress = [](const pgdsl::migration_event& e) {
    if (e.kind == pgdsl::migration_event_kind::applied ||
        e.kind == pgdsl::migration_event_kind::reverted)
      std::cout << (e.kind == pgdsl::migration_event_kind::applied ? "applied  V" : "reverted V")
                << e.version << " " << e.description << "\n";
  };
  pgdsl::migrator migrator(db, migrations, settings);

  migrator.up();
  for (const auto& entry : migrator.status().entries)
    std::cout << "V" << entry.version << " " << pgdsl::to_string(entry.state) << "\n";

  migrator.down(2);  // reverts V4 (the step's down) and V3 (its .down.sql)
  std::cout << "now at V" << migrator.status().current_version << "\n";
  migrator.up();

  const auto customers = db.query<std::int64_t>("SELECT count(*) FROM customers").scalar();
  std::cout << "customers: " << customers << ", at V" << migrator.status().current_version << "\n";
  db.run_command("DROP SCHEMA example_migrations CASCADE");
  return customers == 1 ? 0 : 1;
} catch (const pgdsl::error& e) {
  std::cerr << e.what() << "\n";
  return 1;
}
