// SPDX-License-Identifier: BSL-1.0
// server_farewell: why the server closed a connection, kept so that connection_error can say so.
// A backend that is terminated (pg_terminate_backend, a fast shutdown) sends a FATAL message, which
// libpq keeps only as text in PQerrorMessage (pgdsl asks for verbose messages, which carry the
// SQLSTATE); a backend told to quit because another one crashed sends a WARNING (57P02) as a
// notice, recorded here per PGconn through a libpq event procedure's instance data.
#pragma once

#include <libpq-events.h>
#include <libpq-fe.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace pgdsl::detail {

/// What the server said last before it went away (empty when it said nothing).
struct server_farewell {
  std::string sqlstate;
  std::string message;
  std::string detail;
  std::string then;  ///< libpq's own text after the server's (e.g. "server closed the connection")
  /// The SQLSTATE of the last error thrown for a statement on this connection (kept apart from
  /// the farewell: a pool reads it to retire a connection that saw 08, 57P0x or 25006).
  std::string last_error{};
};

inline int farewell_events(PGEventId event, void* info, void*) {
  if (event == PGEVT_CONNDESTROY) {
    PGconn* conn = static_cast<PGEventConnDestroy*>(info)->conn;
    delete static_cast<server_farewell*>(PQinstanceData(conn, farewell_events));
  } else if (event == PGEVT_CONNRESET) {
    PGconn* conn = static_cast<PGEventConnReset*>(info)->conn;
    if (auto* farewell = static_cast<server_farewell*>(PQinstanceData(conn, farewell_events)))
      *farewell = server_farewell{};
  }
  return 1;
}

/// Prepares `conn` to keep the server's last word: verbose messages (with their SQLSTATE) and a
/// farewell record for notices.
inline void watch_farewell(PGconn* conn) {
  PQsetErrorVerbosity(conn, PQERRORS_VERBOSE);
  if (PQregisterEventProc(conn, farewell_events, "pgdsl", nullptr) == 1)
    PQsetInstanceData(conn, farewell_events, new server_farewell{});
}

/// The record of `conn`, or null when watch_farewell was not called on it.
inline server_farewell* farewell_of(const PGconn* conn) {
  return conn ? static_cast<server_farewell*>(PQinstanceData(conn, farewell_events)) : nullptr;
}

/// Records a notice that announces the end of the session (SQLSTATE class 57P: admin shutdown,
/// crash shutdown, cannot connect now).
inline void note_farewell(const PGconn* conn, const PGresult* notice) {
  const char* code = PQresultErrorField(notice, PG_DIAG_SQLSTATE);
  if (code == nullptr || !std::string_view(code).starts_with("57P")) return;
  if (server_farewell* farewell = farewell_of(conn)) {
    const char* message = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
    const char* detail = PQresultErrorField(notice, PG_DIAG_MESSAGE_DETAIL);
    *farewell = server_farewell{code, message ? message : "", detail ? detail : "", "",
                                std::move(farewell->last_error)};
  }
}

/// Records (or, with an empty code, clears) the SQLSTATE of the last error on `conn`.
inline void note_error(const PGconn* conn, std::string_view sqlstate) {
  if (server_farewell* farewell = farewell_of(conn)) farewell->last_error.assign(sqlstate);
}

/// The SQLSTATE of the last error thrown for a statement on `conn` since it was cleared.
inline std::string_view last_error(const PGconn* conn) {
  const server_farewell* farewell = farewell_of(conn);
  return farewell ? std::string_view(farewell->last_error) : std::string_view();
}

constexpr bool is_sqlstate_char(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/// The server error in libpq's verbose text ("FATAL:  57P01: terminating connection ...\n
/// DETAIL:  ...\nLOCATION:  ..."), the first one found; empty when there is none.
inline server_farewell server_error_in_text(std::string_view text) {
  server_farewell found;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (!found.sqlstate.empty()) {
      if (line.starts_with("DETAIL:  ")) found.detail = std::string(line.substr(9));
      if (!line.starts_with("DETAIL:") && !line.starts_with("HINT:") &&
          !line.starts_with("LOCATION:")) {
        found.then =
            std::string(line) + (newline == std::string_view::npos ? "" : "\n") + std::string(text);
        break;
      }
      continue;
    }
    // "<severity>:  <code>: <message>", the severity possibly translated.
    const std::size_t colon = line.find(":  ");
    if (colon == std::string_view::npos || colon == 0) continue;
    const std::string_view rest = line.substr(colon + 3);
    if (rest.size() < 7 || rest[5] != ':' || rest[6] != ' ') continue;
    bool code = true;
    for (std::size_t i = 0; i < 5; ++i) code = code && is_sqlstate_char(rest[i]);
    if (!code) continue;
    found.sqlstate = std::string(rest.substr(0, 5));
    found.message = std::string(rest.substr(7));
  }
  return found;
}

}  // namespace pgdsl::detail
