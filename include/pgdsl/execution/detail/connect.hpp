// SPDX-License-Identifier: BSL-1.0
// connect: opens a libpq connection from connection_options and turns a failure into
// connection_error whose message names the target (host, port, database) and libpq's reason,
// with every credential removed (see redact.hpp). A connection string libpq cannot parse, or one
// that looks like a URL but is not, is refused before anything is sent.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pgdsl/error/sqlstate_errors.hpp"
#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/execution/detail/redact.hpp"
#include "pgdsl/execution/detail/server_farewell.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

namespace pgdsl::detail {

// "host:port/dbname" as libpq resolved it (from the URL, the options or PG* variables).
inline std::string connection_target(PGconn* conn, const connection_options& options) {
  const char* host = conn ? PQhost(conn) : nullptr;
  const char* port = conn ? PQport(conn) : nullptr;
  const char* db = conn ? PQdb(conn) : nullptr;
  std::string target = host && *host ? host : (options.host.empty() ? "?" : options.host);
  if (port && *port) target += std::string(":") + port;
  if (db && *db) target += std::string("/") + db;
  return target;
}

// Every password the options hold: the field, password= among the extra keywords, and those in
// the connection string (URL userinfo and query, key=value).
inline std::vector<std::string> option_secrets(const connection_options& options) {
  std::vector<std::string> secrets = connection_string_secrets(options.conninfo);
  if (!options.password.empty()) secrets.push_back(options.password);
  for (const auto& [keyword, value] : options.extra)
    if (keyword == "password" && !value.empty()) secrets.push_back(value);
  return secrets;
}

/// Refuses, before anything is sent, a connection string that libpq cannot parse or would take
/// for a database name although it looks like a URL; the message never holds a credential.
inline void check_connection_string(const connection_options& options) {
  const std::string& text = options.conninfo;
  if (text.empty()) return;
  if (looks_like_malformed_url(text))
    throw connection_error(
        "the connection string looks like a URL but is not one (a URL starts with "
        "postgresql:// or postgres://); it was not sent, since libpq would take all of it, "
        "credentials included, for a database name",
        "08001");
  if (!is_connection_string(text)) return;  // a database name
  char* reason = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(text.c_str(), &reason);
  if (parsed) {
    PQconninfoFree(parsed);
    return;
  }
  std::string message =
      "invalid connection string: " + trimmed_message(reason ? reason : "out of memory");
  if (reason) PQfreemem(reason);
  throw connection_error(redact_secrets(std::move(message), option_secrets(options)), "08001");
}

/// Throws the connection_error (08001) of a connection attempt that failed: the target and
/// libpq's reason, every credential removed (`conn` may be null: out of memory). Shared by the
/// blocking connect below and the nonblocking one of the async layer.
[[noreturn]] inline void throw_connect_failure(PGconn* conn, const connection_options& options) {
  std::string message = "could not connect to " + connection_target(conn, options) + ": " +
                        trimmed_message(conn ? PQerrorMessage(conn) : "out of memory");
  std::vector<std::string> secrets = option_secrets(options);
  if (conn) {  // the password may also come from PGPASSWORD or a password file
    if (PQconninfoOption* used = PQconninfo(conn)) {
      for (PQconninfoOption* o = used; o->keyword; ++o)
        if (std::string_view(o->keyword) == "password" && o->val && *o->val)
          secrets.emplace_back(o->val);
      PQconninfoFree(used);
    }
  }
  throw connection_error(redact_secrets(std::move(message), std::move(secrets)), "08001");
}

/// Opens a connection; throws connection_error (SQLSTATE 08001) when it cannot.
inline connection_ptr connect(const connection_options& options) {
  check_connection_string(options);
  const conninfo_arrays params(options);
  connection_ptr conn(PQconnectdbParams(params.keywords.data(), params.values.data(), 1));
  if (conn && PQstatus(conn.get()) == CONNECTION_OK) {
    watch_farewell(conn.get());
    return conn;
  }
  throw_connect_failure(conn.get(), options);
}

}  // namespace pgdsl::detail
