// SPDX-License-Identifier: BSL-1.0
// wire: the helpers a type_traits specialization needs to write and read PostgreSQL's binary
// formats (network byte order everywhere): big-endian integers appended and read with memcpy and
// one byte swap, and a reader that checks every length and throws decode_error instead of
// overreading. Public: docs/types.md shows them in a user type.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "pgdsl/error/conversion_error.hpp"

namespace pgdsl {

namespace detail {

/// `bits` with its bytes in network order (a byte swap on little-endian hosts, which compilers
/// turn into one instruction; the shift loop they did not always see through).
template <class Unsigned>
constexpr Unsigned to_network_order(Unsigned bits) noexcept {
  if constexpr (sizeof(Unsigned) == 1 || std::endian::native == std::endian::big) {
    return bits;
  } else if constexpr (sizeof(Unsigned) == 2) {
    return __builtin_bswap16(bits);
  } else if constexpr (sizeof(Unsigned) == 4) {
    return __builtin_bswap32(bits);
  } else {
    static_assert(sizeof(Unsigned) == 8, "integers of 1, 2, 4 or 8 bytes");
    return __builtin_bswap64(bits);
  }
}

}  // namespace detail

/// Appends integer `value` to `out` (a std::string or anything with append(const char*, size))
/// in network byte order.
template <class Int, class Out>
requires std::is_integral_v<Int>
void append_big_endian(Out& out, Int value) {
  const auto bits = detail::to_network_order(static_cast<std::make_unsigned_t<Int>>(value));
  char bytes[sizeof(Int)];
  std::memcpy(bytes, &bits, sizeof(Int));
  out.append(bytes, sizeof(Int));
}

/// Reads an Int in network byte order at `offset`; the caller has checked the length (or use
/// wire_reader, which does).
template <class Int>
requires std::is_integral_v<Int> Int read_big_endian(std::string_view wire, std::size_t offset) {
  std::make_unsigned_t<Int> bits;
  std::memcpy(&bits, wire.data() + offset, sizeof(Int));
  return static_cast<Int>(detail::to_network_order(bits));
}

namespace detail {
/// The decode_error of a value whose binary form has the wrong length (kept out of line).
[[noreturn]] inline void throw_wrong_length(std::string_view wire, std::size_t expected,
                                            std::string_view type) {
  throw decode_error("cannot decode " + std::string(type) + ": expected " +
                     std::to_string(expected) + " bytes of binary data, got " +
                     std::to_string(wire.size()));
}
}  // namespace detail

/// Throws decode_error unless `wire` is exactly `expected` bytes long.
inline void expect_length(std::string_view wire, std::size_t expected, std::string_view type) {
  if (wire.size() != expected) [[unlikely]]
    detail::throw_wrong_length(wire, expected, type);
}

/// Reads fixed-size integers and byte runs one after another, throwing decode_error (naming
/// `type`) when the data runs out or, from expect_end(), when bytes are left over.
class wire_reader {
 public:
  wire_reader(std::string_view wire, std::string_view type) : wire_(wire), type_(type) {}

  template <class Int>
  Int read() {
    need(sizeof(Int));
    Int value = read_big_endian<Int>(wire_, offset_);
    offset_ += sizeof(Int);
    return value;
  }

  /// The next `size` bytes as a view into the wire data.
  std::string_view read_bytes(std::size_t size) {
    need(size);
    std::string_view bytes = wire_.substr(offset_, size);
    offset_ += size;
    return bytes;
  }

  std::size_t remaining() const { return wire_.size() - offset_; }

  /// Throws decode_error when bytes are left over after the value.
  void expect_end() const {
    if (remaining() != 0)
      throw decode_error("cannot decode " + std::string(type_) + ": " +
                         std::to_string(remaining()) + " unexpected trailing bytes");
  }

 private:
  void need(std::size_t size) const {
    if (remaining() < size)
      throw decode_error("cannot decode " + std::string(type_) + ": binary data ends after " +
                         std::to_string(wire_.size()) + " bytes, more were expected");
  }
  std::string_view wire_;
  std::string_view type_;
  std::size_t offset_ = 0;
};

}  // namespace pgdsl
