// SPDX-License-Identifier: BSL-1.0
// What a listener's async_receive() completes with: a notification, or the news that its
// connection was lost and is back (LISTEN re-issued on every channel) and that notifications
// sent meanwhile may have been lost, so the application reads the state it mirrors afresh.
#pragma once

#include <chrono>
#include <string>
#include <variant>

#include "pgdsl/execution/notification.hpp"

namespace pgdsl {

/// The listener's connection was lost and has been re-established, listening again on every
/// channel: notifications sent while it was down were not received (resync now).
struct reconnected {
  /// Why the previous connection ended (the connection_error's message).
  std::string reason;
  /// Connection attempts it took (1: the first one succeeded).
  int attempts = 1;
};

/// A notification, or a reconnected event (std::get_if / std::visit tell them apart).
using listener_event = std::variant<notification, reconnected>;

/// How a listener reconnects after losing its connection: the first attempt at once, then after
/// `first_retry`, doubling up to `max_retry`, until it succeeds or the listener is closed.
struct listener_options {
  std::chrono::milliseconds first_retry{50};
  std::chrono::milliseconds max_retry{5000};
};

}  // namespace pgdsl
