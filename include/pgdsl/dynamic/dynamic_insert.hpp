// SPDX-License-Identifier: BSL-1.0
// A dynamic INSERT: insert_into(t).set(...) given an assignment present only at run time
// (pgdsl::when(request.note, ...)) lists only the present columns; the others take their defaults.
// Every assignment is checked at compile time as in a static set(), and so is completeness: a NOT
// NULL column without a default must be given by an assignment that is always there (one given
// through when() could be absent, so it does not count). With no assignment present the
// statement is INSERT ... DEFAULT VALUES. Each shape is rendered once and prepared once per
// connection, as a dynamic SELECT's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "pgdsl/dynamic/detail/optional_assignments.hpp"
#include "pgdsl/dynamic/detail/shape_text.hpp"
#include "pgdsl/statement/clause/returning.hpp"
#include "pgdsl/statement/insert.hpp"

namespace pgdsl {

/// INSERT INTO table (present columns) VALUES (their values) [RETURNING items].
template <class Table, class Parts, class Returning>
class dynamic_insert;

template <class Table, class... Assignments, class Returning>
class dynamic_insert<Table, detail::pack<optional_part<Assignments>...>, Returning> {
  using identity = typename Table::table_identity;
  using parts = detail::pack<optional_part<Assignments>...>;
  using column_list = detail::optional_assignments<Assignments...>;

 public:
  using result_columns = decltype(detail::clause_result_columns<Returning, type_list<>>());
  /// The most values a shape binds (every assignment present).
  static constexpr std::size_t max_param_count =
      column_list::max_param_count + decltype(detail::clause_params<Returning>())::size;

  dynamic_insert(column_list assignments, Returning returning)
      : assignments_(std::move(assignments)), returning_(std::move(returning)) {}

  /// RETURNING items: the inserted rows, typed like a select list (the key a default made).
  template <class... Items>
  [[nodiscard]] auto returning(Items&&... items) const {
    static_assert(std::is_same_v<Returning, detail::no_returning>, "RETURNING is already set");
    auto clause = detail::dynamic_returning<identity>(std::forward<Items>(items)...);
    return dynamic_insert<Table, parts, decltype(clause)>(assignments_, std::move(clause));
  }

  /// Which assignments are present: bit i for the i-th.
  std::uint64_t shape() const noexcept { return assignments_.shape(); }

  /// The SQL of this shape, rendered the first time the shape is used, then looked up.
  const char* sql() const {
    return detail::shape_text<dynamic_insert>::get(shape(), 1,
                                                   [this](sql_writer& w) { render(w); });
  }

  /// Calls f(value) for each bound value of this shape, in $n order.
  template <class F>
  void bind(F&& f) const {
    assignments_.bind(f);
    returning_.bind(f);
  }

 private:
  void render(sql_writer& w) const {
    w << "INSERT INTO ";
    identity::render_reference(w);
    if (shape() == 0) {
      w << " DEFAULT VALUES";
    } else {
      assignments_.render_present(
          w, " (", [](sql_writer& out, auto a) { decltype(a)::type::render_target(out); });
      assignments_.render_present(
          w, ") VALUES (", [](sql_writer& out, auto a) { decltype(a)::type::render_value(out); });
      w << ')';
    }
    Returning::render(w);
  }

  column_list assignments_;
  Returning returning_;
};

namespace detail {

/// The columns of the assignments among Parts that are always there (not made by when()).
template <class... Parts>
using always_given_columns = concat_t<std::conditional_t<
    is_optional_part<std::remove_cvref_t<Parts>>, type_list<>,
    type_list<typename optional_part_of<Parts>::part_type::column>>...>;

}  // namespace detail

template <class Table>
template <class... Parts>
requires(detail::is_optional_part<std::remove_cvref_t<Parts>> || ...)
auto insert_target<Table>::set(Parts&&... parts) const {
  detail::check_assignments<Table, typename detail::optional_part_of<Parts>::part_type...>();
  detail::check_required_columns<Table, detail::always_given_columns<Parts...>>();
  return dynamic_insert<Table, detail::pack<detail::optional_part_of<Parts>...>,
                        detail::no_returning>(
      detail::optional_assignments<typename detail::optional_part_of<Parts>::part_type...>(
          detail::pack<detail::optional_part_of<Parts>...>(
              detail::as_optional_part(std::forward<Parts>(parts))...)),
      {});
}

}  // namespace pgdsl
