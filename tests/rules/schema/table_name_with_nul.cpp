// SPDX-License-Identifier: BSL-1.0
// expect: a table name must be non-empty and contain no NUL character
// A NUL cannot be part of an identifier.
#include "../../support/shop_schema.hpp"

using namespace shop;

struct broken_t : pgdsl::table<"a\0b"> {};
broken_t broken;
