// SPDX-License-Identifier: BSL-1.0
// Identifier fuzzing against the server: 100,000 random names (quotes, backslashes, semicolons,
// control characters, 2-, 3- and 4-byte UTF-8, SQL keywords, names of exactly 63 bytes) used as
// column names of CREATE TABLE (1,000 per table, the table names random too), then read back from
// the catalog byte for byte, selected by their quoted names, and compared with the server's own
// quote_ident(). 64-byte names are refused before anything is sent. The seed is fixed (and
// printed), so a failure can be replayed.
#include "support/catch.hpp"

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace {

constexpr std::size_t name_count = 100'000;
constexpr std::size_t columns_per_table = 1'000;

const std::vector<std::string>& pieces() {
  static const std::vector<std::string> list = [] {
    std::vector<std::string> p;
    for (char c = 0x20; c < 0x7f; ++c) p.emplace_back(1, c);
    for (int i = 0; i < 8; ++i) {  // weigh the characters that matter for quoting
      p.emplace_back("\"");
      p.emplace_back("'");
      p.emplace_back("\\");
      p.emplace_back(";");
    }
    for (char c = 0x01; c < 0x20; ++c) p.emplace_back(1, c);
    for (const char* text : {"\xc3\xa9",
                             "\xc3\x9f",
                             "\xce\xa9",
                             "\xd0\x96",
                             "\xe6\x97\xa5",
                             "\xe2\x80\x8b",
                             "\xef\xbb\xbf",
                             "\xcc\x81",
                             "\xf0\x9f\x98\x80",
                             "\xf0\x90\x8d\x88",
                             "select",
                             "FROM",
                             "table",
                             "user",
                             "drop",
                             "--",
                             "/*",
                             "*/",
                             "$1",
                             "$$",
                             "\"\"",
                             "U&",
                             "e'"})
      p.emplace_back(text);
    return p;
  }();
  return list;
}

// A random valid name of 1 to `limit` bytes; `exact` pads it with 'x' to exactly `limit` bytes.
std::string random_name(std::mt19937_64& random, std::size_t limit, bool exact) {
  const auto& parts = pieces();
  std::uniform_int_distribution<std::size_t> pick(0, parts.size() - 1);
  std::uniform_int_distribution<std::size_t> length(1, limit);
  const std::size_t target = exact ? limit : length(random);
  std::string name;
  while (name.size() < target) {
    const std::string& part = parts[pick(random)];
    if (name.size() + part.size() > target) break;
    name += part;
  }
  while (name.size() < (exact ? limit : 1)) name += 'x';
  return name;
}

bool is_system_column(const std::string& name) {
  for (const char* system : {"tableoid", "xmin", "cmin", "xmax", "cmax", "ctid", "oid"})
    if (name == system) return true;
  return false;
}

}  // namespace

TEST_CASE("100,000 random identifiers round-trip through CREATE TABLE, the catalog and SELECT") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  db.set_notice_handler([](const pgdsl::notice&) {});
  const std::uint64_t seed = 20261129;
  INFO("seed " << seed);
  std::mt19937_64 random(seed);

  std::size_t tested = 0, tables = 0, needed_quoting = 0;
  while (tested < name_count) {
    // Distinct column names (compared byte for byte, as the server does), a fifth of 63 bytes.
    std::set<std::string> unique;
    std::vector<std::string> names;
    while (names.size() < columns_per_table) {
      std::string name = random_name(random, 63, names.size() % 5 == 0);
      if (!is_system_column(name) && unique.insert(name).second) names.push_back(std::move(name));
    }
    const pgdsl::identifier table(random_name(random, 59, false) + std::to_string(tables++));

    std::vector<pgdsl::identifier> columns;
    pgdsl::sql create = pgdsl::sql("CREATE TABLE ") + table + " (";
    for (const std::string& name : names) {
      columns.emplace_back(name);
      if (columns.size() > 1) create += ", ";
      create += pgdsl::sql() + columns.back() + " int4";
    }
    pgdsl::execute_sql(db, create + ")");

    // The catalog holds every name byte for byte, in order.
    std::vector<std::string> stored;
    for (const auto& [name] : pgdsl::query_sql<std::string>(
             db, pgdsl::sql("SELECT attname::text FROM pg_attribute WHERE attrelid = "
                            "(SELECT c.oid FROM pg_class c WHERE c.relname = ") +
                     pgdsl::param(table.name()) +
                     " AND c.relnamespace = current_schema()::regnamespace) AND attnum > 0 "
                     "ORDER BY attnum"))
      stored.push_back(name);
    REQUIRE(stored == names);

    // Every quoted name resolves to its own column: one row inserted through all of them with
    // the values 1..1000, read back as the sum of the columns, each weighted by its position.
    std::vector<pgdsl::bound_value<std::int32_t>> values;
    for (std::int32_t i = 1; i <= static_cast<std::int32_t>(columns.size()); ++i)
      values.push_back(pgdsl::param(i));
    pgdsl::execute_sql(db, pgdsl::sql("INSERT INTO ") + table + " (" +
                               pgdsl::sql::join(", ", columns) + ") VALUES (" +
                               pgdsl::sql::join(", ", values) + ")");
    pgdsl::sql weighted("SELECT (0");
    for (std::size_t i = 0; i < columns.size(); ++i)
      weighted += pgdsl::sql(" + ") + columns[i] + " * " + pgdsl::param(std::int64_t(i + 1));
    const std::int64_t n = static_cast<std::int64_t>(columns.size());
    REQUIRE(pgdsl::query_sql<std::int64_t>(db, weighted + ")::int8 FROM " + table).scalar() ==
            n * (n + 1) * (2 * n + 1) / 6);

    // Where the server's quote_ident() quotes a name, it quotes it exactly as pgdsl does.
    std::size_t i = 0;
    for (const auto& [quoted] : db.query<std::string>(
             "SELECT quote_ident(n) FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i) ORDER BY i",
             names)) {
      if (quoted != names[i]) {
        ++needed_quoting;
        REQUIRE(quoted == columns[i].quoted());
      }
      ++i;
    }
    REQUIRE(i == names.size());
    tested += names.size();
  }
  for (int k = 0; k < 100; ++k)
    CHECK_THROWS_AS(pgdsl::identifier(random_name(random, 64, true)), pgdsl::invalid_identifier);
  WARN(tested << " names in " << tables << " tables, " << needed_quoting << " needed quoting");
  CHECK(tested >= name_count);
  CHECK(needed_quoting > tested / 2);
}
