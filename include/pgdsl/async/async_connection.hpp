// SPDX-License-Identifier: BSL-1.0
// async_connection: a PostgreSQL connection driven by an Asio executor, for C++20 coroutines and
// any other completion token. Statements run through the same execution core as the blocking
// connection (prepare-and-check, parameter blocks, typed results and errors); only the waiting
// is different. Coroutines that await statements on one connection at the same time share it:
// their statements are pipelined (see docs/async.md). Use a connection from one thread (its
// executor's).
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "pgdsl/async/async_transaction.hpp"
#include "pgdsl/async/cancellation.hpp"
#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/async/detail/async_connect.hpp"
#include "pgdsl/async/detail/async_core.hpp"
#include "pgdsl/async/detail/async_jobs.hpp"
#include "pgdsl/async/detail/completion.hpp"
#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/execution/statement_concept.hpp"

namespace pgdsl {

/// A connection whose operations complete through Asio completion tokens.
class async_connection {
  using asio_executor = detail::asio::any_io_executor;

 public:
  /// Not connected (what a failed async_connect completes with beside its error).
  async_connection() = default;
  async_connection(async_connection&&) noexcept = default;
  async_connection& operator=(async_connection&& other) noexcept {
    if (this != &other) {
      close();
      core_ = std::move(other.core_);
    }
    return *this;
  }
  /// Closes the connection; operations still running end with connection_error.
  ~async_connection() { close(); }

  /// Connects without blocking the executor's thread; completes with (exception_ptr,
  /// async_connection). options.connect_timeout bounds the whole attempt (name lookup included).
  template <class Token>
  static auto async_connect(asio_executor executor, connection_options options, Token&& token) {
    return detail::start_operation<async_connection>(
        std::forward<Token>(token), [executor, options = std::move(options)](auto handler) mutable {
          detail::asio::co_spawn(executor, open(executor, std::move(options)), std::move(handler));
        });
  }
  /// Connects with a URL (postgresql://...) or key=value string.
  template <class Token>
  static auto async_connect(asio_executor executor, std::string_view conninfo, Token&& token) {
    return async_connect(std::move(executor), connection_options{.conninfo = std::string(conninfo)},
                         std::forward<Token>(token));
  }

  /// Runs a static statement (prepared on first use on this connection, its columns checked);
  /// completes with (exception_ptr, result<...>).
  template <static_statement Q, class Token>
  auto async_execute(const Q& statement, Token&& token) {
    return async_execute(statement, operation_options{}, std::forward<Token>(token));
  }
  /// The same, with a timeout or a cancellation (docs/async.md: what a cancelled statement does).
  template <static_statement Q, class Token>
  auto async_execute(const Q& statement, const operation_options& options, Token&& token) {
    return detail::submit_job<detail::static_job<Q>>(core_, 0, detail::ownership::none, options,
                                                     std::forward<Token>(token), statement);
  }

  /// Runs raw SQL whose rows decode into T..., with `args` bound as parameters $1, $2, ...:
  /// db.async_query<std::int64_t>("SELECT $1::int8 + 1", std::tuple{41}, use_awaitable).
  template <class... T, class... Args, class Token>
  auto async_query(raw_sql sql, const std::tuple<Args...>& args, Token&& token) {
    return async_query<T...>(sql, args, operation_options{}, std::forward<Token>(token));
  }
  template <class... T, class... Args, class Token>
  auto async_query(raw_sql sql, const std::tuple<Args...>& args, const operation_options& options,
                   Token&& token) {
    return std::apply(
        [&](const Args&... values) {
          return detail::submit_job<detail::raw_job<raw_columns<T...>, Args...>>(
              core_, 0, detail::ownership::none, options, std::forward<Token>(token), sql,
              values...);
        },
        args);
  }
  /// Raw SQL without parameters.
  template <class... T, class Token>
  auto async_query(raw_sql sql, Token&& token) {
    return async_query<T...>(sql, std::tuple<>{}, std::forward<Token>(token));
  }

  /// Starts a transaction (BEGIN, or BEGIN with `begin_command`'s options); completes with
  /// (exception_ptr, async_transaction). The connection runs only its statements until it ends.
  template <class Token>
  auto async_begin(Token&& token) {
    if (!core_) throw connection_error("the async connection is not open", "08003");
    const unsigned owner = core_->new_owner();
    return detail::start_operation<async_transaction>(
        std::forward<Token>(token), [core = core_, owner](auto handler) mutable {
          using job = detail::async_job<detail::command_job, begin_handler<decltype(handler)>>;
          auto op = std::make_unique<job>(
              begin_handler<decltype(handler)>{std::move(handler), core, owner}, core->executor(),
              std::string("BEGIN"));
          op->owner = owner;
          op->changes = detail::ownership::take;
          core->submit(std::move(op));
        });
  }

  /// The executor the connection runs its socket waits on (not connected: a default one).
  asio_executor get_executor() const noexcept {
    return core_ ? core_->executor() : asio_executor();
  }
  /// True while the connection can run statements.
  bool is_open() const noexcept { return core_ && core_->is_open(); }
  /// Statements sent whose results have not all arrived.
  std::size_t in_flight() const noexcept { return core_ ? core_->in_flight() : 0; }
  /// How long a cancelled statement may take to end before the connection is closed (1 s).
  void set_cancel_grace(std::chrono::milliseconds grace) {
    if (core_) core_->cancel_grace = grace;
  }
  /// Closes the connection now; running operations end with connection_error.
  void close() noexcept {
    if (!core_) return;
    core_->close(std::make_exception_ptr(
        connection_error("the async connection was closed while the operation ran", "08003")));
    core_.reset();
  }
  /// The libpq connection (in pipeline and nonblocking mode), for what pgdsl does not wrap.
  PGconn* native_handle() const noexcept { return core_ ? core_->conn() : nullptr; }

 private:
  template <class Handler>
  struct begin_handler {
    Handler inner;
    std::shared_ptr<detail::async_core> core;
    unsigned owner;
    void operator()(std::exception_ptr failure) {
      if (failure) return inner(failure, async_transaction());
      inner(failure, async_transaction(std::move(core), owner));
    }
  };

  static detail::asio::awaitable<async_connection> open(asio_executor executor,
                                                        connection_options options) {
    const bool prepared = options.prepared_statements;
    detail::connection_ptr conn = co_await detail::connect_without_blocking(std::move(options));
    async_connection db;
    db.core_ = std::make_shared<detail::async_core>(executor, std::move(conn));
    db.core_->state.prepared_statements = prepared;
    co_return db;
  }

  std::shared_ptr<detail::async_core> core_;
};

}  // namespace pgdsl
