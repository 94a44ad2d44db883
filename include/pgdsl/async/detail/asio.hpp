// SPDX-License-Identifier: BSL-1.0
// asio: the parts of Boost.Asio (1.18, Boost 1.74) the async layer uses, included one way. Asio
// 1.18 enables co_await on clang only with <experimental/coroutine>, which libstdc++ 12 lacks:
// with clang and a standard <coroutine> it is enabled here (this header must come before any
// other Asio include in the translation unit). <utility> first: 1.18's awaitable.hpp uses
// std::exchange without including it.
#pragma once

#include <utility>

#if defined(__clang__) && !defined(BOOST_ASIO_HAS_CO_AWAIT) && defined(__cpp_impl_coroutine) && \
    __has_include(<coroutine>)
#define BOOST_ASIO_HAS_CO_AWAIT 1
#endif

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace pgdsl::detail {
namespace asio = boost::asio;
}  // namespace pgdsl::detail
