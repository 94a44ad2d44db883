// SPDX-License-Identifier: BSL-1.0
// shape_text: the SQL of each shape of a dynamic statement type, rendered once per process when
// the shape is first used, and kept at a fixed address: that address is the shape's key in a
// connection's prepared-statement cache, as Q::sql.c_str() is a static statement's. A statement
// type with N optional parts has at most 2^N shapes; only those used are stored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "pgdsl/render/sql_writer.hpp"

namespace pgdsl::detail {

/// Renders with `render(writer)` into `buffer` when it fits (the writer measures first); returns
/// the size, or the size needed when it did not fit (nothing written then).
template <class Render>
std::size_t render_into(char* buffer, std::size_t capacity, std::size_t first_placeholder,
                        Render&& render) {
  sql_writer counter(nullptr, first_placeholder);
  render(counter);
  if (counter.size() > capacity) return counter.size();
  sql_writer writer(buffer, first_placeholder);
  render(writer);
  return writer.size();
}

/// The interned text of shape `shape` of statement type Statement.
template <class Statement>
class shape_text {
 public:
  template <class Render>
  static const char* get(std::uint64_t shape, std::size_t first_placeholder, Render&& render) {
    {
      const std::shared_lock lock(mutex());
      const auto found = texts().find(shape);
      if (found != texts().end()) return found->second.c_str();
    }
    char stack[1024];
    std::string text;
    const std::size_t size = render_into(stack, sizeof stack, first_placeholder, render);
    if (size <= sizeof stack) {
      text.assign(stack, size);
    } else {
      text.resize(size);
      render_into(text.data(), size, first_placeholder, render);
    }
    const std::unique_lock lock(mutex());
    return texts().try_emplace(shape, std::move(text)).first->second.c_str();
  }

 private:
  static std::shared_mutex& mutex() {
    static std::shared_mutex instance;
    return instance;
  }
  static std::unordered_map<std::uint64_t, std::string>& texts() {
    static std::unordered_map<std::uint64_t, std::string> instance;
    return instance;
  }
};

}  // namespace pgdsl::detail
