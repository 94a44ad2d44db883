// SPDX-License-Identifier: BSL-1.0
// Columns chosen by name at run time among a descriptor's own: column_by_name(users, "email") is
// the column "users"."email" as a composed-SQL part, columns_by_name(users, fields) a run-time
// select list (a request's ?fields=id,email). A name the table does not have throws not_a_column
// listing the table's columns, so only the descriptor's names ever reach the SQL; rows of such a
// statement are read by name (row.get<T>("email")).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>

#include "pgdsl/dynamic/identifier.hpp"
#include "pgdsl/dynamic/sql.hpp"
#include "pgdsl/error/error.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/schema/table.hpp"

namespace pgdsl {

/// A name given at run time is not a column of the table it was looked up in.
class not_a_column : public error {
 public:
  not_a_column(std::string_view name, std::string_view table, const std::string& columns)
      : error("\"" + std::string(name.substr(0, 64)) + "\" is not a column of table \"" +
              std::string(table) + "\" (its columns: " + columns + ")"),
        name_(name) {}
  /// The name, as given.
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
};

namespace detail {

/// The SQL names of Table's columns, in declaration order.
template <class Table>
constexpr auto column_names() {
  return []<class... Columns>(type_list<Columns...>) {
    return std::array<std::string_view, sizeof...(Columns)>{Columns::name.view()...};
  }(columns_of_t<Table>{});
}

}  // namespace detail

/// The column of `table` whose SQL name is `name` (exactly), qualified: "users"."email". Throws
/// not_a_column when the table has none.
template <table_type Table>
qualified_name column_by_name(const Table&, std::string_view name) {
  static constexpr auto names = detail::column_names<Table>();
  for (const std::string_view column : names)
    if (column == name) return qualified_name(Table::sql_name.view(), column);
  std::string list;
  for (const std::string_view column : names) (list += list.empty() ? "" : ", ") += column;
  throw not_a_column(name, Table::sql_name.view(), list);
}

/// The columns of `table` named in `names`, in that order and comma-separated: a select list
/// chosen at run time. Throws not_a_column for the first name the table does not have.
template <table_type Table, std::ranges::input_range Names>
sql columns_by_name(const Table& table, const Names& names) {
  sql list;
  bool first = true;
  for (const auto& name : names) {
    if (!first) list += ", ";
    first = false;
    list += column_by_name(table, std::string_view(name));
  }
  return list;
}

/// The table's name as composed SQL takes it: "users".
template <table_type Table>
identifier table_name(const Table&) {
  return identifier(Table::sql_name.view());
}

}  // namespace pgdsl
