// SPDX-License-Identifier: BSL-1.0
// expect: this part of the window is already set
// Two .partition_by() calls on one window.
#include "../../support/shop_schema.hpp"

using namespace shop;

auto w = pgdsl::window().partition_by(users.id).partition_by(users.email);
