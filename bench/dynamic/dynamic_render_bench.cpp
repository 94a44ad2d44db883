// SPDX-License-Identifier: BSL-1.0
// Building and rendering a dynamic search (3 of 5 optional filters, a sort key, a LIMIT): the
// statement object, its shape's SQL (looked up, or rendered into a stack buffer) and its bound
// values. Heap allocations are counted by replacing operator new in this program and reported
// per iteration (counter "allocs"); the goal is 0 and at most 1 µs.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "search.hpp"

namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

// g++ -O2 inlines the replacements below into the library's pairs of new and delete and then
// reports malloc/free as mismatched with new/delete: they are not (both sides are replaced).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

const bench::search_form form = bench::three_of_five();

template <class Body>
void counting(benchmark::State& state, Body&& body) {
  body();  // the shape's first use renders and stores its SQL once: not the common path
  const std::size_t before = allocations.load();
  for (auto _ : state) body();
  state.counters["allocs"] = benchmark::Counter(static_cast<double>(allocations.load() - before),
                                                benchmark::Counter::kAvgIterations);
}

// Build, the shape's SQL (looked up by shape), visit the bound values: what execute() does
// before it sends.
void dynamic_build_and_lookup(benchmark::State& state) {
  counting(state, [] {
    const auto q = bench::dynamic_search(form);
    const char* sql = q.sql();
    benchmark::DoNotOptimize(sql);
    q.bind([](const auto& value) { benchmark::DoNotOptimize(&value); });
  });
}
BENCHMARK(dynamic_build_and_lookup);

// Build and render the whole SQL text into a stack buffer every time.
void dynamic_build_and_render(benchmark::State& state) {
  counting(state, [] {
    const auto q = bench::dynamic_search(form);
    char buffer[512];
    const auto sql = q.render_into(buffer, sizeof buffer);
    benchmark::DoNotOptimize(sql.data());
    q.bind([](const auto& value) { benchmark::DoNotOptimize(&value); });
  });
}
BENCHMARK(dynamic_build_and_render);

// The same shape as a static statement: SQL fixed at compile time.
void static_build(benchmark::State& state) {
  counting(state, [] {
    const auto q = bench::static_search(form);
    const char* sql = decltype(q)::sql.c_str();
    benchmark::DoNotOptimize(sql);
    q.bind([](const auto& value) { benchmark::DoNotOptimize(&value); });
  });
}
BENCHMARK(static_build);

}  // namespace
