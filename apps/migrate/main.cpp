// SPDX-License-Identifier: BSL-1.0
// pgdsl-migrate: the migration runner (pgdsl::migrator) on the command line, over the migration
// files of a directory. It connects with --url or the usual DATABASE_URL / PG* settings, prints
// progress as it goes, and exits with a status a CI pipeline can branch on (see `usage`).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <pgdsl/pgdsl.hpp>

namespace {

constexpr const char* usage =
    "usage: pgdsl-migrate [options] COMMAND\n"
    "commands:\n"
    "  status             every version and its state (applied, pending, FAILED, ...)\n"
    "  up [--to V]        apply the pending migrations (up to V); --dry-run prints their SQL\n"
    "  down --to V        revert the applied migrations above V with their .down.sql files\n"
    "  baseline V         mark an existing database as being at V (empty history only)\n"
    "  repair             forget failed records, accept edited files, forget missing ones\n"
    "  sql [--from V] [--to V]  the offline SQL script, without connecting\n"
    "  new NAME [--down]  create the next file V<n>__NAME.sql (and its .down.sql) in --dir\n"
    "  (autogenerate: a command of your own program, pgdsl::autogenerate_main; see\n"
    "   docs/migrations.md)\n"
    "options:\n"
    "  --dir DIR          the migration files (default: migrations)\n"
    "  --url URL          where to connect (default: DATABASE_URL, else the PG* variables)\n"
    "  --schema NAME      migrate this schema (created if needed; first on the search_path)\n"
    "  --table NAME       the history table (default: pgdsl_schema_history)\n"
    "  --lock-timeout S   seconds to wait for another migrator (default: 60)\n"
    "files: V<version>__<description>.sql, optional V<version>__<description>.down.sql;\n"
    "  a line `-- pgdsl:no-transaction` runs the file outside a transaction.\n"
    "exit status: 0 done (status: nothing wrong), 1 a migration failed (the database is dirty),\n"
    "  2 usage error, 3 refused (dirty, edited, missing, out of order, no down file, bad file),\n"
    "  4 another migrator held the lock too long, 5 connection or other error.\n";

enum exit_code : int {
  ok = 0,
  failed = 1,
  bad_usage = 2,
  refused = 3,
  lock_timeout = 4,
  other = 5
};

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::int64_t parse_version(std::string_view text) {
  if (!text.empty() && (text[0] == 'V' || text[0] == 'v')) text.remove_prefix(1);
  std::int64_t value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 0)
    throw usage_error("not a version: \"" + std::string(text) + "\"");
  return value;
}

struct arguments {
  std::string command, dir = "migrations", url, schema, table = "pgdsl_schema_history", name;
  std::optional<std::int64_t> to, from, version;
  int lock_timeout_seconds = 60;
  bool dry_run = false, with_down = false;
};

arguments parse(int argc, char** argv) {
  arguments a;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw usage_error(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--dir")
      a.dir = value();
    else if (arg == "--url")
      a.url = value();
    else if (arg == "--schema")
      a.schema = value();
    else if (arg == "--table")
      a.table = value();
    else if (arg == "--lock-timeout")
      a.lock_timeout_seconds = static_cast<int>(parse_version(value()));
    else if (arg == "--to")
      a.to = parse_version(value());
    else if (arg == "--from")
      a.from = parse_version(value());
    else if (arg == "--dry-run")
      a.dry_run = true;
    else if (arg == "--down")
      a.with_down = true;
    else if (arg.starts_with("-"))
      throw usage_error("unknown option " + std::string(arg));
    else if (a.command.empty())
      a.command = arg;
    else if (a.command == "baseline" && !a.version)
      a.version = parse_version(arg);
    else if (a.command == "new" && a.name.empty())
      a.name = arg;
    else
      throw usage_error("unexpected argument \"" + std::string(arg) + "\"");
  }
  if (a.command.empty()) throw usage_error("no command");
  if (a.command == "down" && !a.to) throw usage_error("down needs --to V");
  if (a.command == "baseline" && !a.version) throw usage_error("baseline needs a version");
  if (a.command == "new" && a.name.empty()) throw usage_error("new needs a NAME");
  return a;
}

// `new NAME`: the next version after the directory's newest, four digits or more.
int create_file(const arguments& a) {
  if (!pgdsl::valid_migration_name(a.name))
    throw usage_error("NAME may hold letters, digits and _ only: \"" + a.name + "\"");
  const std::string up = pgdsl::next_migration_file_name(a.dir, a.name);
  std::filesystem::create_directories(a.dir);
  std::vector<std::string> names{up};
  if (a.with_down) names.push_back(up.substr(0, up.size() - 4) + ".down.sql");
  for (const auto& name : names) {
    const auto path = std::filesystem::path(a.dir) / name;
    std::ofstream(path) << "-- " << name << "\n"
                        << "-- Add `-- pgdsl:no-transaction` on a line of its own to run this file "
                           "outside a transaction\n-- (CREATE INDEX CONCURRENTLY).\n";
    std::cout << "created " << path.string() << "\n";
  }
  return ok;
}

void print_status(const pgdsl::migration_status& status) {
  std::cout << "current version: V" << status.current_version << "\n";
  for (const auto& e : status.entries) {
    std::cout << "  V" << e.version << "  " << pgdsl::to_string(e.state) << "  " << e.description;
    if (e.history && e.state != pgdsl::migration_state::below_baseline)
      std::cout << "  (" << e.history->applied_at << ", " << e.history->duration_ms << " ms)";
    if (e.history && e.history->error) std::cout << "\n      error: " << *e.history->error;
    std::cout << "\n";
  }
  std::cout << status.pending_count() << " pending\n";
}

int run(const arguments& a) {
  if (a.command == "new") return create_file(a);
  const auto migrations = pgdsl::migration_set::from_directory(a.dir);
  pgdsl::migrator_options options;
  options.history_table = a.table;
  options.lock_timeout = std::chrono::seconds(a.lock_timeout_seconds);
  options.on_progress = [](const pgdsl::migration_event& e) {
    using kind = pgdsl::migration_event_kind;
    const double ms = static_cast<double>(e.duration.count()) / 1000.0;
    switch (e.kind) {
      case kind::waiting_for_lock:
        std::cout << "waiting for another migrator to finish..." << std::endl;
        break;
      case kind::starting:
        std::cout << "V" << e.version << " " << e.description << " ... " << std::flush;
        break;
      case kind::applied:
      case kind::reverted:
        std::cout << (e.kind == kind::applied ? "applied" : "reverted") << " (" << ms << " ms)"
                  << std::endl;
        break;
      case kind::failed:
        std::cout << "FAILED (" << ms << " ms)" << std::endl;
        break;
    }
  };
  if (a.command == "sql") {
    std::cout << pgdsl::migrator::offline_sql(migrations, a.from.value_or(0), a.to, options);
    return ok;
  }
  static const std::vector<std::string_view> commands{"status", "up", "down", "baseline", "repair"};
  if (std::find(commands.begin(), commands.end(), a.command) == commands.end())
    throw usage_error("unknown command \"" + a.command + "\"");

  pgdsl::connection_options connect;
  connect.conninfo = a.url;
  connect.application_name = "pgdsl-migrate";
  if (!a.schema.empty()) connect.options = "-c search_path=" + pgdsl::identifier(a.schema).quoted();
  auto db = pgdsl::connection::from_env(connect);
  if (!a.schema.empty()) {
    db.set_notice_handler([](const pgdsl::notice&) {});  // "already exists, skipping"
    db.run_command(
        pgdsl::runtime_sql("CREATE SCHEMA IF NOT EXISTS " + pgdsl::identifier(a.schema).quoted()));
    db.set_notice_handler({});
  }
  pgdsl::migrator migrator(db, migrations, options);

  if (a.command == "status") {
    const auto status = migrator.status();
    print_status(status);
    return status.is_clean() ? ok : refused;
  }
  if (a.command == "up" && a.dry_run) {
    std::cout << migrator.plan_sql(a.to);
    return ok;
  }
  if (a.command == "up") {
    const auto applied = migrator.up(a.to);
    std::cout << (applied == 0 ? "nothing to do" : "applied " + std::to_string(applied))
              << "; now at V" << migrator.status().current_version << "\n";
  } else if (a.command == "down") {
    const auto reverted = migrator.down(*a.to);
    std::cout << "reverted " << reverted << "; now at V" << migrator.status().current_version
              << "\n";
  } else if (a.command == "baseline") {
    migrator.baseline(*a.version);
    std::cout << "baseline V" << *a.version << " recorded\n";
  } else if (a.command == "repair") {
    const auto report = migrator.repair();
    const auto list = [](const char* what, const std::vector<std::int64_t>& versions) {
      for (const auto v : versions) std::cout << what << " V" << v << "\n";
    };
    list("removed the failed record of", report.removed_failed);
    list("accepted the edited text of", report.realigned);
    list("forgot the missing", report.removed_missing);
    if (report.removed_failed.empty() && report.realigned.empty() && report.removed_missing.empty())
      std::cout << "nothing to repair\n";
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
      std::cout << usage;
      return ok;
    }
    return run(parse(argc, argv));
  } catch (const usage_error& e) {
    std::cerr << "pgdsl-migrate: " << e.what() << "\n" << usage;
    return bad_usage;
  } catch (const pgdsl::migration_failed& e) {
    std::cerr << "pgdsl-migrate: " << e.what() << "\n";
    return failed;
  } catch (const pgdsl::migration_lock_timeout& e) {
    std::cerr << "pgdsl-migrate: " << e.what() << "\n";
    return lock_timeout;
  } catch (const pgdsl::migration_error& e) {
    std::cerr << "pgdsl-migrate: " << e.what() << "\n";
    return refused;
  } catch (const std::exception& e) {
    std::cerr << "pgdsl-migrate: " << e.what() << "\n";
    return other;
  }
}
