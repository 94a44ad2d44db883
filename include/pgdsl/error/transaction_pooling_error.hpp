// SPDX-License-Identifier: BSL-1.0
// transaction_pooling_error: a statement refused on a connection declared to run behind a
// transaction pooler (connection_options::transaction_pooling, e.g. PgBouncer's pool_mode =
// transaction) because its effect would outlive the transaction in a server session that the
// pooler hands to other clients. Thrown before anything is sent; a feature_not_supported (0A000).
#pragma once

#include <string>

#include "pgdsl/error/sqlstate_errors.hpp"

namespace pgdsl {

/// LISTEN, a session advisory lock, a WITH HOLD cursor, PREPARE, a session SET or a temporary
/// table kept past commit on a connection with connection_options::transaction_pooling: refused,
/// since the pooler would hand the server session that keeps it to other clients. what() names
/// the command and the alternative.
class transaction_pooling_error : public feature_not_supported {
 public:
  transaction_pooling_error(std::string what_keeps_session_state, std::string sql = {})
      : feature_not_supported(sql_error_fields{
            .sqlstate = "0A000",
            .message = "not allowed with transaction pooling (connection_options::"
                       "transaction_pooling): " +
                       std::move(what_keeps_session_state),
            .hint = "run it on a connection straight to the server (or one pooled in session "
                    "mode), without transaction_pooling",
            .sql = std::move(sql)}) {}
};

}  // namespace pgdsl
