// SPDX-License-Identifier: BSL-1.0
// expect: ORDER BY key has no column
// A run-time string is a bound value ($1): the server sorts by that constant, that is, not at all.
#include <string>

#include "../../support/shop_schema.hpp"

using namespace shop;

void f(const std::string& sort) { (void)select(users.id).from(users).order_by(sort); }
