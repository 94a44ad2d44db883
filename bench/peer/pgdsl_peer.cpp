// SPDX-License-Identifier: BSL-1.0
// pgdsl_peer: the benchmark peer of ../shared/peers (its README defines the contract and the six
// workloads), written as a pgdsl user would write it: table descriptors, DSL statements, and the
// connection's execute (point_select), pipeline (pipelined_select, batch_insert), copy_out
// (fetch_all) and copy_into (bulk_copy); pool_select shares a pgdsl::pool of 8 connections
// among 16 threads, each query on a lease of its own (pool.execute). Extra modes for
// docs/performance.md: --workload fetch_stream (fetch_all through db.stream()); stream_rss /
// cursor_rss / copy_rss measure memory.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "pgdsl/execution/all.hpp"
#include "pgdsl/pgdsl.hpp"
#include "pgdsl/pool/all.hpp"

namespace {

using pgdsl::primary_key;

// The three benchmark tables share their columns; each is its own descriptor.
struct users_t : pgdsl::table<"users"> {
  column<"id", std::int64_t, primary_key> id;
  column<"name", std::string> name;
  column<"email", std::string> email;
  column<"created_at", pgdsl::timestamptz> created_at;
  column<"score", std::optional<double>> score;
};
struct users_big_t : pgdsl::table<"users_big"> {
  column<"id", std::int64_t, primary_key> id;
  column<"name", std::string> name;
  column<"email", std::string> email;
  column<"created_at", pgdsl::timestamptz> created_at;
  column<"score", std::optional<double>> score;
};
struct users_load_t : pgdsl::table<"users_load"> {
  column<"id", std::int64_t> id;
  column<"name", std::string> name;
  column<"email", std::string> email;
  column<"created_at", pgdsl::timestamptz> created_at;
  column<"score", std::optional<double>> score;
};
constexpr users_t users{};
constexpr users_big_t users_big{};
constexpr users_load_t users_load{};

// One row, as the peer contract's C++ peers keep it.
struct user {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  pgdsl::timestamptz created_at;
  std::optional<double> score;
  bool operator==(const user&) const = default;
};

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  std::exit(1);
}
void check(bool ok, const char* what) {
  if (!ok) fail(what);
}

struct arguments {
  std::string workload, conninfo;
  std::int64_t n = 0;
  std::uint64_t seed = 1;
};

arguments parse(int argc, char** argv) {
  arguments args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view key = argv[i];
    if (key == "--workload")
      args.workload = argv[i + 1];
    else if (key == "--conninfo")
      args.conninfo = argv[i + 1];
    else if (key == "--n")
      args.n = std::atoll(argv[i + 1]);
    else if (key == "--seed")
      args.seed = std::strtoull(argv[i + 1], nullptr, 10);
    else
      fail("unknown option " + std::string(key));
  }
  if (argc % 2 != 1 || args.workload.empty() || args.conninfo.empty() || args.n <= 0)
    fail("usage: pgdsl_peer --workload W --conninfo CONNINFO --n N [--seed S]");
  return args;
}

std::vector<std::int64_t> random_ids(std::int64_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::int64_t> pick(1, 100'000);
  std::vector<std::int64_t> ids(static_cast<std::size_t>(n));
  for (auto& id : ids) id = pick(rng);
  return ids;
}

// Row i of the benchmark tables (schema.sql's bench_rows).
user make_row(std::int64_t i) {
  using namespace std::chrono;
  constexpr pgdsl::timestamptz base = sys_days{year{2020} / January / 1};
  return user{i, "user_" + std::to_string(i), "user" + std::to_string(i) + "@example.com",
              base + seconds{i} + microseconds{i % 1'000'000},
              i % 10 != 0 ? std::optional<double>(static_cast<double>(i) * 0.25) : std::nullopt};
}

template <class Fn>
double seconds_of(Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

auto by_id(std::int64_t id) {
  return pgdsl::select(users.id, users.name, users.email, users.created_at, users.score)
      .from(users)
      .where(users.id == id);
}

// The workload functions stay out of line so that callgrind can collect exactly them
// (docs/performance.md, --toggle-collect).
[[gnu::noinline]] std::vector<user> point_select(pgdsl::connection& db,
                                                 const std::vector<std::int64_t>& ids) {
  std::vector<user> rows;
  rows.reserve(ids.size());
#ifdef PGDSL_PEER_RAW_SQL
  // pgdsl_peer_raw: the same statement as raw SQL, prepared like the DSL's (a literal).
  for (const std::int64_t id : ids) {
    auto [key, name, email, created_at, score] =
        db.query<std::int64_t, std::string, std::string, pgdsl::timestamptz,
                 std::optional<double>>(
              "SELECT id, name, email, created_at, score FROM users WHERE id = $1", id)
            .one()
            .values();
    rows.push_back(user{key, std::move(name), std::move(email), created_at, score});
  }
#else
  for (const std::int64_t id : ids) rows.push_back(db.execute(by_id(id)).one_as<user>());
#endif
  return rows;
}

[[gnu::noinline]] std::vector<user> pipelined_select(pgdsl::connection& db,
                                                     const std::vector<std::int64_t>& ids) {
  std::vector<user> rows;
  rows.reserve(ids.size());
  auto batch = db.pipeline();
  for (const std::int64_t id : ids)
    batch.execute(by_id(id),
                  [&](auto&& result) { rows.push_back(result.template one_as<user>()); });
  batch.finish();
  return rows;
}

auto all_users() {
  return pgdsl::select(users_big.id, users_big.name, users_big.email, users_big.created_at,
                       users_big.score)
      .from(users_big);
}

auto copy_users_big(pgdsl::connection& db) {
  return db.copy_out(users_big, pgdsl::columns(users_big.id, users_big.name, users_big.email,
                                               users_big.created_at, users_big.score));
}

// Every row of users_big by binary COPY of its columns (the fastest route here: less server work
// than a SELECT, and no PGresult per row).
[[gnu::noinline]] std::vector<user> fetch_all(pgdsl::connection& db, std::int64_t expected) {
  std::vector<user> rows;
  rows.reserve(static_cast<std::size_t>(expected));
  for (auto& [id, name, email, created_at, score] : copy_users_big(db))
    rows.push_back(user{id, std::move(name), std::move(email), created_at, score});
  return rows;
}

// fetch_all's warm-up: the same COPY, left after `count` rows (COPY has no LIMIT; the rest is
// read and dropped).
void warm_up_fetch_all(pgdsl::connection& db, std::int64_t count) {
  std::vector<user> rows;
  for (auto& [id, name, email, created_at, score] : copy_users_big(db)) {
    rows.push_back(user{id, std::move(name), std::move(email), created_at, score});
    if (static_cast<std::int64_t>(rows.size()) == count) break;
  }
}

// The same rows through db.stream() (single-row mode), for the fetch_stream mode.
[[gnu::noinline]] std::vector<user> fetch_stream(pgdsl::connection& db,
                                                 std::optional<std::int64_t> limit,
                                                 std::int64_t expected) {
  std::vector<user> rows;
  rows.reserve(static_cast<std::size_t>(expected));
  auto keep = [&](user&& row) { rows.push_back(std::move(row)); };
  if (limit)
    db.stream(all_users().limit(*limit)).each_as<user>(keep);
  else
    db.stream(all_users()).each_as<user>(keep);
  return rows;
}

void bulk_copy(pgdsl::connection& db, std::span<const user> rows) {
  check(db.copy_into(users_load, rows) == rows.size(), "wrong COPY count");
}

void batch_insert(pgdsl::connection& db, std::span<const user> rows) {
  auto tx = db.begin();
  auto batch = db.pipeline();
  for (const user& u : rows)
    batch.execute(pgdsl::insert_into(users_load)
                      .set(users_load.id = u.id, users_load.name = std::string_view(u.name),
                           users_load.email = std::string_view(u.email),
                           users_load.created_at = u.created_at, users_load.score = u.score));
  batch.finish();
  tx.commit();
}

void check_selected(const std::vector<user>& rows, const std::vector<std::int64_t>& ids) {
  check(rows.size() == ids.size(), "wrong row count");
  for (std::size_t i = 0; i < ids.size(); ++i) check(rows[i] == make_row(ids[i]), "wrong row");
}

void check_table(const std::vector<user>& rows, std::int64_t n) {
  check(static_cast<std::int64_t>(rows.size()) == n, "wrong row count");
  std::int64_t id_sum = 0;
  for (const user& row : rows) {
    check(row == make_row(row.id), "wrong row");
    id_sum += row.id;
  }
  check(id_sum == n * (n + 1) / 2, "wrong ids");
}

// Memory modes (docs/performance.md): rows are streamed (single-row mode or a server-side cursor)
// and counted, never kept.
template <class Rows>
double count_rows(Rows&& rows_of, std::int64_t n) {
  std::int64_t seen = 0, id_sum = 0;
  const double seconds = seconds_of([&] {
    for (const auto& [id, name, email, created_at, score] : rows_of()) {
      ++seen;
      id_sum += id;
      check(!name.empty() && !email.empty(), "wrong row");
    }
  });
  check(seen == n && id_sum == n * (n + 1) / 2, "wrong rows");
  return seconds;
}

double stream_rss(pgdsl::connection& db, std::int64_t n) {
  return count_rows([&] { return db.stream(all_users().limit(n)); }, n);
}

double cursor_rss(pgdsl::connection& db, std::int64_t n) {
  return count_rows([&] { return db.cursor(all_users().limit(n)); }, n);
}

// Rows made on the fly (an input range holding one row at a time), for copy_rss.
struct generated_users {
  std::int64_t count;
  struct iterator {
    using value_type = user;
    using difference_type = std::ptrdiff_t;
    std::int64_t i = 0;
    user operator*() const { return make_row(i); }
    iterator& operator++() {
      ++i;
      return *this;
    }
    iterator operator++(int) { return iterator{i++}; }
    bool operator==(const iterator&) const = default;
  };
  iterator begin() const { return {1}; }
  iterator end() const { return {count + 1}; }
};

double copy_rss(pgdsl::connection& db, std::int64_t n) {
  const double seconds = seconds_of([&] {
    check(db.copy_into(users_load, generated_users{n}) == static_cast<std::uint64_t>(n),
          "wrong count");
  });
  db.run_command("TRUNCATE users_load");
  return seconds;
}

// pool_select: 16 client threads share 8 pooled connections; client k runs the ids k, k+16, ...
// each on a connection borrowed for that one query.
[[gnu::noinline]] void pool_select(pgdsl::pool& pool, const std::vector<std::int64_t>& ids) {
  constexpr std::size_t clients = 16;
  std::vector<std::jthread> threads;
  for (std::size_t k = 0; k < clients; ++k)
    threads.emplace_back([&, k] {
      for (std::size_t i = k; i < ids.size(); i += clients)
        check(pool.execute(by_id(ids[i])).one_as<user>().id == ids[i], "wrong row");
    });
}

double run_pool_select(const arguments& args, std::int64_t warm) {
  pgdsl::pool_options options;
  options.connection.conninfo = args.conninfo;
  options.min_size = 8;
  options.max_size = 8;
  pgdsl::pool pool(options);
  pool_select(pool, random_ids(warm, args.seed + 1000));
  const auto ids = random_ids(args.n, args.seed);
  return seconds_of([&] { pool_select(pool, ids); });
}

double run(const arguments& args) {
  if (args.workload == "pool_select")
    return run_pool_select(args, std::min(args.n, std::max<std::int64_t>(args.n / 10, 100)));
  pgdsl::connection db{args.conninfo};
  const std::int64_t n = args.n;
  const std::int64_t warm = std::min(n, std::max<std::int64_t>(n / 10, 100));
  const std::string& w = args.workload;
  if (w == "point_select" || w == "pipelined_select") {
    const auto select = w == "point_select" ? point_select : pipelined_select;
    select(db, random_ids(warm, args.seed + 1000));
    const auto ids = random_ids(n, args.seed);
    std::vector<user> rows;
    const double seconds = seconds_of([&] { rows = select(db, ids); });
    check_selected(rows, ids);
    return seconds;
  }
  if (w == "fetch_all") {
    warm_up_fetch_all(db, warm);
    std::vector<user> rows;
    const double seconds = seconds_of([&] { rows = fetch_all(db, n); });
    check_table(rows, n);
    return seconds;
  }
  if (w == "fetch_stream") {
    fetch_stream(db, warm, warm);
    std::vector<user> rows;
    const double seconds = seconds_of([&] { rows = fetch_stream(db, std::nullopt, n); });
    check_table(rows, n);
    return seconds;
  }
  if (w == "bulk_copy" || w == "batch_insert") {
    std::vector<user> rows;
    rows.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 1; i <= n; ++i) rows.push_back(make_row(i));
    const auto load = w == "bulk_copy" ? bulk_copy : batch_insert;
    load(db, std::span<const user>(rows).first(static_cast<std::size_t>(warm)));
    db.run_command("TRUNCATE users_load");
    return seconds_of([&] { load(db, rows); });
  }
  if (w == "stream_rss") return stream_rss(db, n);
  if (w == "cursor_rss") return cursor_rss(db, n);
  if (w == "copy_rss") return copy_rss(db, n);
  fail("unknown workload " + w);
}

const char* metric_of(std::string_view workload) {
  return workload == "point_select" || workload == "pipelined_select" || workload == "pool_select"
             ? "qps"
             : "rows_per_s";
}

}  // namespace

int main(int argc, char** argv) {
  const arguments args = parse(argc, argv);
  try {
    const double seconds = run(args);
    std::printf("%s %s %.1f\n", args.workload.c_str(), metric_of(args.workload),
                static_cast<double>(args.n) / seconds);
  } catch (const std::exception& failure) {
    fail(failure.what());
  }
}
