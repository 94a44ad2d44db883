// SPDX-License-Identifier: BSL-1.0
// What building a static statement costs at run time: its SQL is a compile-time constant, so the
// cost should be that of copying its bound values. Compared with copying those values alone and
// with formatting the same SQL text at run time, as hand-written dynamic SQL would.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "../../tests/support/shop_schema.hpp"

using namespace shop;

namespace {

const std::string email =
    "someone.with.a.long.address@example.com";  // beyond the small-string buffer
const double min_score = 10.0;
const std::int64_t page = 10;

// Copies the three bound values: the floor for any statement that owns its parameters.
void copy_values_only(benchmark::State& state) {
  for (auto _ : state) {
    std::string e = email;
    double s = min_score;
    std::int64_t p = page;
    benchmark::DoNotOptimize(e.data());
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(copy_values_only);

// Builds the DESIGN example statement and reads its SQL pointer and parameters.
void build_static_statement(benchmark::State& state) {
  for (auto _ : state) {
    auto q = select(users.id, users.username)
                 .from(users)
                 .where(users.email == email && users.score > min_score)
                 .order_by(users.created_at.desc())
                 .limit(page);
    const char* sql = decltype(q)::sql.c_str();
    benchmark::DoNotOptimize(sql);
    q.bind([](const auto& value) { benchmark::DoNotOptimize(&value); });
  }
}
BENCHMARK(build_static_statement);

// The same SQL text formatted at run time, plus the same value copies.
void format_sql_at_run_time(benchmark::State& state) {
  for (auto _ : state) {
    std::string sql;
    sql +=
        "SELECT \"users\".\"id\", \"users\".\"username\" FROM \"users\" WHERE (\"users\".\"email\" "
        "= $";
    sql += std::to_string(1);
    sql += " AND \"users\".\"score\" > $";
    sql += std::to_string(2);
    sql += ") ORDER BY \"users\".\"created_at\" DESC LIMIT $";
    sql += std::to_string(3);
    std::string e = email;
    double s = min_score;
    std::int64_t p = page;
    benchmark::DoNotOptimize(sql.data());
    benchmark::DoNotOptimize(e.data());
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(format_sql_at_run_time);

}  // namespace
