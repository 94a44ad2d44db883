// SPDX-License-Identifier: BSL-1.0
// report: a sales report in ten typed statements — subtotals with ROLLUP, a CTE with a running
// total and a rank per month (window functions), a derived table, the best sale of each region
// through a LATERAL join, string_agg / array_agg / bool_or / FILTER, a CUBE, and a page of rows
// after a key. Each result is checked; the program exits 1 on a mismatch. Connects from the
// environment (DATABASE_URL or PG*: tools/quickstart.sh sets them); the tables are TEMP tables.
#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

struct regions_t : pgdsl::table<"regions"> {
  column<"name", std::string, pgdsl::primary_key> name;
};
inline constexpr regions_t regions{};

struct sales_t : pgdsl::table<"sales"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"region", std::string> region;
  column<"product", std::string> product;
  column<"month", std::int32_t> month;
  column<"amount", double> amount;
};
inline constexpr sales_t sales{};

namespace {

bool ok = true;
void expect(bool condition, const char* what) {
  if (!condition) std::printf("MISMATCH: %s\n", what);
  ok = ok && condition;
}

}  // namespace

int main() {
  using pgdsl::select;
  using pgdsl::window;
  auto db = pgdsl::connection::from_env();
  db.execute(pgdsl::create_table(regions).temporary());
  db.execute(pgdsl::create_table(sales).temporary());
  db.execute_raw("INSERT INTO regions VALUES ('north'), ('south'), ('west')");
  db.execute_raw(
      "INSERT INTO sales VALUES (1, 'north', 'pen', 1, 10), (2, 'north', 'ink', 1, 30), "
      "(3, 'north', 'pen', 2, 20), (4, 'south', 'pen', 1, 5), (5, 'south', 'desk', 2, 100), "
      "(6, 'south', 'ink', 2, 15), (7, 'north', 'desk', 3, 50)");

  // 1. Revenue per region and product, with subtotals per region and a grand total (ROLLUP).
  const auto subtotals =
      select(sales.region, sales.product, pgdsl::coalesce(pgdsl::sum(sales.amount), 0.0),
             pgdsl::grouping(sales.region, sales.product))
          .from(sales)
          .group_by(pgdsl::rollup(sales.region, sales.product))
          .order_by(sales.region.asc().nulls_last(), sales.product.asc().nulls_last());
  std::printf("%s\n", subtotals.sql.c_str());
  for (const auto& [region, product, revenue, level] : db.execute(subtotals)) {
    if (level == 3) expect(!region && revenue == 230.0, "grand total");
    if (level == 1 && region == "north") expect(!product && revenue == 110.0, "north subtotal");
  }

  // 2. Revenue per region and month (a CTE), its running total per region, its rank per month.
  const auto monthly = pgdsl::cte<"monthly">(
      select(sales.region, sales.month, pgdsl::sum(sales.amount).as<"revenue">())
          .from(sales)
          .group_by(sales.region, sales.month));
  const auto revenue = monthly.column<"revenue">();
  const auto trend =
      pgdsl::with(monthly)
          .select(
              monthly[sales.region], monthly[sales.month], revenue,
              pgdsl::sum(revenue)
                  .over(window().partition_by(monthly[sales.region]).order_by(monthly[sales.month]))
                  .as<"running">(),
              pgdsl::rank()
                  .over(window().partition_by(monthly[sales.month]).order_by(revenue.desc()))
                  .as<"place">())
          .from(monthly)
          .order_by(monthly[sales.region], monthly[sales.month]);
  std::vector<std::optional<double>> running;
  std::vector<std::int64_t> places;
  for (const auto& [region, month, amount, total, place] : db.execute(trend)) {
    running.push_back(total);
    places.push_back(place);
  }
  expect(running == std::vector<std::optional<double>>{40.0, 60.0, 110.0, 5.0, 120.0},
         "running totals");
  expect(places == std::vector<std::int64_t>{1, 2, 1, 2, 1}, "ranks within each month");

  // 3. Regions above a revenue threshold, from a derived table of totals.
  const auto totals =
      pgdsl::derived<"totals">(select(sales.region, pgdsl::sum(sales.amount).as<"revenue">())
                                   .from(sales)
                                   .group_by(sales.region));
  const auto above =
      select(totals[sales.region]).from(totals).where(totals.column<"revenue">() > 115.0);
  std::vector<std::string> big_regions;
  for (const auto& [region] : db.execute(above)) big_regions.push_back(region);
  expect(big_regions == std::vector<std::string>{"south"}, "regions above 115");

  // 4. The best sale of every region, none for a region without sales (LEFT JOIN LATERAL).
  const auto best = pgdsl::derived<"best">(select(sales.id, sales.amount)
                                               .from(sales)
                                               .where(sales.region == regions.name)
                                               .order_by(sales.amount.desc())
                                               .limit(1));
  const auto best_sales = select(regions.name, best[sales.id], best[sales.amount])
                              .from(regions)
                              .left_join_lateral(best)
                              .on(pgdsl::lit<true>)
                              .order_by(regions.name);
  std::printf("%s\n", best_sales.sql.c_str());
  std::vector<std::optional<std::int64_t>> best_ids;
  for (const auto& [region, id, amount] : db.execute(best_sales)) best_ids.push_back(id);
  expect(best_ids == std::vector<std::optional<std::int64_t>>{7, 5, std::nullopt},
         "best sale per region");

  // 5-8. Per region: its products in order, its sale ids, whether any sale was big, how many were
  // at least 20 (FILTER).
  const auto profile =
      select(sales.region, pgdsl::string_agg(sales.product, ",").order_by(sales.id),
             pgdsl::array_agg(sales.id).order_by(sales.id), pgdsl::bool_or(sales.amount > 60.0),
             pgdsl::count().filter(sales.amount >= 20.0).as<"from_20">())
          .from(sales)
          .group_by(sales.region)
          .order_by(sales.region);
  for (const auto& [region, products, ids, any_big, from_20] : db.execute(profile)) {
    if (region == "north") {
      expect(products == "pen,ink,pen,desk", "north's products");
      expect(ids == std::vector<std::int64_t>{1, 2, 3, 7}, "north's sale ids");
      expect(any_big == false && from_20 == 3, "north's big sales");
    } else {
      expect(any_big == true && from_20 == 1, "south's big sales");
    }
  }

  // 9. Sale counts for every combination of region and month (CUBE).
  const auto combinations = select(sales.region, sales.month, pgdsl::count())
                                .from(sales)
                                .group_by(pgdsl::cube(sales.region, sales.month));
  std::int64_t all_sales = 0;
  std::size_t groups = 0;
  for (const auto& [region, month, count] : db.execute(combinations)) {
    ++groups;
    if (!region && !month) all_sales = count;
  }
  expect(all_sales == 7 && groups == 11, "cube of region and month");

  // 10. The next page of sales after the last id shown.
  const std::int64_t last_seen = 3;
  const auto page = select(sales.id, sales.product)
                        .from(sales)
                        .where(sales.id > last_seen)
                        .order_by(sales.id)
                        .limit(2);
  std::vector<std::int64_t> page_ids;
  for (const auto& [id, product] : db.execute(page)) page_ids.push_back(id);
  expect(page_ids == std::vector<std::int64_t>{4, 5}, "next page");

  std::printf(ok ? "report: all figures as expected\n" : "report: mismatches\n");
  return ok ? 0 : 1;
}
