// SPDX-License-Identifier: BSL-1.0
// row and record: one row of a typed result. A row is a view into the result (a PGresult pointer
// and a row number) that decodes a field when it is read; a record owns its decoded values and
// outlives the result. Both are tuple-like, so structured bindings work, and both find a column
// by the expression that selected it: row[users.email].
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/detail/column_by_name.hpp"
#include "pgdsl/execution/detail/columns.hpp"

namespace pgdsl {

template <class Columns>
class record;
template <class Columns>
class row;

namespace detail {
template <class S, class Columns>
S map_row(const row<Columns>& source);
}

/// A view of one row of a result; valid while the result lives.
template <class Columns>
class row {
 public:
  row(const PGresult* result, int index) noexcept : result_(result), index_(index) {}

  /// Decodes column I (0-based).
  template <std::size_t I>
  detail::column_value_t<I, Columns> get() const {
    static_assert(I < detail::columns_info<Columns>::size, "column index out of range");
    return detail::decode_field<at_t<I, Columns>>(result_, index_, static_cast<int>(I));
  }

  /// Decodes the column the server labels `name` as T, its type checked now: for rows of a shape
  /// known only at run time (`SELECT *` through execute_raw). no_such_column for a name the result
  /// lacks, type_mismatch when T cannot read the column's type, unexpected_null for a NULL into a
  /// T that is not std::optional.
  template <class T>
  T get(std::string_view name) const {
    return detail::decode_checked<T>(result_, index_, detail::column_number(result_, name));
  }
  /// True when the field of the column labelled `name` is NULL (no_such_column as for get).
  bool is_null(std::string_view name) const {
    return PQgetisnull(result_, index_, detail::column_number(result_, name)) != 0;
  }

  /// Decodes the column selected by `key`, e.g. row[users.email].
  template <class Key>
  auto operator[](const Key&) const {
    return get<detail::column_index_of_key<Columns, Key>()>();
  }

  /// Decodes every column into an owning record.
  record<Columns> to_record() const {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return record<Columns>(typename detail::columns_info<Columns>::tuple(get<I>()...));
    }
    (std::make_index_sequence<detail::columns_info<Columns>::size>{});
  }

  /// The row mapped into S, by member name (as result::as<S>() maps every row).
  template <class S>
  S as() const {
    return detail::map_row<S>(*this);
  }

  /// The row's position in its result.
  int index() const noexcept { return index_; }

 private:
  const PGresult* result_;
  int index_;
};

/// One decoded row that owns its values (what one(), one_or_none() and all() return).
template <class Columns>
class record {
 public:
  using tuple_type = typename detail::columns_info<Columns>::tuple;

  explicit record(tuple_type values) : values_(std::move(values)) {}

  template <std::size_t I>
  auto& get() & {
    return std::get<I>(values_);
  }
  template <std::size_t I>
  const auto& get() const& {
    return std::get<I>(values_);
  }
  template <std::size_t I>
  auto&& get() && {
    return std::get<I>(std::move(values_));
  }

  /// The value of the column selected by `key`, e.g. rec[users.email].
  template <class Key>
  const auto& operator[](const Key&) const {
    return std::get<detail::column_index_of_key<Columns, Key>()>(values_);
  }

  /// The values as a std::tuple, in column order.
  const tuple_type& values() const& noexcept { return values_; }
  tuple_type values() && noexcept { return std::move(values_); }

  friend bool operator==(const record&, const record&) = default;

 private:
  tuple_type values_;
};

}  // namespace pgdsl

template <class Columns>
struct std::tuple_size<pgdsl::row<Columns>>
    : std::integral_constant<std::size_t, pgdsl::detail::columns_info<Columns>::size> {};
template <std::size_t I, class Columns>
struct std::tuple_element<I, pgdsl::row<Columns>> {
  using type = pgdsl::detail::column_value_t<I, Columns>;
};
template <class Columns>
struct std::tuple_size<pgdsl::record<Columns>>
    : std::integral_constant<std::size_t, pgdsl::detail::columns_info<Columns>::size> {};
template <std::size_t I, class Columns>
struct std::tuple_element<I, pgdsl::record<Columns>> {
  using type = pgdsl::detail::column_value_t<I, Columns>;
};
