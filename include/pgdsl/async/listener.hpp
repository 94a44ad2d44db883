// SPDX-License-Identifier: BSL-1.0
// listener: LISTEN on a connection of its own, driven by the executor like an async_connection
// (the same socket driver), that survives the loss of that connection: it reconnects with
// backoff, LISTENs again on every channel and then delivers a `reconnected` event, because
// notifications sent while it was away are gone (docs/async.md, "LISTEN/NOTIFY").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "pgdsl/async/cancellation.hpp"
#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/async/detail/completion.hpp"
#include "pgdsl/async/detail/listener_state.hpp"
#include "pgdsl/async/listener_event.hpp"
#include "pgdsl/dynamic/identifier.hpp"
#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/notification.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// Receives notifications on the channels it listens on; connects on the first listen().
/// Use it from its executor's thread. Operations take any Asio completion token (use_awaitable
/// when none is given) and complete with (exception_ptr[, value]).
class listener {
  using asio_executor = detail::asio::any_io_executor;
  using default_token = detail::asio::use_awaitable_t<>;

 public:
  listener(asio_executor executor, connection_options options, listener_options retry = {})
      : state_(std::make_shared<detail::listener_state>(std::move(executor), std::move(options),
                                                        retry)) {}
  listener(asio_executor executor, std::string_view conninfo, listener_options retry = {})
      : listener(std::move(executor), connection_options{.conninfo = std::string(conninfo)},
                 retry) {}
  listener(listener&&) noexcept = default;
  listener& operator=(listener&& other) noexcept {
    if (this != &other) {
      close();
      state_ = std::move(other.state_);
    }
    return *this;
  }
  /// Closes the connection; waiting operations end with connection_error.
  ~listener() { close(); }

  /// LISTEN "Channel" (quoted like an identifier: the channel is named exactly as written, as
  /// pg_notify and notify() name it). Connects first when not connected; while the listener is
  /// reconnecting, it waits until that is done. Listening on a channel twice does nothing.
  template <fixed_string Channel, class Token = default_token>
  auto listen(Token&& token = {}) {
    [[maybe_unused]] constexpr const auto& checked = listen_sql<Channel>;  // the name's rules
    return listen(identifier(Channel.view()), std::forward<Token>(token));
  }
  /// LISTEN on a channel named at run time (checked by identifier, then quoted).
  template <class Token = default_token>
  auto listen(identifier channel, Token&& token = {}) {
    return run<void>(std::forward<Token>(token),
                     [channel = std::move(channel)](detail::listener_state& state) mutable {
                       return state.listen(std::move(channel));
                     });
  }

  /// UNLISTEN "Channel"; events already received stay queued.
  template <fixed_string Channel, class Token = default_token>
  auto unlisten(Token&& token = {}) {
    [[maybe_unused]] constexpr const auto& checked = unlisten_sql<Channel>;
    return unlisten(identifier(Channel.view()), std::forward<Token>(token));
  }
  template <class Token = default_token>
  auto unlisten(identifier channel, Token&& token = {}) {
    return run<void>(std::forward<Token>(token),
                     [channel = std::move(channel)](detail::listener_state& state) mutable {
                       return state.unlisten(std::move(channel));
                     });
  }

  /// The next event: a notification, or `reconnected` after the connection was lost and
  /// re-established. Waits as long as it takes (a reconnection included).
  template <class Token = default_token>
  requires(!std::is_same_v<std::decay_t<Token>, operation_options>) auto async_receive(
      Token&& token = {}) {
    return async_receive(operation_options{}, std::forward<Token>(token));
  }
  /// The same, ended with query_canceled after options.timeout or when options.cancel emits
  /// (the listener stays usable: a later event is kept for the next receive).
  template <class Token = default_token>
  auto async_receive(const operation_options& options, Token&& token = {}) {
    return run<listener_event>(
        std::forward<Token>(token),
        [options](detail::listener_state& state) { return state.receive(options); });
  }

  /// True while connected and listening on every channel (false before the first listen()
  /// and while reconnecting).
  bool is_connected() const noexcept { return state_ && state_->is_connected(); }
  /// The server process of the current connection (0 when there is none): the sender_pid of
  /// a notification this listener's own connection sent, or what pg_terminate_backend takes.
  int backend_pid() const noexcept { return state_ ? state_->backend_pid() : 0; }
  /// The channels listened on (unquoted), including while reconnecting.
  std::vector<std::string> channels() const {
    return state_ ? state_->channels() : std::vector<std::string>{};
  }
  /// Closes the connection and stops reconnecting; waiting operations end with connection_error.
  void close() noexcept {
    if (state_) state_->close();
  }

 private:
  // Runs the coroutine `start(state)` makes on the listener's executor, completing `token`.
  template <class Value, class Token, class Start>
  auto run(Token&& token, Start start) {
    if (!state_) throw connection_error("the listener was moved from", "08003");
    return detail::start_operation<Value>(
        std::forward<Token>(token),
        [state = state_, start = std::move(start)](auto handler) mutable {
          auto task = start(*state);
          detail::asio::co_spawn(state->executor(),
                                 detail::listener_state::keep_alive(state, std::move(task)),
                                 std::move(handler));
        });
  }

  std::shared_ptr<detail::listener_state> state_;
};

}  // namespace pgdsl
