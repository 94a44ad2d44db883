// SPDX-License-Identifier: BSL-1.0
// async_connect: opens a libpq connection without blocking the event loop. A host name is
// resolved with Asio's resolver and handed to libpq as hostaddr (libpq's own lookup would block);
// then PQconnectStartParams and PQconnectPoll, waiting on the socket libpq names after every step
// (it changes when libpq tries another address or host). connect_timeout bounds the whole.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "pgdsl/async/detail/asio.hpp"
#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/detail/connect.hpp"
#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/execution/detail/server_farewell.hpp"

namespace pgdsl::detail {

// The host libpq would use when it is a single name to look up (not an address, a socket
// directory, a host list, nor already paired with hostaddr); else "".
inline std::string host_to_resolve(const connection_options& options) {
  std::string host = options.host, hostaddr;
  for (const auto& [keyword, value] : options.extra) {
    if (keyword == "host") host = value;
    if (keyword == "hostaddr") hostaddr = value;
  }
  if (host.empty() && !options.conninfo.empty() && is_connection_string(options.conninfo)) {
    if (PQconninfoOption* parsed = PQconninfoParse(options.conninfo.c_str(), nullptr)) {
      for (PQconninfoOption* o = parsed; o->keyword; ++o) {
        if (!o->val) continue;
        if (std::string_view(o->keyword) == "host") host = o->val;
        if (std::string_view(o->keyword) == "hostaddr") hostaddr = o->val;
      }
      PQconninfoFree(parsed);
    }
  }
  if (host.empty())
    if (const char* env = std::getenv("PGHOST")) host = env;
  if (host.empty() || !hostaddr.empty() || host.front() == '/' || host.front() == '@' ||
      host.find(',') != std::string::npos)
    return {};
  boost::system::error_code not_an_address;
  asio::ip::make_address(host, not_an_address);
  return not_an_address ? host : std::string();
}

// The socket of a connection attempt, which libpq owns (released, never closed, here), and the
// timer that cancels its wait at the deadline.
struct connect_attempt {
  explicit connect_attempt(const asio::any_io_executor& executor)
      : socket(executor), timer(executor) {}
  connect_attempt(const connect_attempt&) = delete;
  connect_attempt& operator=(const connect_attempt&) = delete;
  ~connect_attempt() {
    if (socket.is_open()) socket.release();
  }
  asio::posix::stream_descriptor socket;
  asio::steady_timer timer;
  bool timed_out = false;
};

/// Opens a connection, suspending the calling coroutine instead of blocking; throws
/// connection_error (08001) as the blocking connect does.
inline asio::awaitable<connection_ptr> connect_without_blocking(connection_options options) {
  const asio::any_io_executor executor = co_await asio::this_coro::executor;
  check_connection_string(options);
  auto attempt = std::make_shared<connect_attempt>(executor);
  if (options.connect_timeout.count() > 0) {
    attempt->timer.expires_after(options.connect_timeout);
    attempt->timer.async_wait([weak = std::weak_ptr(attempt)](const boost::system::error_code& ec) {
      auto alive = weak.lock();
      if (ec || !alive) return;
      alive->timed_out = true;
      if (alive->socket.is_open()) alive->socket.cancel();
    });
  }
  if (const std::string host = host_to_resolve(options); !host.empty()) {
    asio::ip::tcp::resolver resolver(executor);
    const auto found = co_await resolver.async_resolve(host, "", asio::use_awaitable);
    // Every address, in the resolver's order, each paired with the name (libpq tries them in
    // turn, as it would the addresses of its own lookup; the name stays for SSL and messages).
    std::string hosts, addresses;
    for (const auto& entry : found) {
      const std::string address = entry.endpoint().address().to_string();
      if (("," + addresses + ",").find("," + address + ",") != std::string::npos) continue;
      hosts += (hosts.empty() ? "" : ",") + host;
      addresses += (addresses.empty() ? "" : ",") + address;
    }
    if (addresses.empty())
      throw connection_error("could not connect to " + host + ": the name has no address", "08001");
    options.extra.emplace_back("host", hosts);
    options.extra.emplace_back("hostaddr", addresses);
  }
  const conninfo_arrays params(options);
  connection_ptr conn(PQconnectStartParams(params.keywords.data(), params.values.data(), 1));
  if (!conn || PQstatus(conn.get()) == CONNECTION_BAD) throw_connect_failure(conn.get(), options);
  for (PostgresPollingStatusType step = PGRES_POLLING_WRITING;;) {
    if (step == PGRES_POLLING_OK) break;
    if (step == PGRES_POLLING_FAILED) throw_connect_failure(conn.get(), options);
    if (attempt->socket.is_open()) attempt->socket.release();
    attempt->socket.assign(PQsocket(conn.get()));  // libpq may have opened another socket
    boost::system::error_code ec;
    co_await attempt->socket.async_wait(step == PGRES_POLLING_READING
                                            ? asio::posix::stream_descriptor::wait_read
                                            : asio::posix::stream_descriptor::wait_write,
                                        asio::redirect_error(asio::use_awaitable, ec));
    if (attempt->timed_out)
      throw connection_error("could not connect to " + connection_target(conn.get(), options) +
                                 ": timeout expired after " +
                                 std::to_string(options.connect_timeout.count()) + " s",
                             "08001");
    step = PQconnectPoll(conn.get());
  }
  attempt->timer.cancel();
  watch_farewell(conn.get());
  if (PQsetnonblocking(conn.get(), 1) != 0 || PQenterPipelineMode(conn.get()) != 1)
    throw_connect_failure(conn.get(), options);
  co_return conn;
}

}  // namespace pgdsl::detail
