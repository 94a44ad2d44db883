// SPDX-License-Identifier: BSL-1.0
// connection_options: where to connect and how the connection behaves. Connection parameters are
// handed to libpq's PQconnectdbParams unparsed (a URL or key=value string in `conninfo`, then the
// named fields, which win), so libpq's own rules for URLs, multiple hosts and PG* variables apply.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pgdsl {

/// Everything a connection needs; empty fields fall back to the URL, then to libpq's defaults
/// and PG* environment variables.
struct connection_options {
  /// A URL (postgresql://user@host:5432/db?...) or key=value string; the fields below override it.
  std::string conninfo{};
  std::string host{};                       ///< host name, IP address or unix socket directory
  std::uint16_t port = 0;                   ///< 0 = from conninfo / PGPORT / 5432
  std::string dbname{};                     ///< database name
  std::string user{};                       ///< role name
  std::string password{};                   ///< never appears in any message
  std::chrono::seconds connect_timeout{0};  ///< 0 = wait indefinitely
  std::string application_name{};           ///< shown in pg_stat_activity
  std::string options{};                    ///< server options, e.g. "-c search_path=app"
  std::string sslmode{};  ///< disable, allow, prefer, require, verify-ca, verify-full
  /// Any other libpq keyword (target_session_attrs, sslrootcert, ...), in order.
  std::vector<std::pair<std::string, std::string>> extra{};

  /// Prepare each static statement once per connection and reuse it; false = unnamed statements
  /// only, which is what PgBouncer in transaction-pooling mode requires.
  bool prepared_statements = true;
  /// The server session may change at every transaction's end: a transaction pooler such as
  /// PgBouncer with pool_mode = transaction sits in between (docs/pgbouncer.md). Statements run
  /// unnamed whatever prepared_statements says, and what would keep state in the session (LISTEN,
  /// session advisory locks, WITH HOLD cursors, PREPARE, a session SET, temporary tables not
  /// dropped at commit, statement_timeout below)
  /// is refused with transaction_pooling_error.
  bool transaction_pooling = false;
  /// statement_timeout for every statement on this connection (a session SET); 0 = the server's
  /// setting. Refused with transaction_pooling.
  std::chrono::milliseconds statement_timeout{0};
};

namespace detail {

// The keyword/value arrays PQconnectdbParams takes; the strings live in `storage`.
struct conninfo_arrays {
  std::vector<std::pair<std::string, std::string>> storage;
  std::vector<const char*> keywords;
  std::vector<const char*> values;

  explicit conninfo_arrays(const connection_options& o) {
    // With expand_dbname, the first "dbname" holding a URL or key=value string is expanded and
    // every later keyword overrides what it set.
    if (!o.conninfo.empty()) storage.emplace_back("dbname", o.conninfo);
    add("host", o.host);
    if (o.port != 0) add("port", std::to_string(o.port));
    add("dbname", o.dbname);
    add("user", o.user);
    add("password", o.password);
    if (o.connect_timeout.count() > 0)
      add("connect_timeout", std::to_string(o.connect_timeout.count()));
    add("application_name", o.application_name);
    add("options", o.options);
    add("sslmode", o.sslmode);
    for (const auto& [keyword, value] : o.extra) add(keyword, value);
    for (const auto& [keyword, value] : storage) {
      keywords.push_back(keyword.c_str());
      values.push_back(value.c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
  }

 private:
  void add(std::string keyword, std::string value) {
    if (!value.empty()) storage.emplace_back(std::move(keyword), std::move(value));
  }
};

}  // namespace detail
}  // namespace pgdsl
