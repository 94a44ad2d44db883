// connection_access: how the pipeline, COPY and streaming headers reach a connection's state
// without each being a friend of connection (one friend, here).
#pragma once

#include "pgdsl/execution/connection.hpp"

namespace pgdsl::detail {

struct connection_access {
  static connection_state& state(const connection& db) { return db.state(); }
  template <class Run>
  static result_ptr observe(connection& db, const char* sql, Run&& run) {
    return db.observe(sql, std::forward<Run>(run));
  }
};

}  // namespace pgdsl::detail
