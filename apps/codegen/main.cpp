// SPDX-License-Identifier: BSL-1.0
// pgdsl-codegen: writes a header of pgdsl table descriptors from a live database, like
// sqlacodegen for SQLAlchemy. It connects with --url or the usual DATABASE_URL / PG* settings,
// reads the catalog of the chosen schemas' tables and views (pgdsl::read_catalog), and prints the
// header, writes it to --output, or with --check compares it with a file (exit status 1 when the
// file is out of date, for CI).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <pgdsl/pgdsl.hpp>

#include "generator.hpp"

namespace {

constexpr const char* usage =
    "usage: pgdsl-codegen [--url URL] [--schema NAME]... [--include GLOB]... [--exclude GLOB]...\n"
    "                     [--namespace NAME] [--output FILE | --check FILE]\n"
    "Writes pgdsl table descriptors for the tables and views of the schemas (default: public).\n"
    "Connects with --url, else DATABASE_URL or the PG* variables. --check FILE exits with 1 when\n"
    "FILE differs from what would be written (0 when it is up to date).\n";

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) try {
  pgdsl_codegen::options options;
  std::string url, output, check;
  bool schemas_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--url")
      url = value();
    else if (arg == "--schema") {
      if (!schemas_given) options.schemas.clear();
      schemas_given = true;
      options.schemas.push_back(value());
    } else if (arg == "--include")
      options.include.push_back(value());
    else if (arg == "--exclude")
      options.exclude.push_back(value());
    else if (arg == "--namespace")
      options.name_space = pgdsl_codegen::identifier(value());
    else if (arg == "--output")
      output = value();
    else if (arg == "--check")
      check = value();
    else if (arg == "--help" || arg == "-h") {
      std::fputs(usage, stdout);
      return 0;
    } else {
      throw std::invalid_argument("unknown option " + std::string(arg));
    }
  }

  pgdsl::connection db = url.empty() ? pgdsl::connection::from_env() : pgdsl::connection(url);
  pgdsl::catalog_snapshot all;
  for (const auto& schema : options.schemas) {
    std::vector<std::string> names;
    for (const auto& [name] : db.query<std::string>(
             "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1",
             schema))
      if (pgdsl_codegen::selected(options, name)) names.push_back(name);
    // Names resolve on the search_path, as the descriptors' unqualified names will.
    db.run_command(pgdsl::runtime_sql("SET search_path TO " + quote_identifier(schema)));
    auto snapshot = pgdsl::read_catalog(db, names);
    for (auto& t : snapshot.tables) {
      if (all.table(t.name) != nullptr)
        throw std::invalid_argument("table \"" + t.name + "\" is in two of the schemas");
      all.tables.push_back(std::move(t));
    }
    for (auto& e : snapshot.enums) all.enums.push_back(std::move(e));
  }
  const std::string header = pgdsl_codegen::generate(all, options);

  if (!check.empty()) {
    if (read_file(check) == header) return 0;
    std::fprintf(stderr, "pgdsl-codegen: %s is out of date; regenerate it with --output\n",
                 check.c_str());
    return 1;
  }
  if (output.empty()) {
    std::fwrite(header.data(), 1, header.size(), stdout);
    return 0;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << header;
  if (!out) throw std::runtime_error("cannot write " + output);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "pgdsl-codegen: %s\n%s", e.what(), usage);
  return 2;
}
