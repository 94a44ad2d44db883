// SPDX-License-Identifier: BSL-1.0
// db.prepare<T...>(runtime_sql(text)): raw SQL made at run time (read from a file, chosen by
// configuration), prepared on its first run on the connection and executed by name afterwards, as
// a literal given to db.query() is. The text is interned once per process (its address is its key
// in the connection's cache) and counts towards the connection's limit of run-time statements
// kept prepared (set_shape_limit, 64 by default; least recently used deallocated first).
#pragma once

#include <cstddef>
#include <cstring>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/shape_cache.hpp"

namespace pgdsl {

/// A raw statement prepared for one connection: call it with its arguments.
template <class... T>
class prepared_query {
 public:
  /// Runs the statement with `args` bound as binary parameters; the rows decode into T....
  template <class... Args>
  result<raw_columns<T...>> operator()(const Args&... args) const {
    detail::connection_state& state = detail::connection_access::state(*db_);
    if (state.prepared_statements) detail::use_shape(state, sql_);
    return db_->template run_raw<T...>(sql_, true, args...);
  }

  /// The SQL text.
  const char* sql() const noexcept { return sql_; }

 private:
  friend class connection;
  prepared_query(connection& db, const char* sql) : db_(&db), sql_(sql) {}

  connection* db_;
  const char* sql_;
};

template <class... T>
prepared_query<T...> connection::prepare(raw_sql sql) {
  return prepared_query<T...>(
      *this, sql.is_fixed() ? sql.c_str() : detail::intern_sql(std::string_view(sql.c_str())));
}

/// How many statements made at run time (shapes of dynamic statements, db.prepare() texts) stay
/// prepared on `db` at most (64 by default); the least recently used are deallocated beyond it.
inline void set_shape_limit(connection& db, std::size_t limit) {
  detail::connection_access::state(db).prepared.shape_limit = limit;
}

}  // namespace pgdsl
