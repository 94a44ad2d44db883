// SPDX-License-Identifier: BSL-1.0
// expect: pgdsl harness self-test: the expected sentence
// Harness self-test: this snippet compiles, so the driver must report the case as failed.
#include "pgdsl/util/fixed_string.hpp"

static_assert(pgdsl::fixed_string("ok").size() == 2);
