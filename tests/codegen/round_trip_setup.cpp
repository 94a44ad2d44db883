// SPDX-License-Identifier: BSL-1.0
// The round trip's database side: `create SCHEMA` makes a schema from the descriptors of
// round_trip_schema.hpp (or, in the checker, of the generated header), `stale SCHEMA` changes one
// of its tables, `drop SCHEMA` removes it.
#include <cstdio>
#include <string>

#include "round_trip_schema.hpp"

int main(int argc, char** argv) try {
  if (argc != 3) return 2;
  const std::string mode = argv[1], schema = argv[2];
  auto db = pgdsl::connection::from_env();
  db.set_notice_handler([](const pgdsl::notice&) {});
  if (mode == "drop" || mode == "create")
    db.run_command(pgdsl::runtime_sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  if (mode == "create") {
    db.run_command(pgdsl::runtime_sql("CREATE SCHEMA " + schema));
    db.run_command(pgdsl::runtime_sql("SET search_path TO " + schema));
    db.run_command(pgdsl::create_all<rt::all_types_t, rt::authors_t, rt::books_t, rt::chapters_t,
                                     rt::people_t>()
                       .sql);
  }
  if (mode == "stale")
    db.run_command(pgdsl::runtime_sql("ALTER TABLE " + schema + ".rt_books ADD COLUMN isbn text"));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "round_trip_setup: %s\n", e.what());
  return 1;
}
