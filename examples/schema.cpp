// SPDX-License-Identifier: BSL-1.0
// schema: tables created from their descriptors and checked against the database. create_all
// renders the DDL at compile time in foreign-key order; verify_schema reads the catalog in one
// query and lists what differs. Run it through tools/with-postgres.sh, or with DATABASE_URL / PG*
// set; it works in a schema of its own and drops it at the end.
#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

struct authors_t : pgdsl::table<"authors"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"name", std::string, pgdsl::varchar<80>, pgdsl::unique> name;
};
inline constexpr authors_t authors{};

struct books_t : pgdsl::table<"books"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"author_id", std::int64_t,
         pgdsl::references<&authors_t::id, pgdsl::on_delete<pgdsl::referential_action::cascade>>>
      author_id;
  column<"title", std::string> title;
  column<"price", pgdsl::numeric, pgdsl::precision<8, 2>> price;
  column<"subtitle", std::optional<std::string>> subtitle;

  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::check<"books_price_check">(price >= pgdsl::lit<0>),
                             pgdsl::index<"books_author_idx">(author_id));
  }
};
inline constexpr books_t books{};

int main() try {
  auto db = pgdsl::connection::from_env();
  db.run_command("DROP SCHEMA IF EXISTS pgdsl_schema_example CASCADE");
  db.run_command("CREATE SCHEMA pgdsl_schema_example");
  db.run_command("SET search_path TO pgdsl_schema_example");

  // Listed in any order: authors is created first because books references it.
  const auto schema = pgdsl::create_all<books_t, authors_t>();
  std::printf("%s\n\n", decltype(schema)::sql.c_str());
  db.run_command(schema.sql);

  std::printf("drift after create_all: %zu differences\n",
              pgdsl::verify_schema<authors_t, books_t>(db).size());

  // Someone changes the database by hand: the check names each difference.
  db.run_command(
      "ALTER TABLE books ALTER COLUMN title DROP NOT NULL, "
      "ALTER COLUMN price TYPE numeric(10, 2)");
  for (const auto& difference : pgdsl::verify_schema<authors_t, books_t>(db))
    std::printf("  %s\n", difference.describe().c_str());
  try {
    pgdsl::require_schema<authors_t, books_t>(db);  // what a program calls at start-up
  } catch (const pgdsl::schema_mismatch& e) {
    std::printf("require_schema threw schema_mismatch with %zu differences\n",
                e.differences().size());
  }

  db.run_command(pgdsl::drop_all<books_t, authors_t>().sql);
  db.run_command("DROP SCHEMA pgdsl_schema_example CASCADE");
  return 0;
} catch (const pgdsl::error& e) {
  std::fprintf(stderr, "schema: %s\n", e.what());
  return 1;
}
