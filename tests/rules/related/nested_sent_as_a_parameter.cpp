// SPDX-License-Identifier: BSL-1.0
// expect: a nested collection \(std::vector<std::tuple<...>>, record\[\]\) is read from results only
// A vector of tuples (the value of a nested column) cannot be bound as a parameter.
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "pgdsl/types/all.hpp"

void send() {
  std::string out;
  const std::vector<std::tuple<std::int64_t, std::string>> rows{{1, "a"}};
  pgdsl::type_traits<std::vector<std::tuple<std::int64_t, std::string>>>::encode(rows, out);
}
