// SPDX-License-Identifier: BSL-1.0
// pgdsl-codegen's generator without a server: include/exclude patterns, C++ names for SQL names,
// escaping, and what it writes for catalog entries it cannot express as descriptors.
#include "support/catch.hpp"

#include <string>

#include "generator.hpp"

using namespace pgdsl_codegen;

TEST_CASE("include and exclude patterns are globs with * and ?") {
  CHECK(glob_match("*", "users"));
  CHECK(glob_match("user?", "users"));
  CHECK(glob_match("u*s", "users"));
  CHECK_FALSE(glob_match("u*x", "users"));
  options o;
  o.include = {"shop_*"};
  o.exclude = {"*_old"};
  CHECK(selected(o, "shop_orders"));
  CHECK_FALSE(selected(o, "shop_orders_old"));
  CHECK_FALSE(selected(o, "users"));
}

TEST_CASE("SQL names become valid C++ names and string literals") {
  CHECK(identifier("order items") == "order_items");
  CHECK(identifier("2fa") == "n_2fa");
  CHECK(identifier("class") == "class_");
  CHECK(identifier("column") == "column_");  // would hide table<...>::column
  CHECK(quoted("we\"ird\\") == R"("we\"ird\\")");
}

TEST_CASE("what has no descriptor form is written as a comment, not dropped silently") {
  pgdsl::catalog_snapshot snapshot;
  pgdsl::catalog_table t;
  t.name = "events";
  t.exists = true;
  t.kind = 'r';
  t.columns.push_back({"id", "int8", false, false, -1, "bigint", true, std::nullopt, 'a'});
  t.columns.push_back({"spot", "point", false, false, -1, "point", false, std::nullopt, '\0'});
  t.columns.push_back({"user_id", "int8", false, false, -1, "bigint", true, std::nullopt, '\0'});
  t.constraints.push_back({"events_pkey", 'p', {"id"}, "PRIMARY KEY (id)", std::nullopt, {}});
  t.constraints.push_back({"events_user_id_fkey",
                           'f',
                           {"user_id"},
                           "FOREIGN KEY (user_id) REFERENCES users(id)",
                           "users",
                           {"id"}});
  t.indexes.push_back({"events_pkey", true, true, {"id"}, "CREATE UNIQUE INDEX ...", std::nullopt});
  t.indexes.push_back({"events_lower_idx", false, false, {""}, "CREATE INDEX ...", std::nullopt});
  snapshot.tables.push_back(t);
  const std::string header = generate(snapshot, options{});
  CHECK(header.find(R"(column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;)") !=
        std::string::npos);
  CHECK(header.find(R"(// column "spot" (point) is not generated)") != std::string::npos);
  CHECK(header.find(R"(// foreign key "events_user_id_fkey" is not generated)") !=
        std::string::npos);
  CHECK(header.find(R"(// index "events_lower_idx" is not generated)") != std::string::npos);
  CHECK(header.find("using tables = pgdsl::type_list<events_t>;") != std::string::npos);
  CHECK(generate(snapshot, options{}) == header);  // stable
}

TEST_CASE("a view becomes a pgdsl::view descriptor, read-only") {
  pgdsl::catalog_snapshot snapshot;
  pgdsl::catalog_table v;
  v.name = "active_users";
  v.exists = true;
  v.kind = 'v';
  v.columns.push_back({"id", "int8", false, false, -1, "bigint", false, std::nullopt, '\0'});
  snapshot.tables.push_back(v);
  const std::string header = generate(snapshot, options{});
  CHECK(header.find(R"(struct active_users_t : pgdsl::view<"active_users"> {)") !=
        std::string::npos);
  CHECK(header.find(R"(column<"id", std::optional<std::int64_t>> id;)") != std::string::npos);
}
