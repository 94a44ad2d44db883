// SPDX-License-Identifier: BSL-1.0
// quickstart: pgdsl's first chapters as one program. Connects from the environment (DATABASE_URL
// or the PG* variables: tools/quickstart.sh starts a throwaway server and sets them), then creates
// two tables, inserts, joins, groups, updates, deletes, runs a transaction with a savepoint, and
// catches a unique violation, printing each step. The tables are TEMP tables: nothing is left
// behind.
#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

// The schema, written once as C++ descriptors. Each column's SQL name appears once.
struct customers_t : pgdsl::table<"customers"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"name", std::string, pgdsl::unique> name;
  column<"email", std::string> email;
  column<"joined_at", pgdsl::timestamptz, pgdsl::default_sql<"now()">> joined_at;
};
inline constexpr customers_t customers{};

struct orders_t : pgdsl::table<"orders"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"customer_id", std::int64_t, pgdsl::references<&customers_t::id>> customer_id;
  column<"total", pgdsl::numeric> total;
  column<"status", std::string, pgdsl::default_sql<"'new'">> status;
};
inline constexpr orders_t orders{};

using pgdsl::select;

namespace {

void step(const char* title) {
  std::printf("\n== %s\n", title);
}

std::int64_t add_customer(pgdsl::connection& db, const std::string& name,
                          const std::string& email) {
  // INSERT ... RETURNING: the generated id comes back typed as std::int64_t.
  return db
      .execute(pgdsl::insert_into(customers)
                   .set(customers.name = name, customers.email = email)
                   .returning(customers.id))
      .scalar();
}

void add_order(pgdsl::connection& db, std::int64_t customer, const char* total) {
  db.execute(pgdsl::insert_into(orders).set(orders.customer_id = customer,
                                            orders.total = pgdsl::numeric(total)));
}

}  // namespace

int main() try {
  step("connect");
  auto db = pgdsl::connection::from_env();
  const int version = db.server_version();
  std::printf("pgdsl %s connected to PostgreSQL %d.%d\n", PGDSL_VERSION_STRING, version / 10000,
              version % 10000);

  step("create tables from the descriptors");
  // The DDL is rendered at compile time from the same descriptors the queries use.
  const auto create_customers = pgdsl::create_table(customers).temporary();
  std::printf("SQL: %s\n", decltype(create_customers)::sql.c_str());
  db.execute(create_customers);
  db.execute(pgdsl::create_table(orders).temporary());
  std::printf("created customers and orders\n");

  step("insert with RETURNING");
  const auto ann = add_customer(db, "ann", "ann@example.com");
  const auto bob = add_customer(db, "bob", "bob@example.com");
  add_order(db, ann, "19.90");
  add_order(db, ann, "5.10");
  add_order(db, bob, "42.00");
  std::printf("ann has id %lld, bob has id %lld; 3 orders placed\n", static_cast<long long>(ann),
              static_cast<long long>(bob));

  step("select with a join and group by");
  const auto per_customer =
      select(customers.name, pgdsl::count().as<"orders">(), pgdsl::sum(orders.total).as<"spent">())
          .from(customers)
          .join(orders)
          .on(orders.customer_id == customers.id)
          .group_by(customers.name)
          .order_by(customers.name);
  std::printf("SQL: %s\n", decltype(per_customer)::sql.c_str());
  for (const auto& [name, count, spent] : db.execute(per_customer)) {
    // sum() is NULL over no rows, so it reads as std::optional<pgdsl::numeric>.
    std::printf("%-4s %lld orders, %s spent\n", name.c_str(), static_cast<long long>(count),
                spent ? spent->to_string().c_str() : "nothing");
  }

  step("update");
  const auto paid = db.execute(pgdsl::update(orders)
                                   .set(orders.status = "paid")
                                   .where(orders.customer_id == bob && orders.status == "new"))
                        .rows_affected();
  std::printf("%llu of bob's orders marked paid\n", static_cast<unsigned long long>(paid));

  step("delete");
  const auto removed =
      db.execute(pgdsl::delete_from(orders).where(orders.total < pgdsl::numeric("10") &&
                                                  orders.status == "new"))
          .rows_affected();
  std::printf("%llu small unpaid order removed\n", static_cast<unsigned long long>(removed));

  step("a transaction with a savepoint rolled back");
  db.transaction([&](pgdsl::transaction& tx) {
    tx.execute(pgdsl::insert_into(orders).set(orders.customer_id = ann,
                                              orders.total = pgdsl::numeric("7.00")));
    auto savepoint = tx.savepoint();
    tx.execute(pgdsl::update(orders).set(orders.status = "void").all_rows());
    savepoint.rollback();  // only the update is undone
  });                      // returning commits
  for (const auto& [id, status] :
       db.execute(select(orders.id, orders.status).from(orders).order_by(orders.id)))
    std::printf("order %lld is %s\n", static_cast<long long>(id), status.c_str());

  step("catching a unique violation");
  try {
    add_customer(db, "ann", "another.ann@example.com");
  } catch (const pgdsl::unique_violation& e) {
    std::printf("unique_violation on constraint %s (SQLSTATE %s)\n", e.constraint().c_str(),
                e.sqlstate().c_str());
  }

  std::printf("\nquickstart finished\n");
  return 0;
} catch (const pgdsl::error& e) {
  std::fprintf(stderr, "quickstart: %s\n", e.what());
  return 1;
}
