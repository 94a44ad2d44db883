// SPDX-License-Identifier: BSL-1.0
// connection: one libpq connection, move-only, closed by its destructor. It runs single
// statements (static ones prepared once, binary both ways; statements rendered at run time; raw
// SQL with bound parameters; commands) and owns the per-connection settings: prepared-statement
// mode, statement timeout, query hook and notice handler. Every other capability lives in a
// header of its own and reaches the connection's state through detail::connection_access; the
// member functions below that are "defined in" another header are shortcuts to those
// capabilities, usable once that header (or <pgdsl/pgdsl.hpp>) is included. A new capability
// does not edit this header.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>

#include "pgdsl/execution/column_list.hpp"
#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/cursor_options.hpp"
#include "pgdsl/execution/insert_rows_options.hpp"
#include "pgdsl/execution/detail/connect.hpp"
#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/dynamic_parameters.hpp"
#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/execution/detail/session_state.hpp"
#include "pgdsl/execution/detail/statement_runner.hpp"
#include "pgdsl/execution/observability.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/execution/result.hpp"
#include "pgdsl/execution/runtime_statement.hpp"
#include "pgdsl/execution/statement_concept.hpp"
#include "pgdsl/execution/transaction_options.hpp"

namespace pgdsl {

class transaction;
class pipeline;
template <class... T>
class prepared_query;
struct pipeline_options;
template <class Columns>
class row_stream;
template <class Columns>
class row_cursor;
template <class... Columns>
class copy_rows;
namespace detail {
// The copy_rows of a statement's result columns.
template <class Columns>
struct copy_rows_for;
template <class... E>
struct copy_rows_for<type_list<E...>> {
  using type = copy_rows<E...>;
};
template <class Columns>
using copy_rows_for_t = typename copy_rows_for<Columns>::type;
struct connection_access;
}  // namespace detail

/// Whether the connection can run statements.
enum class connection_status { ok, bad };

/// Where the connection stands with respect to transaction blocks.
enum class transaction_status { idle, active, in_transaction, in_error, unknown };

/// A connection to a PostgreSQL server.
class connection {
 public:
  /// Connects with a URL (postgresql://...) or key=value string; throws connection_error.
  explicit connection(std::string_view conninfo)
      : connection(connection_options{.conninfo = std::string(conninfo)}) {}

  /// Connects with named options; throws connection_error naming the host, never the password.
  explicit connection(const connection_options& options)
      : state_(std::make_unique<detail::connection_state>()) {
    if (options.transaction_pooling && options.statement_timeout.count() > 0)
      throw transaction_pooling_error(
          "connection_options::statement_timeout (set with SET, it would stay with one server "
          "session; set it for the role with ALTER ROLE ... SET statement_timeout, or per "
          "transaction with transaction_options)");
    state().conn = detail::connect(options);
    state().prepared_statements = options.prepared_statements && !options.transaction_pooling;
    state().transaction_pooling = options.transaction_pooling;
    state().default_receiver =
        PQsetNoticeReceiver(native_handle(), detail::receive_notice, state_.get());
    if (options.statement_timeout.count() > 0) set_statement_timeout(options.statement_timeout);
  }

  /// Connects to DATABASE_URL when it is set, else where libpq's PG* variables point; fields
  /// set in `options` override both.
  static connection from_env(connection_options options = {}) {
    if (const char* url = std::getenv("DATABASE_URL"); url && *url && options.conninfo.empty())
      options.conninfo = url;
    return connection(options);
  }

  connection(connection&&) noexcept = default;
  connection& operator=(connection&&) noexcept = default;
  ~connection() = default;

  /// True when the connection can run statements (false after it was lost).
  bool is_open() const noexcept {
    return state_ && state_->conn && PQstatus(state_->conn.get()) == CONNECTION_OK;
  }
  connection_status status() const noexcept {
    return is_open() ? connection_status::ok : connection_status::bad;
  }
  transaction_status transaction_state() const noexcept {
    switch (state_ && state_->conn ? PQtransactionStatus(state_->conn.get()) : PQTRANS_UNKNOWN) {
      case PQTRANS_IDLE:
        return transaction_status::idle;
      case PQTRANS_ACTIVE:
        return transaction_status::active;
      case PQTRANS_INTRANS:
        return transaction_status::in_transaction;
      case PQTRANS_INERROR:
        return transaction_status::in_error;
      default:
        return transaction_status::unknown;
    }
  }

  /// Reconnects with the same parameters (prepared statements are prepared again on next use,
  /// the statement timeout is applied again); throws connection_error when that fails.
  void reset() {
    PQreset(state().conn.get());
    state().prepared.clear();
    ++state().session;
    if (PQstatus(native_handle()) != CONNECTION_OK)
      throw connection_error(
          "reset failed: " + detail::trimmed_message(PQerrorMessage(native_handle())), "08001");
    if (state().statement_timeout.count() > 0) set_statement_timeout(state().statement_timeout);
  }

  /// The server's version as an integer, e.g. 150004 for 15.4.
  int server_version() const noexcept { return PQserverVersion(native_handle()); }

  /// Sets statement_timeout for this session (0 = no limit); statements running longer fail
  /// with query_canceled.
  void set_statement_timeout(std::chrono::milliseconds timeout) {
    const std::string command = "SET statement_timeout = " + std::to_string(timeout.count());
    run_command(runtime_sql(command));
    state().statement_timeout = timeout;
  }

  /// Installs (or, with an empty function, removes) the hook called after every statement.
  void set_query_hook(query_hook hook) { state().hook = std::move(hook); }
  /// Installs the receiver of server notices (empty = libpq's default, printing to stderr).
  void set_notice_handler(notice_handler handler) { state().on_notice = std::move(handler); }

  /// Runs a static statement: prepared on first use, binary parameters and results.
  template <static_statement Q>
  result<typename Q::result_columns> execute(const Q& statement) {
    using columns = typename Q::result_columns;
    const detail::parameter_block<Q::param_count> params(statement);
    const char* sql = Q::sql.c_str();
    return result<columns>(observe(sql,
                                   [&] {
                                     return detail::run_static<columns>(
                                         state(), sql,
                                         params.template bound<typename Q::param_types>());
                                   }),
                           sql);
  }

  /// Runs a statement rendered at run time (a multi-row INSERT from values(rows)); at most
  /// 65,535 parameters (too_many_parameters otherwise: use insert_rows()).
  template <runtime_statement Q>
  result<typename Q::result_columns> execute(const Q& statement) {
    using columns = typename Q::result_columns;
    const std::size_t count = statement.param_count();
    if (count > max_statement_parameters) throw too_many_parameters(count);
    detail::dynamic_parameters params;
    params.reserve(count);
    statement.bind([&](const auto& value) { params.add(value); });
    params.finish();
    const char* sql = statement.sql.c_str();
    return result<columns>(
        observe(sql, [&] { return detail::run_unnamed<columns>(state(), sql, params.bound()); }),
        sql, /*copy_sql=*/true);
  }

  /// Inserts every row of `rows` with insert_into(t).columns(...) as `insert`: multi-row INSERTs
  /// of at most 65,535 parameters (or options.rows_per_statement rows) each, sent in one
  /// pipeline. Returns the rows inserted. Defined in bulk_insert.hpp.
  template <class Builder, std::ranges::forward_range Rows>
  std::uint64_t insert_rows(const Builder& insert, const Rows& rows,
                            const insert_rows_options& options = {});

  /// Starts a pipeline: statements queued without waiting for each answer (docs/pipeline.md).
  /// Defined in pipeline.hpp.
  pgdsl::pipeline pipeline(pipeline_options options);
  pgdsl::pipeline pipeline();

  /// Runs a static statement and reads its rows one at a time (single-row mode), in constant
  /// memory; the connection runs nothing else until the stream is read or destroyed.
  /// Defined in stream.hpp.
  template <static_statement Q>
  row_stream<typename Q::result_columns> stream(const Q& statement);

  /// Runs a static statement through a server-side cursor and reads its rows in batches of
  /// options.fetch_size, the next batch fetched while one is read; in a transaction of its own
  /// unless one is open. The connection runs nothing else until the cursor is read or destroyed.
  /// Defined in cursor.hpp.
  template <static_statement Q>
  row_cursor<typename Q::result_columns> cursor(const Q& statement, cursor_options options = {});

  /// Loads `rows` (tuples, or structs with members named like the columns) into the columns of
  /// `table` with binary COPY; returns the rows loaded. Nothing is loaded when any row fails.
  /// Defined in copy_into.hpp.
  template <class Table, class... Columns, std::ranges::input_range Rows>
  std::uint64_t copy_into(const Table& table, column_list<Columns...> columns, Rows&& rows);
  /// Loads `rows` into every column of `table`, in declaration order.
  template <class Table, std::ranges::input_range Rows>
  std::uint64_t copy_into(const Table& table, Rows&& rows);

  /// Reads the columns of `table` with binary COPY TO, as a range of tuples decoded row by row.
  /// Defined in copy_out.hpp.
  template <class Table, class... Columns>
  copy_rows<Columns...> copy_out(const Table& table, column_list<Columns...> columns);
  /// Reads the rows of a static statement without parameters with COPY (...) TO STDOUT (FORMAT
  /// binary), as tuples decoded row by row; its columns are checked against the server first.
  template <static_statement Q>
  detail::copy_rows_for_t<typename Q::result_columns> copy_out(const Q& statement);

  /// Runs raw SQL whose rows decode into T...: db.query<std::int64_t, std::string>("SELECT id,
  /// name FROM users WHERE id > $1", 10). Arguments are bound as binary parameters, never spliced.
  /// A literal is prepared on first use on this connection (like a DSL statement, keyed by its
  /// address); runtime_sql(text) runs unnamed (db.prepare<T...>(text) prepares it).
  template <class... T, class... Args>
  result<raw_columns<T...>> query(raw_sql sql, const Args&... args) {
    return run_raw<T...>(sql.c_str(), sql.is_fixed(), args...);
  }

  /// Raw SQL made at run time, prepared on first use and run as often as needed:
  /// `auto find = db.prepare<std::string>(pgdsl::runtime_sql(text)); find(42);`. The handle must
  /// not outlive the connection. Defined in prepared_query.hpp.
  template <class... T>
  prepared_query<T...> prepare(raw_sql sql);

  /// Runs raw SQL that returns no rows of interest (DDL, INSERT, ...); see rows_affected().
  template <class... Args>
  result<type_list<>> execute_raw(raw_sql sql, const Args&... args) {
    return query<>(sql, args...);
  }

  /// Runs `fn(transaction&)` in a transaction: commits when it returns, rolls back and rethrows
  /// when it throws. Returns what `fn` returns. Defined in transaction.hpp.
  template <class F>
  auto transaction(F&& fn, const transaction_options& options = {});

  /// Starts a transaction that rolls back when destroyed unless committed. Defined in
  /// transaction.hpp.
  pgdsl::transaction begin(const transaction_options& options = {});

  /// Runs a command with the simple protocol (no parameters): transaction control, SET, DDL.
  void run_command(raw_sql sql) {
    if (state().transaction_pooling) detail::refuse_session_state(sql.c_str());
    observe(sql.c_str(), [&] { return detail::run_command(state().conn.get(), sql.c_str()); });
  }

  /// Number of static statements this connection has prepared (in unnamed mode: checked).
  std::size_t prepared_statement_count() const noexcept {
    return state_ ? state_->prepared.size() : 0;
  }

  /// The libpq connection, for what pgdsl does not wrap.
  PGconn* native_handle() const noexcept { return state_ ? state_->conn.get() : nullptr; }

 private:
  friend struct detail::connection_access;

  template <class... T>
  friend class prepared_query;

  // Raw SQL with bound arguments: prepared when `fixed` (its address is a key for the program's
  // life), else unnamed; the result keeps a copy of the text for its messages.
  template <class... T, class... Args>
  result<raw_columns<T...>> run_raw(const char* sql, bool fixed, const Args&... args) {
    if (state().transaction_pooling) detail::refuse_session_state(sql);
    using param_types = type_list<detail::parameter_value_t<Args>...>;
    detail::parameter_block<sizeof...(Args)> params;
    (params.add(detail::as_parameter(args)), ...);
    params.finish();
    const detail::bound_parameters bound = params.template bound<param_types>();
    return result<raw_columns<T...>>(
        observe(sql,
                [&] {
                  return fixed ? detail::run_static<raw_columns<T...>>(
                                     state(), sql, bound, &detail::parameter_types_tag<param_types>)
                               : detail::run_unnamed<raw_columns<T...>>(state(), sql, bound);
                }),
        sql, !fixed);
  }

  template <class Run>
  detail::result_ptr observe(const char* sql, Run&& run) {
    return detail::observe(state().hook, sql, std::forward<Run>(run),
                           [](const detail::result_ptr& r) { return detail::row_count(r.get()); });
  }

  // The moved-from object has no state: using it is a closed connection, not a crash.
  detail::connection_state& state() const {
    if (!state_) throw connection_error("the connection was moved from", "08003");
    return *state_;
  }

  std::unique_ptr<detail::connection_state> state_;
};

namespace detail {
// The one way into a connection's state for the capabilities built on it (pipeline, streams,
// COPY, transactions, and later pools and listeners): none of them is a friend.
struct connection_access {
  static connection_state& state(const connection& db) { return db.state(); }
  // The session a transaction began in; after reset() its transactions no longer exist.
  static unsigned long session(const connection& db) noexcept {
    return db.state_ ? db.state_->session : 0;
  }
};
}  // namespace detail

}  // namespace pgdsl
