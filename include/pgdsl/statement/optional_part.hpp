// SPDX-License-Identifier: BSL-1.0
// optional_part: a part of a statement present only at run time (made by pgdsl::when, see
// dynamic/when.hpp). It is declared here, below the statements, so that a statement's builder
// can tell an optional part from a fixed one: update(t).set(...) with one becomes a dynamic
// UPDATE (dynamic/dynamic_update.hpp).
#pragma once

#include <optional>

namespace pgdsl {

/// A statement part that may be absent: a condition or a sort key, checked by the statement
/// it is given to exactly as if it were always there.
template <class Part>
struct optional_part {
  using part_type = Part;
  std::optional<Part> part;

  bool present() const noexcept { return part.has_value(); }
};

namespace detail {
template <class T>
inline constexpr bool is_optional_part = false;
template <class P>
inline constexpr bool is_optional_part<optional_part<P>> = true;
}  // namespace detail

}  // namespace pgdsl
