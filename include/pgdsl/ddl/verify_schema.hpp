// SPDX-License-Identifier: BSL-1.0
// verify_schema<users_t, orders_t>(db): are the tables the descriptors describe the tables in the
// database? One round trip (read_catalog), then a comparison per table (compare_table); cheap
// enough for every start. require_schema<...>(db) throws schema_mismatch instead.
#pragma once

#include <string>
#include <vector>

#include "pgdsl/ddl/catalog.hpp"
#include "pgdsl/ddl/described_table.hpp"
#include "pgdsl/ddl/schema_difference.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/schema/table.hpp"

namespace pgdsl {

/// The differences between the descriptors Tables... and the database (empty when they agree).
template <table_type... Tables>
std::vector<schema_difference> verify_schema(connection& db) {
  const std::vector<described_table> described{describe_table<Tables>()...};
  std::vector<std::string> names;
  names.reserve(described.size());
  for (const auto& t : described) names.push_back(t.name);
  const catalog_snapshot catalog = read_catalog(db, names);
  std::vector<schema_difference> differences;
  for (std::size_t i = 0; i < described.size(); ++i) {
    auto found = compare_table(described[i], catalog.tables[i]);
    differences.insert(differences.end(), found.begin(), found.end());
  }
  return differences;
}

/// verify_schema, throwing schema_mismatch (listing every difference) when there is any.
template <table_type... Tables>
void require_schema(connection& db) {
  auto differences = verify_schema<Tables...>(db);
  if (!differences.empty()) throw schema_mismatch(std::move(differences));
}

}  // namespace pgdsl
