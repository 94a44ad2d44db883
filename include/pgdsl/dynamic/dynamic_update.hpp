// SPDX-License-Identifier: BSL-1.0
// A dynamic UPDATE, the PATCH endpoint's statement: update(t).set(...) given an assignment present
// only at run time (pgdsl::when(request.email, ...)) sets only the present ones. Every assignment
// is checked at compile time as in a static set() (its column belongs to the table, its value
// fits the column, NULL only into a nullable column); the WHERE condition and RETURNING items are
// static. The shape (which assignments are present) selects the SQL, rendered once per shape and
// prepared once per shape and connection, as a dynamic SELECT's. With no assignment present
// there is nothing to set: sql() throws empty_update instead of sending an UPDATE that cannot
// parse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "pgdsl/dynamic/detail/optional_assignments.hpp"
#include "pgdsl/dynamic/detail/shape_text.hpp"
#include "pgdsl/dynamic/when.hpp"
#include "pgdsl/error/error.hpp"
#include "pgdsl/statement/clause/returning.hpp"
#include "pgdsl/statement/clause/where.hpp"
#include "pgdsl/statement/update.hpp"
#include "pgdsl/util/pack.hpp"

namespace pgdsl {

/// A dynamic UPDATE with none of its assignments present (the request carried no field).
class empty_update : public error {
 public:
  explicit empty_update(std::string table)
      : error("UPDATE " + table +
              ": no assignment is present, so there is nothing to set; check that the request "
              "carried at least one field before running it (shape() == 0)"),
        table_(std::move(table)) {}
  /// The table the statement updates, as written in its SQL.
  const std::string& table() const noexcept { return table_; }

 private:
  std::string table_;
};

/// The condition of the dynamic UPDATE's WHERE rule.
template <bool Holds>
inline constexpr bool dynamic_update_has_where = Holds;

/// UPDATE table SET present assignments WHERE condition [RETURNING items].
template <class Table, class Parts, class Where, class Returning>
class dynamic_update;

template <class Table, class... Assignments, class Where, class Returning>
class dynamic_update<Table, detail::pack<optional_part<Assignments>...>, Where, Returning> {
  using identity = typename Table::table_identity;
  using parts = detail::pack<optional_part<Assignments>...>;
  using set_list = detail::optional_assignments<Assignments...>;
  static constexpr bool has_where =
      !std::is_same_v<Where, detail::where_required<update_statement>>;

 public:
  using result_columns = decltype(detail::clause_result_columns<Returning, type_list<>>());
  /// The most values a shape binds (every assignment present).
  static constexpr std::size_t max_param_count =
      set_list::max_param_count + decltype(detail::clause_params<Where>())::size +
      decltype(detail::clause_params<Returning>())::size;

  dynamic_update(set_list assignments, Where where, Returning returning)
      : assignments_(std::move(assignments)),
        where_(std::move(where)),
        returning_(std::move(returning)) {}

  /// WHERE condition (required: a PATCH of every row is not what an optional field means).
  template <class Condition>
  [[nodiscard]] auto where(Condition&& condition) const {
    static_assert(!has_where, "WHERE is already set: combine conditions with && in one .where()");
    auto clause = detail::condition_clause<" WHERE ">(std::forward<Condition>(condition));
    using clause_type = decltype(clause);
    detail::check_scope<difference_t<typename clause_type::tables, type_list<identity>>>();
    return dynamic_update<Table, parts, clause_type, Returning>(assignments_, std::move(clause),
                                                                returning_);
  }

  /// RETURNING items: the updated rows, typed like a select list.
  template <class... Items>
  [[nodiscard]] auto returning(Items&&... items) const {
    static_assert(std::is_same_v<Returning, detail::no_returning>, "RETURNING is already set");
    auto clause = detail::dynamic_returning<identity>(std::forward<Items>(items)...);
    return dynamic_update<Table, parts, Where, decltype(clause)>(assignments_, where_, std::move(clause));
  }

  /// Which assignments are present: bit i for the i-th.
  std::uint64_t shape() const noexcept { return assignments_.shape(); }

  /// The SQL of this shape (rendered the first time the shape is used, then looked up); throws
  /// empty_update when no assignment is present.
  const char* sql() const {
    static_assert(dynamic_update_has_where<has_where>,
                  "a dynamic UPDATE needs .where(condition): it sets the fields a request "
                  "carried on the rows it names");
    if (shape() == 0) throw empty_update(std::string(sql_of<table_reference>.view()));
    return detail::shape_text<dynamic_update>::get(shape(), 1,
                                                   [this](sql_writer& w) { render(w); });
  }

  /// Calls f(value) for each bound value of this shape, in $n order.
  template <class F>
  void bind(F&& f) const {
    assignments_.bind(f);
    where_.bind(f);
    returning_.bind(f);
  }

 private:
  struct table_reference {
    static constexpr void render(sql_writer& w) { identity::render_reference(w); }
  };

  void render(sql_writer& w) const {
    w << "UPDATE ";
    identity::render_reference(w);
    assignments_.render_present(w, " SET ", [](sql_writer& out, auto a) {
      decltype(a)::type::render(out);
    });
    Where::render(w);
    Returning::render(w);
  }

  set_list assignments_;
  Where where_;
  Returning returning_;
};

namespace detail {
template <class Table>
template <class... Parts>
requires(is_optional_part<std::remove_cvref_t<Parts>> || ...)
auto update_target<Table>::set(Parts&&... parts) const {
  check_assignments<Table, typename optional_part_of<Parts>::part_type...>();
  return dynamic_update<Table, pack<optional_part_of<Parts>...>, where_required<update_statement>,
                        no_returning>(
      optional_assignments<typename optional_part_of<Parts>::part_type...>(
          pack<optional_part_of<Parts>...>(as_optional_part(std::forward<Parts>(parts))...)),
      {}, {});
}
}  // namespace detail

}  // namespace pgdsl
