// SPDX-License-Identifier: BSL-1.0
// COPY's binary format, both ways: copy_writer appends rows (a 16-bit field count, then each field
// as a 32-bit length and the type's binary encoding; -1 for NULL) and hands fixed-size chunks to
// PQputCopyData; copy_row_reader splits one CopyData message back into its fields. The sending
// steps (put_copy_data, end_copy, abort_copy) serve text and CSV COPY too (copy_text.hpp).
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "pgdsl/execution/detail/pq_handles.hpp"
#include "pgdsl/execution/detail/socket_wait.hpp"
#include "pgdsl/execution/throw_sql_error.hpp"
#include "pgdsl/types/all.hpp"
#include "pgdsl/types/conversion_error.hpp"
#include "pgdsl/types/detail/wire.hpp"

namespace pgdsl::detail {

/// Hands COPY FROM data to libpq (any split of the data into calls is valid: CopyData messages
/// need not align with rows).
inline void put_copy_data(PGconn* conn, std::string_view bytes, const char* sql) {
  constexpr std::size_t most = 1 << 30;  // PQputCopyData takes an int length
  while (!bytes.empty()) {
    const std::string_view piece = bytes.substr(0, most);
    if (PQputCopyData(conn, piece.data(), static_cast<int>(piece.size())) != 1)
      throw_sql_error(conn, nullptr, sql);
    bytes.remove_prefix(piece.size());
  }
}

/// Ends COPY FROM data and returns the server's final result (the COPY's success or failure).
inline result_ptr end_copy(PGconn* conn, const char* sql) {
  if (PQputCopyEnd(conn, nullptr) != 1) throw_sql_error(conn, nullptr, sql);
  return take_final_result(conn);
}

/// Ends COPY FROM with an error so the server discards what it received (nothing is loaded).
inline void abort_copy(PGconn* conn, const char* reason) noexcept {
  if (PQputCopyEnd(conn, reason) == 1) take_final_result(conn);
}

/// The 11-byte signature, flags and header-extension length that open binary COPY data.
inline constexpr std::string_view copy_binary_header{"PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19};

class copy_writer {
 public:
  /// Bytes gathered before they go to libpq (one PQputCopyData call each).
  static constexpr std::size_t chunk_bytes = 64 * 1024;

  copy_writer(PGconn* conn, const char* sql) : conn_(conn), sql_(sql) {
    buffer_.reserve(chunk_bytes + 1024);
    buffer_.append(copy_binary_header);
  }

  void begin_row(std::int16_t fields) { append_big_endian(buffer_, fields); }
  void null_field() { append_big_endian(buffer_, std::int32_t{-1}); }

  /// One non-NULL field of type T, in T's binary encoding.
  template <class T>
  void field(const T& value) {
    if constexpr (has_wire_view<T>) {
      const std::string_view bytes = type_traits<T>::wire_view(value);
      append_big_endian(buffer_, checked_length(bytes.size()));
      buffer_.append(bytes.data(), bytes.size());
    } else {
      const std::size_t at = buffer_.size();
      buffer_.append(4, '\0');  // the length, known once the value is encoded
      type_traits<T>::encode(value, buffer_);
      const auto length = checked_length(buffer_.size() - at - 4);
      char bytes[4];
      for (int i = 0; i < 4; ++i)
        bytes[i] = static_cast<char>((static_cast<std::uint32_t>(length) >> (24 - 8 * i)) & 0xFF);
      std::memcpy(buffer_.data() + at, bytes, 4);
    }
  }

  void end_row() {
    if (buffer_.size() >= chunk_bytes) flush();
  }

  /// Sends the trailer and the rest, ends the COPY and returns the server's final result.
  result_ptr finish() {
    append_big_endian(buffer_, std::int16_t{-1});
    flush();
    return end_copy(conn_, sql_);
  }

  /// Ends the COPY with an error so the server discards what it received (nothing is loaded).
  void abort() noexcept {
    abort_copy(conn_, "pgdsl: a row could not be encoded; nothing was loaded");
  }

 private:
  std::int32_t checked_length(std::size_t size) const {
    if (size > 0x7FFFFFFFu)
      throw out_of_range_value("a COPY field is larger than PostgreSQL accepts (2 GiB)");
    return static_cast<std::int32_t>(size);
  }

  void flush() {
    put_copy_data(conn_, buffer_, sql_);
    buffer_.clear();
  }

  PGconn* conn_;
  const char* sql_;
  std::string buffer_;
};

/// Reads the fields of one row of binary COPY data (the first message also holds the header).
class copy_row_reader {
 public:
  explicit copy_row_reader(std::string_view message) : data_(message) {}

  /// Skips the header when it is there (the first message of a COPY TO).
  void skip_header() {
    if (data_.starts_with(copy_binary_header.substr(0, 11))) {
      const auto extension = read<std::uint32_t>(15);
      offset_ = 19 + extension;
    }
  }
  /// The row's field count, or -1 for the trailer that ends the data.
  std::int16_t field_count() {
    const auto count = read<std::int16_t>(offset_);
    offset_ += 2;
    return count;
  }
  /// The next field's bytes; `null` is set for NULL.
  std::string_view next_field(bool& null) {
    const auto length = read<std::int32_t>(offset_);
    offset_ += 4;
    null = length < 0;
    if (null) return {};
    if (data_.size() - offset_ < static_cast<std::size_t>(length))
      throw decode_error("COPY data ended inside a field");
    const std::string_view bytes = data_.substr(offset_, static_cast<std::size_t>(length));
    offset_ += static_cast<std::size_t>(length);
    return bytes;
  }

 private:
  template <class Int>
  Int read(std::size_t at) const {
    if (data_.size() < at + sizeof(Int)) throw decode_error("COPY data ended inside a row");
    return read_big_endian<Int>(data_, at);
  }

  std::string_view data_;
  std::size_t offset_ = 0;
};

}  // namespace pgdsl::detail
