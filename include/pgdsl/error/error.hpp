// SPDX-License-Identifier: BSL-1.0
// error: the root of every exception pgdsl throws, so `catch (pgdsl::error const&)` sees them all.
// Server errors (by SQLSTATE), connection loss and value conversion failures all derive from it.
#pragma once

#include <stdexcept>
#include <string>

namespace pgdsl {

/// Base class of all pgdsl exceptions.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pgdsl
