// SPDX-License-Identifier: BSL-1.0
// load_children: the rows related to parents already read, along a foreign key, without one
// query per parent (the N+1 pattern). The parents' keys are bound as ONE array parameter
// (WHERE fk = ANY($1), binary) and the children come back grouped by parent, in the parents'
// order; a large set of parents is split into batches of keys, one statement each.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <ranges>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/struct_mapping.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// How load_children splits the parents' keys.
struct load_children_options {
  /// Distinct keys bound in one statement; more parents run more statements (one per batch).
  std::size_t batch_size = 10'000;
};

namespace detail {

template <class Key>
concept hashable_key = requires(const Key& key) {
  { std::hash<Key>{}(key) } -> std::convertible_to<std::size_t>;
};

/// Each distinct key and the positions of the parents that have it.
template <class Key>
using parent_positions =
    std::conditional_t<hashable_key<Key>, std::unordered_map<Key, std::vector<std::size_t>>,
                       std::map<Key, std::vector<std::size_t>>>;

/// The statement's rows for the keys keys[from, to): `fk IN keys`, added as its WHERE.
template <class Foreign, class Statement, class Key>
auto children_for(connection& db, const Foreign& fk, const Statement& statement,
                  const std::vector<Key>& keys, std::size_t from, std::size_t to) {
  std::vector<Key> batch(keys.begin() + static_cast<std::ptrdiff_t>(from),
                         keys.begin() + static_cast<std::ptrdiff_t>(to));
  return db.execute(statement.where(fk.in(std::move(batch))));
}

/// load_children once its arguments are checked.
template <class Child, class Key, class Parents, class KeyOf, class Foreign, class Statement>
auto load_grouped(connection& db, Parents&& parents, KeyOf& key, const Foreign& fk,
                  const Statement& statement, const load_children_options& options) {
  using key_type = Key;
  using result_type = decltype(db.execute(statement.where(fk.in(std::vector<key_type>{}))));
  using record = typename std::remove_cvref_t<result_type>::record_type;
  using child_type = std::conditional_t<std::is_void_v<Child>, record, Child>;

  parent_positions<key_type> positions;
  std::vector<key_type> keys;  // distinct, in the parents' order
  std::size_t count = 0;
  for (auto&& p : parents) {
    key_type k = std::invoke(key, p);
    auto [at, fresh] = positions.try_emplace(k);
    if (fresh) keys.push_back(std::move(k));
    at->second.push_back(count++);
  }

  std::vector<std::vector<child_type>> children(count);
  const std::size_t step = options.batch_size == 0 ? keys.size() : options.batch_size;
  for (std::size_t from = 0; from < keys.size(); from += step) {
    const std::size_t to = std::min(keys.size(), from + step);
    const auto rows = children_for(db, fk, statement, keys, from, to);
    for (const auto& r : rows) {
      const auto& fk_value = r[fk];
      const key_type* k = nullptr;
      if constexpr (is_optional_v<std::remove_cvref_t<decltype(fk_value)>>) {
        if (!fk_value) continue;
        k = &*fk_value;
      } else {
        k = &fk_value;
      }
      const auto found = positions.find(*k);
      if (found == positions.end()) continue;
      for (const std::size_t i : found->second) {
        if constexpr (std::is_void_v<Child>)
          children[i].push_back(r.to_record());
        else
          children[i].push_back(map_row<Child>(r));
      }
    }
  }
  return children;
}

}  // namespace detail

/// The children of each parent: element i holds the rows of `statement` whose foreign key `fk`
/// equals the key of the i-th parent (`key` is a member pointer or a callable on a parent), in
/// the statement's ORDER BY. `statement` is a SELECT without WHERE that returns `fk` among its
/// columns; each batch of distinct keys adds `WHERE fk = ANY($n)` to it and runs it once (one
/// statement for up to options.batch_size keys). Child is the row's record (a tuple of the
/// columns) by default, or a struct the rows map into by member name (`load_children<order>`).
template <class Child = void, std::ranges::input_range Parents, class KeyOf, column_type Foreign,
          class Statement>
auto load_children(connection& db, Parents&& parents, KeyOf key, const Foreign& fk,
                   const Statement& statement, load_children_options options = {}) {
  using parent = std::ranges::range_reference_t<Parents>;
  static_assert(std::is_invocable_v<KeyOf&, parent>,
                "load_children: the key must be a member pointer or a callable of a parent");
  using key_type = nullable_base_t<typename Foreign::value_type>;
  static_assert(std::is_convertible_v<std::invoke_result_t<KeyOf&, parent>, key_type>,
                "load_children: the parents' key must have the foreign key column's C++ type");
  using narrowed = decltype(statement.where(fk.in(std::vector<key_type>{})));
  constexpr bool takes_where = !std::is_same_v<narrowed, detail::misuse>;
  static_assert(takes_where,
                "load_children: the children's statement must have no WHERE clause, since "
                "load_children adds WHERE fk = ANY($1) to it");
  if constexpr (takes_where)
    return detail::load_grouped<Child, key_type>(db, parents, key, fk, statement, options);
}

}  // namespace pgdsl
