// wire: big-endian integer reading and writing for PostgreSQL's binary formats (network byte
// order everywhere), written with shifts so the result does not depend on the host's endianness.
// Every reader checks the length it is given and throws decode_error instead of overreading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "pgdsl/types/conversion_error.hpp"

namespace pgdsl::detail {

/// Appends `value` in network byte order.
template <class Int, class Out>
requires std::is_integral_v<Int>
void append_big_endian(Out& out, Int value) {
  using unsigned_type = std::make_unsigned_t<Int>;
  auto bits = static_cast<unsigned_type>(value);
  char bytes[sizeof(Int)];
  for (std::size_t i = 0; i < sizeof(Int); ++i) {
    bytes[sizeof(Int) - 1 - i] = static_cast<char>(static_cast<unsigned char>(bits & 0xFFu));
    if constexpr (sizeof(Int) > 1) bits = static_cast<unsigned_type>(bits >> 8);
  }
  out.append(bytes, sizeof(Int));
}

/// Reads an Int in network byte order at `offset`; the caller has checked the length.
template <class Int>
requires std::is_integral_v<Int> Int read_big_endian(std::string_view wire, std::size_t offset) {
  using unsigned_type = std::make_unsigned_t<Int>;
  unsigned_type bits = 0;
  for (std::size_t i = 0; i < sizeof(Int); ++i) {
    bits = static_cast<unsigned_type>(
        (static_cast<std::uint64_t>(bits) << 8) |
        static_cast<unsigned char>(wire[offset + i]));  // shifting in uint64 avoids UB for bytes
  }
  return static_cast<Int>(bits);
}

/// Throws decode_error unless `wire` is exactly `expected` bytes long.
inline void expect_length(std::string_view wire, std::size_t expected, std::string_view type) {
  if (wire.size() != expected)
    throw decode_error("cannot decode " + std::string(type) + ": expected " +
                       std::to_string(expected) + " bytes of binary data, got " +
                       std::to_string(wire.size()));
}

/// Reads fixed-size integers one after another, throwing decode_error when the data runs out.
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

}  // namespace pgdsl::detail
