// SPDX-License-Identifier: BSL-1.0
// Autogenerate on the server: descriptors v1 create the database, descriptors v2 (a renamed
// table and column, added, dropped and retyped columns, nullability, defaults, a new enum label,
// a new table, keys and indexes) are compared with it, the generated file is applied by the
// migrator, and then the drift check finds nothing, the catalog equals v2's create_all, and a
// second autogenerate has nothing to do. Also the linter's verdicts and the app hook.
#include "support/catch.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "migrate_support.hpp"

namespace shop {
enum class state_v1 { fresh, paid };
enum class state_v2 { fresh, paid, shipped };
}  // namespace shop

// Both versions map to the PostgreSQL enum "order_state"; v2 adds a label.
template <class E>
struct order_state_traits {
  static constexpr std::string_view sql_name = "order_state";
  static constexpr pgdsl::oid type_oid = 0;
  static constexpr pgdsl::oid array_oid = 0;
  static constexpr pgdsl::type_category category = pgdsl::type_category::enumeration;
  template <class Out>
  static void encode(const E& value, Out& out) {
    const auto label = pgdsl::type_traits<E>::labels.at(static_cast<std::size_t>(value));
    out.append(label.data(), label.size());
  }
  static E decode(std::string_view wire) {
    const auto& labels = pgdsl::type_traits<E>::labels;
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == wire) return static_cast<E>(i);
    throw pgdsl::decode_error("unknown order_state label");
  }
  static constexpr bool accepts(pgdsl::oid server_type) {
    return pgdsl::is_user_defined_oid(server_type);
  }
};
template <>
struct pgdsl::type_traits<shop::state_v1> : order_state_traits<shop::state_v1> {
  static constexpr std::array<std::string_view, 2> labels{"new", "paid"};
};
template <>
struct pgdsl::type_traits<shop::state_v2> : order_state_traits<shop::state_v2> {
  static constexpr std::array<std::string_view, 3> labels{"new", "paid", "shipped"};
};

namespace v1 {
struct customers_t : pgdsl::table<"customers"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"name", std::string> name;
  column<"nick", std::optional<std::string>, pgdsl::varchar<20>> nick;
  column<"score", std::int32_t> score;
  column<"legacy", std::optional<std::int32_t>> legacy;
  column<"state", shop::state_v1, pgdsl::default_sql<"'new'">> state;
};
struct accounts_t : pgdsl::table<"accounts"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"owner", std::int64_t> owner;
  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::index<"accounts_owner_idx">(owner));
  }
};
}  // namespace v1

namespace v2 {
struct customers_t : pgdsl::table<"customers"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"full_name", std::string, pgdsl::renamed_from<"name">> full_name;
  column<"nick", std::string, pgdsl::varchar<40>> nick;
  column<"score", std::int64_t, pgdsl::default_sql<"0">> score;
  column<"email", std::optional<std::string>, pgdsl::unique> email;
  column<"state", shop::state_v2, pgdsl::default_sql<"'new'">> state;
  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::index<"customers_name_idx">(full_name));
  }
};
struct wallets_t : pgdsl::table<"wallets"> {
  using renamed_from = pgdsl::renamed_from<"accounts">;
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"owner", std::int64_t> owner;
  column<"balance", pgdsl::numeric, pgdsl::precision<12, 2>, pgdsl::default_sql<"0">> balance;
};
struct orders_t : pgdsl::table<"orders"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"customer_id", std::int64_t, pgdsl::references<&customers_t::id>> customer_id;
  column<"note", std::optional<std::string>> note;
};
}  // namespace v2

namespace {

// A directory of its own under the system's temporary directory, removed at the end.
struct temp_dir {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("pgdsl_autogen_" + pgdsl::test::unique_schema_name());
  temp_dir() { std::filesystem::create_directories(path); }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

// The catalog of the tables as sorted lines (column order differs between ALTER ADD COLUMN and
// CREATE TABLE; constraint and index names come from the server and may differ too).
std::vector<std::string> shape(pgdsl::connection& db) {
  const auto snapshot = pgdsl::read_catalog(db, {"customers", "wallets", "orders"});
  std::vector<std::string> lines;
  for (const auto& t : snapshot.tables) {
    for (const auto& c : t.columns)
      lines.push_back(t.name + "." + c.name + " " + c.display_type +
                      (c.not_null ? " not null" : "") + (c.default_sql ? " default" : "") +
                      (c.identity != '\0' ? " identity" : ""));
    for (const auto& k : t.constraints) lines.push_back(t.name + " constraint " + k.definition);
    for (const auto& i : t.indexes) {
      std::string columns;
      for (const auto& c : i.columns) columns += c + " ";
      lines.push_back(t.name + " index " + columns + (i.is_unique ? "unique" : ""));
    }
  }
  for (const auto& e : snapshot.enums) {
    std::string labels;
    for (const auto& l : e.labels) labels += " " + l;
    lines.push_back("enum " + e.name + labels);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

bool has_step(const pgdsl::schema_plan& plan, std::string_view sql) {
  return std::any_of(plan.changes.begin(), plan.changes.end(),
                     [&](const pgdsl::schema_change& c) { return c.sql == sql; });
}

void create_v1(pgdsl::connection& db) {
  db.run_command(pgdsl::create_all<v1::customers_t, v1::accounts_t>().sql);
  db.run_command(pgdsl::runtime_sql(
      "INSERT INTO customers (name, nick, score) VALUES ('ann', 'a', 3), ('bob', 'b', 5);"
      "INSERT INTO accounts VALUES (1, 1)"));
}

}  // namespace

TEST_CASE("autogenerate brings the database from descriptors v1 to v2, then has nothing to do") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  create_v1(db);
  temp_dir dir;

  const auto plan = pgdsl::plan_schema<v2::customers_t, v2::wallets_t, v2::orders_t>(db);
  CHECK(has_step(plan, R"(ALTER TYPE "order_state" ADD VALUE IF NOT EXISTS 'shipped')"));
  CHECK(has_step(plan, R"(ALTER TABLE "customers" RENAME COLUMN "name" TO "full_name")"));
  CHECK(has_step(
      plan,
      R"(ALTER TABLE "customers" ALTER COLUMN "nick" TYPE varchar(40) USING "nick"::varchar(40))"));
  CHECK(has_step(plan, R"(ALTER TABLE "customers" ALTER COLUMN "nick" SET NOT NULL)"));
  CHECK(has_step(plan, R"(ALTER TABLE "customers" ALTER COLUMN "score" SET DEFAULT 0)"));
  CHECK(has_step(plan, R"(ALTER TABLE "customers" ADD COLUMN "email" text UNIQUE)"));
  CHECK(has_step(plan, R"(ALTER TABLE "customers" DROP COLUMN "legacy")"));
  CHECK(has_step(plan, R"(CREATE INDEX "customers_name_idx" ON "customers" ("full_name"))"));
  CHECK(has_step(plan, R"(ALTER TABLE "accounts" RENAME TO "wallets")"));
  CHECK(has_step(plan, R"(DROP INDEX "accounts_owner_idx")"));
  CHECK(has_step(plan, pgdsl::create_table(v2::orders_t{}).sql.view()));
  CHECK(plan.is_destructive());

  // Without permission to lose data nothing is written.
  CHECK_THROWS_AS(pgdsl::write_migration(plan, dir.path.string(), "to_v2"),
                  pgdsl::autogenerate_refused);
  CHECK(std::filesystem::is_empty(dir.path));

  const auto path = pgdsl::write_migration(plan, dir.path.string(), "to_v2", true);
  REQUIRE(path);
  CHECK(path->filename() == "V0001__to_v2.sql");
  std::stringstream text;
  text << std::ifstream(*path).rdbuf();
  CHECK(text.str().find("-- [destructive] drops column \"customers\".\"legacy\"") !=
        std::string::npos);
  CHECK(text.str().find("-- [may fail] \"customers\".\"nick\" SET NOT NULL fails if a row") !=
        std::string::npos);

  pgdsl::migrator migrator(db, pgdsl::migration_set::from_directory(dir.path.string()),
                           migrate_test::test_options());
  CHECK(migrator.up() == 1);
  CHECK(pgdsl::verify_schema<v2::customers_t, v2::wallets_t, v2::orders_t>(db).empty());
  CHECK(pgdsl::plan_schema<v2::customers_t, v2::wallets_t, v2::orders_t>(db).empty());
  CHECK(db.query<std::string>("SELECT full_name FROM customers ORDER BY id").size() == 2);

  // The same shape as v2 created from scratch.
  pgdsl::test::database fresh;
  fresh.db().run_command(pgdsl::create_all<v2::customers_t, v2::wallets_t, v2::orders_t>().sql);
  CHECK(shape(db) == shape(fresh.db()));
}

TEST_CASE("each generated step carries the linter's verdict") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  create_v1(db);
  const auto plan = pgdsl::plan_schema<v2::customers_t, v2::wallets_t, v2::orders_t>(db);
  const auto risk_of = [&](std::string_view summary_start) {
    for (const auto& c : plan.changes)
      if (c.summary.starts_with(summary_start)) return c.risk();
    FAIL("no step " << summary_start);
    return pgdsl::change_risk::safe;
  };
  CHECK(risk_of("drop column \"customers\".\"legacy\"") == pgdsl::change_risk::destructive);
  CHECK(risk_of("set \"customers\".\"nick\" NOT NULL") == pgdsl::change_risk::may_fail);
  CHECK(risk_of("create index \"customers_name_idx\"") == pgdsl::change_risk::locking);
  CHECK(risk_of("add column \"customers\".\"email\"") == pgdsl::change_risk::safe);
  CHECK(risk_of("create table \"orders\"") == pgdsl::change_risk::safe);
  // varchar(20) to varchar(40) changes the catalog only; int4 to int8 rewrites the table.
  CHECK(risk_of("change the type of \"customers\".\"nick\"") == pgdsl::change_risk::safe);

  const auto warnings = plan.warnings();
  CHECK(std::any_of(warnings.begin(), warnings.end(), [](const std::string& w) {
    return w.starts_with("[destructive] drops column") &&
           w.find("Safer: if it was renamed") != std::string::npos;
  }));
}

namespace v3 {  // a NOT NULL column without default, added to a table that has rows
struct customers_t : pgdsl::table<"customers"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"name", std::string> name;
  column<"nick", std::optional<std::string>, pgdsl::varchar<20>> nick;
  column<"score", std::int32_t> score;
  column<"legacy", std::optional<std::int32_t>> legacy;
  column<"state", shop::state_v1, pgdsl::default_sql<"'new'">> state;
  column<"born", std::int64_t> born;
};
}  // namespace v3

TEST_CASE("adding NOT NULL without a default is flagged, and the file fails on a full table") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  create_v1(db);
  const auto plan = pgdsl::plan_schema<v3::customers_t>(db);
  REQUIRE(plan.changes.size() == 1);
  CHECK(plan.changes[0].risk() == pgdsl::change_risk::may_fail);
  CHECK(plan.changes[0].verdicts[0].message.find("NOT NULL without a default") !=
        std::string::npos);
  CHECK_THROWS_AS(db.run_command(pgdsl::runtime_sql(plan.changes[0].sql)), pgdsl::sql_error);
}

TEST_CASE("the autogenerate command writes the file, refuses data loss, and gates CI") {
  pgdsl::test::database fixture;
  create_v1(fixture.db());
  temp_dir dir;
  const auto run = [&](std::vector<std::string> args, std::string* printed = nullptr) {
    args.insert(args.begin(), "autogenerate");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream out, err;
    const int status = pgdsl::autogenerate_main<v2::customers_t, v2::wallets_t, v2::orders_t>(
        static_cast<int>(argv.size()), argv.data(), out, err);
    if (printed != nullptr) *printed = out.str() + err.str();
    return status;
  };
  const std::vector<std::string> where{"--dir", dir.path.string(), "--schema", fixture.schema()};
  const auto with = [&](std::vector<std::string> more) {
    more.insert(more.begin(), where.begin(), where.end());
    return more;
  };
  std::string printed;
  CHECK(run(with({"--check"}), &printed) == 1);
  CHECK(printed.find("[destructive] drops column") != std::string::npos);
  CHECK(run(with({}), &printed) == 3);
  CHECK(printed.find("drop column \"customers\".\"legacy\"") != std::string::npos);
  CHECK(std::filesystem::is_empty(dir.path));
  CHECK(run(with({"--bogus"})) == 2);
  CHECK(run(with({"--name", "to v2"})) == 2);
  CHECK(run(with({"--name", "to_v2", "--allow-destructive"}), &printed) == 0);
  CHECK(std::filesystem::exists(dir.path / "V0001__to_v2.sql"));

  pgdsl::migrator migrator(fixture.db(), pgdsl::migration_set::from_directory(dir.path.string()),
                           migrate_test::test_options());
  CHECK(migrator.up() == 1);
  CHECK(run(with({"--check"}), &printed) == 0);
  CHECK(printed.find("nothing to do") != std::string::npos);
  CHECK(run(with({})) == 0);
  CHECK(!std::filesystem::exists(dir.path / "V0002__autogenerated.sql"));
}
