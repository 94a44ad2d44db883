// SPDX-License-Identifier: BSL-1.0
// The wire helpers are public now (pgdsl/types/wire.hpp); the library's own code still spells
// them detail::, so this header only adds those names.
#pragma once

#include "pgdsl/types/wire.hpp"

namespace pgdsl::detail {
using pgdsl::append_big_endian;
using pgdsl::expect_length;
using pgdsl::read_big_endian;
using pgdsl::wire_reader;
}  // namespace pgdsl::detail
