// SPDX-License-Identifier: BSL-1.0
// Moved to pgdsl/error/error.hpp; this path forwards to it.
#pragma once
#include "pgdsl/error/error.hpp"
