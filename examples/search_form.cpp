// SPDX-License-Identifier: BSL-1.0
// search_form: a search whose shape comes from the request, composed with pgdsl::sql. Optional
// filters are added only when the form carries them; every value is a bound parameter; the sort
// column is checked against a whitelist and quoted as an identifier; SQL text comes only from
// string literals. Connects from the environment (DATABASE_URL or PG*: tools/quickstart.sh sets
// them); the table is a TEMP table, so nothing is left behind.
#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

// What the form sent: every field optional.
struct search_request {
  std::optional<std::string> name_contains;
  std::optional<double> min_price;
  std::vector<std::string> categories;  // empty: any category
  std::optional<std::string> sort_by;   // a column name, checked below
  bool descending = false;
  std::optional<std::int64_t> limit;
};

// The columns a user may sort by; anything else is refused before SQL is written.
pgdsl::identifier sort_column(const std::string& requested) {
  for (const char* allowed : {"name", "price", "category"})
    if (requested == allowed) return pgdsl::identifier(requested);
  throw std::invalid_argument("cannot sort by \"" + requested + "\"");
}

pgdsl::sql build_search(const search_request& form) {
  pgdsl::sql q("SELECT name FROM products WHERE TRUE");
  if (form.name_contains)
    q += pgdsl::sql(" AND name ILIKE ") + pgdsl::param("%" + *form.name_contains + "%");
  if (form.min_price) q += pgdsl::sql(" AND price >= ") + pgdsl::param(*form.min_price);
  // One array parameter whatever the number of categories: = ANY($n).
  if (!form.categories.empty())
    q += pgdsl::sql(" AND category = ANY(") + pgdsl::param(form.categories) + ")";
  q += " ORDER BY ";
  if (form.sort_by) {
    q += sort_column(*form.sort_by);
    q += form.descending ? pgdsl::sql(" DESC, ") : pgdsl::sql(" ASC, ");
  }
  q += "name";
  if (form.limit) q += pgdsl::sql(" LIMIT ") + pgdsl::param(*form.limit);
  return q;
}

int main() {
  auto db = pgdsl::connection::from_env();
  db.run_command(
      "CREATE TEMP TABLE products (name text PRIMARY KEY, price float8 NOT NULL, category text)");
  db.execute_raw(
      "INSERT INTO products VALUES ('red pen', 1.5, 'office'), ('blue pen', 2.5, 'office'), "
      "('desk', 120, 'furniture'), ('lamp', 35, 'furniture'), ('apple', 0.5, 'food')");

  search_request form;
  form.name_contains = "pen";
  form.sort_by = "price";
  form.descending = true;
  const pgdsl::sql search = build_search(form);
  std::printf("%s\n", search.text().c_str());
  // SELECT name FROM products WHERE TRUE AND name ILIKE $1 ORDER BY "price" DESC, name

  std::vector<std::string> found;
  for (const auto& [name] : pgdsl::query<std::string>(db, search)) found.push_back(name);
  bool ok = found == std::vector<std::string>{"blue pen", "red pen"};

  search_request other;
  other.categories = {"furniture", "food"};
  other.min_price = 1.0;
  other.limit = 1;
  ok = ok && pgdsl::query<std::string>(db, build_search(other)).scalar() == "desk";

  // A hostile sort column never reaches SQL text.
  search_request hostile;
  hostile.sort_by = "price; DROP TABLE products";
  try {
    (void)build_search(hostile);
    ok = false;
  } catch (const std::invalid_argument& refused) {
    std::printf("refused: %s\n", refused.what());
  }
  std::printf(ok ? "search_form: ok\n" : "search_form: unexpected results\n");
  return ok ? 0 : 1;
}
