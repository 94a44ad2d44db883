// SPDX-License-Identifier: BSL-1.0
// expect: RETURNING belongs to INSERT, UPDATE and DELETE
// A SELECT returns its select list.
#include "../../support/shop_schema.hpp"

using namespace shop;

void f() { select(users.id).from(users).returning(users.id); }
