// SPDX-License-Identifier: BSL-1.0
// Parameter encoding and value decoding per type, in the binary wire format: the client's share
// of every round trip (peers/README.md counts both inside the timed region).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "pgdsl/types/all.hpp"

namespace {

template <class T>
void encode(benchmark::State& state, const T& value) {
  std::string buffer;
  buffer.reserve(64);
  for (auto _ : state) {
    buffer.clear();
    pgdsl::type_traits<T>::encode(value, buffer);
    benchmark::DoNotOptimize(buffer.data());
  }
}

template <class T>
void decode(benchmark::State& state, const T& value) {
  std::string wire;
  pgdsl::type_traits<T>::encode(value, wire);
  for (auto _ : state) {
    T decoded = pgdsl::type_traits<T>::decode(wire);
    benchmark::DoNotOptimize(&decoded);
  }
}

const pgdsl::timestamptz a_timestamp =
    std::chrono::sys_days{std::chrono::year{2020} / 1 / 1} + std::chrono::microseconds{123456789};
const std::string a_text = "user42@example.com";
const pgdsl::numeric a_numeric("12345.6789");

BENCHMARK_CAPTURE(encode, int64, std::int64_t{1234567890123});
BENCHMARK_CAPTURE(encode, float8, 3.25);
BENCHMARK_CAPTURE(encode, text, a_text);
BENCHMARK_CAPTURE(encode, timestamptz, a_timestamp);
BENCHMARK_CAPTURE(encode, numeric, a_numeric);
BENCHMARK_CAPTURE(decode, int64, std::int64_t{1234567890123});
BENCHMARK_CAPTURE(decode, float8, 3.25);
BENCHMARK_CAPTURE(decode, text, a_text);
BENCHMARK_CAPTURE(decode, timestamptz, a_timestamp);
BENCHMARK_CAPTURE(decode, numeric, a_numeric);

}  // namespace
