// SPDX-License-Identifier: BSL-1.0
// expect: SKIP LOCKED and NOWAIT follow \.for_update\(\) or \.for_share\(\)
// SKIP LOCKED qualifies a row lock.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto query = select(users.id).from(users).skip_locked();
