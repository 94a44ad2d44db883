// SPDX-License-Identifier: BSL-1.0
// A consumer of the pgdsl package: uses the library and libpq through pgdsl::pgdsl alone.
#include <pgdsl/pgdsl.hpp>

#include <libpq-fe.h>

#include <cstdio>

int main() {
  constexpr pgdsl::fixed_string table = "orders";
  static_assert(table.size() == 6);
  static_assert(pgdsl::contains_v<int, pgdsl::type_list<char, int>>);
  std::printf("pgdsl %s consumer built against libpq %d\n", PGDSL_VERSION_STRING, PQlibVersion());
}
