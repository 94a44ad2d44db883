// SPDX-License-Identifier: BSL-1.0
// chrono: std::chrono time points <-> timestamptz, timestamp and date. PostgreSQL sends int64
// microseconds (timestamps) or int32 days (date) since 2000-01-01; its 'infinity' and '-infinity'
// are the time points' max() and min(). Values outside either side's range throw, never wrap.
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/detail/wire.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// timestamptz: an instant, microseconds since the Unix epoch in UTC.
using timestamptz = std::chrono::sys_time<std::chrono::microseconds>;
/// timestamp (without time zone): a wall-clock reading that names no time zone.
using timestamp = std::chrono::local_time<std::chrono::microseconds>;
/// date: a calendar day.
using date = std::chrono::sys_days;

/// PostgreSQL's 'infinity' and '-infinity' for each type: the time points' max() and min().
inline constexpr timestamptz timestamptz_infinity = timestamptz::max();
inline constexpr timestamptz timestamptz_minus_infinity = timestamptz::min();
inline constexpr timestamp timestamp_infinity = timestamp::max();
inline constexpr timestamp timestamp_minus_infinity = timestamp::min();
inline constexpr date date_infinity = date::max();
inline constexpr date date_minus_infinity = date::min();

namespace detail {
/// 2000-01-01 (PostgreSQL's epoch) counted from 1970-01-01.
inline constexpr std::int64_t postgres_epoch_days = 10957;
inline constexpr std::int64_t microseconds_per_day = 86'400'000'000;
inline constexpr std::int64_t postgres_epoch_microseconds =
    postgres_epoch_days * microseconds_per_day;
/// PostgreSQL's valid range, relative to its epoch: timestamps from 4714-11-24 BC (Julian day 0)
/// up to, not including, 294277-01-01; dates from Julian day 0 up to 5874898-01-01.
inline constexpr std::int64_t min_timestamp = -211'813'488'000'000'000;
inline constexpr std::int64_t end_timestamp = 9'223'371'331'200'000'000;
inline constexpr std::int64_t min_date = -2'451'545;
inline constexpr std::int64_t end_date = 2'145'031'949;

/// Microsecond time points of either clock; both clocks share the arithmetic, only the name and
/// OID differ.
template <class TimePoint>
struct timestamp_codec {
  template <class Out>
  static void encode(const TimePoint& value, Out& out, std::string_view type) {
    const std::int64_t micros = value.time_since_epoch().count();
    if (value == TimePoint::max())
      return append_big_endian(out, std::numeric_limits<std::int64_t>::max());
    if (value == TimePoint::min())
      return append_big_endian(out, std::numeric_limits<std::int64_t>::min());
    // Every finite value below max() is before 294277, so only the lower bound can fail; test it
    // in Unix time, where subtracting the epoch offset cannot overflow yet.
    if (micros < min_timestamp + postgres_epoch_microseconds)
      throw out_of_range_value("cannot send " + std::to_string(micros) +
                               " microseconds since 1970-01-01 as " + std::string(type) +
                               ": PostgreSQL's " + std::string(type) + " starts at 4714-11-24 BC");
    append_big_endian(out, micros - postgres_epoch_microseconds);
  }

  static TimePoint decode(std::string_view wire, std::string_view type) {
    expect_length(wire, 8, type);
    const auto micros = read_big_endian<std::int64_t>(wire, 0);
    // One comparison for every finite value that fits both sides; the rest is out of line.
    if (micros > min_timestamp && micros < last_shared_timestamp) [[likely]]
      return TimePoint(std::chrono::microseconds(micros + postgres_epoch_microseconds));
    return decode_edge(micros, type);
  }

 private:
  // The C++ type ends in year 294247 (int64 microseconds since 1970), PostgreSQL in 294276.
  static constexpr std::int64_t last_shared_timestamp =
      std::numeric_limits<std::int64_t>::max() - postgres_epoch_microseconds;

  [[gnu::noinline]] static TimePoint decode_edge(std::int64_t micros, std::string_view type) {
    if (micros == std::numeric_limits<std::int64_t>::max()) return TimePoint::max();
    if (micros == std::numeric_limits<std::int64_t>::min()) return TimePoint::min();
    if (micros < min_timestamp || micros >= end_timestamp)
      throw decode_error("cannot decode " + std::string(type) + ": " + std::to_string(micros) +
                         " microseconds since 2000-01-01 is outside PostgreSQL's range");
    // max() itself stands for 'infinity', so the last finite value is max() - 1.
    if (micros >= last_shared_timestamp)
      throw out_of_range_value("cannot read " + std::string(type) + " " + std::to_string(micros) +
                               " microseconds since 2000-01-01: std::chrono microseconds since "
                               "1970 end in year 294247");
    return TimePoint(std::chrono::microseconds(micros + postgres_epoch_microseconds));
  }
};
}  // namespace detail

/// pgdsl::timestamptz maps to timestamptz (timestamp with time zone), sent as UTC.
template <>
struct type_traits<timestamptz> {
  static constexpr std::string_view sql_name = "timestamptz";
  static constexpr oid type_oid = oids::timestamptz;
  static constexpr oid array_oid = oids::timestamptz_array;
  static constexpr type_category category = type_category::datetime;

  template <class Out>
  static void encode(const timestamptz& value, Out& out) {
    detail::timestamp_codec<timestamptz>::encode(value, out, sql_name);
  }
  static timestamptz decode(std::string_view wire) {
    return detail::timestamp_codec<timestamptz>::decode(wire, sql_name);
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// pgdsl::timestamp maps to timestamp (without time zone).
template <>
struct type_traits<timestamp> {
  static constexpr std::string_view sql_name = "timestamp";
  static constexpr oid type_oid = oids::timestamp;
  static constexpr oid array_oid = oids::timestamp_array;
  static constexpr type_category category = type_category::datetime;

  template <class Out>
  static void encode(const timestamp& value, Out& out) {
    detail::timestamp_codec<timestamp>::encode(value, out, sql_name);
  }
  static timestamp decode(std::string_view wire) {
    return detail::timestamp_codec<timestamp>::decode(wire, sql_name);
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// pgdsl::date maps to date: int32 days since 2000-01-01.
template <>
struct type_traits<date> {
  static constexpr std::string_view sql_name = "date";
  static constexpr oid type_oid = oids::date;
  static constexpr oid array_oid = oids::date_array;
  static constexpr type_category category = type_category::datetime;

  template <class Out>
  static void encode(const date& value, Out& out) {
    if (value == date::max())
      return detail::append_big_endian(out, std::numeric_limits<std::int32_t>::max());
    if (value == date::min())
      return detail::append_big_endian(out, std::numeric_limits<std::int32_t>::min());
    const auto days = static_cast<std::int64_t>(value.time_since_epoch().count());
    // sys_days reaches far beyond PostgreSQL's dates in both directions; compare before the
    // subtraction, which could overflow at the extremes.
    if (days < detail::min_date + detail::postgres_epoch_days ||
        days >= detail::end_date + detail::postgres_epoch_days)
      throw out_of_range_value("cannot send date " + std::to_string(days) +
                               " days since 1970-01-01: PostgreSQL's dates run from 4714-11-24 "
                               "BC to 5874897-12-31");
    detail::append_big_endian(out, static_cast<std::int32_t>(days - detail::postgres_epoch_days));
  }

  static date decode(std::string_view wire) {
    detail::expect_length(wire, 4, sql_name);
    const auto days = detail::read_big_endian<std::int32_t>(wire, 0);
    if (days == std::numeric_limits<std::int32_t>::max()) return date::max();
    if (days == std::numeric_limits<std::int32_t>::min()) return date::min();
    if (days < detail::min_date || days >= detail::end_date)
      throw decode_error("cannot decode date: " + std::to_string(days) +
                         " days since 2000-01-01 is outside PostgreSQL's range");
    return date(std::chrono::days(static_cast<std::int64_t>(days) + detail::postgres_epoch_days));
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl
