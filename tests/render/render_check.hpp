// SPDX-License-Identifier: BSL-1.0
// Golden-SQL checks that also feed the server check: renders_as<Q>(text) compares Q's SQL with
// `text` at compile time and, by naming Q, registers the statement so that the render_prepare
// test PREPAREs it on a real server and compares the server's column types with pgdsl's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "../support/shop_schema.hpp"
#include "pgdsl/pgdsl.hpp"

namespace render_check {

/// What the server check needs of a statement.
struct statement_record {
  std::string sql;
  std::vector<pgdsl::oid> parameter_types;
  std::vector<pgdsl::oid> result_types;
};

/// Every statement the render tests name (defined in prepare_test.cpp).
std::vector<statement_record>& registry();

template <class T>
constexpr pgdsl::oid oid_of() {
  return pgdsl::type_traits<pgdsl::nullable_base_t<T>>::type_oid;
}

template <class... T>
std::vector<pgdsl::oid> oids_of(pgdsl::type_list<T...>) {
  return {oid_of<T>()...};
}
template <class... Column>
std::vector<pgdsl::oid> result_oids_of(pgdsl::type_list<Column...>) {
  return {oid_of<typename Column::sql_type>()...};
}

template <class Q>
struct registrar {
  registrar() {
    registry().push_back({std::string(Q::sql.view()), oids_of(typename Q::param_types{}),
                          result_oids_of(typename Q::result_columns{})});
  }
};
template <class Q>
inline registrar<Q> registration;

/// True when Q renders exactly `expected`; registers Q for the server check.
template <class Q>
constexpr bool renders_as(std::string_view expected) {
  (void)&registration<std::remove_cvref_t<Q>>;
  return std::remove_cvref_t<Q>::sql == expected;
}

}  // namespace render_check
