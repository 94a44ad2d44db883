// SPDX-License-Identifier: BSL-1.0
// Owning handles for libpq objects and the few reads every result needs (affected-row count,
// a column's label for messages), kept in one place so the rest of the layer stays small.
#pragma once

#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace pgdsl::detail {

struct result_deleter {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
/// A PGresult owned by exactly one object.
using result_ptr = std::unique_ptr<PGresult, result_deleter>;

struct connection_deleter {
  void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
using connection_ptr = std::unique_ptr<PGconn, connection_deleter>;

inline bool succeeded(const PGresult* result) noexcept {
  if (result == nullptr) return false;
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_SINGLE_TUPLE;
}

/// Rows a command touched (INSERT/UPDATE/DELETE/MERGE/SELECT/COPY); 0 for other commands.
inline std::uint64_t affected_rows(const PGresult* result) noexcept {
  const char* text = PQcmdTuples(const_cast<PGresult*>(result));
  std::uint64_t count = 0;
  const std::string_view digits(text);
  std::from_chars(digits.data(), digits.data() + digits.size(), count);
  return count;
}

/// Rows returned, or else rows affected: the number the observability hook reports.
inline std::uint64_t row_count(const PGresult* result) noexcept {
  if (result == nullptr) return 0;
  if (PQresultStatus(result) == PGRES_TUPLES_OK && PQnfields(result) > 0)
    return static_cast<std::uint64_t>(PQntuples(result));
  return affected_rows(result);
}

/// The column's name for messages: the statement's qualified name, else the server's label.
inline std::string column_label(std::string_view qualified_name, const PGresult* result,
                                int column) {
  if (!qualified_name.empty()) return std::string(qualified_name);
  const char* name = PQfname(result, column);
  // append, not "\"" + std::string: g++ 12 -O2 warns (-Wrestrict) inside that operator+.
  std::string label(1, '"');
  label.append(name ? name : "?").append("\" (column ").append(std::to_string(column + 1));
  label.push_back(')');
  return label;
}

}  // namespace pgdsl::detail
