// SPDX-License-Identifier: BSL-1.0
// listener_state: what a listener keeps across connections. Its connection is an async_core (the
// same driver as async_connection) with on_input set, so the socket is watched while idle and
// notifications are taken as they arrive; on_close starts a reconnection (backoff, LISTEN again
// on every channel), after which a `reconnected` event is queued in front of whatever the new
// connection received meanwhile. Coroutines waiting on the state wait on one timer that every
// change cancels (Asio 1.18 has no channels).
#pragma once

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/asio/detached.hpp>

#include "pgdsl/async/async_transaction.hpp"
#include "pgdsl/async/cancellation.hpp"
#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/async/detail/async_connect.hpp"
#include "pgdsl/async/detail/async_core.hpp"
#include "pgdsl/async/detail/async_jobs.hpp"
#include "pgdsl/async/listener_event.hpp"
#include "pgdsl/dynamic/identifier.hpp"
#include "pgdsl/error/sqlstate_errors.hpp"
#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/notification.hpp"

namespace pgdsl::detail {

class listener_state : public std::enable_shared_from_this<listener_state> {
 public:
  listener_state(asio::any_io_executor executor, connection_options options, listener_options retry)
      : executor_(std::move(executor)),
        options_(std::move(options)),
        retry_(retry),
        changed_(executor_, std::chrono::steady_clock::time_point::max()),
        retry_timer_(executor_) {}

  /// Runs `task` (a coroutine of `state`) keeping `state` alive until it ends: a coroutine
  /// spawned now may first run after its listener was destroyed.
  template <class T>
  static asio::awaitable<T> keep_alive(std::shared_ptr<listener_state> state,
                                       asio::awaitable<T> task) {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(task);
      state.reset();
    } else {
      T value = co_await std::move(task);
      state.reset();
      co_return value;
    }
  }

  const asio::any_io_executor& executor() const noexcept { return executor_; }
  bool is_connected() const noexcept { return core_ && core_->is_open() && !resyncing_; }
  int backend_pid() const noexcept {
    return core_ && core_->is_open() ? PQbackendPID(core_->conn()) : 0;
  }
  const std::vector<std::string>& channels() const noexcept { return channels_; }

  /// LISTEN on `channel` (connecting first the first time).
  asio::awaitable<void> listen(identifier channel) {
    co_await ready();
    const std::string& name = channel.name();
    if (std::find(channels_.begin(), channels_.end(), name) != channels_.end()) co_return;
    channels_.push_back(name);
    bool lost = false;
    try {
      co_await command("LISTEN " + channel.quoted());
    } catch (const connection_error&) {
      lost = true;
    } catch (...) {
      std::erase(channels_, name);
      throw;
    }
    if (lost) co_await ready();  // the reconnection listens on every channel, this one included
  }

  /// UNLISTEN `channel` (a lost connection listens on nothing: then nothing is sent).
  asio::awaitable<void> unlisten(identifier channel) {
    std::erase(channels_, channel.name());
    if (!is_connected()) co_return;
    try {
      co_await command("UNLISTEN " + channel.quoted());
    } catch (const connection_error&) {  // the reconnection does not listen on it
    }
  }

  /// The next event; options.timeout or options.cancel end the wait with query_canceled.
  asio::awaitable<listener_event> receive(operation_options options) {
    auto stop = std::make_shared<const char*>(nullptr);  // why the wait ended early
    std::unique_ptr<asio::steady_timer> alarm;
    if (options.timeout.count() > 0) {
      alarm = std::make_unique<asio::steady_timer>(executor_, options.timeout);
      alarm->async_wait([weak = weak_from_this(), stop](const boost::system::error_code& ec) {
        if (ec) return;
        *stop = "no notification arrived within the timeout";
        if (auto alive = weak.lock()) alive->changed();
      });
    }
    struct disconnect {
      cancellation* cancel;
      ~disconnect() {
        if (cancel) cancel->slot_ = nullptr;
      }
    } guard{options.cancel};
    if (options.cancel)
      options.cancel->slot_ = [weak = weak_from_this(), stop] {
        *stop = "the receive was canceled";
        if (auto alive = weak.lock()) alive->changed();
      };
    for (;;) {
      if (deliverable() > 0) {
        listener_event next = std::move(events_.front());
        events_.pop_front();
        if (resyncing_) --mark_;
        co_return next;
      }
      if (closed_) throw connection_error("the listener was closed", "08003");
      if (*stop) throw query_canceled(*stop, "57014");
      co_await until_changed();
    }
  }

  /// Closes the connection and ends every wait with connection_error.
  void close() noexcept {
    if (closed_) return;
    closed_ = true;
    retry_timer_.cancel();
    drop_connection();
    changed();
  }

 private:
  // Waits until connected and listening on every channel; the first call connects (a failure
  // is thrown to it, and the next call tries again).
  asio::awaitable<void> ready() {
    for (;;) {
      if (closed_) throw connection_error("the listener was closed", "08003");
      if (is_connected()) co_return;
      if (!started_) {
        started_ = true;
        try {
          connection_ptr conn = co_await connect_without_blocking(options_);
          if (!closed_) install(std::move(conn));
        } catch (...) {
          started_ = false;
          changed();
          throw;
        }
        changed();
        continue;
      }
      co_await until_changed();
    }
  }

  asio::awaitable<void> command(std::string sql) {
    co_await submit_job<command_job>(core_, 0, ownership::none, {}, asio::use_awaitable,
                                     std::move(sql));
  }

  void install(connection_ptr conn) {
    drop_connection();
    core_ = std::make_shared<async_core>(executor_, std::move(conn));
    // The FATAL a terminated backend sends while idle arrives as a notice: it is the reason a
    // `reconnected` event carries, not something to print.
    core_->state.on_notice = [](const notice&) {};
    core_->on_input = [weak = weak_from_this()] {
      if (auto self = weak.lock()) self->take_notifications();
    };
    core_->on_close = [weak = weak_from_this()](std::exception_ptr why) {
      if (auto self = weak.lock()) self->lost(why);
    };
    core_->watch();
  }

  void drop_connection() noexcept {
    if (!core_) return;
    core_->on_input = nullptr;
    core_->on_close = nullptr;
    core_->close(std::make_exception_ptr(connection_error("the listener was closed", "08003")));
    core_.reset();
  }

  void take_notifications() {
    bool any = false;
    while (auto received = take_notification(core_->conn())) {
      events_.emplace_back(std::move(*received));
      any = true;
    }
    if (any) changed();
  }

  // The connection was lost: reconnect, unless a reconnection is running (it sees the failure).
  void lost(std::exception_ptr why) {
    if (closed_) return;
    try {
      std::rethrow_exception(why);
    } catch (const std::exception& e) {
      lost_reason_ = e.what();
    } catch (...) {
      lost_reason_ = "unknown failure";
    }
    changed();
    if (reconnecting_) return;
    reconnecting_ = true;
    asio::co_spawn(executor_, keep_alive(shared_from_this(), reconnect()), asio::detached);
  }

  asio::awaitable<void> reconnect() {
    const std::string reason = lost_reason_;
    std::chrono::milliseconds delay = retry_.first_retry;
    for (int attempt = 1; !closed_; ++attempt) {
      if (attempt > 1) {
        retry_timer_.expires_after(delay);
        boost::system::error_code ignored;
        co_await retry_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
        delay = std::min(delay * 2, retry_.max_retry);
        if (closed_) break;
      }
      try {
        connection_ptr conn = co_await connect_without_blocking(options_);
        if (closed_) break;
        install(std::move(conn));
        resyncing_ = true;
        mark_ = events_.size();
        const std::vector<std::string> listening = channels_;
        for (const std::string& channel : listening)
          co_await command("LISTEN " + identifier(channel).quoted());
        for (const std::string& channel : listening)  // unlistened meanwhile
          if (std::find(channels_.begin(), channels_.end(), channel) == channels_.end())
            co_await command("UNLISTEN " + identifier(channel).quoted());
      } catch (...) {
        resyncing_ = false;
        continue;  // lost again, or the server is still away: try again later
      }
      resyncing_ = false;
      if (closed_ || !core_ || !core_->is_open()) continue;
      events_.insert(events_.begin() + static_cast<std::ptrdiff_t>(mark_),
                     reconnected{reason, attempt});
      break;
    }
    reconnecting_ = false;
    changed();
  }

  // Events a receiver may take: while LISTEN is being re-issued, only those queued before.
  std::size_t deliverable() const noexcept { return resyncing_ ? mark_ : events_.size(); }

  void changed() noexcept { changed_.cancel(); }
  asio::awaitable<void> until_changed() {
    boost::system::error_code ignored;
    co_await changed_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }

  asio::any_io_executor executor_;
  connection_options options_;
  listener_options retry_;
  asio::steady_timer changed_;  // never expires: cancelled on every change
  asio::steady_timer retry_timer_;
  std::shared_ptr<async_core> core_;
  std::vector<std::string> channels_;  // unquoted names
  std::deque<listener_event> events_;
  std::string lost_reason_;
  std::size_t mark_ = 0;  // while resyncing: where the reconnected event goes in events_
  bool started_ = false;
  bool resyncing_ = false;
  bool reconnecting_ = false;
  bool closed_ = false;
};

}  // namespace pgdsl::detail
