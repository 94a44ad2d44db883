// SPDX-License-Identifier: BSL-1.0
// expect-gcc: no matching function for call to .*fixed_string<3>::fixed_string\(const char
// expect-clang: no matching constructor for initialization of '(const )?pgdsl::fixed_string<3>'
// A fixed_string<N> holds exactly N characters: a literal of another length must not convert.
#include "pgdsl/util/fixed_string.hpp"

constexpr pgdsl::fixed_string<3> name("ab");
