// SPDX-License-Identifier: BSL-1.0
// search_form: a search whose shape comes from the request. The filters, the sort keys and the
// page size are optional parts of a static statement (pgdsl::dynamic): each checked at compile
// time, absent ones left out of the SQL, each shape prepared once; the stock table is joined only
// when a filter needs it, and shapes run in a pipeline like static statements. A table chosen at
// run time (one per tenant) goes through pgdsl::identifier and pgdsl::sql. Connects from the
// environment (DATABASE_URL or PG*: tools/quickstart.sh sets them); the tables are TEMP tables.
#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

struct products_t : pgdsl::table<"products"> {
  column<"name", std::string, pgdsl::primary_key> name;
  column<"price", double> price;
  column<"category", std::optional<std::string>> category;
};
inline constexpr products_t products{};

struct stock_t : pgdsl::table<"stock"> {
  column<"product", std::string> product;
  column<"warehouse", std::string> warehouse;
  column<"quantity", std::int32_t> quantity;
};
inline constexpr stock_t stock{};

// What the form sent: every field optional.
struct search_request {
  std::optional<std::string> name_contains;
  std::optional<double> min_price;
  std::optional<std::vector<std::string>> categories;
  bool cheapest_first = false;
  std::string sort;  // ?sort=-price,name: any of the listed columns, '-' for descending
  std::optional<std::int64_t> limit;
  std::optional<std::string> in_stock_at;  // a warehouse: needs the stock table
};

auto build_search(const search_request& form) {
  using pgdsl::when;
  return pgdsl::dynamic(pgdsl::select(products.name).from(products))
      .join(when(form.in_stock_at.has_value(),
                 pgdsl::join(stock).on(stock.product == products.name && stock.quantity > 0)))
      .where(when(form.in_stock_at, [](const std::string& w) { return stock.warehouse == w; }),
             when(form.name_contains,
                  [](const std::string& word) { return products.name.ilike("%" + word + "%"); }),
             when(form.min_price, [](double low) { return products.price >= low; }),
             when(form.categories, [](const auto& list) { return products.category.in(list); }))
      .order_by(when(form.cheapest_first, products.price.asc()),
                pgdsl::sort_by(form.sort, products.price, products.category),  // else: refused
                products.name.asc())
      .limit(form.limit);
}

std::vector<std::string> run(pgdsl::connection& db, const search_request& form) {
  std::vector<std::string> names;
  for (const auto& [name] : pgdsl::execute_dynamic(db, build_search(form))) names.push_back(name);
  return names;
}

int main() {
  auto db = pgdsl::connection::from_env();
  db.execute(pgdsl::create_table(products).temporary());
  db.execute_raw(
      "INSERT INTO products VALUES ('red pen', 1.5, 'office'), ('blue pen', 2.5, 'office'), "
      "('desk', 120, 'furniture'), ('lamp', 35, 'furniture'), ('apple', 0.5, 'food')");
  db.execute(pgdsl::create_table(stock).temporary());
  db.execute_raw(
      "INSERT INTO stock VALUES ('red pen', 'north', 10), ('desk', 'north', 1), "
      "('lamp', 'north', 0), ('lamp', 'south', 4)");

  search_request pens;
  pens.name_contains = "pen";
  pens.cheapest_first = true;
  std::printf("%s\n", build_search(pens).sql());
  // SELECT "products"."name" FROM "products" WHERE "products"."name" ILIKE $1
  //   ORDER BY "products"."price" ASC, "products"."name" ASC
  bool ok = run(db, pens) == std::vector<std::string>{"red pen", "blue pen"};

  search_request page;
  page.categories = {{"furniture", "food"}};
  page.min_price = 1.0;
  page.limit = 1;
  std::printf("%s\n", build_search(page).sql());
  ok = ok && run(db, page) == std::vector<std::string>{"desk"};
  ok = ok && run(db, search_request{}).size() == 5;  // no filter: every product

  // The sort the request names: only listed columns, checked when the statement is built.
  search_request sorted;
  sorted.sort = "category,-price";
  ok = ok && run(db, sorted) ==
                 std::vector<std::string>{"apple", "desk", "lamp", "blue pen", "red pen"};
  sorted.sort = "password";
  try {
    (void)build_search(sorted);
    ok = false;
  } catch (const pgdsl::invalid_sort_key& e) {
    std::printf("%s\n", e.what());  // invalid sort key "password": no such column (allowed: ...)
  }

  // Joined only for this search: JOIN "stock" ON ... WHERE "stock"."warehouse" = $2.
  search_request nearby;
  nearby.in_stock_at = "north";
  std::printf("%s\n", build_search(nearby).sql());
  ok = ok && run(db, nearby) == std::vector<std::string>{"desk", "red pen"};

  // Several searches in one round trip: a pipeline takes dynamic statements as static ones.
  std::vector<std::size_t> counts;
  auto batch = db.pipeline();
  for (const search_request* form : {&pens, &page, &nearby})
    batch.execute(build_search(*form), [&](auto&& rows) { counts.push_back(rows.size()); });
  batch.finish();
  ok = ok && counts == std::vector<std::size_t>{2, 1, 2};

  // A table chosen at run time: a name, quoted, never SQL; values bound.
  const pgdsl::identifier archive("products archive; DROP TABLE products");
  pgdsl::execute_sql(db, pgdsl::sql("CREATE TEMP TABLE ") + archive + " AS SELECT * FROM products");
  const auto cheap = pgdsl::query_sql<std::int64_t>(
      db, pgdsl::sql("SELECT count(*) FROM ") + archive + " WHERE price < " + pgdsl::param(2.0));
  ok = ok && cheap.scalar() == 2 && run(db, search_request{}).size() == 5;

  std::printf(ok ? "search_form: ok\n" : "search_form: unexpected results\n");
  return ok ? 0 : 1;
}
