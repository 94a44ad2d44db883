// connect: opens a libpq connection from connection_options and turns a failure into
// connection_error whose message names the target (host, port, database) and libpq's reason,
// with every occurrence of the password removed.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/error/sqlstate_errors.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"

namespace pgdsl::detail {

inline void erase_all(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
    text.replace(at, secret.size(), "********");
}

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

/// Opens a connection; throws connection_error (SQLSTATE 08001) when it cannot.
inline connection_ptr connect(const connection_options& options) {
  const conninfo_arrays params(options);
  connection_ptr conn(PQconnectdbParams(params.keywords.data(), params.values.data(), 1));
  if (conn && PQstatus(conn.get()) == CONNECTION_OK) return conn;
  std::string message = "could not connect to " + connection_target(conn.get(), options) + ": " +
                        trimmed_message(conn ? PQerrorMessage(conn.get()) : "out of memory");
  erase_all(message, options.password);
  if (conn) {  // the password may also come from the URL or PGPASSWORD
    if (PQconninfoOption* used = PQconninfo(conn.get())) {
      for (PQconninfoOption* o = used; o->keyword; ++o)
        if (std::string_view(o->keyword) == "password" && o->val) erase_all(message, o->val);
      PQconninfoFree(used);
    }
  }
  throw connection_error(std::move(message), "08001");
}

}  // namespace pgdsl::detail
