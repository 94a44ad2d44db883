// SPDX-License-Identifier: BSL-1.0
// The checksum of a migration's text: FNV-1a (64 bits) over the text with its line endings made
// LF (CRLF and a lone CR both count as LF) and a leading UTF-8 byte-order mark dropped, so a file
// checked out on Windows has the checksum it had on Linux. It detects edits, not tampering.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pgdsl::detail {

struct fnv1a64 {
  std::uint64_t state = 0xcbf29ce484222325ULL;
  void add(char c) noexcept {
    state ^= static_cast<unsigned char>(c);
    state *= 0x100000001b3ULL;
  }
  void add(std::string_view text) noexcept {
    for (const char c : text) add(c);
  }
};

/// Sixteen lowercase hex digits.
inline std::string hex64(std::uint64_t value) {
  constexpr const char digits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[static_cast<std::size_t>(i)] = digits[value & 15];
  return text;
}

/// The checksum of a migration text, line endings normalised to LF.
inline std::string migration_checksum(std::string_view text) {
  if (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);
  fnv1a64 hash;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      hash.add('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      hash.add(text[i]);
    }
  }
  return hex64(hash.state);
}

}  // namespace pgdsl::detail
