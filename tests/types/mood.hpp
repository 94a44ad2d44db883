// SPDX-License-Identifier: BSL-1.0
// mood: the user type of docs/types.md, a C++ enum mapped to a PostgreSQL enum
// (CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')). The unit and integration tests use it, so the
// documented specialization is the one that is compiled and run against the server.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace app {
enum class mood { sad, ok, happy };
}  // namespace app

template <>
struct pgdsl::type_traits<app::mood> {
  static constexpr std::string_view sql_name = "mood";  // used in CASTs: $1::mood
  static constexpr pgdsl::oid type_oid = 0;   // an enum's OID differs per database: let the
  static constexpr pgdsl::oid array_oid = 0;  // server infer it from the query
  static constexpr pgdsl::type_category category = pgdsl::type_category::enumeration;

  static constexpr std::array<std::string_view, 3> labels{"sad", "ok", "happy"};

  // An enum's binary form is its label's text.
  template <class Out>
  static void encode(const app::mood& value, Out& out) {
    const auto index = static_cast<std::size_t>(value);
    if (index >= labels.size())
      throw pgdsl::out_of_range_value("mood " + std::to_string(index) + " has no label");
    out.append(labels[index].data(), labels[index].size());
  }

  static app::mood decode(std::string_view wire) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == wire) return static_cast<app::mood>(i);
    throw pgdsl::decode_error("unknown mood label \"" + std::string(wire) + "\"");
  }

  // The server reports the enum's own OID, which is assigned by CREATE TYPE: any user type.
  static constexpr bool accepts(pgdsl::oid server_type) {
    return pgdsl::is_user_defined_oid(server_type);
  }
};
