// SPDX-License-Identifier: BSL-1.0
// socket_wait: how the blocking connection and the pipeline wait for the server: poll() on
// libpq's socket. The protocol functions take the wait as an argument, so an asynchronous
// connection can pass its own (an Asio socket wait) and reuse everything else.
#pragma once

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>

#include "pgdsl/execution/detail/protocol.hpp"

namespace pgdsl::detail {

/// Blocks in poll() until the socket is readable (or writable, when asked); false on failure.
struct poll_wait {
  bool operator()(PGconn* conn, socket_need need) const noexcept {
    pollfd socket{PQsocket(conn),
                  static_cast<short>(POLLIN | (need == socket_need::read_write ? POLLOUT : 0)), 0};
    for (;;) {
      if (poll(&socket, 1, -1) >= 0) return true;
      if (errno != EINTR) return false;
    }
  }
};

/// The results of a statement sent on a blocking connection: the first failure or the last
/// result (see take_final_result).
inline result_ptr take_final_result(PGconn* conn) {
  return take_final_result(conn, poll_wait{});
}

}  // namespace pgdsl::detail
