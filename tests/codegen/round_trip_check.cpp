// SPDX-License-Identifier: BSL-1.0
// Compiled by round_trip.sh against the header pgdsl-codegen wrote (GENERATED_HEADER): the
// generated descriptors compile, describe the schema they were read from without drift, and
// create a second schema (argv[2]) that the original descriptors find no drift in either.
#include <cstdio>
#include <string>
#include <vector>

#include "round_trip_schema.hpp"
#include GENERATED_HEADER

namespace {

template <class... T>
std::vector<pgdsl::schema_difference> verify(pgdsl::connection& db, pgdsl::type_list<T...>) {
  return pgdsl::verify_schema<T...>(db);
}
template <class... T>
auto create_all_of(pgdsl::type_list<T...>) {
  return pgdsl::create_all<T...>();
}

pgdsl::connection connect_to(const std::string& schema) {
  pgdsl::connection_options options;
  options.options = "-c search_path=" + schema;
  return pgdsl::connection::from_env(options);
}

int report(const char* what, const std::vector<pgdsl::schema_difference>& differences) {
  for (const auto& d : differences) std::fprintf(stderr, "%s: %s\n", what, d.describe().c_str());
  return differences.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 3) return 2;
  auto first = connect_to(argv[1]);
  int failures =
      report("generated descriptors vs the schema they came from", verify(first, gen::tables{}));
  auto db = pgdsl::connection::from_env();
  db.set_notice_handler([](const pgdsl::notice&) {});
  db.run_command(pgdsl::runtime_sql(std::string("DROP SCHEMA IF EXISTS ") + argv[2] + " CASCADE"));
  db.run_command(pgdsl::runtime_sql(std::string("CREATE SCHEMA ") + argv[2]));
  auto second = connect_to(argv[2]);
  second.run_command(create_all_of(gen::tables{}).sql);
  failures += report("original descriptors vs the schema the generated ones created",
                     verify(second, rt::tables{}));
  return failures == 0 ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "round_trip_check: %s\n", e.what());
  return 1;
}
