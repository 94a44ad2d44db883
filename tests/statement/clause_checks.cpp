// SPDX-License-Identifier: BSL-1.0
// Which builder calls each statement accepts. A call that is not allowed either does not exist or
// answers with pgdsl::detail::misuse (whose static_assert gives the message when it is called), so
// "builds a statement" is the test. Compiling this file is passing.
#include <concepts>
#include <cstdint>
#include <string>
#include <utility>

#include "../support/shop_schema.hpp"

using namespace shop;

namespace {

template <class T>
concept a_statement = pgdsl::detail::is_statement<T>;
// A builder's answer: a statement, or a step that finishes one (.join(t) waits for .on()).
template <class T>
concept a_builder_step = !std::same_as<T, pgdsl::detail::misuse> && !std::same_as<T, void>;

template <class Q, class C>
concept can_where = requires(Q q, C c) {
  { std::move(q).where(c) } -> a_statement;
};
template <class Q>
concept can_all_rows = requires(Q q) {
  { std::move(q).all_rows() } -> a_statement;
};
template <class Q, class T>
concept can_from = requires(Q q, T t) {
  { std::move(q).from(t) } -> a_statement;
};
template <class Q, class T>
concept can_join = requires(Q q, T t) {
  { std::move(q).join(t) } -> a_builder_step;
};
template <class Q, class T>
concept can_cross_join = requires(Q q, T t) {
  { std::move(q).cross_join(t) } -> a_statement;
};
template <class Q, class T>
concept can_using = requires(Q q, T t) {
  { std::move(q).using_(t) } -> a_statement;
};
template <class Q, class K>
concept can_group_by = requires(Q q, K k) {
  { std::move(q).group_by(k) } -> a_statement;
};
template <class Q, class C>
concept can_having = requires(Q q, C c) {
  { std::move(q).having(c) } -> a_statement;
};
template <class Q, class K>
concept can_order_by = requires(Q q, K k) {
  { std::move(q).order_by(k) } -> a_statement;
};
template <class Q>
concept can_limit = requires(Q q) {
  { std::move(q).limit(1) } -> a_statement;
};
template <class Q>
concept can_offset = requires(Q q) {
  { std::move(q).offset(1) } -> a_statement;
};
template <class Q>
concept can_for_update = requires(Q q) {
  { std::move(q).for_update() } -> a_statement;
};
template <class Q>
concept can_skip_locked = requires(Q q) {
  { std::move(q).skip_locked() } -> a_statement;
};
template <class Q, class R>
concept can_returning = requires(Q q, R r) {
  { std::move(q).returning(r) } -> a_statement;
};
template <class Q>
concept can_on_conflict_do_nothing = requires(Q q) {
  { std::move(q).on_conflict_do_nothing() } -> a_statement;
};

using condition = decltype(users.id == std::int64_t{1});
using users_table = decltype(users);
using orders_table = decltype(orders);
using users_id = decltype(users.id);

// SELECT: each clause once, in any order.
using selected = decltype(select(users.id));
using from_users = decltype(select(users.id).from(users));
using filtered = decltype(select(users.id).from(users).where(users.id == 1));
static_assert(can_from<selected, users_table>);
static_assert(!can_from<from_users, orders_table>, "FROM is set once; more tables join");
static_assert(!can_join<selected, orders_table>, "a JOIN needs a FROM first");
static_assert(!can_cross_join<selected, orders_table>);
static_assert(can_join<from_users, orders_table>);
static_assert(can_cross_join<from_users, orders_table>);
static_assert(can_where<from_users, condition>);
static_assert(can_where<selected, condition>, "WHERE needs no FROM to be written");
static_assert(!can_where<filtered, condition>, "WHERE twice");
static_assert(!can_all_rows<from_users>, ".all_rows() belongs to UPDATE and DELETE");
static_assert(!can_using<from_users, orders_table>, "USING belongs to DELETE");
static_assert(can_order_by<filtered, users_id>);
static_assert(!can_order_by<decltype(select(users.id).from(users).order_by(users.id)), users_id>,
              "ORDER BY twice");
static_assert(can_group_by<from_users, users_id>);
static_assert(!can_group_by<decltype(select(users.id).from(users).group_by(users.id)), users_id>,
              "GROUP BY twice");
static_assert(can_having<from_users, condition>);
static_assert(!can_having<decltype(select(users.id).from(users).having(users.id == 1)), condition>,
              "HAVING twice");
static_assert(can_limit<filtered> && can_offset<filtered>);
static_assert(!can_limit<decltype(select(users.id).from(users).limit(1))>, "LIMIT twice");
static_assert(!can_offset<decltype(select(users.id).from(users).offset(1))>, "OFFSET twice");
static_assert(can_limit<decltype(select(users.id).from(users).offset(1))>,
              "LIMIT after OFFSET still renders in SQL's order");
static_assert(can_for_update<filtered>);
static_assert(!can_skip_locked<filtered>, "SKIP LOCKED follows a row lock");
static_assert(can_skip_locked<decltype(select(users.id).from(users).for_update())>);
static_assert(!can_for_update<decltype(select(users.id).from(users).for_share())>, "one row lock");
static_assert(!can_returning<filtered, users_id>, "RETURNING is not a SELECT clause");

// UPDATE: WHERE or .all_rows(), once; FROM without joins; RETURNING once.
using updated = decltype(update(users).set(users.score = 1.0));
using updated_where = decltype(update(users).set(users.score = 1.0).where(users.id == 1));
using updated_all = decltype(update(users).set(users.score = 1.0).all_rows());
static_assert(can_where<updated, condition> && can_all_rows<updated>);
static_assert(!can_where<updated_where, condition> && !can_all_rows<updated_where>);
static_assert(!can_where<updated_all, condition> && !can_all_rows<updated_all>);
static_assert(can_from<updated, orders_table>);
static_assert(!can_join<decltype(update(users).set(users.score = 1.0).from(orders)), users_table>,
              "joins are SELECT's");
static_assert(!can_order_by<updated_where, users_id> && !can_limit<updated_where>);
static_assert(can_returning<updated_where, users_id>);
static_assert(
    !can_returning<decltype(update(users).set(users.score = 1.0).all_rows().returning(users.id)),
                   users_id>,
    "RETURNING twice");

// DELETE: USING once, WHERE or .all_rows() once, RETURNING once.
using deleted = decltype(delete_from(users));
static_assert(can_using<deleted, orders_table>);
static_assert(!can_using<decltype(delete_from(users).using_(orders)), orders_table>);
static_assert(can_where<deleted, condition> && can_all_rows<deleted>);
static_assert(!can_where<decltype(delete_from(users).where(users.id == 1)), condition>);
static_assert(!can_from<deleted, orders_table>, "DELETE lists other tables with USING");
static_assert(can_returning<deleted, users_id>);
static_assert(!can_group_by<deleted, users_id>);

// INSERT: ON CONFLICT once, RETURNING once, no WHERE.
using inserted = decltype(insert_into(users).set(users.username = "a", users.email = "b"));
static_assert(can_on_conflict_do_nothing<inserted>);
static_assert(
    !can_on_conflict_do_nothing<decltype(std::declval<inserted>().on_conflict_do_nothing())>);
static_assert(can_returning<inserted, users_id>);
static_assert(!can_returning<decltype(std::declval<inserted>().returning(users.id)), users_id>);
static_assert(!can_where<inserted, condition>);

}  // namespace
