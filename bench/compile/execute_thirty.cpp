// SPDX-License-Identifier: BSL-1.0
// Compile-cost benchmark, "execute": the 30 statements of thirty_statements.cpp run against a
// pgdsl::connection, every column of every row read into local variables, through structured
// bindings and through .as<Struct>(), as an application reads results. Measured by measure.sh
// beside the render-only and headers-only translation units; never run (no server needed).
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "shop_schema.hpp"

using namespace shop;

namespace {

// Result structs for .as<S>(): member names are the result columns' names.
struct user_summary {
  std::int64_t id;
  std::string username;
  std::string email;
};
struct user_row {
  std::int64_t id;
  std::string username;
  std::string email;
  timestamptz created_at;
  std::optional<double> score;
};
struct order_total {
  std::int64_t id;
  numeric total;
};
struct order_line {
  std::string username;
  std::int64_t id;
  std::string product;
  std::int32_t quantity;
};
struct user_order_count {
  std::int64_t id;
  std::int64_t orders;
};

// Counts what was read, so that every local is used.
struct reader {
  std::size_t values = 0;
  template <class... T>
  void operator()(const T&...) { values += sizeof...(T); }
};

}  // namespace

std::size_t execute_all_statements(pgdsl::connection& db, std::int64_t id, const std::string& email,
                                   const std::vector<std::int64_t>& ids,
                                   const std::vector<std::tuple<std::string, std::string>>& new_users) {
  reader read;

  // Point and filtered selects.
  for (const user_summary& u :
       db.execute(select(users.id, users.username, users.email).from(users).where(users.id == id))
           .as<user_summary>())
    read(u.id, u.username, u.email);
  for (const user_row& u :
       db.execute(select(all_of(users)).from(users).where(users.email == email)).as<user_row>())
    read(u.id, u.username, u.email, u.created_at, u.score);
  for (const auto& [user_id] : db.execute(select(users.id)
                                               .from(users)
                                               .where(users.score > 10.0 && users.created_at < now())
                                               .order_by(users.created_at.desc())
                                               .limit(20)))
    read(user_id);
  for (const auto& [username] :
       db.execute(select(users.username)
                      .from(users)
                      .where(users.email.ilike("%@example.com") || users.score.is_null())
                      .order_by(users.username)
                      .limit(50)
                      .offset(100)))
    read(username);
  for (const order_total& o : db.execute(select(orders.id, orders.total)
                                             .from(orders)
                                             .where(orders.status == "paid" &&
                                                    orders.total.between(10, 100)))
                                  .as<order_total>())
    read(o.id, o.total);
  // Three-table joins.
  for (const order_line& line :
       db.execute(select(users.username, orders.id, order_items.product, order_items.quantity)
                      .from(users)
                      .join(orders)
                      .on(orders.user_id == users.id)
                      .join(order_items)
                      .on(order_items.order_id == orders.id)
                      .where(users.id == id))
           .as<order_line>())
    read(line.username, line.id, line.product, line.quantity);
  for (const auto& [product, line_total] :
       db.execute(select(order_items.product,
                         (order_items.unit_price * order_items.quantity).as<"line_total">())
                      .from(order_items)
                      .join(orders)
                      .on(orders.id == order_items.order_id)
                      .join(users)
                      .on(users.id == orders.user_id)
                      .where(users.email == email && orders.status != "cancelled")))
    read(product, line_total);
  // Left join.
  for (const auto& [username, order_id, total] : db.execute(select(users.username, orders.id, orders.total)
                                                                .from(users)
                                                                .left_join(orders)
                                                                .on(orders.user_id == users.id)
                                                                .where(users.score > 1.0)))
    read(username, order_id, total);
  for (const user_order_count& c : db.execute(select(users.id, count(orders.id).as<"orders">())
                                                  .from(users)
                                                  .left_join(orders)
                                                  .on(orders.user_id == users.id)
                                                  .group_by(users.id))
                                       .as<user_order_count>())
    read(c.id, c.orders);
  // Group by / having, several aggregates.
  for (const auto& [user_id, n, spent, average, first, last] :
       db.execute(select(orders.user_id, count().as<"n">(), sum(orders.total).as<"spent">(),
                         avg(orders.total), min(orders.placed_at), max(orders.placed_at))
                      .from(orders)
                      .group_by(orders.user_id)
                      .having(count() > 3)))
    read(user_id, n, spent, average, first, last);
  for (const auto& [product, units] :
       db.execute(select(order_items.product, sum(order_items.quantity).as<"units">())
                      .from(order_items)
                      .group_by(order_items.product)
                      .having(sum(order_items.quantity) > 100)
                      .order_by(sum(order_items.quantity).desc())))
    read(product, units);
  for (const auto& [status, n, average] : db.execute(select(orders.status, count(), avg(orders.total))
                                                         .from(orders)
                                                         .where(orders.placed_at > now())
                                                         .group_by(orders.status)))
    read(status, n, average);
  // DISTINCT.
  for (const auto& [status] : db.execute(select_distinct(orders.status).from(orders))) read(status);
  for (const auto& [product] : db.execute(select_distinct(order_items.product)
                                              .from(order_items)
                                              .where(order_items.quantity > 0)
                                              .order_by(order_items.product)))
    read(product);
  // IN / EXISTS / NOT IN subqueries.
  for (const auto& [username] : db.execute(select(users.username).from(users).where(users.id.in(ids))))
    read(username);
  for (const auto& [username] :
       db.execute(select(users.username)
                      .from(users)
                      .where(users.id.in(select(orders.user_id).from(orders).where(orders.total > 500)))))
    read(username);
  for (const auto& [username] :
       db.execute(select(users.username)
                      .from(users)
                      .where(exists(select(orders.id).from(orders).where(
                          orders.user_id == users.id && orders.status == "open")))))
    read(username);
  for (const auto& [user_id] :
       db.execute(select(users.id).from(users).where(users.id.not_in(select(orders.user_id).from(orders)))))
    read(user_id);
  for (const auto& [user_id] :
       db.execute(select(users.id).from(users).where(users.score > select(avg(users.score)).from(users))))
    read(user_id);
  // Single and multi-row inserts.
  read(db.execute(insert_into(users).set(users.username = "bob", users.email = email)).rows_affected());
  {
    const std::int64_t order_id =
        db.execute(insert_into(orders).set(orders.user_id = id, orders.total = numeric(0)).returning(orders.id))
            .scalar();
    read(order_id);
  }
  read(db.execute(insert_into(order_items)
                      .set(order_items.order_id = id, order_items.product = "pen",
                           order_items.quantity = 2, order_items.unit_price = numeric(3)))
           .rows_affected());
  read(db.execute(insert_into(users).columns(users.username, users.email).values(new_users))
           .rows_affected());
  // Upsert with RETURNING.
  {
    const auto [user_id, created_at] = db.execute(insert_into(users)
                                                      .set(users.username = "bob", users.email = email)
                                                      .on_conflict(users.username)
                                                      .do_update(users.email = excluded(users.email))
                                                      .returning(users.id, users.created_at))
                                           .one();
    read(user_id, created_at);
  }
  // Updates with expressions.
  read(db.execute(update(users).set(users.score = users.score + 1.5).where(users.id == id))
           .rows_affected());
  for (const auto& [order_id] : db.execute(update(orders)
                                               .set(orders.status = "shipped", orders.note = "sent")
                                               .where(orders.id.in(ids) && orders.status == "paid")
                                               .returning(orders.id)))
    read(order_id);
  read(db.execute(update(order_items)
                      .set(order_items.quantity = order_items.quantity * 2)
                      .where(order_items.order_id == id && order_items.product.like("pen%")))
           .rows_affected());
  // Deletes with subqueries.
  read(db.execute(delete_from(order_items)
                      .where(order_items.order_id.in(
                          select(orders.id).from(orders).where(orders.status == "cancelled"))))
           .rows_affected());
  for (const auto& [order_id] :
       db.execute(delete_from(orders)
                      .where(orders.user_id == id && !exists(select(order_items.order_id)
                                                                 .from(order_items)
                                                                 .where(order_items.order_id == orders.id)))
                      .returning(orders.id)))
    read(order_id);
  read(db.execute(delete_from(users).where(users.created_at < now() && users.score.is_null()))
           .rows_affected());
  return read.values;
}
