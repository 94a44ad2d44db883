// SPDX-License-Identifier: BSL-1.0
// async_core: drives one libpq connection in pipeline mode on a nonblocking socket from an Asio
// executor. Operations are sent as soon as they are submitted (each with its own Sync) and their
// results are matched back in order as the socket becomes readable: several coroutines awaiting
// statements on one connection share round trips instead of failing with "another command is
// already in progress". A transaction takes the connection: operations of others wait, unsent,
// until it ends. Cancellation sends libpq's blocking PQcancel from a thread of its own. A listener
// sets on_input: the socket is then watched even while nothing is in flight, so notifications
// and the loss of an idle connection are seen as they happen.
#pragma once

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "pgdsl/async/cancellation.hpp"
#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/async/detail/async_op.hpp"
#include "pgdsl/error/sqlstate_errors.hpp"
#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

namespace pgdsl::detail {

class async_core : public std::enable_shared_from_this<async_core> {
 public:
  async_core(asio::any_io_executor executor, connection_ptr conn)
      : executor_(std::move(executor)), socket_(executor_) {
    state.conn = std::move(conn);
    state.default_receiver = PQsetNoticeReceiver(state.conn.get(), receive_notice, &state);
    if (PQsocket(state.conn.get()) >= 0) socket_.assign(PQsocket(state.conn.get()));
  }
  async_core(const async_core&) = delete;
  async_core& operator=(const async_core&) = delete;
  ~async_core() {
    if (socket_.is_open()) socket_.release();  // libpq closes its own socket
    for (auto& request : cancel_requests_) request->thread.join();
  }

  connection_state state;
  std::chrono::milliseconds cancel_grace{1000};
  /// Called after input was read and handled (notifications may be waiting: PQnotifies), and
  /// once more just before the connection closes. While set, the socket is always watched.
  std::function<void()> on_input;
  /// Called once when the connection has closed (lost, or closed), after its operations ended.
  std::function<void(std::exception_ptr)> on_close;

  const asio::any_io_executor& executor() const noexcept { return executor_; }
  PGconn* conn() const noexcept { return state.conn.get(); }
  bool is_open() const noexcept {
    return !closed_ && conn() != nullptr && PQstatus(conn()) == CONNECTION_OK;
  }
  std::size_t in_flight() const noexcept { return in_flight_.size(); }
  unsigned new_owner() noexcept { return ++owner_counter_; }
  /// Starts watching the socket for input (once on_input is set).
  void watch() {
    if (is_open()) wait(asio::posix::stream_descriptor::wait_read);
  }

  /// Sends the operation now, or queues it while a transaction of another owner holds the
  /// connection; `options` connects its cancellation and starts its timeout.
  void submit(std::unique_ptr<async_op> op, const operation_options& options = {}) {
    async_op* raw = op.get();
    if (options.cancel) {
      options.cancel->slot_ = [weak = weak_from_this(), op_life = std::weak_ptr(raw->life), raw] {
        auto self = weak.lock();
        if (self && !op_life.expired()) self->cancel(raw);
      };
      raw->cancel_slot = &options.cancel->slot_;
    }
    if (options.timeout.count() > 0) {
      raw->timer = std::make_unique<asio::steady_timer>(executor_, options.timeout);
      raw->timer->async_wait([weak = weak_from_this(), op_life = std::weak_ptr(raw->life),
                              raw](const boost::system::error_code& ec) {
        auto self = weak.lock();
        if (self && !ec && !op_life.expired()) self->cancel(raw);
      });
    }
    if (!is_open()) {
      raw->finish(state, lost_connection());
      return;
    }
    if (owner_ != 0 && raw->owner != owner_) {
      waiting_.push_back(std::move(op));
      return;
    }
    send(std::move(op));
  }

  /// Ends every operation with `failure` and closes the connection (it was lost, or did not
  /// answer a cancel request in time).
  void close(std::exception_ptr failure) {
    if (closed_) return;
    if (on_input && conn() != nullptr) on_input();  // what arrived before the end
    closed_ = true;
    if (socket_.is_open()) socket_.release();
    owner_ = 0;
    auto flying = std::move(in_flight_);
    auto queued = std::move(waiting_);
    for (auto& op : flying) op->finish(state, failure);
    for (auto& op : queued) op->finish(state, failure);
    state.conn.reset();
    if (auto closed = std::exchange(on_close, nullptr)) closed(failure);
  }

 private:
  struct cancel_request {
    std::thread thread;
    std::atomic<bool> finished{false};
  };

  void send(std::unique_ptr<async_op> op) {
    if (op->changes == ownership::take) owner_ = op->owner;
    if (!op->send(state) || PQpipelineSync(conn()) != 1) {
      // libpq refuses to queue only when the connection is unusable (or out of memory).
      op->finish(state, current_failure());
      if (PQstatus(conn()) == CONNECTION_BAD) close(lost_connection());
      return;
    }
    const bool release = op->changes == ownership::release;
    in_flight_.push_back(std::move(op));
    if (release) release_owner();
    flush();
  }

  // A transaction ended (its COMMIT or ROLLBACK is queued, or its BEGIN failed): what waited
  // for the connection goes out, in order, until another transaction takes it.
  void release_owner() {
    owner_ = 0;
    while (!waiting_.empty() && (owner_ == 0 || waiting_.front()->owner == owner_) && !closed_) {
      auto op = std::move(waiting_.front());
      waiting_.pop_front();
      send(std::move(op));
    }
  }

  void flush() {
    const int unsent = PQflush(conn());
    if (unsent < 0) return close(lost_connection());
    take_results();
    if (closed_) return;
    if (unsent > 0) wait(asio::posix::stream_descriptor::wait_write);
    if (!in_flight_.empty() || on_input) wait(asio::posix::stream_descriptor::wait_read);
  }

  void wait(asio::posix::stream_descriptor::wait_type type) {
    bool& pending = type == asio::posix::stream_descriptor::wait_read ? reading_ : writing_;
    if (pending || !socket_.is_open()) return;
    pending = true;
    socket_.async_wait(type, [self = shared_from_this(),
                              type](const boost::system::error_code& ec) {
      (type == asio::posix::stream_descriptor::wait_read ? self->reading_ : self->writing_) = false;
      if (ec || self->closed_) return;
      if (type == asio::posix::stream_descriptor::wait_read && PQconsumeInput(self->conn()) != 1)
        return self->close(self->lost_connection());
      self->flush();
      if (!self->closed_ && self->on_input) self->on_input();
    });
  }

  // Hands every complete result to the operation at the front; an operation ends at its Sync.
  void take_results() {
    int empty_in_a_row = 0;
    while (!in_flight_.empty() && !PQisBusy(conn())) {
      result_ptr next(PQgetResult(conn()));
      if (next == nullptr) {
        if (PQstatus(conn()) == CONNECTION_BAD) return close(lost_connection());
        if (++empty_in_a_row > 1) return;  // nothing more to read now
        continue;
      }
      empty_in_a_row = 0;
      if (PQresultStatus(next.get()) == PGRES_PIPELINE_SYNC) {
        auto finished = std::move(in_flight_.front());
        in_flight_.pop_front();
        const bool begin_failed =
            finished->changes == ownership::take &&
            std::any_of(finished->results.begin(), finished->results.end(),
                        [](const result_ptr& r) { return !succeeded(r.get()); });
        finished->finish(state, nullptr);
        if (begin_failed && owner_ == finished->owner) release_owner();
        if (!in_flight_.empty() && in_flight_.front()->cancel_requested)
          cancel(in_flight_.front().get());
        continue;
      }
      in_flight_.front()->results.push_back(std::move(next));
    }
  }

  // Cancels an operation: one not sent yet ends now; one whose statement the server may be
  // running (the front of the queue) gets a cancel request and a grace period; one behind it is
  // cancelled when it reaches the front.
  void cancel(async_op* op) {
    if (op->done) return;
    for (auto it = waiting_.begin(); it != waiting_.end(); ++it) {
      if (it->get() != op) continue;
      auto unsent = std::move(*it);
      waiting_.erase(it);
      unsent->finish(state, canceled("canceled before it was sent"));
      return;
    }
    if (in_flight_.empty()) return;
    if (in_flight_.front().get() != op) {
      op->cancel_requested = true;
      return;
    }
    if (op->cancel_sent) return;
    op->cancel_sent = true;
    send_cancel_request();
    op->timer = std::make_unique<asio::steady_timer>(executor_, cancel_grace);
    op->timer->async_wait([weak = weak_from_this(), op_life = std::weak_ptr(op->life),
                           op](const boost::system::error_code& ec) {
      auto self = weak.lock();
      if (!self || ec || op_life.expired() || op->done) return;
      self->close(std::make_exception_ptr(connection_error(
          "the server did not answer a cancel request within the grace period; the connection "
          "was closed",
          "08006")));
    });
  }

  // PQcancel blocks (it opens a connection of its own): it runs on a thread, never on the loop.
  void send_cancel_request() {
    std::erase_if(cancel_requests_, [](const std::unique_ptr<cancel_request>& r) {
      if (!r->finished.load()) return false;
      r->thread.join();
      return true;
    });
    PGcancel* handle = PQgetCancel(conn());
    if (handle == nullptr) return;
    auto request = std::make_unique<cancel_request>();
    cancel_request* raw = request.get();
    raw->thread = std::thread([handle, raw] {
      char reason[256];
      PQcancel(handle, reason, sizeof reason);
      PQfreeCancel(handle);
      raw->finished.store(true);
    });
    cancel_requests_.push_back(std::move(request));
  }

  static std::exception_ptr canceled(const char* why) {
    return std::make_exception_ptr(query_canceled(why, "57014"));
  }

  std::exception_ptr current_failure() {
    try {
      throw_sql_error(conn(), nullptr, "");
    } catch (...) {
      return std::current_exception();
    }
  }

  std::exception_ptr lost_connection() {
    if (conn() == nullptr || closed_)
      return std::make_exception_ptr(
          connection_error("the async connection is closed or broken", "08003"));
    if (PQstatus(conn()) != CONNECTION_BAD) PQconsumeInput(conn());
    return current_failure();
  }

  asio::any_io_executor executor_;
  asio::posix::stream_descriptor socket_;
  std::deque<std::unique_ptr<async_op>> in_flight_;  // sent, results awaited (in order)
  std::deque<std::unique_ptr<async_op>> waiting_;    // not sent: a transaction holds the connection
  std::vector<std::unique_ptr<cancel_request>> cancel_requests_;
  unsigned owner_ = 0;  // the transaction holding the connection (0: none)
  unsigned owner_counter_ = 0;
  bool reading_ = false;
  bool writing_ = false;
  bool closed_ = false;
};

}  // namespace pgdsl::detail
