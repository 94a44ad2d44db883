// SPDX-License-Identifier: BSL-1.0
// connection_state: what a connection owns besides the PGconn, kept on the heap so its address
// stays fixed when the connection object moves (libpq's notice receiver holds that address).
// It includes the prepared-statement cache, keyed by the static address of a statement's SQL.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/execution/detail/server_farewell.hpp"
#include "pgdsl/execution/observability.hpp"

namespace pgdsl::detail {

/// One statement this connection prepared: its server-side name (empty in unnamed mode, where
/// the entry only records the check) and the result columns its types were checked against.
struct prepared_statement {
  std::string name;
  const void* checked_columns = nullptr;
  /// Raw SQL: the argument types it was parsed with (parameter_types_tag); nullptr otherwise.
  const void* parameter_types = nullptr;
};

/// Identifies a result-column list at run time (one address per list type).
template <class Columns>
inline constexpr char columns_tag = 0;
/// Identifies the argument types of a raw query at run time (one address per list type).
template <class Parameters>
inline constexpr char parameter_types_tag = 0;

/// Server-side prepared statements of one connection. The key is Q::sql.c_str(): one address per
/// statement, so a lookup hashes a pointer, never the text. Two statement types that share their
/// SQL object but declare different columns are told apart by checked_columns.
class prepared_cache {
 public:
  prepared_statement* find(const char* sql) {
    const auto found = statements_.find(sql);
    return found == statements_.end() ? nullptr : &found->second;
  }
  prepared_statement& insert(const char* sql, prepared_statement statement) {
    return statements_.insert_or_assign(sql, std::move(statement)).first->second;
  }
  void erase(const char* sql) { statements_.erase(sql); }
  void clear() noexcept {
    statements_.clear();
    shapes_.clear();
  }
  std::size_t size() const noexcept { return statements_.size(); }
  /// The keys of statements whose SQL is a shape of a dynamic statement (rendered at run time,
  /// interned, so its address is its key like a static statement's), least recently used first.
  /// The dynamic layer keeps at most shape_limit of them prepared on this connection.
  std::vector<const char*>& shapes() noexcept { return shapes_; }
  std::size_t shape_limit = 64;
  /// A name no statement of this process has used (see unique_statement_name).
  std::string next_name() { return unique_statement_name(); }

 private:
  // Unique per process, with a random part per process: behind a transaction pooler a statement
  // can reach a server session where another client prepared statements; the same name there
  // would silently run the other client's statement, a distinct one fails with 26000.
  static std::string unique_statement_name() {
    static const std::string prefix = [] {
      unsigned long long seed = static_cast<unsigned long long>(
          std::chrono::steady_clock::now().time_since_epoch().count());
      try {
        seed ^= (static_cast<unsigned long long>(std::random_device{}()) << 32);
      } catch (...) {  // no entropy source: the clock alone
      }
      char text[17];
      std::snprintf(text, sizeof text, "%016llx", seed);
      return std::string(text);
    }();
    static std::atomic<unsigned long> counter{0};
    return "pgdsl_" + prefix + "_" + std::to_string(++counter);
  }

  std::unordered_map<const char*, prepared_statement> statements_;
  std::vector<const char*> shapes_;
};

struct connection_state {
  connection_ptr conn;
  bool prepared_statements = true;
  bool transaction_pooling = false;  // raw SQL and commands are checked for session state
  std::chrono::milliseconds statement_timeout{0};
  prepared_cache prepared;
  query_hook hook;
  notice_handler on_notice;
  PQnoticeReceiver default_receiver = nullptr;  // libpq's own (prints to stderr)
  void* default_receiver_arg = nullptr;
  unsigned long savepoint_counter = 0;
  unsigned long cursor_counter = 0;
  unsigned long session = 0;  // incremented by reset(): transactions of an older session are gone
};

// libpq calls this for every notice; exceptions must not cross back into C.
inline void receive_notice(void* state, const PGresult* message) noexcept {
  auto* self = static_cast<connection_state*>(state);
  note_farewell(self->conn.get(), message);
  if (!self->on_notice) {
    // What libpq's default receiver prints, at libpq's default verbosity: pgdsl's connections
    // are verbose only so that a lost connection keeps the server's SQLSTATE (server_farewell).
    if (char* text =
            PQresultVerboseErrorMessage(message, PQERRORS_DEFAULT, PQSHOW_CONTEXT_ERRORS)) {
      std::fputs(text, stderr);
      PQfreemem(text);
    } else if (self->default_receiver) {
      self->default_receiver(self->default_receiver_arg, message);
    }
    return;
  }
  auto field = [&](int code) {
    const char* text = PQresultErrorField(message, code);
    return text ? std::string(text) : std::string();
  };
  try {
    self->on_notice(notice{field(PG_DIAG_SEVERITY), field(PG_DIAG_SQLSTATE),
                           field(PG_DIAG_MESSAGE_PRIMARY), field(PG_DIAG_MESSAGE_DETAIL),
                           field(PG_DIAG_MESSAGE_HINT)});
  } catch (...) {  // a throwing handler loses its notice rather than corrupting libpq's state
  }
}

}  // namespace pgdsl::detail
