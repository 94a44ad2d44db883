// SPDX-License-Identifier: BSL-1.0
// listen_notify: a cache kept in step with the database through LISTEN/NOTIFY, on one thread.
// A pgdsl::listener listens on "price_changes"; another connection sends notifications with
// async_notify. When the listener's connection is lost (here: its backend is terminated on
// purpose), it reconnects by itself and delivers a `reconnected` event: notifications sent
// meanwhile are gone, so the program reloads what it caches. Connects from DATABASE_URL or the
// PG* variables; stops after its last expected notification.
#include <pgdsl/async/all.hpp>  // first: it sets up Asio's coroutine support
#include <pgdsl/pgdsl.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>

namespace asio = boost::asio;
using asio::use_awaitable;

namespace {

pgdsl::connection_options from_env() {
  pgdsl::connection_options options;
  if (const char* url = std::getenv("DATABASE_URL")) options.conninfo = url;
  return options;
}

// The next event; the bound makes a broken setup end the example instead of hanging it.
asio::awaitable<pgdsl::listener_event> next(pgdsl::listener& listener) {
  co_return co_await listener.async_receive(
      pgdsl::operation_options{.timeout = std::chrono::seconds(30)});
}

asio::awaitable<void> run(pgdsl::listener& listener, int& updates, int& reloads) {
  const auto executor = co_await asio::this_coro::executor;
  co_await listener.listen<"price_changes">();
  auto db = co_await pgdsl::async_connection::async_connect(executor, from_env(), use_awaitable);

  co_await pgdsl::async_notify(db, "price_changes", "42");
  for (int received = 0; received < 3; ++received) {
    const pgdsl::listener_event event = co_await next(listener);
    if (const auto* changed = std::get_if<pgdsl::notification>(&event)) {
      std::printf("product %s changed (notified by backend %d)\n", changed->payload.c_str(),
                  changed->sender_pid);
      if (++updates == 1)  // now lose the listener's connection, as a server restart would
        co_await db.async_query<bool>("SELECT pg_terminate_backend($1)",
                                      std::tuple{listener.backend_pid()}, use_awaitable);
    } else {
      std::printf("listener reconnected (%s): reloading the cache\n",
                  std::get<pgdsl::reconnected>(event).reason.c_str());
      ++reloads;
      co_await pgdsl::async_notify(db, "price_changes", "7");  // a change after the reload
    }
  }
}

}  // namespace

int main() {
  asio::io_context io;
  pgdsl::listener listener(io.get_executor(), from_env());
  int updates = 0, reloads = 0;
  asio::co_spawn(io, run(listener, updates, reloads), [&](std::exception_ptr failure) {
    listener.close();  // an open listener keeps watching its socket: io.run() would not return
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "listen_notify: %s\n", e.what());
    }
  });
  io.run();
  return updates == 2 && reloads == 1 ? EXIT_SUCCESS : EXIT_FAILURE;
}
