// SPDX-License-Identifier: BSL-1.0
// result: the typed answer to one statement, owning its PGresult. It is a range of rows
// (range-for with structured bindings), and has the usual ways to take exactly what is expected:
// one(), one_or_none(), scalar(), all(), as<S>(), plus rows_affected() for commands.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pgdsl/error/result_error.hpp"
#include "pgdsl/execution/detail/columns.hpp"
#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/execution/row.hpp"
#include "pgdsl/execution/struct_mapping.hpp"

namespace pgdsl {

/// The rows a statement returned, decoded on access into the columns' C++ types.
template <class Columns>
class result {
 public:
  using row_type = row<Columns>;
  using record_type = record<Columns>;

  /// Random-access iterator over rows; dereferencing yields a row view by value.
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = row_type;
    using difference_type = std::ptrdiff_t;
    using reference = row_type;
    using pointer = void;

    iterator() = default;
    iterator(const PGresult* result, int index) noexcept : result_(result), index_(index) {}
    row_type operator*() const noexcept { return row_type(result_, index_); }
    row_type operator[](difference_type n) const noexcept {
      return row_type(result_, index_ + static_cast<int>(n));
    }
    iterator& operator++() noexcept { return ++index_, *this; }
    iterator operator++(int) noexcept { return iterator(result_, index_++); }
    iterator& operator--() noexcept { return --index_, *this; }
    iterator operator--(int) noexcept { return iterator(result_, index_--); }
    iterator& operator+=(difference_type n) noexcept {
      return index_ += static_cast<int>(n), *this;
    }
    iterator& operator-=(difference_type n) noexcept {
      return index_ -= static_cast<int>(n), *this;
    }
    friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
    friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
    friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
    friend difference_type operator-(iterator a, iterator b) noexcept {
      return a.index_ - b.index_;
    }
    friend bool operator==(iterator a, iterator b) noexcept { return a.index_ == b.index_; }
    friend auto operator<=>(iterator a, iterator b) noexcept { return a.index_ <=> b.index_; }

   private:
    const PGresult* result_ = nullptr;
    int index_ = 0;
  };

  /// Takes ownership of a successful result of the statement `sql`; `sql` must be static text
  /// (a static statement's SQL), or is copied when `copy_sql` is true (raw queries).
  result(detail::result_ptr handle, const char* sql, bool copy_sql = false)
      : handle_(std::move(handle)), static_sql_(copy_sql ? nullptr : sql) {
    if (copy_sql) owned_sql_ = sql;
  }

  iterator begin() const noexcept { return iterator(handle_.get(), 0); }
  iterator end() const noexcept { return iterator(handle_.get(), PQntuples(handle_.get())); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(PQntuples(handle_.get())); }
  bool empty() const noexcept { return size() == 0; }
  row_type operator[](std::size_t index) const noexcept {
    return row_type(handle_.get(), static_cast<int>(index));
  }

  /// Rows inserted, updated, deleted, selected or copied, as the server counted them.
  std::uint64_t rows_affected() const noexcept { return detail::affected_rows(handle_.get()); }

  /// The only row; no_rows or too_many_rows otherwise.
  record_type one() const {
    if (size() != 1) {
      if (empty()) throw no_rows(std::string(sql()));
      throw too_many_rows(size(), std::string(sql()));
    }
    return (*this)[0].to_record();
  }

  /// The only row, or nothing when there is none; too_many_rows when there are several.
  std::optional<record_type> one_or_none() const {
    if (empty()) return std::nullopt;
    if (size() > 1) throw too_many_rows(size(), std::string(sql()));
    return (*this)[0].to_record();
  }

  /// The single value of a one-column, one-row result.
  auto scalar() const {
    static_assert(detail::columns_info<Columns>::size == 1,
                  "scalar() needs a statement that returns exactly one column");
    if (size() != 1) {
      if (empty()) throw no_rows(std::string(sql()));
      throw too_many_rows(size(), std::string(sql()));
    }
    return (*this)[0].template get<0>();
  }

  /// The only row mapped into S (as as<S>() maps each row); no_rows or too_many_rows otherwise.
  template <class S>
  S one_as() const {
    if (size() != 1) {
      if (empty()) throw no_rows(std::string(sql()));
      throw too_many_rows(size(), std::string(sql()));
    }
    return detail::map_row<S>((*this)[0]);
  }

  /// Every row, decoded into owning records.
  std::vector<record_type> all() const {
    std::vector<record_type> rows;
    rows.reserve(size());
    for (const row_type& r : *this) rows.push_back(r.to_record());
    return rows;
  }

  /// Every row mapped into S: by member name for Boost.Hana-adapted structs and for aggregates
  /// (columns without a name, as in raw queries, map by position).
  template <class S>
  std::vector<S> as() const {
    std::vector<S> rows;
    rows.reserve(size());
    for (const row_type& r : *this) rows.push_back(detail::map_row<S>(r));
    return rows;
  }

  /// The result's column names as the server labels them, in order.
  std::vector<std::string> column_names() const {
    std::vector<std::string> names;
    for (int i = 0; i < PQnfields(handle_.get()); ++i) names.emplace_back(PQfname(handle_.get(), i));
    return names;
  }

  /// The underlying libpq result (owned by this object).
  const PGresult* native_handle() const noexcept { return handle_.get(); }
  /// The statement's SQL text.
  std::string_view sql() const noexcept {
    return static_sql_ ? std::string_view(static_sql_) : std::string_view(owned_sql_);
  }

 private:
  detail::result_ptr handle_;
  const char* static_sql_;
  std::string owned_sql_;
};

}  // namespace pgdsl
