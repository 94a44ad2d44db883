// SPDX-License-Identifier: BSL-1.0
// The async layer: async_connection (coroutines and any Asio completion token, automatic
// pipelining), async_transaction and savepoints, cancellation and timeouts, error codes, the
// async pool, the LISTEN/NOTIFY listener and async_notify. It needs Boost.Asio (Boost's headers)
// and threads; <pgdsl/pgdsl.hpp> does not include it.
#pragma once

#include "pgdsl/async/detail/asio.hpp"  // first: enables co_await for clang (see there)

#include "pgdsl/async/async_connection.hpp"
#include "pgdsl/async/async_pool.hpp"
#include "pgdsl/async/async_transaction.hpp"
#include "pgdsl/async/cancellation.hpp"
#include "pgdsl/async/error_code.hpp"
#include "pgdsl/async/listener.hpp"
#include "pgdsl/async/listener_event.hpp"
#include "pgdsl/async/notify.hpp"
