// SPDX-License-Identifier: BSL-1.0
// Moved to pgdsl/error/result_error.hpp; this path forwards to it.
#pragma once
#include "pgdsl/error/result_error.hpp"
