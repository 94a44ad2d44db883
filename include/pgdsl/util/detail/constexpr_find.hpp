// SPDX-License-Identifier: BSL-1.0
// constexpr_find: substring search for compile-time parsing of SQL text. A plain loop, because
// std::string_view::find is not a constant expression in g++ 12's ASan+UBSan builds.
#pragma once

#include <cstddef>
#include <string_view>

namespace pgdsl::detail {

/// The first position at or after `from` where `needle` starts in `text`, else npos.
constexpr std::size_t constexpr_find(std::string_view text, std::string_view needle,
                                     std::size_t from = 0) noexcept {
  for (std::size_t at = from; at + needle.size() <= text.size(); ++at) {
    std::size_t i = 0;
    while (i < needle.size() && text[at + i] == needle[i]) ++i;
    if (i == needle.size()) return at;
  }
  return std::string_view::npos;
}

}  // namespace pgdsl::detail
