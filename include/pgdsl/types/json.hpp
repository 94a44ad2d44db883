// SPDX-License-Identifier: BSL-1.0
// json: pgdsl::json and pgdsl::jsonb carry a JSON document as text; pgdsl does not parse JSON,
// the server validates it. json's binary form is the text itself (bound without a copy); jsonb's
// is a version byte (1) followed by the text. A NUL byte is refused, as in any PostgreSQL text.
#pragma once

#include <string>
#include <string_view>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/types/oid.hpp"
#include "pgdsl/types/text.hpp"
#include "pgdsl/types/type_category.hpp"
#include "pgdsl/types/type_traits.hpp"

namespace pgdsl {

/// A json value: the document's text, kept as written (json preserves spacing and key order).
struct json {
  std::string text;
  friend bool operator==(const json&, const json&) = default;
};

/// A jsonb value: the document's text; the server normalizes it (key order, spacing, duplicates).
struct jsonb {
  std::string text;
  friend bool operator==(const jsonb&, const jsonb&) = default;
};

/// pgdsl::json maps to json.
template <>
struct type_traits<json> {
  static constexpr std::string_view sql_name = "json";
  static constexpr oid type_oid = oids::json;
  static constexpr oid array_oid = oids::json_array;
  static constexpr type_category category = type_category::json;

  template <class Out>
  static void encode(const json& value, Out& out) {
    const std::string_view text = wire_view(value);
    out.append(text.data(), text.size());
  }
  static std::string_view wire_view(const json& value) {
    return detail::checked_text(value.text, sql_name);
  }
  static json decode(std::string_view wire) { return json{std::string(wire)}; }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

/// pgdsl::jsonb maps to jsonb.
template <>
struct type_traits<jsonb> {
  static constexpr std::string_view sql_name = "jsonb";
  static constexpr oid type_oid = oids::jsonb;
  static constexpr oid array_oid = oids::jsonb_array;
  static constexpr type_category category = type_category::json;
  /// The only jsonb binary format version PostgreSQL has defined.
  static constexpr char format_version = 1;

  template <class Out>
  static void encode(const jsonb& value, Out& out) {
    const std::string_view text = detail::checked_text(value.text, sql_name);
    out.append(&format_version, 1);
    out.append(text.data(), text.size());
  }
  static jsonb decode(std::string_view wire) {
    if (wire.empty() || wire.front() != format_version)
      throw decode_error(wire.empty()
                             ? std::string("cannot decode jsonb: no data, expected a version byte")
                             : "cannot decode jsonb: unsupported binary format version " +
                                   std::to_string(static_cast<unsigned char>(wire.front())));
    return jsonb{std::string(wire.substr(1))};
  }
  static constexpr bool accepts(oid server_type) { return server_type == type_oid; }
};

}  // namespace pgdsl
