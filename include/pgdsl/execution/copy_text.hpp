// SPDX-License-Identifier: BSL-1.0
// copy_from / copy_to: COPY in PostgreSQL's text and CSV formats, between a table (or, out, a
// statement's result) and a stream, a file or a callback. The data is passed through as the
// server reads and writes it, in chunks, so memory stays constant whatever the size. A row the
// server rejects fails the whole COPY (nothing is loaded) with the typed exception of its
// SQLSTATE, whose copy_line() says which line of the data it was.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/column_list.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/copy_text_format.hpp"
#include "pgdsl/execution/copy_text_io.hpp"
#include "pgdsl/execution/detail/copy_format.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"
#include "pgdsl/execution/detail/statement_runner.hpp"
#include "pgdsl/execution/observability.hpp"
#include "pgdsl/execution/statement_concept.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/schema/table.hpp"

namespace pgdsl {

namespace detail {

// Runs one text COPY for the query hook, which sees its SQL and the rows the server counted.
template <class Run>
std::uint64_t observe_copy(connection& db, const std::string& sql, Run&& run) {
  const result_ptr done = observe(connection_access::state(db).hook, sql, std::forward<Run>(run),
                                  [](const result_ptr& r) { return affected_rows(r.get()); });
  return affected_rows(done.get());
}

template <class Source>
std::uint64_t copy_text_in(connection& db, const std::string& sql, Source& source) {
  return observe_copy(db, sql, [&] {
    PGconn* conn = connection_access::state(db).conn.get();
    run_command(conn, sql.c_str(), PGRES_COPY_IN);
    try {
      for_each_chunk(source,
                     [&](std::string_view chunk) { put_copy_data(conn, chunk, sql.c_str()); });
    } catch (...) {
      abort_copy(conn, "pgdsl: reading the COPY data failed; nothing was loaded");
      throw;
    }
    result_ptr outcome = end_copy(conn, sql.c_str());
    if (!succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
    return outcome;
  });
}

template <class Sink>
std::uint64_t copy_text_out(connection& db, const std::string& sql, Sink& sink) {
  return observe_copy(db, sql, [&] {
    PGconn* conn = connection_access::state(db).conn.get();
    chunk_writer<Sink> write(sink);  // opens a file before the COPY starts
    run_command(conn, sql.c_str(), PGRES_COPY_OUT);
    int length = 0;
    try {
      char* message = nullptr;
      while ((length = take_copy_data(conn, &message, poll_wait{})) >= 0) {
        const std::unique_ptr<char, decltype(&PQfreemem)> owned(message, &PQfreemem);
        write(std::string_view(message, static_cast<std::size_t>(length)));
      }
      write.finish();
    } catch (...) {
      // The connection must not stay in COPY mode: read and drop the rest.
      char* message = nullptr;
      while (take_copy_data(conn, &message, poll_wait{}) >= 0) PQfreemem(message);
      take_final_result(conn);
      throw;
    }
    result_ptr outcome = take_final_result(conn);
    if (length == -2 || !succeeded(outcome.get())) throw_sql_error(conn, outcome.get(), sql);
    return outcome;
  });
}

/// COPY "table" ("a", ...) FROM STDIN / TO STDOUT with the format's options, once the table,
/// columns and format are checked.
template <copy_direction Direction, class Table, class... Columns, class Format>
std::string text_copy_sql(connection& db, const Format& format) {
  static_assert(table_type<Table>,
                "copy_from/copy_to: the table argument must be a table descriptor");
  static_assert(
      (std::is_same_v<typename Columns::table_type, typename Table::table_identity> && ...),
      "copy_from/copy_to: every column must belong to the table");
  static_assert(is_copy_text_format<Format>,
                "copy_from/copy_to: the format must be pgdsl::csv_format{...} or "
                "pgdsl::text_format{...} (binary COPY is db.copy_into / db.copy_out)");
  if constexpr (is_copy_text_format<Format>)
    return copy_sql_start<Direction, Table, Columns...>() +
           render_copy_options(connection_access::state(db).conn.get(), format);
  else
    return {};
}

}  // namespace detail

/// COPY "table" ("a", ...) FROM STDIN in text or CSV format: loads the data `source` gives (a
/// std::istream, a file path, or a chunk producer) into the listed columns. Returns the number
/// of rows loaded; on a bad row nothing is loaded and its typed error says copy_line().
template <class Table, class... Columns, copy_text_source Source, class Format>
std::uint64_t copy_from(connection& db, const Table&, column_list<Columns...>, Source&& source,
                        const Format& format) {
  const std::string sql =
      detail::text_copy_sql<detail::copy_direction::in, Table, Columns...>(db, format);
  return detail::copy_text_in(db, sql, source);
}

/// copy_from into every column of the table, in declaration order.
template <class Table, copy_text_source Source, class Format>
std::uint64_t copy_from(connection& db, const Table& table, Source&& source, const Format& format) {
  return copy_from(db, table, typename detail::column_list_of<columns_of_t<Table>>::type{},
                   std::forward<Source>(source), format);
}

/// COPY "table" ("a", ...) TO STDOUT in text or CSV format, written to `sink` (a std::ostream,
/// a file path, created or truncated, or a chunk consumer). Returns the number of rows.
template <class Table, class... Columns, copy_text_sink Sink, class Format>
std::uint64_t copy_to(connection& db, const Table&, column_list<Columns...>, Sink&& sink,
                      const Format& format) {
  const std::string sql =
      detail::text_copy_sql<detail::copy_direction::out, Table, Columns...>(db, format);
  return detail::copy_text_out(db, sql, sink);
}

/// copy_to of every column of the table, in declaration order.
template <class Table, copy_text_sink Sink, class Format>
requires table_type<Table> std::uint64_t copy_to(connection& db, const Table& table, Sink&& sink,
                                                 const Format& format) {
  return copy_to(db, table, typename detail::column_list_of<columns_of_t<Table>>::type{},
                 std::forward<Sink>(sink), format);
}

/// COPY (<statement>) TO STDOUT: a query's rows (in its ORDER BY) in text or CSV format. The
/// statement must bind no parameters (COPY cannot).
template <static_statement Q, copy_text_sink Sink, class Format>
requires(!table_type<Q>) std::uint64_t
    copy_to(connection& db, const Q&, Sink&& sink, const Format& format) {
  static_assert(Q::param_count == 0,
                "copy_to(statement): COPY cannot bind parameters, and this statement has some; "
                "read it with db.stream() or db.cursor()");
  static_assert(detail::is_copy_text_format<Format>,
                "copy_from/copy_to: the format must be pgdsl::csv_format{...} or "
                "pgdsl::text_format{...} (binary COPY is db.copy_into / db.copy_out)");
  const std::string sql =
      "COPY (" + std::string(Q::sql.view()) + ") TO STDOUT" +
      detail::render_copy_options(detail::connection_access::state(db).conn.get(), format);
  return detail::copy_text_out(db, sql, sink);
}

}  // namespace pgdsl
