// SPDX-License-Identifier: BSL-1.0
// dynamic_select: a static SELECT (its list, FROM, joins and fixed WHERE checked and rendered at
// compile time) followed by parts present only at run time: optional WHERE conditions, optional
// ORDER BY keys, an optional LIMIT. Each part is checked at compile time like its static form;
// absent parts disappear, placeholders stay dense, and the shape (a bitmask of the present parts)
// selects the statement's SQL, rendered once per shape and prepared once per shape and connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/dynamic/detail/shape_text.hpp"
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

template <class Base, class Part>
constexpr void check_in_scope() {
  check_scope<difference_t<typename Part::tables, typename Base::scope>>();
}

template <class Part>
constexpr std::size_t params_of_part = Part::params::size;

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

/// SELECT base [WHERE ... AND optional conditions] [ORDER BY optional keys] [LIMIT optional].
template <class Base, class Terms, class Keys, bool HasLimit>
class dynamic_select;

template <class Base, class... Terms, class... Keys, bool HasLimit>
class dynamic_select<Base, detail::pack<optional_part<Terms>...>,
                     detail::pack<optional_part<Keys>...>, HasLimit> {
  static_assert(sizeof...(Terms) + (std::size_t{0} + ... + detail::shape_bits_of<Keys>()) + 1 <=
                    64,
                "a dynamic statement has at most 63 optional parts (a sort_by() takes 2 to 5 "
                "bits per allowed column)");

 public:
  using result_columns = typename Base::result_columns;
  /// The most values a shape binds (all parts present).
  static constexpr std::size_t max_param_count =
      Base::param_count +
      (std::size_t{0} + ... + detail::params_of_part<Terms>)+(
          std::size_t{0} + ... + detail::params_of_part<Keys>)+(HasLimit ? 1 : 0);

  dynamic_select(Base base, detail::pack<optional_part<Terms>...> terms,
                 detail::pack<optional_part<Keys>...> keys, std::optional<std::int64_t> limit)
      : base_(std::move(base)), terms_(std::move(terms)), keys_(std::move(keys)), limit_(limit) {}

  /// WHERE conditions, all in one call: each a boolean expression (always present) or
  /// pgdsl::when(value, make_condition); ANDed with the base's WHERE.
  template <class... Parts>
  [[nodiscard]] auto where(Parts&&... parts) const {
    static_assert(sizeof...(Terms) == 0,
                  "the dynamic WHERE is already set: list every "
                  "condition in one .where()");
    using next =
        dynamic_select<Base,
                       detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>,
                       detail::pack<optional_part<Keys>...>, HasLimit>;
    (check_condition<typename decltype(detail::as_optional_part(
         std::declval<Parts>()))::part_type>(),
     ...);
    return next(base_,
                detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>(
                    detail::as_optional_part(std::forward<Parts>(parts))...),
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
    using next =
        dynamic_select<Base, detail::pack<optional_part<Terms>...>,
                       detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>,
                       HasLimit>;
    (detail::check_in_scope<Base, typename decltype(detail::as_optional_part(
                                      std::declval<Parts>()))::part_type>(),
     ...);
    return next(base_, terms_,
                detail::pack<decltype(detail::as_optional_part(std::declval<Parts>()))...>(
                    detail::as_optional_part(std::forward<Parts>(parts))...),
                limit_);
  }

  /// LIMIT count when `count` holds one (bound as $n).
  [[nodiscard]] auto limit(std::optional<std::int64_t> count) const {
    static_assert(!HasLimit, "the dynamic LIMIT is already set");
    return dynamic_select<Base, detail::pack<optional_part<Terms>...>,
                          detail::pack<optional_part<Keys>...>, true>(base_, terms_, keys_, count);
  }

  /// Which parts are present: bit i for the i-th condition, then the keys (a sort_by() as the
  /// code of its choice), then LIMIT.
  std::uint64_t shape() const noexcept {
    std::uint64_t bits = 0;
    std::size_t at = 0;
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
    return detail::shape_text<dynamic_select>::get(shape(), Base::param_count + 1,
                                                   [this](sql_writer& w) { render(w); });
  }

  /// Renders this shape into `buffer` (no heap); returns the text, or an empty view when it
  /// needs more than `capacity` bytes.
  std::string_view render_into(char* buffer, std::size_t capacity) const {
    const std::size_t size = detail::render_into(buffer, capacity, Base::param_count + 1,
                                                 [this](sql_writer& w) { render(w); });
    return size <= capacity ? std::string_view(buffer, size) : std::string_view();
  }

  /// Calls f(value) for each bound value of this shape, in $n order.
  template <class F>
  void bind(F&& f) const {
    base_.bind(f);
    terms_.for_each([&](const auto& t) {
      if (t.present()) t.part->bind(f);
    });
    keys_.for_each([&](const auto& k) {
      if (k.present()) k.part->bind(f);
    });
    if (HasLimit && limit_) f(*limit_);
  }

 private:
  template <class Condition>
  static constexpr void check_condition() {
    detail::check_boolean<Condition>();
    detail::check_in_scope<Base, Condition>();
  }

  // The base's text, then the present parts, numbered after the base's placeholders.
  void render(sql_writer& w) const {
    w << Base::sql.view();
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
  detail::pack<optional_part<Terms>...> terms_;
  detail::pack<optional_part<Keys>...> keys_;
  std::optional<std::int64_t> limit_;
};

/// A dynamic statement over a static SELECT base (select list, FROM, joins, fixed WHERE):
/// pgdsl::dynamic(select(...).from(t)).where(pgdsl::when(...), ...).order_by(...).limit(n).
template <class Base>
auto dynamic(Base base) {
  detail::check_dynamic_base<Base>();
  return dynamic_select<Base, detail::pack<>, detail::pack<>, false>(std::move(base), {}, {},
                                                                     std::nullopt);
}

}  // namespace pgdsl
