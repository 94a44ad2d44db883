// SPDX-License-Identifier: BSL-1.0
// copy_out: COPY ... TO STDOUT (FORMAT binary) as a range of typed rows, decoded one CopyData
// message (one row) at a time, so a table of any size streams in constant memory. Binary COPY
// carries no type information of its own: the column descriptors give the types (a table's
// columns), or the statement does (COPY (SELECT ...)), whose columns are checked against the
// server first, as for execute().
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/column_list.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/copy_format.hpp"
#include "pgdsl/execution/detail/pull_iterator.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"
#include "pgdsl/execution/detail/statement_runner.hpp"
#include "pgdsl/schema/table.hpp"

namespace pgdsl {

/// The rows of a COPY TO, read as they arrive; an input range of std::tuple<column values...>.
/// Leaving it early reads (and discards) the rest, so the connection stays usable.
template <class... Columns>
class copy_rows {
 public:
  using value_type = std::tuple<typename Columns::value_type...>;

  using iterator = detail::pull_iterator<copy_rows>;

  /// Starts the COPY `sql` (static text, rendered once per table or statement).
  copy_rows(PGconn* conn, const std::string& sql) : conn_(conn), sql_(sql.c_str()) {
    detail::run_command(conn_, sql_, PGRES_COPY_OUT);
    done_ = false;
    advance();
  }
  /// Takes over the rest of the rows (an iterator of `other` must not be used afterwards).
  copy_rows(copy_rows&& other) noexcept(std::is_nothrow_move_constructible_v<value_type>)
      : conn_(other.conn_),
        sql_(other.sql_),
        current_(std::move(other.current_)),
        rows_read_(other.rows_read_),
        first_(other.first_),
        done_(std::exchange(other.done_, true)) {}
  copy_rows(const copy_rows&) = delete;
  copy_rows& operator=(const copy_rows&) = delete;
  copy_rows& operator=(copy_rows&&) = delete;
  ~copy_rows() {
    try {
      while (!done_) advance();
    } catch (...) {  // the connection reports its state on next use
    }
  }

  /// Reads the first row; call once.
  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }
  /// Rows read so far.
  std::uint64_t rows_read() const noexcept { return rows_read_; }

 private:
  friend iterator;
  value_type& current() noexcept { return current_; }
  bool at_end() const noexcept { return done_; }

  void advance() {
    char* message = nullptr;
    const int length = detail::take_copy_data(conn_, &message, detail::poll_wait{});
    if (length >= 0) {
      const std::unique_ptr<char, decltype(&PQfreemem)> owned(message, &PQfreemem);
      bool trailer = false;
      try {
        detail::copy_row_reader reader(std::string_view(message, static_cast<std::size_t>(length)));
        if (first_) reader.skip_header();
        first_ = false;
        const std::int16_t count = reader.field_count();
        trailer = count == -1;
        if (!trailer && count != static_cast<std::int16_t>(sizeof...(Columns)))
          throw decode_error("COPY sent " + std::to_string(count) + " fields, expected " +
                             std::to_string(sizeof...(Columns)));
        if (!trailer) current_ = value_type{read_field<Columns>(reader)...};  // left to right
      } catch (...) {
        discard_rest();  // the connection must not stay in COPY mode
        throw;
      }
      if (trailer) return advance();  // -1 from PQgetCopyData follows
      ++rows_read_;
      return;
    }
    done_ = true;
    const detail::result_ptr outcome = detail::take_final_result(conn_);
    if (length == -2 || !detail::succeeded(outcome.get()))
      throw_sql_error(conn_, outcome.get(), sql_);
  }

  // Reads and drops the remaining data and the COPY's result.
  void discard_rest() noexcept {
    done_ = true;
    char* message = nullptr;
    while (detail::take_copy_data(conn_, &message, detail::poll_wait{}) >= 0) PQfreemem(message);
    detail::take_final_result(conn_);
  }

  template <class Column>
  static typename Column::value_type read_field(detail::copy_row_reader& reader) {
    using value = typename Column::value_type;
    bool null = false;
    const std::string_view bytes = reader.next_field(null);
    if (null) {
      if constexpr (is_optional_v<value>)
        return value{};
      else
        throw unexpected_null(std::string(std::string_view(Column::name)),
                              type_traits<nullable_base_t<value>>::sql_name);
    }
    return type_traits<nullable_base_t<value>>::decode(bytes);
  }

  PGconn* conn_;
  const char* sql_;
  value_type current_{};
  std::uint64_t rows_read_ = 0;
  bool first_ = true;
  bool done_ = true;
};

template <class Table, class... Columns>
copy_rows<Columns...> connection::copy_out(const Table&, column_list<Columns...>) {
  static_assert(table_type<Table>, "copy_out: the first argument must be a table descriptor");
  static_assert(
      (std::is_same_v<typename Columns::table_type, typename Table::table_identity> && ...),
      "copy_out: every column must belong to the table being read");
  return copy_rows<Columns...>(detail::connection_access::state(*this).conn.get(),
                               detail::copy_sql<detail::copy_direction::out, Table, Columns...>());
}

template <static_statement Q>
detail::copy_rows_for_t<typename Q::result_columns> connection::copy_out(const Q&) {
  using columns = typename Q::result_columns;
  static_assert(Q::param_count == 0,
                "copy_out(statement): COPY cannot bind parameters, and this statement has some; "
                "read it with db.stream() or db.cursor()");
  static_assert(detail::columns_info<columns>::size > 0,
                "copy_out(statement): the statement returns no columns");
  detail::connection_state& s = detail::connection_access::state(*this);
  detail::ready_statement<columns>(s, Q::sql.c_str(), {});  // checks the columns, once
  return detail::copy_rows_for_t<columns>(s.conn.get(), detail::copy_statement_sql<Q>());
}

}  // namespace pgdsl
