// SPDX-License-Identifier: BSL-1.0
// protocol: what a statement sends and how its results are taken, apart from how the caller
// waits for the socket. Every Parse, Describe and Execute leaves through the send_* functions
// here (one call site per libpq function); results are taken with take_result(conn, wait), where
// `wait` is the caller's way to block until the socket is ready: poll() for the blocking
// connection and the pipeline (socket_wait.hpp), a coroutine's wait for an asynchronous one.
#pragma once

#include <libpq-fe.h>

#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/types/oid.hpp"

namespace pgdsl::detail {

inline constexpr int binary_results = 1;
inline constexpr int text_results = 0;

/// A statement's bound parameters, as libpq takes them (parameter_block, dynamic_parameters).
struct bound_parameters {
  int count = 0;
  const oid* types = nullptr;
  const char* const* values = nullptr;
  const int* lengths = nullptr;
  const int* formats = nullptr;
};

/// Parse: prepares `sql` under `name` ("" is the unnamed statement).
inline bool send_prepare(PGconn* conn, const char* name, const char* sql,
                         const bound_parameters& params) noexcept {
  return PQsendPrepare(conn, name, sql, params.count, params.types) == 1;
}

/// Describe of a prepared statement: its parameter and result column types.
inline bool send_describe(PGconn* conn, const char* name) noexcept {
  return PQsendDescribePrepared(conn, name) == 1;
}

/// Bind and Execute: the prepared statement `name`, or, with name == nullptr, `sql` parsed on
/// the spot (unnamed).
inline bool send_statement(PGconn* conn, const char* name, const char* sql,
                           const bound_parameters& params,
                           int result_format = binary_results) noexcept {
  if (name != nullptr)
    return PQsendQueryPrepared(conn, name, params.count, params.values, params.lengths,
                               params.formats, result_format) == 1;
  return PQsendQueryParams(conn, sql, params.count, params.types, params.values, params.lengths,
                           params.formats, result_format) == 1;
}

/// A command in the simple protocol (no parameters; several commands separated by ';').
inline bool send_command(PGconn* conn, const char* sql) noexcept {
  return PQsendQuery(conn, sql) == 1;
}

/// What a wait is for: input, or input and room to send what libpq still holds.
enum class socket_need : unsigned char { read, read_write };

/// The next result of what was sent, or null at the end of one step's results (the end of all
/// results outside pipeline mode). `wait(conn, need)` blocks until the socket is ready and
/// returns false when waiting failed; libpq then reports the failure as a result.
template <class Wait>
result_ptr take_result(PGconn* conn, Wait&& wait) {
  while (PQisBusy(conn)) {
    const int unsent = PQflush(conn);
    if (unsent < 0) break;
    if (!wait(conn, unsent > 0 ? socket_need::read_write : socket_need::read)) break;
    if (PQconsumeInput(conn) != 1) break;
  }
  return result_ptr(PQgetResult(conn));
}

/// Every result up to the end of what was sent, as PQexec keeps them: the first failure, else
/// the last result; a COPY's start (COPY IN/OUT) ends the reading, the data follows it.
template <class Wait>
result_ptr take_final_result(PGconn* conn, Wait&& wait) {
  result_ptr kept;
  while (result_ptr next = take_result(conn, wait)) {
    const ExecStatusType status = PQresultStatus(next.get());
    if (kept == nullptr || succeeded(kept.get())) kept = std::move(next);
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) break;
    if (PQstatus(conn) == CONNECTION_BAD) break;
  }
  return kept;
}

/// One row of a COPY TO (a CopyData message; free with PQfreemem) and its length; -1 at the end
/// of the data, -2 on failure.
template <class Wait>
int take_copy_data(PGconn* conn, char** message, Wait&& wait) {
  for (;;) {
    const int length = PQgetCopyData(conn, message, 1);
    if (length != 0) return length;
    if (!wait(conn, socket_need::read) || PQconsumeInput(conn) != 1)
      return PQgetCopyData(conn, message, 0);  // libpq reports what broke
  }
}

}  // namespace pgdsl::detail
