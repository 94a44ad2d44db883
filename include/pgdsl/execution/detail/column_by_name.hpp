// SPDX-License-Identifier: BSL-1.0
// Reading a field by the server's column name, for rows whose shape the program does not know
// (SELECT *, a query built elsewhere): the name is looked up and the type checked at run time,
// with the same decoders and the same typed errors as the compile-time path.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "pgdsl/error/result_error.hpp"
#include "pgdsl/execution/detail/columns.hpp"

namespace pgdsl::detail {

/// A column read by name as T: the server's label names it in messages.
template <class T>
struct column_read_by_name {
  using value_type = T;
  static constexpr std::string_view qualified_name{};
};

/// The result's column names, comma-separated, for messages.
inline std::string column_names_of(const PGresult* result) {
  std::string names;
  for (int i = 0; i < PQnfields(result); ++i) {
    if (i > 0) names += ", ";
    names += PQfname(result, i);
  }
  return names;
}

/// The number of the first column whose name is exactly `name` (case-sensitive, as the server
/// labels it: an unquoted `AS Total` is `total`); no_such_column when there is none.
inline int column_number(const PGresult* result, std::string_view name) {
  for (int i = 0; i < PQnfields(result); ++i)
    if (name == PQfname(result, i)) return i;
  throw no_such_column(std::string(name), column_names_of(result));
}

/// Field `column` of row `row` as T, after checking that T reads the column's server type.
template <class T>
T decode_checked(const PGresult* result, int row, int column) {
  check_column_type<column_read_by_name<T>>(result, column);
  return decode_field<column_read_by_name<T>>(result, row, column);
}

}  // namespace pgdsl::detail
