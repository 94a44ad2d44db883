// SPDX-License-Identifier: BSL-1.0
// What the async tests share: running a coroutine to its end on an io_context (rethrowing what
// it threw), and connection options for the fixture's schema.
#pragma once

#include "pgdsl/async/all.hpp"

#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <exception>
#include <optional>
#include <string>

#include "support/database.hpp"

namespace async_test {

namespace asio = boost::asio;
using asio::use_awaitable;

/// Runs `task` on `io` until it and everything it started are done; returns what it returned.
template <class T>
T run(asio::io_context& io, asio::awaitable<T> task) {
  std::exception_ptr failure;
  std::optional<T> value;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T v) {
    failure = e;
    if (!e) value.emplace(std::move(v));
  });
  io.run();
  io.restart();
  if (failure) std::rethrow_exception(failure);
  return std::move(*value);
}
inline void run(asio::io_context& io, asio::awaitable<void> task) {
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) { failure = e; });
  io.run();
  io.restart();
  if (failure) std::rethrow_exception(failure);
}

/// DATABASE_URL (or the PG* variables) with `schema` first on the search_path.
inline pgdsl::connection_options options_for(const std::string& schema) {
  pgdsl::connection_options options = pgdsl::test::options_for_schema(schema);
  if (const char* url = std::getenv("DATABASE_URL")) options.conninfo = url;
  return options;
}

}  // namespace async_test
