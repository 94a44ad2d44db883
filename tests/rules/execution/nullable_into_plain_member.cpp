// SPDX-License-Identifier: BSL-1.0
// expect: a nullable column .* is read into a non-optional struct member
// A nullable column (std::optional<double>) mapped into a plain double member must not compile.
#include <cstdint>
#include <optional>
#include <vector>

#include "pgdsl/execution/result.hpp"

namespace {
struct score_column {
  using key_type = score_column;
  using value_type = std::optional<double>;
  static constexpr std::string_view name = "score";
  static constexpr std::string_view qualified_name = "\"users\".\"score\"";
};
struct user {
  double score;
};
}  // namespace

std::vector<user> map(const pgdsl::result<pgdsl::type_list<score_column>>& rows) {
  return rows.as<user>();
}
