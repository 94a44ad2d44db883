// SPDX-License-Identifier: BSL-1.0
// Statements whose SQL is made at run time but prepared like static ones (the shapes of dynamic
// statements, raw SQL given to db.prepare()): their text is interned once per process, so its
// address is its key in a connection's prepared-statement cache, and at most
// prepared_cache::shape_limit of them stay prepared on a connection (least recently used
// deallocated first), so text that varies without bound cannot fill the server's memory.
#pragma once

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pgdsl/execution/detail/connection_state.hpp"
#include "pgdsl/execution/detail/prepare.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"

namespace pgdsl::detail {

/// Marks `sql` as the most recently used shape of this connection, first forgetting the least
/// recently used ones beyond the limit; `deallocate(name)` drops each forgotten one that was
/// prepared (the blocking path at once, a pipeline as one more queued statement).
template <class Deallocate>
void use_shape(connection_state& state, const char* sql, Deallocate&& deallocate) {
  std::vector<const char*>& shapes = state.prepared.shapes();
  const auto found = std::find(shapes.begin(), shapes.end(), sql);
  if (found != shapes.end()) {
    std::rotate(found, found + 1, shapes.end());
    return;
  }
  while (!shapes.empty() && shapes.size() >= std::max<std::size_t>(state.prepared.shape_limit, 1)) {
    const char* oldest = shapes.front();
    shapes.erase(shapes.begin());
    if (prepared_statement* statement = state.prepared.find(oldest)) {
      const std::string name = statement->name;
      forget_statement(state, oldest);
      deallocate(name);
    }
  }
  shapes.push_back(sql);
}

/// The same, deallocating at once (outside a pipeline).
inline void use_shape(connection_state& state, const char* sql) {
  use_shape(state, sql, [&](const std::string& name) {
    poll_wait wait;
    deallocate(state.conn.get(), name.c_str(), wait);
  });
}

/// The process-wide copy of `text`, at an address that stays valid until the program ends (equal
/// texts share one). Thread-safe.
inline const char* intern_sql(std::string_view text) {
  static std::shared_mutex mutex;
  static std::unordered_set<std::string> texts;
  {
    const std::shared_lock lock(mutex);
    const auto found = texts.find(std::string(text));
    if (found != texts.end()) return found->c_str();
  }
  const std::unique_lock lock(mutex);
  return texts.emplace(text).first->c_str();
}

}  // namespace pgdsl::detail
