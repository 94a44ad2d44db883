// SPDX-License-Identifier: BSL-1.0
// result_error: a result whose shape differs from what the caller asked for, detected on the
// client before any value is decoded: no row or several rows where exactly one was expected, or
// a column count that differs from the statement's declared columns, or a column asked for by a
// name the result does not have.
#pragma once

#include <cstddef>
#include <string>

#include "pgdsl/error/error.hpp"

namespace pgdsl {

/// The result does not have the shape the call requires.
class result_error : public error {
 public:
  using error::error;
};

/// one() or scalar() found no row.
class no_rows : public result_error {
 public:
  explicit no_rows(const std::string& sql)
      : result_error("expected exactly one row, the statement returned none\nSQL: " + sql) {}
};

/// one(), one_or_none() or scalar() found more than one row.
class too_many_rows : public result_error {
 public:
  too_many_rows(std::size_t rows, const std::string& sql)
      : result_error("expected at most one row, the statement returned " + std::to_string(rows) +
                     "\nSQL: " + sql) {}
};

/// The server's result has a different number of columns than the statement declares.
class column_count_mismatch : public result_error {
 public:
  column_count_mismatch(std::size_t declared, std::size_t returned, const std::string& sql)
      : result_error("the statement declares " + std::to_string(declared) +
                     " result columns but the server returns " + std::to_string(returned) +
                     "\nSQL: " + sql) {}
};

/// A field was asked for by a name that no column of the result has.
class no_such_column : public result_error {
 public:
  no_such_column(const std::string& name, const std::string& columns)
      : result_error("the result has no column named \"" + name + "\"; its columns are: " +
                     (columns.empty() ? std::string("(none)") : columns)),
        name_(name) {}
  /// The name asked for.
  const std::string& column_name() const noexcept { return name_; }

 private:
  std::string name_;
};

}  // namespace pgdsl
