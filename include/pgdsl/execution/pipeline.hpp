// SPDX-License-Identifier: BSL-1.0
// pipeline: many statements on one connection without waiting for each answer (libpq pipeline
// mode on a nonblocking socket). At most max_unanswered steps are in flight, with a flush request
// every flush_every statements and one sync at finish(): a bounded window keeps libpq from
// retrying a full socket on every message, and results are handed over in order as they arrive.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iterator>
#include <ranges>
#include <string>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/dynamic_parameters.hpp"
#include "pgdsl/execution/detail/pipeline_queue.hpp"
#include "pgdsl/execution/detail/prepare.hpp"
#include "pgdsl/execution/detail/shape_cache.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"
#include "pgdsl/execution/dynamic_statement.hpp"
#include "pgdsl/execution/runtime_statement.hpp"

namespace pgdsl {

/// How many statements a pipeline keeps unanswered, and how often it asks for results.
struct pipeline_options {
  std::size_t max_unanswered = 1024;  ///< statements sent whose results have not arrived
  std::size_t flush_every = 128;      ///< a flush request after this many statements
};

/// Statements queued on one connection; results arrive in order through each statement's handler.
/// See docs/pipeline.md for what an error does to the statements after it.
class pipeline {
 public:
  explicit pipeline(connection& db, pipeline_options options = {})
      : state_(&detail::connection_access::state(db)),
        options_(options),
        queue_(options.max_unanswered + 3) {}  // a statement may bring a prepare and a describe
  /// Takes over the statements in flight; `other` is left finished.
  pipeline(pipeline&& other) noexcept
      : state_(other.state_),
        options_(other.options_),
        queue_(std::move(other.queue_)),
        queue_back_sql_(other.queue_back_sql_),
        since_flush_(other.since_flush_),
        unflushed_(other.unflushed_),
        unsent_(other.unsent_),
        active_(std::exchange(other.active_, false)),
        finished_(std::exchange(other.finished_, true)),
        synced_(other.synced_),
        sync_received_(other.sync_received_),
        failed_(other.failed_),
        error_(std::move(other.error_)) {}
  pipeline(const pipeline&) = delete;
  pipeline& operator=(const pipeline&) = delete;
  pipeline& operator=(pipeline&&) = delete;
  /// Waits for what is still in flight (discarding results) so the connection stays usable.
  ~pipeline() {
    try {
      if (active_) {
        failed_ = true;  // deliver nothing more: the owner is gone
        drain();
      }
    } catch (...) {  // a destructor cannot report; a broken connection reports on its next use
    }
  }

  /// Queues a static statement; on_result(result<...>&&) runs when its result arrives (during a
  /// later execute() or finish()). Throws the first failure of the pipeline, after waiting for the
  /// rest (see docs/pipeline.md).
  template <static_statement Q, class Handler>
  void execute(const Q& statement, Handler&& on_result) {
    using columns = typename Q::result_columns;
    const detail::parameter_block<Q::param_count> params(statement);
    push_prepared<columns>(Q::sql.c_str(), params.template bound<typename Q::param_types>(),
                           std::forward<Handler>(on_result));
  }
  /// Queues a static statement whose result is only checked for success.
  template <static_statement Q>
  void execute(const Q& statement) {
    execute(statement, [](auto&&) {});
  }

  /// Queues a statement rendered at run time (e.g. a multi-row INSERT), run unnamed.
  template <runtime_statement Q, class Handler>
  void execute(const Q& statement, Handler&& on_result) {
    using columns = typename Q::result_columns;
    detail::dynamic_parameters params;
    params.reserve(statement.param_count());
    statement.bind([&](const auto& value) { params.add(value); });
    params.finish();
    std::string sql(statement.sql.view());
    prepare_to_send(1);
    const char* text = sql.c_str();
    push_statement<columns>(text, std::forward<Handler>(on_result), std::move(sql), true, [&] {
      return detail::send_statement(conn(), nullptr, queue_back_sql_, params.bound());
    });
  }
  template <runtime_statement Q>
  void execute(const Q& statement) {
    execute(statement, [](auto&&) {});
  }

  /// Queues a dynamic statement (pgdsl::dynamic(...), a dynamic UPDATE or INSERT) as a static
  /// one: its shape prepared once per connection, within the connection's limit of shapes (an
  /// evicted shape's DEALLOCATE is queued before it).
  template <dynamic_statement Q, class Handler>
  void execute(const Q& statement, Handler&& on_result) {
    const detail::shape_parameters<Q> params(statement);
    const char* sql = statement.sql();
    if (state_->prepared_statements)
      detail::use_shape(*state_, sql, [&](const std::string& name) { queue_deallocate(name); });
    push_prepared<typename Q::result_columns>(sql, params.bound(),
                                              std::forward<Handler>(on_result));
  }
  template <dynamic_statement Q>
  void execute(const Q& statement) {
    execute(statement, [](auto&&) {});
  }

  /// Sends the sync, hands over every remaining result and leaves pipeline mode. Throws the first
  /// error (a server error typed by SQLSTATE and naming its statement's SQL, or what a handler
  /// threw); the connection is usable afterwards either way.
  void finish() {
    if (!active_) return;
    drain();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

  /// Statements queued whose results have not been handed over yet.
  std::size_t pending() const noexcept { return queue_.size(); }

 private:
  PGconn* conn() const noexcept { return state_->conn.get(); }

  [[noreturn]] void fail_now(const char* sql) {
    if (PQstatus(conn()) == CONNECTION_BAD) {
      active_ = false;  // nothing more will come; reset() is the way back
      queue_.clear();
    }
    throw_sql_error(conn(), nullptr, sql ? sql : "pipeline");
  }

  // Enters pipeline mode on first use; waits until `steps` more fit the window; throws (after
  // draining) when an earlier statement failed.
  void prepare_to_send(std::size_t steps) {
    if (!active_) {
      if (finished_) throw error("this pipeline has finished; start another with db.pipeline()");
      detail::ensure_open(conn(), "pipeline");
      if (PQsetnonblocking(conn(), 1) != 0) fail_now(nullptr);
      if (PQenterPipelineMode(conn()) != 1) {
        PQsetnonblocking(conn(), 0);
        fail_now(nullptr);
      }
      active_ = true;
    }
    // A full window: send, read and hand over what arrived, then wait for the socket before
    // queueing more, so statements go out in batches as results come back (as libpq_raw does).
    // Waiting needs a flush request after the last step read: when only steps sent after the last
    // one are left, no result would ever arrive, so ask for one first (or go on when none is left).
    while (!failed_ && queue_.size() + steps > queue_.capacity()) {
      if (unflushed_ >= queue_.size()) request_flush();
      pump();
      if (unflushed_ < queue_.size()) wait_for_socket();
    }
    if (failed_) finish();
  }

  // Queues a statement whose SQL lives for the program's life (its address keys the cache), with
  // the Parse and Describe it needs first.
  template <class Columns, class Handler>
  void push_prepared(const char* sql, const detail::bound_parameters& bound, Handler&& on_result) {
    prepare_to_send(3);
    const char* name = send_steps<Columns>(sql, bound);
    push_statement<Columns>(sql, std::forward<Handler>(on_result), {}, name == nullptr,
                            [&] { return detail::send_statement(conn(), name, sql, bound); });
  }

  // Queues DEALLOCATE of a prepared statement the connection no longer keeps (its result only
  // checked for success).
  void queue_deallocate(const std::string& name) {
    prepare_to_send(1);
    std::string command = "DEALLOCATE " + name;
    push_statement<type_list<>>("DEALLOCATE", [](auto&&) {}, std::move(command), false, [&] {
      return detail::send_statement(conn(), nullptr, queue_back_sql_, detail::bound_parameters{});
    });
  }

  void request_flush() {
    if (PQsendFlushRequest(conn()) != 1) fail_now(nullptr);
    unflushed_ = 0;
  }

  // Queues the Parse and Describe a static statement needs before it can run (as planned by the
  // one prepare-and-check, prepare.hpp); returns the prepared statement to run, nullptr to run it
  // unnamed.
  template <class Columns>
  const char* send_steps(const char* sql, const detail::bound_parameters& params) {
    const detail::statement_plan plan = detail::plan_statement<Columns>(*state_, sql);
    if (plan.prepare)
      push_step(detail::pipeline_step::prepare, sql, nullptr,
                [&] { return detail::send_prepare(conn(), plan.target, sql, params); });
    if (plan.describe)
      push_step(detail::pipeline_step::describe, sql, &check<Columns>,
                [&] { return detail::send_describe(conn(), plan.target); });
    return plan.run_as;
  }

  template <class Columns>
  static void check(const PGresult* result, const char* sql) {
    detail::check_columns<Columns>(result, sql);
  }

  template <class Send>
  detail::pipeline_entry& push_step(detail::pipeline_step step, const char* sql,
                                    void (*checker)(const PGresult*, const char*), Send&& send) {
    detail::pipeline_entry& entry = queue_.push_back();
    entry.step = step;
    entry.sql = sql;
    entry.check = checker;
    if (send() != 1) {
      // The entry owns a run-time statement's text (the caller's pointer may be into it): copy
      // the text for the error before the entry goes.
      const std::string failed(entry.sql);
      queue_.pop_back();
      fail_now(failed.c_str());
    }
    ++unflushed_;
    return entry;
  }

  // Queues a statement; `check_result`: its result's columns are checked (it runs unnamed).
  template <class Columns, class Handler, class Send>
  void push_statement(const char* sql, Handler&& on_result, std::string owned_sql,
                      bool check_result, Send&& send) {
    using stored = std::decay_t<Handler>;
    detail::pipeline_entry& entry = queue_.push_back();
    entry.owned_sql = std::move(owned_sql);
    entry.sql = entry.owned_sql.empty() ? sql : entry.owned_sql.c_str();
    queue_back_sql_ = entry.sql;
    if (check_result) entry.check = &check<Columns>;
    entry.store_handler<stored>(std::forward<Handler>(on_result));
    entry.deliver = [](detail::pipeline_entry& e, detail::result_ptr&& r) {
      (*static_cast<stored*>(e.handler))(
          result<Columns>(std::move(r), e.sql, /*copy_sql=*/!e.owned_sql.empty()));
    };
    if (state_->hook) entry.sent_at = std::chrono::steady_clock::now();
    if (send() != 1) {
      // The entry owns a run-time statement's text (the caller's pointer may be into it): copy
      // the text for the error before the entry goes.
      const std::string failed(entry.sql);
      queue_.pop_back();
      fail_now(failed.c_str());
    }
    ++unflushed_;
    if (++since_flush_ == options_.flush_every) {
      since_flush_ = 0;
      request_flush();
    }
  }

  // Sends what libpq holds, reads what arrived and hands over every complete result. Returns
  // whether anything was handled (libpq may have read input while sending, so this comes before
  // any wait).
  bool pump() {
    unsent_ = PQflush(conn());
    if (unsent_ < 0) fail_now(nullptr);
    if (PQconsumeInput(conn()) != 1) fail_now(nullptr);
    bool progress = false;
    while (!PQisBusy(conn())) {
      if (queue_.empty() && !synced_) break;
      detail::result_ptr next(PQgetResult(conn()));
      if (next == nullptr) {
        if (PQstatus(conn()) == CONNECTION_BAD) fail_now(nullptr);
        continue;  // the end of one step's results
      }
      progress = true;
      if (PQresultStatus(next.get()) == PGRES_PIPELINE_SYNC) {
        sync_received_ = true;
        break;
      }
      // The null that ends this step's results is already there: taking it now spares a parse.
      detail::result_ptr end_of_step(PQgetResult(conn()));
      if (queue_.empty()) continue;  // not ours (cannot happen with one sync per pipeline)
      handle(queue_.front(), std::move(next));
      queue_.pop_front();
    }
    return progress;
  }

  // Blocks until the socket is readable (or writable while libpq holds unsent data).
  void wait_for_socket() {
    if (!detail::poll_wait{}(conn(),
                             unsent_ ? detail::socket_need::read_write : detail::socket_need::read))
      fail_now(nullptr);
  }

  void handle(detail::pipeline_entry& entry, detail::result_ptr&& outcome) {
    const ExecStatusType status = PQresultStatus(outcome.get());
    const bool ok = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
    if (!ok && entry.step != detail::pipeline_step::statement)
      detail::forget_statement(*state_, entry.sql);  // not prepared or not checked: plan again
    if (failed_) return;  // the pipeline already failed: results are discarded
    bool reported = false;
    try {
      if (!ok) {
        // PGRES_PIPELINE_ABORTED cannot come first: an error precedes it and sets failed_.
        throw_sql_error(conn(), outcome.get(), entry.sql);
      }
      if (entry.check) entry.check(outcome.get(), entry.sql);
      if (entry.step == detail::pipeline_step::statement) {
        if (state_->hook) {
          reported = true;
          report(entry, outcome.get(), nullptr);
        }
        entry.deliver(entry, std::move(outcome));
      }
    } catch (const std::exception& failure) {
      if (entry.step == detail::pipeline_step::describe)
        detail::forget_statement(*state_, entry.sql);
      if (state_->hook && entry.step == detail::pipeline_step::statement && !reported) {
        try {
          report(entry, nullptr, &failure);
        } catch (...) {  // the statement's error is the one to report
        }
      }
      error_ = std::current_exception();
      failed_ = true;
    } catch (...) {
      error_ = std::current_exception();
      failed_ = true;
    }
  }

  // Calls the query hook for a statement (see query_hook for what its exception does).
  void report(const detail::pipeline_entry& entry, const PGresult* outcome,
              const std::exception* failure) {
    state_->hook(query_event{entry.sql, std::chrono::steady_clock::now() - entry.sent_at,
                             outcome ? detail::row_count(outcome) : 0, failure});
  }

  // Sends the sync and waits for it: every step's result is handled (or discarded after a
  // failure); then leaves pipeline mode and blocking mode.
  void drain() {
    if (!synced_) {
      if (PQpipelineSync(conn()) != 1) fail_now(nullptr);
      synced_ = true;
    }
    while (!sync_received_)
      if (!pump() && !sync_received_) wait_for_socket();
    active_ = false;
    finished_ = true;
    queue_.clear();
    if (PQexitPipelineMode(conn()) != 1 || PQsetnonblocking(conn(), 0) != 0) fail_now(nullptr);
  }

  detail::connection_state* state_;
  pipeline_options options_;
  detail::pipeline_queue queue_;
  const char* queue_back_sql_ = nullptr;
  std::size_t since_flush_ = 0;
  std::size_t unflushed_ = 0;  // steps sent since the last flush request
  int unsent_ = 0;             // PQflush's answer: 1 while libpq still holds data to send
  bool active_ = false;
  bool finished_ = false;
  bool synced_ = false;
  bool sync_received_ = false;
  bool failed_ = false;
  std::exception_ptr error_;
};

inline pgdsl::pipeline connection::pipeline(pipeline_options options) {
  return pgdsl::pipeline(*this, options);
}
inline pgdsl::pipeline connection::pipeline() {
  return pgdsl::pipeline(*this);
}

}  // namespace pgdsl
