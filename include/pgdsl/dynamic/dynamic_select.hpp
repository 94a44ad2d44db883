// SPDX-License-Identifier: BSL-1.0
// dynamic_select: a static SELECT (its list, FROM, joins and fixed WHERE checked and rendered at
// compile time) with parts present only at run time: optional joins after its FROM, optional
// WHERE conditions, optional ORDER BY keys, an optional LIMIT. Each part is checked at compile
// time like its static form; absent parts disappear, placeholders stay dense, and the shape (a
// bitmask of the present parts) selects the statement's SQL, rendered once per shape and prepared
// once per shape and connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/dynamic/detail/shape_text.hpp"
#include "pgdsl/dynamic/dynamic_join.hpp"
#include "pgdsl/dynamic/sort_by.hpp"
#include "pgdsl/dynamic/when.hpp"
#include "pgdsl/expr/logical.hpp"
#include "pgdsl/statement/clause/group_by.hpp"
#include "pgdsl/statement/clause/limit_offset.hpp"
#include "pgdsl/statement/clause/locking.hpp"
#include "pgdsl/statement/clause/order_by.hpp"
#include "pgdsl/statement/clause/where.hpp"
#include "pgdsl/statement/detail/statement.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// The condition of the dynamic base rule: names the clause the base must not have yet.
template <class Clause, bool Holds>
inline constexpr bool dynamic_base_lacks = Holds;

namespace detail {

template <class Statement>
struct dynamic_base_traits {
  static constexpr bool is_statement = false;
};
template <class... Clauses>
struct dynamic_base_traits<statement<Clauses...>> {
  static constexpr bool is_statement = true;
  template <class Clause>
  static constexpr bool has = (std::is_same_v<Clause, Clauses> || ...);
};

template <class Base>
constexpr void check_dynamic_base() {
  using traits = dynamic_base_traits<Base>;
  static_assert(traits::is_statement, "pgdsl::dynamic() takes a SELECT statement");
  if constexpr (traits::is_statement) {
    static_assert(dynamic_base_lacks<no_order_by, traits::template has<no_order_by>>,
                  "pgdsl::dynamic(): give ORDER BY through .order_by() of the dynamic statement, "
                  "not in its base");
    static_assert(dynamic_base_lacks < no_limit,
                  traits::template has<no_limit> && traits::template has < no_offset >>,
                  "pgdsl::dynamic(): give LIMIT through .limit() of the dynamic statement; the "
                  "base takes neither LIMIT nor OFFSET");
    static_assert(dynamic_base_lacks < no_group_by,
                  traits::template has<no_group_by> && traits::template has < no_lock >>,
                  "pgdsl::dynamic(): the base must end at FROM/JOIN/WHERE (no GROUP BY, "
                  "HAVING or locking clause)");
  }
}

template <class Scope, class Part>
constexpr void check_in_scope() {
  check_scope<difference_t<typename Part::tables, Scope>>();
}

template <class Part>
constexpr std::size_t params_of_part = part_params<Part>::size;

/// Bits of a dynamic statement's shape that a part takes: one (present or not), or a run-time
/// sort choice's code.
template <class Part>
constexpr std::size_t shape_bits_of() {
  if constexpr (is_sort_choice<Part>)
    return Part::shape_bits;
  else
    return 1;
}

}  // namespace detail

/// SELECT base [optional joins] [WHERE ... AND optional conditions] [ORDER BY optional keys]
/// [LIMIT optional]; bit i of FixedJoins: the i-th join is always there.
template <class Base, class Joins, class Terms, class Keys, bool HasLimit,
          std::uint64_t FixedJoins = 0>
class dynamic_select;

template <class Base, class... Joins, class... Terms, class... Keys, bool HasLimit,
          std::uint64_t FixedJoins>
class dynamic_select<Base, detail::pack<optional_part<Joins>...>,
                     detail::pack<optional_part<Terms>...>, detail::pack<optional_part<Keys>...>,
                     HasLimit, FixedJoins> {
  static_assert(sizeof...(Joins) + sizeof...(Terms) +
                        (std::size_t{0} + ... + detail::shape_bits_of<Keys>()) + 1 <=
                    64,
                "a dynamic statement has at most 63 optional parts (a sort_by() takes 2 to 5 "
                "bits per allowed column)");

  using join_pack = detail::pack<optional_part<Joins>...>;
  using term_pack = detail::pack<optional_part<Terms>...>;
  using key_pack = detail::pack<optional_part<Keys>...>;
  // The dynamic joins' tables, and those joined only when asked (a bit per join).
  using join_ids = type_list<typename detail::from_entry_traits<Joins>::identity...>;
  static constexpr std::uint64_t optional_joins =
      ((std::uint64_t{1} << sizeof...(Joins)) - 1) & ~FixedJoins;
  // What conditions and keys may use: the base's tables and every joined one.
  using scope = concat_t<typename Base::scope, join_ids>;

 public:
  using result_columns = typename Base::result_columns;
  /// The most values a shape binds (all parts present).
  static constexpr std::size_t max_param_count =
      Base::param_count + (std::size_t{0} + ... + detail::params_of_part<Joins>) +
      (std::size_t{0} + ... + detail::params_of_part<Terms>) +
      (std::size_t{0} + ... + detail::params_of_part<Keys>) + (HasLimit ? 1 : 0);

  /// Throws absent_join when a present part uses a table whose optional join is absent.
  dynamic_select(Base base, join_pack joins, term_pack terms, key_pack keys,
                 std::optional<std::int64_t> limit)
      : base_(std::move(base)),
        joins_(std::move(joins)),
        terms_(std::move(terms)),
        keys_(std::move(keys)),
        limit_(limit) {
    if constexpr (optional_joins != 0) check_joins_present();
  }

  /// Joins after the base's FROM, all in one call and before .where() and .order_by(): each
  /// pgdsl::join(t).on(c) or pgdsl::left_join(t).on(c) (always there), or pgdsl::when(flag, one
  /// of them). A condition, key or later join that uses an optional join's table must be
  /// optional itself; present while that join is absent, it throws absent_join.
  template <class... Parts>
  [[nodiscard]] auto join(Parts&&... parts) const {
    static_assert(sizeof...(Joins) == 0 && sizeof...(Terms) == 0 && sizeof...(Keys) == 0,
                  "a dynamic statement takes its joins in one .join(), before .where() and "
                  ".order_by()");
    static_assert(dynamic_base_lacks<detail::no_from, !detail::dynamic_base_traits<
                                                          Base>::template has<detail::no_from>>,
                  "pgdsl::dynamic(): a base with joins needs a FROM: select(...).from(table)");
    constexpr bool all_joins =
        (detail::is_dynamic_join<typename decltype(detail::as_optional_part(
             std::declval<Parts>()))::part_type> &&
         ...);
    static_assert(all_joins, ".join() of a dynamic statement takes pgdsl::join(table).on(c) or "
                             "pgdsl::left_join(table).on(c), each maybe through pgdsl::when()");
    if constexpr (all_joins) {
      using next_joins = detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>;
      constexpr std::uint64_t fixed = [] {
        std::uint64_t bits = 0;
        std::size_t at = 0;
        ((bits |= std::uint64_t{!detail::is_optional_part<std::remove_cvref_t<Parts>>} << at++),
         ...);
        return bits;
      }();
      using next = dynamic_select<Base, next_joins, term_pack, key_pack, HasLimit, fixed>;
      detail::check_dynamic_joins<typename Base::scope>(
          type_list<typename decltype(detail::as_optional_part(
              std::declval<Parts>()))::part_type...>{});
      (next::template check_part<Parts>(), ...);
      return next(base_, next_joins(detail::as_optional_part(std::forward<Parts>(parts))...),
                  terms_, keys_, limit_);
    }
  }

  /// WHERE conditions, all in one call: each a boolean expression (always present) or
  /// pgdsl::when(value, make_condition); ANDed with the base's WHERE.
  template <class... Parts>
  [[nodiscard]] auto where(Parts&&... parts) const {
    static_assert(sizeof...(Terms) == 0,
                  "the dynamic WHERE is already set: list every "
                  "condition in one .where()");
    using next_terms = detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>;
    using next = dynamic_select<Base, join_pack, next_terms, key_pack, HasLimit, FixedJoins>;
    (detail::check_boolean<typename decltype(detail::as_optional_part(
         std::declval<Parts>()))::part_type>(),
     ...);
    (check_part<Parts>(), ...);
    return next(base_, joins_, next_terms(detail::as_optional_part(std::forward<Parts>(parts))...),
                keys_, limit_);
  }

  /// ORDER BY keys, all in one call: each a sort item (expr.asc()) or a column,
  /// pgdsl::when(flag, key), or pgdsl::sort_by(spec, columns...) (keys named at run time); absent
  /// keys are left out, and ORDER BY with them when none is there.
  template <class... Parts>
  [[nodiscard]] auto order_by(Parts&&... parts) const {
    static_assert(sizeof...(Keys) == 0,
                  "the dynamic ORDER BY is already set: list every key "
                  "in one .order_by()");
    using next_keys = detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>;
    using next = dynamic_select<Base, join_pack, term_pack, next_keys, HasLimit, FixedJoins>;
    (check_part<Parts>(), ...);
    return next(base_, joins_, terms_,
                next_keys(detail::as_optional_part(std::forward<Parts>(parts))...), limit_);
  }

  /// LIMIT count when `count` holds one (bound as $n).
  [[nodiscard]] auto limit(std::optional<std::int64_t> count) const {
    static_assert(!HasLimit, "the dynamic LIMIT is already set");
    return dynamic_select<Base, join_pack, term_pack, key_pack, true, FixedJoins>(
        base_, joins_, terms_, keys_, count);
  }

  /// Which parts are present: bit i for the i-th join, then the conditions, then the keys (a
  /// sort_by() as the code of its choice), then LIMIT.
  std::uint64_t shape() const noexcept {
    std::uint64_t bits = joins_present();
    std::size_t at = sizeof...(Joins);
    terms_.for_each([&](const auto& t) { bits |= std::uint64_t{t.present()} << at++; });
    keys_.for_each([&](const auto& k) {
      using key = typename std::remove_cvref_t<decltype(k)>::part_type;
      if constexpr (detail::is_sort_choice<key>) {
        if (k.present()) bits |= k.part->shape_code() << at;
        at += key::shape_bits;
      } else {
        bits |= std::uint64_t{k.present()} << at++;
      }
    });
    if (HasLimit && limit_) bits |= std::uint64_t{1} << at;
    return bits;
  }

  /// The SQL of this shape: rendered the first time the shape is used (in this process), then
  /// looked up; the pointer stays valid for the program's life.
  const char* sql() const {
    return detail::shape_text<dynamic_select>::get(shape(), first_placeholder,
                                                   [this](sql_writer& w) { render(w); });
  }

  /// Renders this shape into `buffer` (no heap); returns the text, or an empty view when it
  /// needs more than `capacity` bytes.
  std::string_view render_into(char* buffer, std::size_t capacity) const {
    const std::size_t size = detail::render_into(buffer, capacity, first_placeholder,
                                                 [this](sql_writer& w) { render(w); });
    return size <= capacity ? std::string_view(buffer, size) : std::string_view();
  }

  /// Calls f(value) for each bound value of this shape, in $n order.
  template <class F>
  void bind(F&& f) const {
    if constexpr (sizeof...(Joins) == 0)
      base_.bind(f);
    else
      detail::base_around_joins<Base>::bind(base_, f, [this](F& g) {
        joins_.for_each([&](const auto& j) {
          if (j.present()) j.part->bind(g);
        });
      });
    terms_.for_each([&](const auto& t) {
      if (t.present()) t.part->bind(f);
    });
    keys_.for_each([&](const auto& k) {
      if (k.present()) k.part->bind(f);
    });
    if (HasLimit && limit_) f(*limit_);
  }

 private:
  template <class, class, class, class, bool, std::uint64_t>
  friend class dynamic_select;

  // Without joins the base's text is copied and the parts numbered after it; with joins the base
  // is rendered clause by clause around them.
  static constexpr std::size_t first_placeholder = sizeof...(Joins) == 0 ? Base::param_count + 1
                                                                         : 1;

  // A part's tables are in scope; one that is always there uses no optional join's table.
  template <class Given>
  static constexpr void check_part() {
    using part = typename decltype(detail::as_optional_part(std::declval<Given>()))::part_type;
    if constexpr (!detail::is_dynamic_join<part>) detail::check_in_scope<scope, part>();
    if constexpr (!detail::is_optional_part<std::remove_cvref_t<Given>>)
      detail::check_fixed_part_joins<detail::part_tables<part>, join_ids, optional_joins>();
  }

  // Bit i: the i-th join is present.
  std::uint64_t joins_present() const noexcept {
    std::uint64_t bits = 0;
    std::size_t at = 0;
    joins_.for_each([&](const auto& j) { bits |= std::uint64_t{j.present()} << at++; });
    return bits;
  }

  // Every present join, condition and key finds the optional joins it uses present.
  void check_joins_present() const {
    const std::uint64_t present = joins_present();
    const auto check = [&](const auto& p) {
      using part = typename std::remove_cvref_t<decltype(p)>::part_type;
      if (!p.present()) return;
      if constexpr (detail::is_sort_choice<part>) {
        constexpr auto needs =
            detail::column_joins<join_ids, optional_joins>(typename part::columns{});
        const std::uint64_t chosen = p.part->chosen_columns();
        for (std::size_t i = 0; i < needs.size(); ++i)
          if ((chosen >> i) & 1) detail::check_joins_present<join_ids>(needs[i], present);
      } else {
        constexpr std::uint64_t needs =
            detail::joins_needed<detail::part_tables<part>, join_ids, optional_joins>();
        if constexpr (needs != 0) detail::check_joins_present<join_ids>(needs, present);
      }
    };
    joins_.for_each(check);
    terms_.for_each(check);
    keys_.for_each(check);
  }

  // The base's text (with the present joins after its FROM), then the present parts, numbered
  // after the base's placeholders.
  void render(sql_writer& w) const {
    if constexpr (sizeof...(Joins) == 0) {
      w << Base::sql.view();
    } else {
      Base::check_complete();
      detail::base_around_joins<Base>::render(w, [this](sql_writer& out) {
        joins_.for_each([&](const auto& j) {
          if (j.present()) std::remove_cvref_t<decltype(*j.part)>::render(out);
        });
      });
    }
    bool where_open = detail::dynamic_base_traits<Base>::template has<detail::no_where> == false;
    terms_.for_each([&](const auto& t) {
      if (!t.present()) return;
      w << (where_open ? " AND " : " WHERE ");
      where_open = true;
      std::remove_cvref_t<decltype(*t.part)>::render(w);
    });
    bool first_key = true;
    keys_.for_each([&](const auto& k) {
      if (!k.present()) return;
      w << (first_key ? " ORDER BY " : ", ");
      first_key = false;
      using key = std::remove_cvref_t<decltype(*k.part)>;
      if constexpr (detail::is_sort_choice<key>)
        k.part->render(w);
      else if constexpr (expression<key>)
        detail::render_operand<key>(w);
      else
        key::render(w);
    });
    if (HasLimit && limit_) {
      w << " LIMIT ";
      w.placeholder();
    }
  }

  Base base_;
  join_pack joins_;
  term_pack terms_;
  key_pack keys_;
  std::optional<std::int64_t> limit_;
};

/// A dynamic statement over a static SELECT base (select list, FROM, joins, fixed WHERE):
/// pgdsl::dynamic(select(...).from(t)).where(pgdsl::when(...), ...).order_by(...).limit(n).
template <class Base>
auto dynamic(Base base) {
  detail::check_dynamic_base<Base>();
  return dynamic_select<Base, detail::pack<>, detail::pack<>, detail::pack<>, false>(
      std::move(base), {}, {}, {}, std::nullopt);
}

}  // namespace pgdsl
