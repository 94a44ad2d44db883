// SPDX-License-Identifier: BSL-1.0
// pgdsl::when: a part of a statement that is there only when the request carries a value. It
// holds the part (a WHERE condition, an ORDER BY key) built from the value, or nothing; the
// statement's shape is which of its parts are present.
#pragma once

#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "pgdsl/statement/optional_part.hpp"

namespace pgdsl {

/// The part `make(*value)` when `value` holds one, else nothing:
/// pgdsl::when(name, [](const std::string& n) { return users.username.ilike(n); }).
template <class V, class Make>
requires std::is_invocable_v<Make, const V&>
auto when(const std::optional<V>& value, Make&& make) {
  using part = std::remove_cvref_t<std::invoke_result_t<Make, const V&>>;
  optional_part<part> result;
  if (value) result.part.emplace(std::invoke(std::forward<Make>(make), *value));
  return result;
}

/// `part` when `present` is true, else nothing: pgdsl::when(sort_by_name, users.username.asc()).
template <class Part>
requires(!std::is_invocable_v<Part>) auto when(bool present, Part&& part) {
  optional_part<std::remove_cvref_t<Part>> result;
  if (present) result.part.emplace(std::forward<Part>(part));
  return result;
}

namespace detail {
/// A part given as is (always present) or through when().
template <class T>
auto as_optional_part(T&& part) {
  using U = std::remove_cvref_t<T>;
  if constexpr (is_optional_part<U>)
    return U(std::forward<T>(part));
  else
    return optional_part<U>{std::optional<U>(std::forward<T>(part))};
}
}  // namespace detail

}  // namespace pgdsl
