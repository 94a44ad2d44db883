// SPDX-License-Identifier: BSL-1.0
// bulk_data: moving many rows, as one program. Loads 100,000 generated readings with binary COPY
// (in bounded memory: the rows are made as COPY consumes them), adds a few more with a multi-row
// INSERT and a pipeline, then reads them back three ways: single-row streaming, a server-side
// cursor with a parameter, and binary COPY TO. Connects from the environment (DATABASE_URL or
// PG*: tools/quickstart.sh sets them); the table is a TEMP table, so nothing is left behind.
#include <pgdsl/pgdsl.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

struct readings_t : pgdsl::table<"readings"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"sensor", std::string> sensor;
  column<"value", std::optional<double>> value;
};
inline constexpr readings_t readings{};

// A row as the application keeps it; members are matched to columns by name.
struct reading {
  std::int64_t id = 0;
  std::string sensor;
  std::optional<double> value;
};

// The rows to load, made one at a time as COPY asks for them: an input range of tuples. (With
// g++, std::views::iota(...) | std::views::transform(...) works as well; clang 14 cannot compile
// libstdc++ 12's views.)
struct generated_readings {
  std::int64_t count;
  struct iterator {
    using value_type = std::tuple<std::int64_t, std::string, std::optional<double>>;
    using difference_type = std::ptrdiff_t;
    std::int64_t i = 0;
    value_type operator*() const {
      return {i, "sensor-" + std::to_string(i % 10),
              i % 100 == 0 ? std::nullopt : std::optional(static_cast<double>(i) * 0.5)};
    }
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

using pgdsl::select;

int main() try {
  auto db = pgdsl::connection::from_env();
  db.execute(pgdsl::create_table(readings).temporary());  // from the descriptor above

  // 1. Binary COPY from a generator: one row exists at a time, whatever the count.
  const std::uint64_t copied = db.copy_into(readings, generated_readings{100'000});
  std::printf("copy_into loaded %llu rows\n", static_cast<unsigned long long>(copied));

  // 2. A multi-row INSERT from a vector (split under PostgreSQL's 65,535-parameter limit).
  std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> late = {
      {100'001, "sensor-late", 1.5}, {100'002, "sensor-late", std::nullopt}};
  const std::uint64_t inserted = db.insert_rows(
      pgdsl::insert_into(readings).columns(readings.id, readings.sensor, readings.value), late);
  std::printf("insert_rows inserted %llu rows\n", static_cast<unsigned long long>(inserted));

  // 3. A pipeline: many statements, one round trip, results in order.
  std::vector<std::string> sensors;
  auto batch = db.pipeline();
  for (std::int64_t id : {1, 2, 3})
    batch.execute(select(readings.sensor).from(readings).where(readings.id == id),
                  [&](auto&& result) { sensors.push_back(result.scalar()); });
  batch.finish();
  std::printf("pipeline read %s, %s, %s\n", sensors[0].c_str(), sensors[1].c_str(),
              sensors[2].c_str());

  // 4. Streaming: every row, one at a time, in constant memory.
  double total = 0;
  std::int64_t nulls = 0;
  for (const auto& [id, value] : db.stream(select(readings.id, readings.value).from(readings))) {
    if (value)
      total += *value;
    else
      ++nulls;
  }
  std::printf("stream: sum %.1f, %lld NULL values\n", total, static_cast<long long>(nulls));

  // 5. A server-side cursor with a parameter, mapped into structs, 5,000 rows per FETCH.
  std::int64_t kept = 0;
  db.cursor(select(readings.id, readings.sensor, readings.value)
                .from(readings)
                .where(readings.sensor == std::string("sensor-7")),
            {.fetch_size = 5000})
      .each_as<reading>([&](reading&& r) { kept += r.sensor == "sensor-7" ? 1 : 0; });
  std::printf("cursor: %lld readings of sensor-7\n", static_cast<long long>(kept));

  // 6. Binary COPY TO: a table's columns as tuples, one row at a time.
  std::int64_t max_id = 0, copied_out = 0;
  for (const auto& [id, sensor] :
       db.copy_out(readings, pgdsl::columns(readings.id, readings.sensor))) {
    max_id = std::max(max_id, id);
    copied_out += sensor.empty() ? 0 : 1;
  }
  std::printf("copy_out: %lld rows, highest id %lld\n", static_cast<long long>(copied_out),
              static_cast<long long>(max_id));

  const bool ok = copied == 100'000 && inserted == 2 && nulls == 1001 && kept == 10'000 &&
                  max_id == 100'002 && copied_out == 100'002 && sensors[2] == "sensor-3";
  std::printf("%s\n", ok ? "bulk_data finished" : "bulk_data: UNEXPECTED RESULT");
  return ok ? 0 : 1;
} catch (const pgdsl::error& failure) {
  std::fprintf(stderr, "bulk_data failed: %s\n", failure.what());
  return 1;
}
