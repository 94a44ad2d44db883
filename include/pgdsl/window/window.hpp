// SPDX-License-Identifier: BSL-1.0
// A window definition, the part of f(...) OVER (...) in parentheses: pgdsl::window()
// .partition_by(keys...).order_by(keys...).rows_between(start, end) (or rows/range/groups with
// one bound). Frame bounds are compile-time (unbounded_preceding, preceding<3>, current_row, ...),
// so a frame adds no parameter and its order (start not after end) is checked when it is written.
#pragma once

#include <type_traits>
#include <utility>

#include "pgdsl/expr/expression.hpp"
#include "pgdsl/statement/clause/order_by.hpp"
#include "pgdsl/statement/detail/clause_parts.hpp"
#include "pgdsl/statement/detail/statement.hpp"

namespace pgdsl {

/// The condition of the frame rules: the frame's start is not after its end, and neither is the
/// unbounded end on the wrong side.
template <class Start, class End, bool Holds>
inline constexpr bool frame_bounds_are_in_order = Holds;
/// The condition of the rule that each part of a window is given once.
template <class Part, bool Holds>
inline constexpr bool window_part_can_be_added = Holds;
struct partition_by_part {};
struct order_by_part {};
struct frame_part {};

namespace detail {
/// The bounds in the order SQL requires of a frame's start and end.
enum class bound_position {
  unbounded_preceding,
  preceding,
  current_row,
  following,
  unbounded_following
};
}  // namespace detail

/// One end of a window frame; Offset counts rows (ROWS), peer groups (GROUPS) or ORDER BY values
/// (RANGE, which takes it over a numeric key).
template <detail::bound_position Position, long long Offset = 0>
struct frame_bound {
  static_assert(Offset >= 0, "a frame offset counts back or forward and cannot be negative");
  static constexpr detail::bound_position position = Position;
  static constexpr bool has_offset = Position == detail::bound_position::preceding ||
                                     Position == detail::bound_position::following;

  static constexpr void render(sql_writer& w) {
    using enum detail::bound_position;
    if constexpr (Position == unbounded_preceding) w << "UNBOUNDED PRECEDING";
    if constexpr (Position == current_row) w << "CURRENT ROW";
    if constexpr (Position == unbounded_following) w << "UNBOUNDED FOLLOWING";
    if constexpr (has_offset) {
      w.number(Offset);
      w << (Position == preceding ? " PRECEDING" : " FOLLOWING");
    }
  }
};

inline constexpr frame_bound<detail::bound_position::unbounded_preceding> unbounded_preceding{};
inline constexpr frame_bound<detail::bound_position::current_row> current_row{};
inline constexpr frame_bound<detail::bound_position::unbounded_following> unbounded_following{};
/// N PRECEDING / N FOLLOWING.
template <long long N>
inline constexpr frame_bound<detail::bound_position::preceding, N> preceding{};
template <long long N>
inline constexpr frame_bound<detail::bound_position::following, N> following{};

namespace detail {

struct no_frame {
  static constexpr bool range_with_offset = false;
  static constexpr void render(sql_writer&) {}
};

/// ROWS|RANGE|GROUPS start, or ROWS|RANGE|GROUPS BETWEEN start AND end (End void: no BETWEEN).
template <fixed_string Mode, class Start, class End>
struct frame {
  static constexpr bool range_with_offset =
      Mode.view() == "RANGE" && (Start::has_offset || End::has_offset);
  static constexpr void render(sql_writer& w) {
    w << Mode.view() << " BETWEEN ";
    Start::render(w);
    w << " AND ";
    End::render(w);
  }
};
template <fixed_string Mode, class Start>
struct frame<Mode, Start, void> {
  static constexpr bool range_with_offset = Mode.view() == "RANGE" && Start::has_offset;
  static constexpr void render(sql_writer& w) {
    w << Mode.view() << ' ';
    Start::render(w);
  }
};

template <class Start, class End>
constexpr bool check_frame() {
  using enum bound_position;
  constexpr bool in_order = Start::position != unbounded_following &&
                            End::position != unbounded_preceding &&
                            Start::position <= End::position;
  static_assert(frame_bounds_are_in_order<Start, End, in_order>,
                "a frame's start cannot come after its end (the order is unbounded_preceding, "
                "preceding<N>, current_row, following<N>, unbounded_following), nor start at "
                "unbounded_following or end at unbounded_preceding");
  return in_order;
}

template <class Part, bool Empty>
constexpr void check_window_part() {
  static_assert(window_part_can_be_added<Part, Empty>,
                "this part of the window is already set: give every key in one call, and one "
                "frame");
}

}  // namespace detail

/// ( [PARTITION BY ...] [ORDER BY ...] [frame] ): the window of an OVER.
template <class Partition, class Order, class Frame>
struct window_spec {
  Partition partition;
  Order order;

  using pgdsl_window_tag = void;
  using tables = concat_t<typename Partition::tables, typename Order::tables>;
  using params = concat_t<typename Partition::params, typename Order::params>;
  using frame_type = Frame;
  static constexpr bool has_partition = !std::is_same_v<Partition, detail::item_list<>>;
  static constexpr bool has_order = !std::is_same_v<Order, detail::item_list<>>;
  static constexpr bool has_frame = !std::is_same_v<Frame, detail::no_frame>;

  static constexpr void render(sql_writer& w) {
    w << '(';
    if constexpr (has_partition) {
      w << "PARTITION BY ";
      Partition::render(w);
    }
    if constexpr (has_order) {
      if constexpr (has_partition) w << ' ';
      w << "ORDER BY ";
      Order::render(w);
    }
    if constexpr (has_frame) {
      if constexpr (has_partition || has_order) w << ' ';
      Frame::render(w);
    }
    w << ')';
  }
  template <class F>
  constexpr void bind(F& f) const {
    partition.bind(f);
    order.bind(f);
  }

  /// PARTITION BY keys: the rows a window function sees share these values.
  template <class... Keys>
  [[nodiscard]] constexpr auto partition_by(Keys&&... keys) const {
    detail::check_window_part<partition_by_part, !has_partition>();
    static_assert(sizeof...(Keys) > 0, "partition_by() needs at least one key");
    auto list = detail::make_item_list(to_operand(std::forward<Keys>(keys))...);
    return window_spec<decltype(list), Order, Frame>{std::move(list), order};
  }
  /// ORDER BY keys, as in a statement's: columns, expressions, expr.asc() / expr.desc().
  template <class... Keys>
  [[nodiscard]] constexpr auto order_by(Keys&&... keys) const {
    detail::check_window_part<order_by_part, !has_order>();
    static_assert(sizeof...(Keys) > 0, "order_by() needs at least one key");
    (detail::check_sort_key<detail::sort_operand_t<Keys>>(), ...);
    auto list = detail::make_item_list(detail::to_sort_operand(std::forward<Keys>(keys))...);
    return window_spec<Partition, decltype(list), Frame>{partition, std::move(list)};
  }
  /// ROWS BETWEEN start AND end: the frame counted in rows around the current one.
  template <class Start, class End>
  [[nodiscard]] constexpr auto rows_between(Start, End) const {
    return with_frame<"ROWS", Start, End>();
  }
  /// RANGE BETWEEN start AND end: rows whose ORDER BY value is within the offsets (a RANGE with an
  /// offset needs exactly one numeric ORDER BY key); without offsets, peers count as one.
  template <class Start, class End>
  [[nodiscard]] constexpr auto range_between(Start, End) const {
    return with_frame<"RANGE", Start, End>();
  }
  /// GROUPS BETWEEN start AND end: the frame counted in peer groups.
  template <class Start, class End>
  [[nodiscard]] constexpr auto groups_between(Start, End) const {
    return with_frame<"GROUPS", Start, End>();
  }
  /// ROWS start (the end is the current row), and likewise RANGE and GROUPS.
  template <class Start>
  [[nodiscard]] constexpr auto rows(Start) const {
    return with_frame<"ROWS", Start, void>();
  }
  template <class Start>
  [[nodiscard]] constexpr auto range(Start) const {
    return with_frame<"RANGE", Start, void>();
  }
  template <class Start>
  [[nodiscard]] constexpr auto groups(Start) const {
    return with_frame<"GROUPS", Start, void>();
  }

 private:
  template <fixed_string Mode, class Start, class End>
  constexpr auto with_frame() const {
    detail::check_window_part<frame_part, !has_frame>();
    detail::check_frame<Start,
                        std::conditional_t<std::is_void_v<End>, decltype(current_row), End>>();
    return window_spec<Partition, Order, detail::frame<Mode, Start, End>>{partition, order};
  }
};

/// An empty window, OVER (): the function sees every row of the result.
[[nodiscard]] constexpr auto window() {
  return window_spec<detail::item_list<>, detail::item_list<>, detail::no_frame>{};
}

}  // namespace pgdsl
