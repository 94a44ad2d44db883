// SPDX-License-Identifier: BSL-1.0
// cancellation and operation_options: how one asynchronous operation is cancelled or bounded in
// time. Asio 1.18 (Boost 1.74) has no per-operation cancellation slots (they came with 1.19), so
// pgdsl carries its own: a cancellation object the caller keeps, connected to at most one
// operation at a time, and a timeout that cancels the same way.
#pragma once

#include <chrono>
#include <functional>
#include <utility>

namespace pgdsl {

/// A way to cancel an operation started with operation_options{.cancel = &c}. emit() runs on the
/// connection's executor (call it from a coroutine or handler of that executor, or post it there).
class cancellation {
 public:
  cancellation() = default;
  cancellation(const cancellation&) = delete;
  cancellation& operator=(const cancellation&) = delete;
  ~cancellation() { slot_ = nullptr; }

  /// Cancels the connected operation, if it has not completed: see docs/async.md for what the
  /// operation then ends with.
  void emit() {
    if (auto cancel = std::exchange(slot_, nullptr)) cancel();
  }
  /// Whether an operation is connected and still running.
  bool connected() const noexcept { return static_cast<bool>(slot_); }

  // The connected operation's cancel function (set and cleared by the connection).
  std::function<void()> slot_;
};

/// Per-operation settings of an async_connection's operations.
struct operation_options {
  /// Cancel the operation when it has not completed after this long (0: no limit).
  std::chrono::milliseconds timeout{0};
  /// Cancel the operation when this emits (null: not cancellable by the caller).
  cancellation* cancel = nullptr;
};

}  // namespace pgdsl
