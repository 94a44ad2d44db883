// SPDX-License-Identifier: BSL-1.0
// LISTEN/NOTIFY: the listener receives channel, payload and sender pid; channel names are quoted
// (case and odd characters kept, as pg_notify names them); a listener whose backend is
// terminated reconnects, delivers `reconnected`, and hears new notifications; receive timeouts
// and cancellation; the blocking wait_for_notification with a timeout expiring and with a
// notification.
#include "support/catch.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "async_support.hpp"

using namespace async_test;
using namespace std::chrono_literals;

// The channel name is quoted like an identifier, embedded quotes doubled.
static_assert(pgdsl::listen_sql<"jobs"> == R"(LISTEN "jobs")");
static_assert(pgdsl::listen_sql<R"(Odd "ch"; name)"> == R"(LISTEN "Odd ""ch""; name")");
static_assert(pgdsl::unlisten_sql<"Jobs"> == R"(UNLISTEN "Jobs")");

namespace {

// Runs `task` on `io`, then closes `listener` (an open listener keeps watching its socket, so
// io.run() would not return).
void run_listening(asio::io_context& io, pgdsl::listener& listener, asio::awaitable<void> task) {
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) {
    failure = e;
    listener.close();
  });
  io.run();
  io.restart();
  if (failure) std::rethrow_exception(failure);
}

// The next event, waiting at most 10 s (a bound for the test, not a timing assertion).
asio::awaitable<pgdsl::listener_event> next_event(pgdsl::listener& listener) {
  co_return co_await listener.async_receive(pgdsl::operation_options{.timeout = 10s});
}

asio::awaitable<pgdsl::notification> next_notification(pgdsl::listener& listener) {
  co_return std::get<pgdsl::notification>(co_await next_event(listener));
}

}  // namespace

TEST_CASE("A listener receives the channel, payload and sender pid of each notification") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::listener listener(io.get_executor(), options_for(fixture.schema()));
  const int sync_pid = PQbackendPID(fixture.db().native_handle());
  run_listening(io, listener, [&]() -> asio::awaitable<void> {
    co_await listener.listen<"pgdsl_jobs">();
    CHECK(listener.is_connected());
    CHECK(listener.backend_pid() != 0);
    auto notifier = co_await pgdsl::async_connection::async_connect(
        io.get_executor(), options_for(fixture.schema()), use_awaitable);
    co_await pgdsl::async_notify(notifier, "pgdsl_jobs", "first");
    pgdsl::notify(fixture.db(), "pgdsl_jobs", "second");  // from the blocking connection
    co_await pgdsl::async_notify(notifier, "pgdsl_jobs", "");
    const int notifier_pid = PQbackendPID(notifier.native_handle());

    const pgdsl::notification first = co_await next_notification(listener);
    CHECK(first == pgdsl::notification{"pgdsl_jobs", "first", notifier_pid});
    const pgdsl::notification second = co_await next_notification(listener);
    CHECK(second == pgdsl::notification{"pgdsl_jobs", "second", sync_pid});
    const pgdsl::notification third = co_await next_notification(listener);
    CHECK(third.payload.empty());
  }());
}

TEST_CASE("Channel names keep their case and odd characters; other spellings are not heard") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::listener listener(io.get_executor(), options_for(fixture.schema()));
  run_listening(io, listener, [&]() -> asio::awaitable<void> {
    co_await listener.listen<R"(Odd "ch"; name)">();
    co_await listener.listen(pgdsl::identifier("Run-Time Name ü"));
    CHECK(listener.channels() == std::vector<std::string>{R"(Odd "ch"; name)", "Run-Time Name ü"});

    pgdsl::notify(fixture.db(), "odd \"ch\"; name", "lower case: another channel");
    pgdsl::notify(fixture.db(), R"(Odd "ch"; name)", "exact");
    pgdsl::notify(fixture.db(), "Run-Time Name ü", "run time");
    // (co_await stays out of CHECK: g++ 12 mishandles it inside Catch's expression templates)
    const pgdsl::notification exact = co_await next_notification(listener);
    CHECK(exact == pgdsl::notification{R"(Odd "ch"; name)", "exact",
                                       PQbackendPID(fixture.db().native_handle())});
    const pgdsl::notification run_time = co_await next_notification(listener);
    CHECK(run_time.channel == "Run-Time Name ü");

    co_await listener.unlisten<R"(Odd "ch"; name)">();
    pgdsl::notify(fixture.db(), R"(Odd "ch"; name)", "not heard any more");
    pgdsl::notify(fixture.db(), "Run-Time Name ü", "still heard");
    const pgdsl::notification still = co_await next_notification(listener);
    CHECK(still.payload == "still heard");
  }());
  CHECK_THROWS_AS(pgdsl::identifier(std::string(64, 'c')), pgdsl::invalid_identifier);
}

TEST_CASE(
    "A receive ends with query_canceled after its timeout or when cancelled; the listener "
    "keeps working") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::listener listener(io.get_executor(), options_for(fixture.schema()));
  pgdsl::cancellation cancel;
  run_listening(io, listener, [&]() -> asio::awaitable<void> {
    co_await listener.listen<"pgdsl_quiet">();
    bool timed_out = false, canceled = false;
    try {
      co_await listener.async_receive(pgdsl::operation_options{.timeout = 20ms});
    } catch (const pgdsl::query_canceled& e) {
      timed_out = std::string(e.what()).find("timeout") != std::string::npos;
    }
    CHECK(timed_out);
    asio::steady_timer soon(io, 20ms);
    soon.async_wait([&](const boost::system::error_code&) { cancel.emit(); });
    try {
      co_await listener.async_receive(pgdsl::operation_options{.cancel = &cancel});
    } catch (const pgdsl::query_canceled&) {
      canceled = true;
    }
    CHECK(canceled);
    pgdsl::notify(fixture.db(), "pgdsl_quiet", "after");
    const pgdsl::notification after = co_await next_notification(listener);
    CHECK(after.payload == "after");
  }());
}

TEST_CASE("A listener whose backend is terminated reconnects, says so, and hears what follows") {
  pgdsl::test::database fixture;
  asio::io_context io;
  pgdsl::listener listener(io.get_executor(), options_for(fixture.schema()),
                           pgdsl::listener_options{.first_retry = 10ms, .max_retry = 100ms});
  run_listening(io, listener, [&]() -> asio::awaitable<void> {
    co_await listener.listen<"pgdsl_a">();
    co_await listener.listen<"pgdsl_b">();
    pgdsl::notify(fixture.db(), "pgdsl_a", "before");
    const pgdsl::notification before = co_await next_notification(listener);
    CHECK(before.payload == "before");

    const int old_pid = listener.backend_pid();
    CHECK(fixture.db().query<bool>("SELECT pg_terminate_backend($1)", old_pid).scalar());
    const pgdsl::listener_event event = co_await next_event(listener);
    const auto* back = std::get_if<pgdsl::reconnected>(&event);
    REQUIRE(back != nullptr);
    CHECK(back->reason.find("terminat") != std::string::npos);
    CHECK(listener.is_connected());
    CHECK(listener.backend_pid() != old_pid);

    // LISTEN was issued again on both channels before the event was delivered.
    pgdsl::notify(fixture.db(), "pgdsl_b", "after b");
    pgdsl::notify(fixture.db(), "pgdsl_a", "after a");
    const pgdsl::notification after_b = co_await next_notification(listener);
    const pgdsl::notification after_a = co_await next_notification(listener);
    CHECK(after_b.payload == "after b");
    CHECK(after_a.payload == "after a");
  }());
}

TEST_CASE(
    "wait_for_notification returns nothing when its timeout expires, and a notification "
    "when one arrives") {
  pgdsl::test::database fixture;
  pgdsl::connection other = fixture.connect_another();
  pgdsl::connection& db = fixture.db();
  pgdsl::listen<"pgdsl_sync">(db);
  CHECK_FALSE(pgdsl::wait_for_notification(db, 20ms).has_value());

  pgdsl::notify(other, "pgdsl_sync", "hello");
  const std::optional<pgdsl::notification> received = pgdsl::wait_for_notification(db, 10s);
  REQUIRE(received.has_value());
  CHECK(*received ==
        pgdsl::notification{"pgdsl_sync", "hello", PQbackendPID(other.native_handle())});

  // One that arrived while the connection ran a statement is returned without waiting.
  pgdsl::notify(other, "pgdsl_sync", "queued");
  CHECK(db.query<std::int32_t>("SELECT 1 FROM pg_sleep(0.05)").scalar() == 1);
  CHECK(pgdsl::wait_for_notification(db, 0ms).value().payload == "queued");

  pgdsl::unlisten<"pgdsl_sync">(db);
  pgdsl::notify(other, "pgdsl_sync", "not heard");
  CHECK_FALSE(pgdsl::wait_for_notification(db, 20ms).has_value());
}
