// connection_state: what a connection owns besides the PGconn, kept on the heap so its address
// stays fixed when the connection object moves (libpq's notice receiver holds that address).
// It includes the prepared-statement cache, keyed by the static address of a statement's SQL.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <string>
#include <unordered_map>
#include <utility>

#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/execution/observability.hpp"

namespace pgdsl::detail {

/// Server-side prepared statements of one connection. The key is Q::sql.c_str(): one address per
/// statement type, so a lookup hashes a pointer, never the text. In unnamed mode the entry's name
/// is empty and only records that the statement's column types were checked once.
class prepared_cache {
 public:
  const std::string* find(const char* sql) const {
    const auto found = names_.find(sql);
    return found == names_.end() ? nullptr : &found->second;
  }
  const std::string& insert(const char* sql, std::string name) {
    return names_.insert_or_assign(sql, std::move(name)).first->second;
  }
  void erase(const char* sql) { names_.erase(sql); }
  void clear() noexcept { names_.clear(); }
  std::size_t size() const noexcept { return names_.size(); }
  /// A name no statement of this connection has used.
  std::string next_name() { return "pgdsl_" + std::to_string(++counter_); }

 private:
  std::unordered_map<const char*, std::string> names_;
  unsigned long counter_ = 0;
};

struct connection_state {
  connection_ptr conn;
  bool prepared_statements = true;
  std::chrono::milliseconds statement_timeout{0};
  prepared_cache prepared;
  query_hook hook;
  notice_handler on_notice;
  PQnoticeReceiver default_receiver = nullptr;  // libpq's own (prints to stderr)
  void* default_receiver_arg = nullptr;
  unsigned long savepoint_counter = 0;
};

// libpq calls this for every notice; exceptions must not cross back into C.
inline void receive_notice(void* state, const PGresult* message) noexcept {
  auto* self = static_cast<connection_state*>(state);
  if (!self->on_notice) {
    if (self->default_receiver) self->default_receiver(self->default_receiver_arg, message);
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
