// SPDX-License-Identifier: BSL-1.0
// Compiled with single_include/ as the only pgdsl include path: the generated header must stand
// alone, and the vocabulary it carries must work as it does from include/.
#include <pgdsl.hpp>

#include <cstdio>

#if __has_include("pgdsl/pgdsl.hpp")
#error "include/ is on the include path: this program must see the single header only"
#endif

namespace {
constexpr pgdsl::fixed_string table = "users";
constexpr pgdsl::fixed_string column = "id";
static_assert(pgdsl::concat(table, pgdsl::fixed_string("."), column) == "users.id");

using column_types = pgdsl::type_list<long, double, char>;
static_assert(pgdsl::contains_v<double, column_types>);
static_assert(pgdsl::index_of_v<char, column_types> == 2);
static_assert(std::is_same_v<pgdsl::at_t<0, column_types>, long>);
static_assert(pgdsl::is_subset_v<pgdsl::type_list<char, long>, column_types>);
}  // namespace

int main() {
  std::printf("pgdsl %s from the single header: %s\n", PGDSL_VERSION_STRING,
              pgdsl::concat(table, pgdsl::fixed_string("."), column).c_str());
}
