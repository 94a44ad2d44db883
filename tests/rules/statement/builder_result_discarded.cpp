// SPDX-License-Identifier: BSL-1.0
// expect: ignoring return value
// A builder returns a new statement and leaves a named one as it was, so a call whose result is
// dropped does nothing: every builder is [[nodiscard]], and users build with warnings as errors
// (the pragma makes this case independent of the build's own flags).
#pragma GCC diagnostic error "-Wunused-result"
#include "../../support/shop_schema.hpp"

using namespace shop;

void f() {
  auto q = select(users.id).from(users);
  q.where(users.id == 1);
  static_assert(decltype(q)::sql.size() > 0);
}
