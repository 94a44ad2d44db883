// SPDX-License-Identifier: BSL-1.0
// name_type: a fixed_string turned into a type whose template arguments are its characters.
// Compile errors print it as name<'u', 's', 'e', 'r', 's'> on both g++ and clang (clang prints a
// fixed_string argument as a byte array), so rule checks put names into their conditions this way.
#pragma once

#include <cstddef>
#include <utility>

#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// The characters of a SQL name, spelled as a type for readable compiler messages.
template <char... Characters>
struct name {};

namespace detail {
template <fixed_string Text, std::size_t... I>
auto name_type_of(std::index_sequence<I...>) -> name<Text.data[I]...>;
}  // namespace detail

/// name<...> for the characters of Text.
template <fixed_string Text>
using name_type = decltype(detail::name_type_of<Text>(std::make_index_sequence<Text.size()>{}));

}  // namespace pgdsl
