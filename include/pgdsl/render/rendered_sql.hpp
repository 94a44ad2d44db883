// SPDX-License-Identifier: BSL-1.0
// rendered_sql: the SQL text of a statement rendered at run time, with the same members as the
// compile-time Q::sql (view(), c_str(), size(), == with a string), so every statement is read the
// same way: q.sql.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace pgdsl {

/// The text of a statement rendered at run time (q.sql of a multi-row INSERT).
class rendered_sql {
 public:
  rendered_sql() = default;
  explicit rendered_sql(std::string text) : text_(std::move(text)) {}

  std::string_view view() const noexcept { return text_; }
  const char* c_str() const noexcept { return text_.c_str(); }
  std::size_t size() const noexcept { return text_.size(); }
  operator std::string_view() const noexcept { return text_; }  // NOLINT: views are cheap

  friend bool operator==(const rendered_sql& sql, std::string_view other) noexcept {
    return sql.view() == other;
  }

 private:
  std::string text_;
};

}  // namespace pgdsl
