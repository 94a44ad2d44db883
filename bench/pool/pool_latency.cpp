// SPDX-License-Identifier: BSL-1.0
// pool_latency: acquire and release latency of pgdsl::pool under contention (16 threads, 8
// connections by default), side by side with the plain mutex-and-condition-variable pool of the
// driver benchmark's C++ peers (shared/peers/cpp/common.hpp) holding the same connections.
// Each thread acquires, optionally runs SELECT 1 (--query), releases; the times of the acquire
// and of the release are kept per operation and printed as p50/p99/max in microseconds.
//
//   pool_latency [--conninfo URL] [--threads 16] [--connections 8] [--iterations 2000] [--query]
//
// The connection defaults to DATABASE_URL (tools/with-postgres.sh sets it). docs/pool.md quotes
// the figures and the command that produced them.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "pgdsl/pool/all.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

struct settings {
  std::string conninfo;
  int threads = 16;
  int connections = 8;
  int iterations = 2'000;
  bool query = false;
};

// The peers' pool: idle connections in a vector, one mutex, one condition variable.
class plain_pool {
 public:
  explicit plain_pool(std::vector<pgdsl::connection*> idle) : idle_(std::move(idle)) {}
  pgdsl::connection* acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty(); });
    pgdsl::connection* c = idle_.back();
    idle_.pop_back();
    return c;
  }
  void release(pgdsl::connection* c) {
    {
      const std::lock_guard lock(mutex_);
      idle_.push_back(c);
    }
    available_.notify_one();
  }

 private:
  std::vector<pgdsl::connection*> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

struct samples {
  std::vector<double> acquire, release;
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto at = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
  return v[at];
}

double micros(clock_type::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

// Runs `threads` clients, each `iterations` times acquire / use / release.
template <class Acquire, class Use, class Release>
samples measure(const settings& s, Acquire acquire, Use use, Release release) {
  std::vector<samples> per_thread(static_cast<std::size_t>(s.threads));
  {
    std::vector<std::jthread> clients;
    for (int t = 0; t < s.threads; ++t)
      clients.emplace_back([&, t] {
        samples& mine = per_thread[static_cast<std::size_t>(t)];
        mine.acquire.reserve(static_cast<std::size_t>(s.iterations));
        mine.release.reserve(static_cast<std::size_t>(s.iterations));
        for (int i = 0; i < s.iterations; ++i) {
          const auto t0 = clock_type::now();
          auto handle = acquire();
          const auto t1 = clock_type::now();
          use(handle);
          const auto t2 = clock_type::now();
          release(handle);
          const auto t3 = clock_type::now();
          mine.acquire.push_back(micros(t1 - t0));
          mine.release.push_back(micros(t3 - t2));
        }
      });
  }
  samples all;
  for (auto& p : per_thread) {
    all.acquire.insert(all.acquire.end(), p.acquire.begin(), p.acquire.end());
    all.release.insert(all.release.end(), p.release.begin(), p.release.end());
  }
  return all;
}

void report(const char* name, samples s, double seconds, std::size_t operations) {
  std::printf(
      "%-12s acquire p50 %7.1f us  p99 %8.1f us  max %8.1f us | release p50 %6.1f us  "
      "p99 %7.1f us | %8.0f ops/s\n",
      name, percentile(s.acquire, 0.50), percentile(s.acquire, 0.99),
      *std::max_element(s.acquire.begin(), s.acquire.end()), percentile(s.release, 0.50),
      percentile(s.release, 0.99), static_cast<double>(operations) / seconds);
}

settings parse(int argc, char** argv) {
  settings s;
  if (const char* url = std::getenv("DATABASE_URL")) s.conninfo = url;
  for (int i = 1; i < argc; ++i) {
    const std::string_view key = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "pool_latency: %s needs a value\n", argv[i]);
        std::exit(2);
      }
      return argv[++i];
    };
    if (key == "--conninfo")
      s.conninfo = next();
    else if (key == "--threads")
      s.threads = std::atoi(next());
    else if (key == "--connections")
      s.connections = std::atoi(next());
    else if (key == "--iterations")
      s.iterations = std::atoi(next());
    else if (key == "--query")
      s.query = true;
    else {
      std::fprintf(stderr,
                   "usage: pool_latency [--conninfo URL] [--threads N] "
                   "[--connections N] [--iterations N] [--query]\n");
      std::exit(2);
    }
  }
  return s;
}

template <class F>
double seconds_of(F&& f) {
  const auto start = clock_type::now();
  f();
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) try {
  const settings s = parse(argc, argv);
  const auto operations =
      static_cast<std::size_t>(s.threads) * static_cast<std::size_t>(s.iterations);
  std::printf("%d threads, %d connections, %d iterations each, %s\n", s.threads, s.connections,
              s.iterations, s.query ? "SELECT 1 per lease" : "nothing run per lease");

  {
    pgdsl::pool_options options;
    options.connection.conninfo = s.conninfo;
    options.min_size = options.max_size = static_cast<std::size_t>(s.connections);
    pgdsl::pool pool(options);
    samples result;
    const double seconds = seconds_of([&] {
      result = measure(
          s, [&] { return pool.acquire(); },
          [&](pgdsl::connection_lease& lease) {
            if (s.query) lease->run_command(pgdsl::runtime_sql("SELECT 1"));
          },
          [](pgdsl::connection_lease& lease) { lease.release(); });
    });
    report("pgdsl::pool", std::move(result), seconds, operations);
  }
  {
    std::vector<std::unique_ptr<pgdsl::connection>> owned;
    std::vector<pgdsl::connection*> idle;
    for (int i = 0; i < s.connections; ++i) {
      owned.push_back(std::make_unique<pgdsl::connection>(s.conninfo));
      idle.push_back(owned.back().get());
    }
    plain_pool pool(idle);
    samples result;
    const double seconds = seconds_of([&] {
      result = measure(
          s, [&] { return pool.acquire(); },
          [&](pgdsl::connection* c) {
            if (s.query) c->run_command(pgdsl::runtime_sql("SELECT 1"));
          },
          [&](pgdsl::connection* c) { pool.release(c); });
    });
    report("plain pool", std::move(result), seconds, operations);
  }
} catch (const std::exception& e) {
  std::fprintf(stderr, "pool_latency: %s\n", e.what());
  return 1;
}
