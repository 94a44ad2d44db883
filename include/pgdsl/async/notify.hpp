// SPDX-License-Identifier: BSL-1.0
// async_notify: NOTIFY through an async_connection, as the blocking notify() does it: the
// channel and payload are bound parameters of SELECT pg_notify($1, $2), never SQL text. It is an
// ordinary statement of that connection, pipelined with the others.
#pragma once

#include <exception>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "pgdsl/async/async_connection.hpp"
#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/async/detail/completion.hpp"
#include "pgdsl/execution/notification.hpp"

namespace pgdsl {

/// Sends a notification on `channel` (its exact spelling) with `payload`; completes with
/// (exception_ptr).
template <class Token = detail::asio::use_awaitable_t<>>
auto async_notify(async_connection& db, std::string_view channel, std::string_view payload,
                  Token&& token = {}) {
  return detail::start_operation<void>(
      std::forward<Token>(token),
      [&db, args = std::tuple{std::string(channel), std::string(payload)}](auto handler) mutable {
        auto executor = detail::asio::get_associated_executor(handler, db.get_executor());
        db.async_query<>(
            notify_sql, args,
            [handler = std::move(handler), executor](std::exception_ptr failure, auto&&) mutable {
              detail::asio::dispatch(executor, [handler = std::move(handler), failure]() mutable {
                handler(failure);
              });
            });
      });
}

}  // namespace pgdsl
