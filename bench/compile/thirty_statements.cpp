// SPDX-License-Identifier: BSL-1.0
// Compile-cost benchmark, "render": 30 realistic statements over users, orders and order_items,
// the way an application writes them. bench/compile/measure.sh compiles this file with g++ and
// clang at -O2 and reports wall time and peak memory (median of 3). Every statement's SQL is
// used, so it is rendered: nothing here is cheaper than in an application. execute_thirty.cpp
// runs the same statements; headers_only.cpp is the baseline.
#include <string>
#include <tuple>
#include <vector>

#include "shop_schema.hpp"

using namespace shop;

// Sums the lengths of every statement's SQL so that none is optimized away unrendered.
std::size_t all_statements(std::int64_t id, const std::string& email,
                           const std::vector<std::int64_t>& ids,
                           const std::vector<std::tuple<std::string, std::string>>& new_users) {
  std::size_t total = 0;
  auto use = [&](const auto& q) { total += std::remove_cvref_t<decltype(q)>::sql.size(); };

  // Point and filtered selects.
  use(select(users.id, users.username, users.email).from(users).where(users.id == id));
  use(select(all_of(users)).from(users).where(users.email == email));
  use(select(users.id)
          .from(users)
          .where(users.score > 10.0 && users.created_at < now())
          .order_by(users.created_at.desc())
          .limit(20));
  use(select(users.username)
          .from(users)
          .where(users.email.ilike("%@example.com") || users.score.is_null())
          .order_by(users.username)
          .limit(50)
          .offset(100));
  use(select(orders.id, orders.total)
          .from(orders)
          .where(orders.status == "paid" && orders.total.between(10, 100)));
  // Three-table joins.
  use(select(users.username, orders.id, order_items.product, order_items.quantity)
          .from(users)
          .join(orders)
          .on(orders.user_id == users.id)
          .join(order_items)
          .on(order_items.order_id == orders.id)
          .where(users.id == id));
  use(select(order_items.product,
             (order_items.unit_price * order_items.quantity).as<"line_total">())
          .from(order_items)
          .join(orders)
          .on(orders.id == order_items.order_id)
          .join(users)
          .on(users.id == orders.user_id)
          .where(users.email == email && orders.status != "cancelled"));
  // Left join.
  use(select(users.username, orders.id, orders.total)
          .from(users)
          .left_join(orders)
          .on(orders.user_id == users.id)
          .where(users.score > 1.0));
  use(select(users.id, count(orders.id).as<"orders">())
          .from(users)
          .left_join(orders)
          .on(orders.user_id == users.id)
          .group_by(users.id));
  // Group by / having, several aggregates.
  use(select(orders.user_id, count().as<"n">(), sum(orders.total).as<"spent">(), avg(orders.total),
             min(orders.placed_at), max(orders.placed_at))
          .from(orders)
          .group_by(orders.user_id)
          .having(count() > 3));
  use(select(order_items.product, sum(order_items.quantity).as<"units">())
          .from(order_items)
          .group_by(order_items.product)
          .having(sum(order_items.quantity) > 100)
          .order_by(sum(order_items.quantity).desc()));
  use(select(orders.status, count(), avg(orders.total))
          .from(orders)
          .where(orders.placed_at > now())
          .group_by(orders.status));
  // DISTINCT.
  use(select_distinct(orders.status).from(orders));
  use(select_distinct(order_items.product)
          .from(order_items)
          .where(order_items.quantity > 0)
          .order_by(order_items.product));
  // IN / EXISTS / NOT IN subqueries.
  use(select(users.username).from(users).where(users.id.in(ids)));
  use(select(users.username)
          .from(users)
          .where(users.id.in(select(orders.user_id).from(orders).where(orders.total > 500))));
  use(select(users.username)
          .from(users)
          .where(exists(select(orders.id).from(orders).where(orders.user_id == users.id &&
                                                             orders.status == "open"))));
  use(select(users.id).from(users).where(users.id.not_in(select(orders.user_id).from(orders))));
  use(select(users.id).from(users).where(users.score > select(avg(users.score)).from(users)));
  // Single and multi-row inserts.
  use(insert_into(users).set(users.username = "bob", users.email = email));
  use(insert_into(orders).set(orders.user_id = id, orders.total = numeric(0)).returning(orders.id));
  use(insert_into(order_items)
          .set(order_items.order_id = id, order_items.product = "pen", order_items.quantity = 2,
               order_items.unit_price = numeric(3)));
  total +=
      insert_into(users).columns(users.username, users.email).values(new_users).sql.size();
  // Upsert with RETURNING.
  use(insert_into(users)
          .set(users.username = "bob", users.email = email)
          .on_conflict(users.username)
          .do_update(users.email = excluded(users.email))
          .returning(users.id, users.created_at));
  // Updates with expressions.
  use(update(users).set(users.score = users.score + 1.5).where(users.id == id));
  use(update(orders)
          .set(orders.status = "shipped", orders.note = "sent")
          .where(orders.id.in(ids) && orders.status == "paid")
          .returning(orders.id));
  use(update(order_items)
          .set(order_items.quantity = order_items.quantity * 2)
          .where(order_items.order_id == id && order_items.product.like("pen%")));
  // Deletes with subqueries.
  use(delete_from(order_items)
          .where(order_items.order_id.in(
              select(orders.id).from(orders).where(orders.status == "cancelled"))));
  use(delete_from(orders)
          .where(orders.user_id == id && !exists(select(order_items.order_id)
                                                     .from(order_items)
                                                     .where(order_items.order_id == orders.id)))
          .returning(orders.id));
  use(delete_from(users).where(users.created_at < now() && users.score.is_null()));
  return total;
}
