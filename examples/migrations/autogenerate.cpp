// SPDX-License-Identifier: BSL-1.0
// Autogenerate: the program's descriptors have moved on from the database that the files of
// examples/migrations/sql built (V1-V3): customers.email is now email_address (a declared
// rename), customers gained display_name, and a notes table is new. `autogenerate` writes the
// migration that closes the gap, with the linter's verdicts as comments.
//   ./autogenerate_example autogenerate --dir migrations --name customer_notes
// Run without arguments (as CI does), it shows the whole round trip in a schema of its own:
// apply V1-V3, autogenerate V4, apply it, then the drift check and a second autogenerate agree.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pgdsl/migrate/autogenerate_command.hpp>
#include <pgdsl/pgdsl.hpp>

struct customers_t : pgdsl::table<"customers"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"email_address", std::string, pgdsl::unique, pgdsl::renamed_from<"email">> email_address;
  column<"created_at", pgdsl::timestamptz, pgdsl::default_sql<"now()">> created_at;
  column<"display_name", std::optional<std::string>, pgdsl::varchar<80>> display_name;
};
struct notes_t : pgdsl::table<"notes"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"customer_id", std::int64_t, pgdsl::references<&customers_t::id>> customer_id;
  column<"body", std::string> body;
  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::index<"notes_customer_idx">(customer_id));
  }
};

// The command, with the program's own descriptors: what a real program's main() hands over.
int autogenerate(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return pgdsl::autogenerate_main<customers_t, notes_t>(static_cast<int>(argv.size()), argv.data());
}

int main(int argc, char** argv) try {
  if (argc > 1 && std::string_view(argv[1]) == "autogenerate")
    return pgdsl::autogenerate_main<customers_t, notes_t>(argc - 1, argv + 1);

  const std::string schema = "example_autogenerate";
  const auto dir = std::filesystem::temp_directory_path() / schema;
  std::filesystem::remove_all(dir);
  pgdsl::connection_options options;
  options.options = "-c search_path=" + schema;
  auto db = pgdsl::connection::from_env(options);
  db.set_notice_handler([](const pgdsl::notice&) {});
  db.run_command(pgdsl::runtime_sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  db.run_command(pgdsl::runtime_sql("CREATE SCHEMA " + schema));

  // The project's migration directory as a checkout has it (V1-V3, here from the copies
  // compiled in), and the database those files built.
  std::filesystem::create_directories(dir);
  const auto files = pgdsl::embedded_migrations();
  for (const auto* m : files.ordered()) std::ofstream(dir / m->file_name) << m->up_sql;
  pgdsl::migrator(db, files).up();

  // V0004 from the descriptors. The plan drops nothing, so no --allow-destructive is needed.
  const int status = autogenerate(
      {"autogenerate", "--schema", schema, "--dir", dir.string(), "--name", "customer_notes"});
  if (status != 0) return status;

  // Deploy: the directory, V0004 included, applied by the migrator.
  pgdsl::migrator(db, pgdsl::migration_set::from_directory(dir.string())).up();

  const auto drift = pgdsl::verify_schema<customers_t, notes_t>(db);
  const auto again = pgdsl::plan_schema<customers_t, notes_t>(db);
  std::cout << "drift after V4: " << drift.size() << ", steps left: " << again.changes.size()
            << "\n";
  db.run_command(pgdsl::runtime_sql("DROP SCHEMA " + schema + " CASCADE"));
  std::filesystem::remove_all(dir);
  return drift.empty() && again.empty() ? 0 : 1;
} catch (const pgdsl::error& e) {
  std::cerr << e.what() << "\n";
  return 1;
}
