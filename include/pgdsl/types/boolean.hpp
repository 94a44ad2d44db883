// SPDX-License-Identifier: BSL-1.0
// boolean: bool <-> PostgreSQL bool. The binary form is one byte, 1 for true and 0 for false;
// like the server's own boolrecv, any non-zero byte reads as true.
#pragma once

#include <string_view>

#include "pgdsl/types/detail/wire.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// bool maps to PostgreSQL bool.
template <>
struct type_traits<bool> {
  static constexpr std::string_view sql_name = "bool";
  static constexpr oid type_oid = oids::boolean;
  static constexpr oid array_oid = oids::boolean_array;
  static constexpr type_category category = type_category::boolean;

  template <class Out>
  static void encode(const bool& value, Out& out) {
    const char byte = value ? '\1' : '\0';
    out.append(&byte, 1);
  }

  static bool decode(std::string_view wire) {
    detail::expect_length(wire, 1, sql_name);
    return wire[0] != '\0';
  }

  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl
