// SPDX-License-Identifier: BSL-1.0
// async_op: one operation queued on an async connection, apart from how it is driven. An
// operation sends its steps (Parse, Describe, Execute, as prepare.hpp plans them) followed by a
// Sync of its own, so that a failure aborts only its own steps; the driver hands it every result
// up to that Sync, then finish() turns them into the typed outcome (the same checks as the
// blocking path) and posts the completion handler with it.
#pragma once

#include <libpq-fe.h>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/pq_handles.hpp"

namespace pgdsl::detail {

class async_core;

/// What an operation does to the connection's exclusive owner when it is sent.
enum class ownership : unsigned char { none, take, release };

class async_op {
 public:
  virtual ~async_op() = default;
  /// Queues the operation's steps (not its Sync); false when libpq refused one.
  virtual bool send(connection_state& state) = 0;
  /// Completes the operation: with `failure`, or (null) with the outcome of its results.
  virtual void finish(connection_state& state, std::exception_ptr failure) = 0;

  std::vector<result_ptr> results;  // every non-null result up to the operation's Sync
  unsigned owner = 0;               // the transaction it belongs to (0: none)
  ownership changes = ownership::none;
  bool done = false;         // finish() ran (a cancelled operation finishes early)
  bool cancel_sent = false;  // a cancel request went to the server for it
  std::function<void()>* cancel_slot = nullptr;  // the caller's cancellation, cleared at the end
  bool cancel_requested = false;                 // cancel it when it reaches the front of the queue
  std::unique_ptr<asio::steady_timer> timer;     // its timeout, or the grace after a cancel
  // Alive as long as the operation: a timer's handler that completed before it was cancelled
  // checks it before touching the operation.
  std::shared_ptr<char> life = std::make_shared<char>('\0');
};

/// An operation whose job (a struct with send(state) and outcome(state, results)) produces a
/// value of type Value (void: nothing) handed to Handler as (exception_ptr[, Value]).
template <class Job, class Handler>
class async_job final : public async_op {
 public:
  using value_type = typename Job::value_type;

  template <class H, class... Args>
  async_job(H&& handler, asio::any_io_executor fallback, Args&&... args)
      : job_(std::forward<Args>(args)...),
        handler_(std::forward<H>(handler)),
        executor_(asio::get_associated_executor(handler_, std::move(fallback))) {}

  bool send(connection_state& state) override { return job_.send(state); }

  void finish(connection_state& state, std::exception_ptr failure) override {
    if (done) return;
    done = true;
    if (cancel_slot) *cancel_slot = nullptr;
    if (timer) timer->cancel();
    if constexpr (std::is_void_v<value_type>) {
      if (!failure) {
        try {
          job_.outcome(state, results);
        } catch (...) {
          failure = std::current_exception();
        }
      }
      results.clear();
      asio::post(executor_, [h = std::move(handler_), failure]() mutable { h(failure); });
    } else {
      std::optional<value_type> value;
      if (!failure) {
        try {
          value.emplace(job_.outcome(state, results));
        } catch (...) {
          failure = std::current_exception();
        }
      }
      results.clear();
      if (!value) value.emplace(Job::empty());
      asio::post(executor_, [h = std::move(handler_), failure, v = std::move(*value)]() mutable {
        h(failure, std::move(v));
      });
    }
  }

 private:
  Job job_;
  Handler handler_;
  asio::associated_executor_t<Handler, asio::any_io_executor> executor_;
};

}  // namespace pgdsl::detail
