// SPDX-License-Identifier: BSL-1.0
// The assignments of a dynamic UPDATE's SET or a dynamic INSERT's column list: each present only
// at run time or always. Which are present is the statement's shape (bit i for the i-th); the
// present ones are rendered and bound in the order given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "pgdsl/dynamic/when.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/statement/clause/returning.hpp"
#include "pgdsl/statement/optional_part.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl::detail {

template <class... Assignments>
class optional_assignments {
  static_assert(sizeof...(Assignments) <= 64, "a dynamic statement has at most 64 assignments");

 public:
  using parts = pack<optional_part<Assignments>...>;
  /// The most values they bind (every one present).
  static constexpr std::size_t max_param_count = (std::size_t{0} + ... + Assignments::params::size);

  explicit optional_assignments(parts assignments) : parts_(std::move(assignments)) {}

  /// Bit i set when the i-th assignment is present.
  std::uint64_t shape() const noexcept {
    std::uint64_t bits = 0;
    std::size_t at = 0;
    parts_.for_each([&](const auto& a) { bits |= std::uint64_t{a.present()} << at++; });
    return bits;
  }

  /// Renders the present assignments with `render(writer, assignment type tag)`, separated by
  /// ", ", after `open` (written only when one is present).
  template <class Render>
  void render_present(sql_writer& w, const char* open, Render&& render) const {
    bool first = true;
    parts_.for_each([&](const auto& a) {
      if (!a.present()) return;
      w << (first ? open : ", ");
      first = false;
      render(w, std::type_identity<std::remove_cvref_t<decltype(*a.part)>>{});
    });
  }

  /// Calls f(value) for each bound value of the present assignments, in order.
  template <class F>
  void bind(F& f) const {
    parts_.for_each([&](const auto& a) {
      if (a.present()) a.part->bind(f);
    });
  }

 private:
  parts parts_;
};

/// The RETURNING clause of a dynamic write to Identity's table: its items checked to name only that
/// table.
template <class Identity, class... Items>
auto dynamic_returning(Items&&... items) {
  static_assert(sizeof...(Items) > 0, "returning() needs at least one column or expression");
  using clause = returning_clause<decltype(returning_item(std::declval<Items>()))...>;
  check_scope<difference_t<typename clause::tables, type_list<Identity>>>();
  return clause{make_item_list(returning_item(std::forward<Items>(items))...)};
}

/// The assignment types of set()'s arguments, each as an optional part.
template <class Part>
using optional_part_of = decltype(as_optional_part(std::declval<Part>()));

}  // namespace pgdsl::detail
