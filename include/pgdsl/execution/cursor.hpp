// SPDX-License-Identifier: BSL-1.0
// row_cursor: a large result read in batches through a server-side cursor (DECLARE ... NO SCROLL
// CURSOR, then FETCH n). Memory holds at most two batches whatever the row count, and the next
// FETCH is already on its way while a batch is decoded: libpq's pipeline mode keeps two in flight.
// Outside a transaction the cursor opens its own (a cursor lives in a transaction) and commits it
// at the end, so the rows come from one snapshot.
#pragma once

#include <libpq-fe.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/cursor_options.hpp"
#include "pgdsl/execution/detail/prepare.hpp"
#include "pgdsl/execution/detail/protocol.hpp"
#include "pgdsl/execution/detail/pull_iterator.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"
#include "pgdsl/execution/row.hpp"
#include "pgdsl/execution/struct_mapping.hpp"

namespace pgdsl {

/// The rows of one statement, fetched in batches: an input range of row<Columns>.
/// Leaving it early closes the cursor, so the connection stays usable.
template <class Columns>
class row_cursor {
 public:
  using row_type = row<Columns>;

  using value_type = row_type;
  using iterator = detail::pull_iterator<row_cursor>;

  /// Declares cursor `name` for `sql` and sends the first two FETCHes, in one pipeline.
  row_cursor(PGconn* conn, const char* sql, const std::string& name,
             const detail::bound_parameters& params, int fetch_size)
      : conn_(conn),
        sql_(sql),
        fetch_("FETCH " + std::to_string(fetch_size) + " FROM " + name),
        close_("CLOSE " + name),
        fetch_size_(fetch_size),
        own_transaction_(PQtransactionStatus(conn) == PQTRANS_IDLE) {
    detail::ensure_open(conn_, sql_);
    if (PQenterPipelineMode(conn_) != 1) throw_sql_error(conn_, nullptr, sql_);
    const std::string declare = "DECLARE " + name + " NO SCROLL CURSOR FOR " + sql;
    bool sent = !own_transaction_ || send("BEGIN");
    sent = sent &&
           detail::send_statement(conn_, nullptr, declare.c_str(), params, detail::text_results);
    setup_pending_ = own_transaction_ ? 2 : 1;
    sent = sent && send_fetch() && send_fetch();
    try {
      if (!sent) throw_sql_error(conn_, nullptr, sql_);
      next_batch();
    } catch (...) {
      finish_quietly();
      throw;
    }
  }
  /// Takes over the rest of the rows (an iterator of `other` must not be used afterwards).
  row_cursor(row_cursor&& other) noexcept
      : conn_(other.conn_),
        sql_(other.sql_),
        fetch_(std::move(other.fetch_)),
        close_(std::move(other.close_)),
        fetch_size_(other.fetch_size_),
        own_transaction_(other.own_transaction_),
        setup_pending_(other.setup_pending_),
        fetches_pending_(other.fetches_pending_),
        batch_(std::move(other.batch_)),
        index_(other.index_),
        batch_rows_(other.batch_rows_),
        done_(std::exchange(other.done_, true)),
        rows_read_(other.rows_read_) {}
  row_cursor(const row_cursor&) = delete;
  row_cursor& operator=(const row_cursor&) = delete;
  row_cursor& operator=(row_cursor&&) = delete;
  ~row_cursor() { finish_quietly(); }

  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

  /// Calls fn(S) for every remaining row mapped into S (by member name, as result::as<S>()).
  template <class S, class F>
  void each_as(F&& fn) {
    for (; !done_; advance()) fn(detail::map_row<S>(current()));
  }

  /// Rows received so far.
  std::uint64_t rows_read() const noexcept { return rows_read_; }

 private:
  friend iterator;
  row_type current() const noexcept { return row_type(batch_.get(), index_); }
  bool at_end() const noexcept { return done_; }

  void advance() {
    if (++index_ < batch_rows_) {
      ++rows_read_;
      return;
    }
    if (batch_rows_ < fetch_size_) return finish();  // a short batch is the last one
    next_batch();
  }

  // Takes the next FETCH's rows and, when the batch is full, asks for one more at once, so the
  // server works on it while this batch is read.
  void next_batch() {
    batch_.reset();
    while (setup_pending_ > 0) {
      --setup_pending_;
      detail::result_ptr step = next_result();
      if (!detail::succeeded(step.get())) return fail(std::move(step));
    }
    --fetches_pending_;
    batch_ = next_result();
    if (!detail::succeeded(batch_.get())) return fail(std::move(batch_));
    if (rows_read_ == 0) detail::check_columns<Columns>(batch_.get(), sql_);  // the first batch
    index_ = 0;
    batch_rows_ = PQntuples(batch_.get());
    if (batch_rows_ == fetch_size_ && !send_fetch()) throw_sql_error(conn_, nullptr, sql_);
    if (batch_rows_ == 0) return finish();
    ++rows_read_;
  }

  // The next queued step's result; each is followed by a null that ends it.
  detail::result_ptr next_result() {
    detail::poll_wait wait;
    detail::result_ptr outcome = detail::take_step(conn_, wait);
    if (outcome == nullptr) throw_sql_error(conn_, nullptr, sql_);  // the connection is gone
    return outcome;
  }

  bool send(const char* command) {
    return detail::send_statement(conn_, nullptr, command, {}, detail::text_results);
  }
  bool send_fetch() {
    const bool sent = detail::send_statement(conn_, nullptr, fetch_.c_str(), {}) &&
                      PQsendFlushRequest(conn_) == 1 && PQflush(conn_) == 0;
    fetches_pending_ += sent ? 1 : 0;
    return sent;
  }

  // Reads what is still queued, closes the cursor (commits its own transaction), syncs and leaves
  // pipeline mode; throws the first failure.
  void finish(detail::result_ptr failure = nullptr) {
    done_ = true;
    batch_.reset();
    auto take_result = [&] {  // of the next queued step, keeping the first failure
      detail::result_ptr step = next_result();
      if (failure == nullptr && !detail::succeeded(step.get())) failure = std::move(step);
    };
    for (int queued = std::exchange(setup_pending_, 0) + std::exchange(fetches_pending_, 0);
         queued > 0; --queued)
      take_result();
    const bool closing = failure == nullptr;
    if (closing && !send(own_transaction_ ? "COMMIT" : close_.c_str()))
      throw_sql_error(conn_, nullptr, sql_);
    if (PQpipelineSync(conn_) != 1) throw_sql_error(conn_, nullptr, sql_);
    if (closing) take_result();
    const detail::result_ptr sync = detail::take_result(conn_, detail::poll_wait{});
    if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC)
      throw_sql_error(conn_, nullptr, sql_);
    if (PQexitPipelineMode(conn_) != 1) throw_sql_error(conn_, nullptr, sql_);
    if (failure != nullptr && own_transaction_ && PQtransactionStatus(conn_) != PQTRANS_IDLE &&
        detail::send_command(conn_, "ROLLBACK"))
      detail::take_final_result(conn_);
    if (failure != nullptr) throw_sql_error(conn_, failure.get(), sql_);
  }
  [[noreturn]] void fail(detail::result_ptr failure) {
    finish(std::move(failure));
    throw_sql_error(conn_, nullptr, sql_);  // not reached: finish() throws the failure
  }

  // For destructors and failed construction: ends the cursor if it is still open, silently (the
  // connection reports a broken state on its next use).
  void finish_quietly() noexcept {
    if (done_) return;
    try {
      finish();
    } catch (...) {
    }
    done_ = true;
  }

  PGconn* conn_;
  const char* sql_;
  std::string fetch_;
  std::string close_;
  int fetch_size_;
  bool own_transaction_;
  int setup_pending_ = 0;    // results of BEGIN and DECLARE still to read
  int fetches_pending_ = 0;  // FETCHes sent and not yet read
  detail::result_ptr batch_;
  int index_ = 0;
  int batch_rows_ = 0;
  bool done_ = false;
  std::uint64_t rows_read_ = 0;
};

template <static_statement Q>
row_cursor<typename Q::result_columns> connection::cursor(const Q& statement,
                                                          cursor_options options) {
  const detail::parameter_block<Q::param_count> params(statement);
  detail::connection_state& s = detail::connection_access::state(*this);
  const std::string name = "pgdsl_cursor_" + std::to_string(++s.cursor_counter);
  return row_cursor<typename Q::result_columns>(s.conn.get(), Q::sql.c_str(), name,
                                                params.template bound<typename Q::param_types>(),
                                                std::max(options.fetch_size, 1));
}

}  // namespace pgdsl
