// SPDX-License-Identifier: BSL-1.0
// static_statement and result_column_type as concept checks: compiling this file is passing.
// What satisfies them is what execute() accepts; each missing piece is refused.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pgdsl/execution/statement_concept.hpp"
#include "support/statements.hpp"

namespace statement_concept_test {

using pgdsl::type_list;
using pgdsl::test::column;
using pgdsl::test::statement;

using id_col = column<"users", "id", std::int64_t>;
using good = statement<"SELECT id FROM users WHERE id = $1", type_list<id_col>, std::int64_t>;
using nullable_param = statement<"SELECT $1", type_list<>, std::optional<std::string>>;

struct no_sql {
  static constexpr std::size_t param_count = 0;
  using param_types = type_list<>;
  using result_columns = type_list<>;
  template <class F>
  void bind(F&&) const {}
};

struct wrong_count {
  static constexpr auto sql = pgdsl::fixed_string("SELECT $1");
  static constexpr std::size_t param_count = 2;
  using param_types = type_list<std::int64_t>;
  using result_columns = type_list<>;
  template <class F>
  void bind(F&&) const {}
};

struct unbindable {};
using unbindable_param = statement<"SELECT $1", type_list<>, unbindable>;

struct nameless_column {
  using key_type = nameless_column;
  using value_type = std::int64_t;
};

static_assert(pgdsl::static_statement<good>);
static_assert(pgdsl::static_statement<nullable_param>);
static_assert(pgdsl::result_column_type<id_col>);
static_assert(!pgdsl::static_statement<int>);
static_assert(!pgdsl::static_statement<no_sql>);
static_assert(!pgdsl::static_statement<wrong_count>);
static_assert(!pgdsl::static_statement<unbindable_param>);
static_assert(!pgdsl::result_column_type<nameless_column>);
static_assert(!pgdsl::static_statement<statement<"SELECT 1", type_list<nameless_column>>>);

}  // namespace statement_concept_test
