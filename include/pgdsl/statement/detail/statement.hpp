// SPDX-License-Identifier: BSL-1.0
// statement<Clauses...>: every statement is a list of clause slots, each slot a type. A builder
// method (.where(), .limit(), ...) comes from the mixin of the clause in its slot and returns the
// statement with that one slot replaced by type: an empty slot's mixin offers the method, a filled
// slot's mixin answers it with a message, so "WHERE twice" cannot be written.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "pgdsl/render/sql_text.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/statement/scope_check.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// The condition of the clause rules (each clause once, and only where the statement has it):
/// names the clause's slot.
template <class Slot, bool Holds>
inline constexpr bool clause_can_be_added = Holds;

/// The condition of the whole-table rule for UPDATE and DELETE.
template <class Statement, bool Holds>
inline constexpr bool has_where_or_all_rows = Holds;
struct update_statement {};
struct delete_statement {};

/// The condition of the rule that a statement variable keeps its type.
template <bool Holds>
inline constexpr bool statement_keeps_its_type = Holds;

}  // namespace pgdsl

namespace pgdsl::detail {

/// The builder methods the clause in a slot gives its statement; by default, none. Each clause
/// header specializes it for its clause types.
template <class Clause, class Statement>
struct clause_methods {};

/// What a misused builder method returns: its body's static_assert says what is wrong, and
/// concept checks (tests/statement) see that the call does not build a statement.
struct misuse {};

// What a clause contributes to its statement. Every member is optional: a clause declares only
// what it has (tables it references, bound values, the tables it brings into scope, ...).
template <class C>
constexpr auto clause_tables() {
  if constexpr (requires { typename C::tables; })
    return typename C::tables{};
  else
    return type_list<>{};
}
template <class C>
constexpr auto clause_params() {
  if constexpr (requires { typename C::params; })
    return typename C::params{};
  else
    return type_list<>{};
}
template <class C>
constexpr auto clause_scope() {
  if constexpr (requires { typename C::scope; })
    return typename C::scope{};
  else
    return type_list<>{};
}
template <class C>
constexpr auto clause_null_tables() {
  if constexpr (requires { typename C::null_tables; })
    return typename C::null_tables{};
  else
    return type_list<>{};
}
/// Tables a clause references outside the statement's scope (INSERT's VALUES sees no table).
template <class C>
constexpr auto clause_unscoped_tables() {
  if constexpr (requires { typename C::unscoped_tables; })
    return typename C::unscoped_tables{};
  else
    return type_list<>{};
}
template <class C, class NullTables>
constexpr auto clause_result_columns() {
  if constexpr (requires { typename C::template result_columns<NullTables>; })
    return typename C::template result_columns<NullTables>{};
  else
    return type_list<>{};
}
/// The statement kind whose WHERE slot is still empty but must not be (UPDATE, DELETE).
template <class C>
constexpr auto clause_unfilled_where() {
  if constexpr (requires { typename C::unfilled_where; })
    return type_list<typename C::unfilled_where>{};
  else
    return type_list<>{};
}

/// Where a statement keeps the clause filling Slot: a base keyed by slot, so that a replaced
/// statement moves its other clauses base by base, with no index to compute.
template <class Slot, class Clause>
struct filled_slot {
  Clause clause;
};
template <class Clause>
using slot_of = filled_slot<typename Clause::slot, Clause>;

/// A statement: its clauses, rendered and bound in slot order.
template <class... Clauses>
struct statement : clause_methods<Clauses, statement<Clauses...>>..., slot_of<Clauses>... {
  constexpr statement() = default;
  constexpr explicit statement(Clauses... parts) requires(sizeof...(Clauses) > 0)
      : slot_of<Clauses>{std::move(parts)}... {}
  /// From the clauses themselves, forwarded (replace_clause).
  template <class... Parts>
  constexpr statement(std::in_place_t, Parts&&... parts)
      : slot_of<Clauses>{std::forward<Parts>(parts)}... {}

  // `if (x) q = q.where(c);` assigns a statement of another type: say why it cannot work (the
  // same type's copy and move assignment are the implicit ones, preferred over this template).
  template <class... Other, bool Allowed = false>
  statement& operator=(const statement<Other...>&) {
    static_assert(statement_keeps_its_type<Allowed>,
                  "each clause changes the statement's type, so q = q.where(...) cannot store "
                  "the result in q: keep the clause and switch it with a bound value, or build "
                  "each variant in its own branch (docs/queries.md, \"Optional parts\")");
    return *this;
  }

  using params = concat_t<decltype(clause_params<Clauses>())...>;
  using param_types = params;
  static constexpr std::size_t param_count = params::size;
  using scope = concat_t<decltype(clause_scope<Clauses>())...>;
  using null_tables = concat_t<decltype(clause_null_tables<Clauses>())...>;
  /// Tables referenced here but not in this statement's FROM: the enclosing query's (correlation).
  using outer_tables =
      concat_t<decltype(clause_unscoped_tables<Clauses>())...,
               difference_t<concat_t<decltype(clause_tables<Clauses>())...>, scope>>;
  using result_columns = concat_t<decltype(clause_result_columns<Clauses, null_tables>())...>;

  /// The SQL text, a compile-time constant: static_assert(q.sql == "SELECT ...").
  static constexpr sql_text<statement> sql{};

  static constexpr void render(sql_writer& w) { (Clauses::render(w), ...); }
  /// Calls f(value) for each bound value, in $n order.
  template <class F>
  constexpr void bind(F&& f) const {
    (static_cast<const slot_of<Clauses>&>(*this).clause.bind(f), ...);
  }
  /// The rules only a finished statement can judge; run when its SQL is first used.
  static constexpr void check_complete() {
    using unfilled_where = concat_t<decltype(clause_unfilled_where<Clauses>())...>;
    if constexpr (unfilled_where::size != 0) {
      using kind = at_t<0, unfilled_where>;
      if constexpr (std::is_same_v<kind, update_statement>)
        static_assert(has_where_or_all_rows<kind, false>,
                      "UPDATE without WHERE changes every row: add .where(condition), or say "
                      ".all_rows() if that is what you mean");
      else
        static_assert(has_where_or_all_rows<kind, false>,
                      "DELETE without WHERE removes every row: add .where(condition), or say "
                      ".all_rows() if that is what you mean");
    }
    check_scope<outer_tables>();
  }
};

template <class T>
inline constexpr bool is_statement = false;
template <class... Clauses>
inline constexpr bool is_statement<statement<Clauses...>> = true;

/// The clause of a statement that fills Slot.
template <class Slot, class Clause>
constexpr Clause& clause_in(filled_slot<Slot, Clause>& s) {
  return s.clause;
}

/// `replacement` when Take, else `original`: builds a statement with one clause swapped.
template <bool Take, class New, class Old>
constexpr decltype(auto) pick(New&& replacement, Old&& original) {
  if constexpr (Take)
    return std::forward<New>(replacement);
  else
    return std::forward<Old>(original);
}

/// The statement with the clause in Slot replaced by `clause` (whose type may differ).
template <class Slot, class New, class... Clauses>
constexpr auto replace_clause(statement<Clauses...>&& s, New&& clause) {
  static_assert((std::is_same_v<typename Clauses::slot, Slot> || ...),
                "this statement has no such clause");
  return statement<std::conditional_t<std::is_same_v<typename Clauses::slot, Slot>,
                                      std::remove_cvref_t<New>, Clauses>...>(
      std::in_place, pick<std::is_same_v<typename Clauses::slot, Slot>>(
                         std::forward<New>(clause), std::move(s.slot_of<Clauses>::clause))...);
}

/// The same for a builder that is not a statement (the multi-row INSERT and its column list, whose
/// SQL is rendered at run time): its member with_clause<Slot>(clause) builds the result.
template <class Slot, class New, class Builder>
requires(!is_statement<std::remove_cvref_t<Builder>>)
constexpr auto replace_clause(Builder&& builder, New&& clause) {
  return std::move(builder).template with_clause<Slot>(std::forward<New>(clause));
}

/// A mixin's view of its statement: moved from (the && builders) or copied (the const& ones, which
/// leave a named statement as it was).
template <class Statement, class Mixin>
constexpr Statement&& moved(Mixin& mixin) {
  return static_cast<Statement&&>(mixin);
}
template <class Statement, class Mixin>
constexpr Statement copied(const Mixin& mixin) {
  return static_cast<const Statement&>(mixin);
}

}  // namespace pgdsl::detail
