// SPDX-License-Identifier: BSL-1.0
// Row decoding per type, and a whole benchmark row mapped into a struct, from a PGresult built in
// memory (PQmakeEmptyPGresult + PQsetvalue: no server): what pgdsl adds to every fetched row,
// next to the same row decoded by hand with libpq calls as libpq_raw does.
#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include <bit>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pgdsl/execution/all.hpp"
#include "pgdsl/pgdsl.hpp"

namespace {

constexpr int rows = 1024;

struct result_deleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

// A binary result of `rows` rows whose columns hold the encodings of `values` (NULL for empty).
template <class... T>
result_ptr make_result(const std::optional<T>&... values) {
  result_ptr result(PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK));
  std::vector<PGresAttDesc> columns;
  ((columns.push_back(
       PGresAttDesc{const_cast<char*>("c"), 0, 0, 1, pgdsl::type_traits<T>::type_oid, -1, -1})),
   ...);
  PQsetResultAttrs(result.get(), static_cast<int>(columns.size()), columns.data());
  for (int row = 0; row < rows; ++row) {
    int column = 0;
    auto set = [&](const auto& value) {
      if (!value) {
        PQsetvalue(result.get(), row, column++, nullptr, -1);
        return;
      }
      std::string wire;
      pgdsl::type_traits<std::remove_cvref_t<decltype(*value)>>::encode(*value, wire);
      PQsetvalue(result.get(), row, column++, wire.data(), static_cast<int>(wire.size()));
    };
    (set(values), ...);
  }
  return result;
}

template <class T>
void decode_column(benchmark::State& state, const T& value) {
  const result_ptr result = make_result<T>(std::optional<T>(value));
  using row = pgdsl::row<pgdsl::raw_columns<T>>;
  for (auto _ : state)
    for (int i = 0; i < rows; ++i) {
      T decoded = row(result.get(), i).template get<0>();
      benchmark::DoNotOptimize(&decoded);
    }
  state.SetItemsProcessed(state.iterations() * rows);
}

const pgdsl::timestamptz a_timestamp =
    std::chrono::sys_days{std::chrono::year{2020} / 1 / 1} + std::chrono::microseconds{123456789};

BENCHMARK_CAPTURE(decode_column, int64, std::int64_t{1234567890123});
BENCHMARK_CAPTURE(decode_column, int32, std::int32_t{123456});
BENCHMARK_CAPTURE(decode_column, float8, 3.25);
BENCHMARK_CAPTURE(decode_column, bool, true);
BENCHMARK_CAPTURE(decode_column, text_short, std::string("user_42"));
BENCHMARK_CAPTURE(decode_column, text_long, std::string("user42@example.com"));
BENCHMARK_CAPTURE(decode_column, timestamptz, a_timestamp);
BENCHMARK_CAPTURE(decode_column, numeric, pgdsl::numeric("12345.6789"));

void decode_nullable_null(benchmark::State& state) {
  const result_ptr result = make_result<double>(std::optional<double>());
  using row = pgdsl::row<pgdsl::raw_columns<std::optional<double>>>;
  for (auto _ : state)
    for (int i = 0; i < rows; ++i) {
      std::optional<double> decoded = row(result.get(), i).get<0>();
      benchmark::DoNotOptimize(&decoded);
    }
  state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(decode_nullable_null);

// The peers' row: id, name, email, created_at, score.
struct user {
  std::int64_t id;
  std::string name;
  std::string email;
  pgdsl::timestamptz created_at;
  std::optional<double> score;
};

result_ptr user_rows() {
  return make_result<std::int64_t, std::string, std::string, pgdsl::timestamptz, double>(
      std::int64_t{42}, std::string("user_42"), std::string("user42@example.com"), a_timestamp,
      0.25);
}

struct users_t : pgdsl::table<"users"> {
  column<"id", std::int64_t> id;
  column<"name", std::string> name;
  column<"email", std::string> email;
  column<"created_at", pgdsl::timestamptz> created_at;
  column<"score", std::optional<double>> score;
};
constexpr users_t users{};
using user_columns =
    decltype(pgdsl::select(users.id, users.name, users.email, users.created_at, users.score)
                 .from(users))::result_columns;

// Columns of a DSL statement, mapped by member name.
void user_row_pgdsl(benchmark::State& state) {
  const result_ptr result = user_rows();
  using row = pgdsl::row<user_columns>;
  std::vector<user> kept;
  kept.reserve(rows);
  for (auto _ : state) {
    kept.clear();
    for (int i = 0; i < rows; ++i) kept.push_back(row(result.get(), i).as<user>());
    benchmark::DoNotOptimize(kept.data());
  }
  state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(user_row_pgdsl);

std::uint64_t read_u64(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return __builtin_bswap64(v);
}

void user_row_by_hand(benchmark::State& state) {
  const result_ptr result = user_rows();
  const PGresult* r = result.get();
  std::vector<user> kept;
  kept.reserve(rows);
  constexpr std::int64_t epoch = 946'684'800'000'000;
  for (auto _ : state) {
    kept.clear();
    for (int i = 0; i < rows; ++i)
      kept.push_back(
          user{static_cast<std::int64_t>(read_u64(PQgetvalue(r, i, 0))),
               std::string(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1))),
               std::string(PQgetvalue(r, i, 2), static_cast<std::size_t>(PQgetlength(r, i, 2))),
               pgdsl::timestamptz{std::chrono::microseconds{
                   static_cast<std::int64_t>(read_u64(PQgetvalue(r, i, 3))) + epoch}},
               PQgetisnull(r, i, 4)
                   ? std::nullopt
                   : std::optional(std::bit_cast<double>(read_u64(PQgetvalue(r, i, 4))))});
    benchmark::DoNotOptimize(kept.data());
  }
  state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(user_row_by_hand);

}  // namespace
