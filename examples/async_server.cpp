// SPDX-License-Identifier: BSL-1.0
// async_server: a tiny Asio TCP server answering lookups from the database, all on one thread.
// Each client sends product ids, one per line; the server answers each with the product's name
// and price (or "unknown"). Every client session is a coroutine, and all of them share one
// pgdsl::async_connection: their SELECTs are pipelined on it automatically. The program then
// runs a bounded client (8 concurrent clients, 50 lookups each) against its own server, checks
// every answer, and stops. Connects from DATABASE_URL or the PG* variables.
#include <pgdsl/async/all.hpp>  // first: it sets up Asio's coroutine support
#include <pgdsl/pgdsl.hpp>

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <istream>
#include <optional>
#include <string>

namespace asio = boost::asio;
using asio::use_awaitable;
using asio::ip::tcp;

struct products_t : pgdsl::table<"async_server_products"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"name", std::string> name;
  column<"price", double> price;
};
inline constexpr products_t products{};

namespace {

// One client connection: a line in, a line out, until the client closes.
asio::awaitable<void> serve(tcp::socket client, pgdsl::async_connection& db) {
  asio::streambuf input;
  for (;;) {
    boost::system::error_code ec;
    co_await asio::async_read_until(client, input, '\n', asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;  // the client left
    std::istream line_stream(&input);
    std::string line;
    std::getline(line_stream, line);
    std::string answer = "unknown\n";
    try {
      const std::int64_t id = std::stoll(line);
      const auto found = co_await db.async_execute(
          pgdsl::select(products.name, products.price).from(products).where(products.id == id),
          use_awaitable);
      if (auto row = found.one_or_none()) {
        const auto [name, price] = *row;
        answer = name + " " + std::to_string(price) + "\n";
      }
    } catch (const std::invalid_argument&) {
      answer = "bad request\n";
    }
    co_await asio::async_write(client, asio::buffer(answer), use_awaitable);
  }
}

asio::awaitable<void> accept_clients(tcp::acceptor& acceptor, pgdsl::async_connection& db) {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket client = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;  // the acceptor was closed
    asio::co_spawn(acceptor.get_executor(), serve(std::move(client), db), asio::detached);
  }
}

// A client that looks up `count` ids and checks every answer; returns the answers it got right.
asio::awaitable<int> client(tcp::endpoint server, int first, int count) {
  tcp::socket socket(co_await asio::this_coro::executor);
  co_await socket.async_connect(server, use_awaitable);
  asio::streambuf input;
  int right = 0;
  for (int i = 0; i < count; ++i) {
    const int id = (first + i) % 120 + 1;  // ids 101..120 do not exist
    const std::string request = std::to_string(id) + "\n";
    co_await asio::async_write(socket, asio::buffer(request), use_awaitable);
    co_await asio::async_read_until(socket, input, '\n', use_awaitable);
    std::istream line_stream(&input);
    std::string answer;
    std::getline(line_stream, answer);
    const std::string expected =
        id <= 100 ? "product " + std::to_string(id) + " " + std::to_string(id * 1.25) : "unknown";
    if (answer == expected) ++right;
  }
  co_return right;
}

}  // namespace

int main() {
  pgdsl::connection setup = pgdsl::connection::from_env();
  setup.run_command("DROP TABLE IF EXISTS async_server_products");
  setup.execute(pgdsl::create_table(products));
  setup.execute_raw(
      "INSERT INTO async_server_products SELECT g, 'product ' || g, g * 1.25 "
      "FROM generate_series(1, 100) AS g");

  asio::io_context io;
  pgdsl::connection_options options;
  if (const char* url = std::getenv("DATABASE_URL")) options.conninfo = url;
  std::optional<pgdsl::async_connection> db;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  int right = 0, failed = 0, finished = 0;  // outlive the coroutines that count into them
  constexpr int clients = 8, lookups = 50;

  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        db.emplace(co_await pgdsl::async_connection::async_connect(io.get_executor(), options,
                                                                   use_awaitable));
        asio::co_spawn(io, accept_clients(acceptor, *db), asio::detached);
        for (int c = 0; c < clients; ++c)
          asio::co_spawn(io, client(acceptor.local_endpoint(), c * lookups, lookups),
                         [&](std::exception_ptr e, int r) {
                           if (e) ++failed;
                           right += r;
                           if (++finished == clients) acceptor.close();  // the bounded run ends
                         });
      },
      [&](std::exception_ptr e) {
        if (e) ++failed;
      });
  io.run();

  setup.run_command("DROP TABLE async_server_products");
  std::printf("async_server: %d clients, %d of %d answers right\n", clients, right,
              clients * lookups);
  return failed == 0 && right == clients * lookups ? 0 : 1;
}
