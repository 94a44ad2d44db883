// SPDX-License-Identifier: BSL-1.0
// enumeration: the type_traits of a C++ enum stored in a PostgreSQL enum, written once from the
// type's name and its labels in the enum's order (the values must be 0, 1, 2, ...):
//   template <> struct pgdsl::type_traits<mood> : pgdsl::enum_traits<mood, "mood", "sad", "ok"> {};
// create_type<mood>() (pgdsl/ddl) writes CREATE TYPE from the same name and labels.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/util/fixed_string.hpp"

namespace pgdsl {

/// The members of type_traits<E> for an enum E mapped to the PostgreSQL enum Name whose labels
/// are Labels..., in the order of E's values.
template <class E, fixed_string Name, fixed_string... Labels>
struct enum_traits {
  static constexpr std::string_view sql_name = Name.view();
  static constexpr oid type_oid = 0;  // assigned by CREATE TYPE: the server infers it
  static constexpr oid array_oid = 0;
  static constexpr type_category category = type_category::enumeration;
  static constexpr std::array<std::string_view, sizeof...(Labels)> labels{Labels.view()...};

  template <class Out>
  static void encode(const E& value, Out& out) {  // binary form: the label's text
    const auto index = static_cast<std::size_t>(value);
    if (index >= labels.size())
      throw out_of_range_value("the value " + std::to_string(index) + " of " +
                               std::string(sql_name) + " has no label");
    out.append(labels[index].data(), labels[index].size());
  }
  static E decode(std::string_view wire) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == wire) return static_cast<E>(i);
    throw decode_error("unknown " + std::string(sql_name) + " label \"" + std::string(wire) + "\"");
  }
  static constexpr bool accepts(oid server_type) { return is_user_defined_oid(server_type); }
};

}  // namespace pgdsl
