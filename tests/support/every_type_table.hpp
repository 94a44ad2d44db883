// SPDX-License-Identifier: BSL-1.0
// A table with a column of every type pgdsl maps (nullable and not, scalars and arrays, an enum
// and varchar(n) / numeric(p, s) modifiers), named by the test that uses it: the DDL tests and
// the codegen round trip create it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pgdsl/pgdsl.hpp"

namespace pgdsl::test {

template <fixed_string Name, class Enum>
struct every_type_table : table<Name> {
  template <fixed_string ColumnName, class T, class... Constraints>
  using column = typename table<Name>::template column<ColumnName, T, Constraints...>;

  column<"id", std::int32_t, primary_key> id;
  column<"b", bool> b;
  column<"i2", std::int16_t> i2;
  column<"i4", std::optional<std::int32_t>> i4;
  column<"i8", std::int64_t> i8;
  column<"f4", float> f4;
  column<"f8", std::optional<double>> f8;
  column<"num", pgdsl::numeric> num;
  column<"t", std::string> t;
  column<"vc", std::optional<std::string>, varchar<10>> vc;
  column<"by", bytea> by;
  column<"u", uuid> u;
  column<"j", json> j;
  column<"jb", std::optional<jsonb>> jb;
  column<"d", date> d;
  column<"ts", timestamp> ts;
  column<"tstz", timestamptz> tstz;
  column<"m", Enum> m;
  column<"ints", std::vector<std::int32_t>> ints;
  column<"texts", std::optional<std::vector<std::optional<std::string>>>> texts;
  column<"moods", std::optional<std::vector<Enum>>> moods;  // arrays of enums are read, not sent
  column<"vcs", std::vector<std::string>, varchar<5>> vcs;
  column<"nums", std::vector<pgdsl::numeric>, precision<6, 3>> nums;
};

}  // namespace pgdsl::test
