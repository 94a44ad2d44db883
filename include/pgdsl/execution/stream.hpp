// SPDX-License-Identifier: BSL-1.0
// row_stream: a large result read row by row in libpq's single-row mode, so memory stays constant
// whatever the row count and decoding overlaps the server's work. Rows are the same typed views
// as a result's (structured bindings, row[column], as<S>()), each valid until the next row.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/pull_iterator.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"
#include "pgdsl/execution/detail/statement_runner.hpp"
#include "pgdsl/execution/row.hpp"
#include "pgdsl/execution/stream_batches.hpp"
#include "pgdsl/execution/struct_mapping.hpp"

namespace pgdsl {

/// The rows of one statement, received one at a time: an input range of row<Columns>.
/// Leaving it early reads (and discards) the rest, so the connection stays usable.
template <class Columns>
class row_stream {
 public:
  using row_type = row<Columns>;

  using value_type = row_type;
  using iterator = detail::pull_iterator<row_stream>;

  /// Takes over a connection on which a query was just sent in single-row mode.
  row_stream(PGconn* conn, const char* sql) : conn_(conn), sql_(sql) { advance(); }
  /// Takes over the rest of the rows (an iterator of `other` must not be used afterwards).
  row_stream(row_stream&& other) noexcept
      : conn_(other.conn_),
        sql_(other.sql_),
        current_(std::move(other.current_)),
        rows_read_(other.rows_read_),
        done_(std::exchange(other.done_, true)) {}
  row_stream(const row_stream&) = delete;
  row_stream& operator=(const row_stream&) = delete;
  row_stream& operator=(row_stream&&) = delete;
  ~row_stream() {
    try {
      while (!done_) advance();
    } catch (...) {  // the connection reports its state on next use
    }
  }

  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

  /// Calls fn(S) for every remaining row mapped into S (by member name, as result::as<S>()).
  template <class S, class F>
  void each_as(F&& fn) {
    for (; !done_; advance()) fn(detail::map_row<S>(row_type(current_.get(), 0)));
  }

  /// The remaining rows in batches of at most `rows_per_batch` owned records (the last batch may
  /// be shorter): `for (const auto& batch : stream.batches(1000))`.
  row_batches<row_stream, record<Columns>> batches(std::size_t rows_per_batch) {
    return {*this, rows_per_batch};
  }
  /// The same, each row mapped into S by member name (as result::as<S>()).
  template <class S>
  row_batches<row_stream, S> batches_as(std::size_t rows_per_batch) {
    return {*this, rows_per_batch};
  }

  /// Rows received so far.
  std::uint64_t rows_read() const noexcept { return rows_read_; }

 private:
  friend iterator;
  template <class, class>
  friend class row_batches;
  template <class Value>
  Value take_current() const {
    if constexpr (std::is_same_v<Value, record<Columns>>)
      return current().to_record();
    else
      return detail::map_row<Value>(current());
  }
  row_type current() const noexcept { return row_type(current_.get(), 0); }
  bool at_end() const noexcept { return done_; }

  void advance() {
    current_.reset();  // first: the next row's result then reuses the memory of this one
    current_ = detail::take_result(conn_, detail::poll_wait{});
    if (current_ && PQresultStatus(current_.get()) == PGRES_SINGLE_TUPLE) {
      ++rows_read_;
      return;
    }
    done_ = true;
    detail::result_ptr outcome = std::move(current_);
    if (outcome != nullptr) {
      detail::result_ptr rest = detail::take_final_result(conn_);
      if (rest != nullptr && detail::succeeded(outcome.get())) outcome = std::move(rest);
    }
    if (outcome == nullptr || !detail::succeeded(outcome.get()))
      throw_sql_error(conn_, outcome.get(), sql_);
  }

  PGconn* conn_;
  const char* sql_;
  detail::result_ptr current_;
  std::uint64_t rows_read_ = 0;
  bool done_ = false;
};

template <static_statement Q>
row_stream<typename Q::result_columns> connection::stream(const Q& statement) {
  using columns = typename Q::result_columns;
  const detail::parameter_block<Q::param_count> params(statement);
  const detail::bound_parameters bound = params.template bound<typename Q::param_types>();
  const char* sql = Q::sql.c_str();
  detail::connection_state& s = detail::connection_access::state(*this);
  PGconn* conn = s.conn.get();
  const char* name = detail::ready_statement<columns>(s, sql, bound);
  if (!detail::send_statement(conn, name, sql, bound)) throw_sql_error(conn, nullptr, sql);
  if (PQsetSingleRowMode(conn) != 1) {
    detail::take_final_result(conn);
    throw_sql_error(conn, nullptr, sql);
  }
  return row_stream<columns>(conn, sql);
}

}  // namespace pgdsl
