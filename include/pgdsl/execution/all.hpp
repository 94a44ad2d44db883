// SPDX-License-Identifier: BSL-1.0
// The execution layer in one include: connections, statements and raw SQL, typed results,
// transactions and savepoints, COPY (binary, text and CSV), LISTEN/NOTIFY, the retry helper,
// observability and the SQLSTATE exceptions.
// This layer is the only one that includes <libpq-fe.h>.
#pragma once

#include "pgdsl/error/all.hpp"
#include "pgdsl/execution/bulk_insert.hpp"
#include "pgdsl/execution/column_list.hpp"
#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/connection_options.hpp"
#include "pgdsl/execution/copy_into.hpp"
#include "pgdsl/execution/copy_out.hpp"
#include "pgdsl/execution/copy_text.hpp"
#include "pgdsl/execution/copy_text_format.hpp"
#include "pgdsl/execution/copy_text_io.hpp"
#include "pgdsl/execution/cursor.hpp"
#include "pgdsl/execution/cursor_options.hpp"
#include "pgdsl/execution/dynamic_statement.hpp"
#include "pgdsl/execution/insert_rows_options.hpp"
#include "pgdsl/execution/named_sql.hpp"
#include "pgdsl/execution/notification.hpp"
#include "pgdsl/execution/observability.hpp"
#include "pgdsl/execution/pipeline.hpp"
#include "pgdsl/execution/prepared_query.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/execution/result.hpp"
#include "pgdsl/execution/retry.hpp"
#include "pgdsl/execution/row.hpp"
#include "pgdsl/execution/runtime_statement.hpp"
#include "pgdsl/execution/statement_concept.hpp"
#include "pgdsl/execution/stream.hpp"
#include "pgdsl/execution/stream_batches.hpp"
#include "pgdsl/execution/struct_mapping.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"
#include "pgdsl/execution/transaction.hpp"
#include "pgdsl/execution/transaction_options.hpp"
