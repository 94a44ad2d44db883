// SPDX-License-Identifier: BSL-1.0
// pgdsl: the umbrella header, `#include <pgdsl/pgdsl.hpp>` and nothing else is needed.
// It only includes; every capability lives in its own header under pgdsl/<layer>/.
#pragma once

#include "pgdsl/version.hpp"

#include "pgdsl/error/all.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/type_list.hpp"

#include "pgdsl/types/all.hpp"

#include "pgdsl/schema/constraints.hpp"
#include "pgdsl/schema/reflection.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/schema/table_alias.hpp"
#include "pgdsl/schema/view.hpp"

#include "pgdsl/expr/aggregates.hpp"
#include "pgdsl/expr/aliased_expression.hpp"
#include "pgdsl/expr/arithmetic.hpp"
#include "pgdsl/expr/case_when.hpp"
#include "pgdsl/expr/cast.hpp"
#include "pgdsl/expr/comparison.hpp"
#include "pgdsl/expr/functions.hpp"
#include "pgdsl/expr/literal.hpp"
#include "pgdsl/expr/logical.hpp"
#include "pgdsl/expr/predicates.hpp"
#include "pgdsl/expr/sort_item.hpp"
#include "pgdsl/expr/subquery.hpp"

// The statement core first, so that rule messages show a short include chain.
#include "pgdsl/statement/detail/statement.hpp"

#include "pgdsl/statement/clause/on_conflict.hpp"
#include "pgdsl/statement/delete.hpp"
#include "pgdsl/statement/distinct_on.hpp"
#include "pgdsl/statement/insert.hpp"
#include "pgdsl/render/rendered_sql.hpp"
#include "pgdsl/statement/insert_rows.hpp"
#include "pgdsl/statement/optional_part.hpp"
#include "pgdsl/statement/select.hpp"
#include "pgdsl/statement/update.hpp"

#include "pgdsl/cte/cte.hpp"
#include "pgdsl/cte/table_cte.hpp"
#include "pgdsl/cte/with.hpp"
#include "pgdsl/derived/derived_table.hpp"
#include "pgdsl/aggregate/collecting_aggregates.hpp"
#include "pgdsl/aggregate/filtered_aggregate.hpp"
#include "pgdsl/aggregate/grouping_sets.hpp"
#include "pgdsl/aggregate/ordered_aggregate.hpp"
#include "pgdsl/set_operation/set_operation.hpp"
#include "pgdsl/set_operation/set_order_by.hpp"
#include "pgdsl/window/window.hpp"
#include "pgdsl/window/window_functions.hpp"

#include "pgdsl/ddl/create_all.hpp"
#include "pgdsl/ddl/create_index.hpp"
#include "pgdsl/ddl/create_table.hpp"
#include "pgdsl/ddl/create_type.hpp"

#include "pgdsl/execution/all.hpp"
#include "pgdsl/pool/all.hpp"
#include "pgdsl/related/load_children.hpp"
#include "pgdsl/related/nested.hpp"

#include "pgdsl/ddl/catalog.hpp"
#include "pgdsl/ddl/schema_difference.hpp"
#include "pgdsl/ddl/described_table.hpp"
#include "pgdsl/ddl/verify_schema.hpp"

#include "pgdsl/dynamic/column_by_name.hpp"
#include "pgdsl/dynamic/dynamic_insert.hpp"
#include "pgdsl/dynamic/dynamic_join.hpp"
#include "pgdsl/dynamic/dynamic_select.hpp"
#include "pgdsl/dynamic/dynamic_update.hpp"
#include "pgdsl/dynamic/identifier.hpp"
#include "pgdsl/dynamic/run_dynamic.hpp"
#include "pgdsl/dynamic/run_sql.hpp"
#include "pgdsl/dynamic/sort_by.hpp"
#include "pgdsl/dynamic/sql.hpp"
#include "pgdsl/dynamic/when.hpp"

#include "pgdsl/migrate/all.hpp"
