// SPDX-License-Identifier: BSL-1.0
// Every exception type pgdsl throws, under one root (pgdsl::error): server errors by SQLSTATE,
// connection loss, result-shape and value-conversion failures. Only includes.
#pragma once

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/error/error.hpp"
#include "pgdsl/error/result_error.hpp"
#include "pgdsl/error/sql_error.hpp"
#include "pgdsl/error/sqlstate_errors.hpp"
#include "pgdsl/error/transaction_pooling_error.hpp"
