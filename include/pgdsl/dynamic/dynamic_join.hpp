// SPDX-License-Identifier: BSL-1.0
// Optional joins of a dynamic SELECT: pgdsl::left_join(orders).on(...) given to .join(), alone or
// through pgdsl::when(flag, ...), so a search joins a table only when a filter or a sort key needs
// it. A part that uses an optional join's table is refused: at compile time when the part is
// always there, at run time (absent_join, naming the table) when it is present and the join is not.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "pgdsl/error/error.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/statement/clause/from.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// A present part of a dynamic statement uses a table whose optional join is absent.
class absent_join : public error {
 public:
  explicit absent_join(const std::string& table)
      : error("a condition, sort key or join of the dynamic statement uses " + table +
              ", whose optional join is absent from this shape: ask for the join whenever a "
              "part that uses its table is present"),
        table_(table) {}
  /// The table as FROM writes it: "orders", or "users" AS "u".
  const std::string& table() const noexcept { return table_; }

 private:
  std::string table_;
};

/// The condition of the optional-join rule: names the table joined only when asked.
template <class Table, bool Holds>
inline constexpr bool table_is_joined_always = Holds;
/// The condition of the rule that a table is joined once: names the table.
template <class Table, bool Holds>
inline constexpr bool table_is_joined_once = Holds;

namespace detail {

/// left_join(t) / join(t) waiting for its ON condition.
template <join_kind Kind, class Table>
struct pending_dynamic_join {
  /// ON condition: a boolean expression.
  template <class Condition>
  [[nodiscard]] auto on(Condition&& condition) const {
    auto operand = to_operand(std::forward<Condition>(condition));
    check_boolean<decltype(operand)>();
    using source = from_item<identity_of<Table>>;
    return join_item<Kind, source, decltype(operand)>{source{}, std::move(operand)};
  }
};

template <class T>
inline constexpr bool is_dynamic_join = false;
template <join_kind Kind, class Table, class Condition>
inline constexpr bool is_dynamic_join<join_item<Kind, Table, Condition>> =
    Kind == join_kind::inner || Kind == join_kind::left;

/// The tables a part of a dynamic statement uses and the values it binds (a join: its ON
/// condition's).
template <class Part>
struct part_traits {
  using tables = typename Part::tables;
  using params = typename Part::params;
};
template <join_kind Kind, class Table, class Condition>
struct part_traits<join_item<Kind, Table, Condition>> {
  using tables = typename Condition::tables;
  using params = typename Condition::params;
};
template <class Part>
using part_tables = typename part_traits<Part>::tables;
template <class Part>
using part_params = typename part_traits<Part>::params;

/// Bit i set when the i-th of JoinIds is among Tables and is joined only when asked (Optional).
template <class Tables, class JoinIds, std::uint64_t Optional>
constexpr std::uint64_t joins_needed() {
  return []<class... Ids>(type_list<Ids...>) {
    std::uint64_t bits = 0;
    std::size_t at = 0;
    ((bits |= std::uint64_t{contains_v<Ids, Tables>} << at++), ...);
    return bits & Optional;
  }(JoinIds{});
}

/// A part that is always there must not use a table joined only when asked.
template <class Tables, class JoinIds, std::uint64_t Optional>
constexpr void check_fixed_part_joins() {
  constexpr std::uint64_t needed = joins_needed<Tables, JoinIds, Optional>();
  if constexpr (needed != 0) {
    using table = at_t<std::countr_zero(needed), JoinIds>;
    static_assert(table_is_joined_always<typename table::description, false>,
                  "a condition, sort key or join that is always there uses a table joined only "
                  "when asked (pgdsl::when): make the part optional too, or join the table always");
  }
}

/// Each join's table is new (not in the base's FROM, not joined before) and its ON condition
/// uses only the base's tables, the tables joined before it and its own.
template <class Scope>
constexpr void check_dynamic_joins(type_list<>) {}
template <class Scope, class First, class... Later>
constexpr void check_dynamic_joins(type_list<First, Later...>) {
  using table = typename from_entry_traits<First>::identity;
  static_assert(table_is_joined_once<typename table::description, !contains_v<table, Scope>>,
                "a table is joined twice (or is already in the base's FROM): join it under an "
                "alias, table.as<\"name\">()");
  using scope = concat_t<Scope, type_list<table>>;
  check_scope<difference_t<typename First::tables, scope>>();
  check_dynamic_joins<scope>(type_list<Later...>{});
}

/// The i-th of JoinIds as FROM writes it.
template <class... Ids>
std::string join_table_name(type_list<Ids...>, std::size_t index) {
  std::string name;
  std::size_t at = 0;
  ((at++ == index ? [&] {
    sql_writer counter;
    Ids::render_reference(counter);
    name.resize(counter.size());
    sql_writer writer(name.data());
    Ids::render_reference(writer);
  }()
                  : void()),
   ...);
  return name;
}

/// Throws absent_join naming the first table in `needed` whose join is not `present`.
template <class JoinIds>
void check_joins_present(std::uint64_t needed, std::uint64_t present) {
  const std::uint64_t missing = needed & ~present;
  if (missing != 0)
    throw absent_join(
        join_table_name(JoinIds{}, static_cast<std::size_t>(std::countr_zero(missing))));
}

/// The joins each column of a sort_by() needs, by column position.
template <class JoinIds, std::uint64_t Optional, class... Columns>
constexpr std::array<std::uint64_t, sizeof...(Columns)> column_joins(type_list<Columns...>) {
  return {joins_needed<typename Columns::tables, JoinIds, Optional>()...};
}

/// The base's clauses with the dynamic joins after its FROM: rendered and bound in that order,
/// so placeholders stay numbered left to right.
template <class Base>
struct base_around_joins;
template <class... Clauses>
struct base_around_joins<statement<Clauses...>> {
  template <class Joins>
  static void render(sql_writer& w, Joins&& joins) {
    ((Clauses::render(w), std::is_same_v<typename Clauses::slot, from_slot> ? joins(w) : void()),
     ...);
  }
  template <class F, class Joins>
  static void bind(const statement<Clauses...>& base, F& f, Joins&& joins) {
    ((static_cast<const slot_of<Clauses>&>(base).clause.bind(f),
      std::is_same_v<typename Clauses::slot, from_slot> ? joins(f) : void()),
     ...);
  }
};

}  // namespace detail

/// JOIN table ON ..., for a dynamic statement's .join(): pgdsl::when(flag, pgdsl::join(t).on(c)).
template <table_type Table>
auto join(const Table&) {
  return detail::pending_dynamic_join<detail::join_kind::inner, Table>{};
}
/// LEFT JOIN table ON ..., for a dynamic statement's .join().
template <table_type Table>
auto left_join(const Table&) {
  return detail::pending_dynamic_join<detail::join_kind::left, Table>{};
}

}  // namespace pgdsl
