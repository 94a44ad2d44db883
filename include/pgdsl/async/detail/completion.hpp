// SPDX-License-Identifier: BSL-1.0
// completion: how an operation's outcome reaches any Asio completion token. Operations complete
// with (std::exception_ptr, Value): use_awaitable rethrows the typed pgdsl exception in the
// coroutine, use_future stores it in the future, a callback receives both. With
// asio::redirect_error(token, ec) the failure becomes an error code carrying the SQLSTATE
// (error_code.hpp) and the inner token receives the value alone.
#pragma once

#include <boost/system/error_code.hpp>

#include <exception>
#include <type_traits>
#include <utility>

#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/async/error_code.hpp"

namespace pgdsl::detail {

template <class T>
inline constexpr bool is_redirect_error = false;
template <class T>
inline constexpr bool is_redirect_error<asio::redirect_error_t<T>> = true;

// The completion signatures of an operation producing Value (void: nothing).
template <class Value>
struct completion_signatures {
  using with_exception = void(std::exception_ptr, Value);
  using plain = void(Value);
};
template <>
struct completion_signatures<void> {
  using with_exception = void(std::exception_ptr);
  using plain = void();
};

/// Receives (exception_ptr, value...) and hands the value to the inner handler, the failure to
/// the caller's error code.
template <class Handler>
struct error_code_handler {
  Handler inner;
  boost::system::error_code* code;
  template <class... Value>
  void operator()(std::exception_ptr failure, Value&&... value) {
    *code = to_error_code(failure);
    inner(std::forward<Value>(value)...);
  }
};

/// Starts an operation producing Value: `init(handler)` receives a handler called with
/// (exception_ptr[, Value]).
template <class Value, class Token, class Init>
auto start_operation(Token&& token, Init&& init) {
  using signatures = completion_signatures<Value>;
  if constexpr (is_redirect_error<std::decay_t<Token>>) {
    using inner_token = decltype(token.token_);
    boost::system::error_code* code = &token.ec_;
    return asio::async_initiate<inner_token, typename signatures::plain>(
        [code, init = std::forward<Init>(init)](auto handler) mutable {
          init(error_code_handler<decltype(handler)>{std::move(handler), code});
        },
        token.token_);
  } else {
    return asio::async_initiate<Token, typename signatures::with_exception>(
        std::forward<Init>(init), token);
  }
}

}  // namespace pgdsl::detail

namespace boost::asio {
// An error_code_handler runs where the handler it wraps would.
template <class Handler, class Executor>
struct associated_executor<pgdsl::detail::error_code_handler<Handler>, Executor> {
  using type = associated_executor_t<Handler, Executor>;
  static type get(const pgdsl::detail::error_code_handler<Handler>& h,
                  const Executor& fallback = Executor()) noexcept {
    return associated_executor<Handler, Executor>::get(h.inner, fallback);
  }
};
}  // namespace boost::asio
