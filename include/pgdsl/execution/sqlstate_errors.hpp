// SPDX-License-Identifier: BSL-1.0
// Moved to pgdsl/error/sqlstate_errors.hpp; this path forwards to it.
#pragma once
#include "pgdsl/error/sqlstate_errors.hpp"
