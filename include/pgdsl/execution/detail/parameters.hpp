// SPDX-License-Identifier: BSL-1.0
// parameter_block: the binary parameter arrays libpq takes, sized at compile time. Fixed-size
// values are encoded into per-parameter inline storage (no heap); text, bytea and json point at the
// caller's bytes (wire_view); only larger encodings (numeric, arrays) spill into one shared buffer.
#pragma once

#include <array>
#include <climits>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/execution/detail/protocol.hpp"
#include "pgdsl/types/all.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl::detail {

// What a raw-SQL argument binds as: string literals and C strings bind as text views.
template <class T>
using parameter_value_t = std::conditional_t<
    (std::is_array_v<std::remove_cvref_t<T>> ||
     std::is_pointer_v<std::remove_cvref_t<T>>)&&std::is_convertible_v<T, std::string_view>,
    std::string_view, std::remove_cvref_t<T>>;

template <class T>
inline constexpr oid parameter_oid_v = type_traits<nullable_base_t<T>>::type_oid;

template <class List>
struct parameter_oids;
template <class... T>
struct parameter_oids<type_list<T...>> {
  static constexpr std::array<oid, sizeof...(T)> value{parameter_oid_v<T>...};
};

inline constexpr std::size_t inline_parameter_bytes = 16;

template <std::size_t N>
class parameter_block {
 public:
  parameter_block() = default;
  /// Encodes a static statement's bound values, $1 to $N in order.
  template <class Statement>
  explicit parameter_block(const Statement& statement) {
    statement.bind([&](const auto& value) { add(value); });
    finish();
  }
  parameter_block(const parameter_block&) = delete;  // values_ may point into this object
  parameter_block& operator=(const parameter_block&) = delete;

  /// Encodes the next parameter ($1, $2, ... in call order); an empty optional is NULL.
  template <class T>
  void add(const T& value) {
    const std::size_t index = next_++;
    if constexpr (is_optional_v<T>) {
      if (!value) {
        values_[index] = nullptr;  // NULL: finish() must leave it so
        lengths_[index] = 0;
        spill_at_[index] = not_spilled;
        return;
      }
      add_present(index, *value);
    } else {
      add_present(index, value);
    }
  }

  /// Points spilled parameters into the final spill buffer; call once after the last add().
  void finish() noexcept {
    if (spill_.empty()) return;
    for (std::size_t i = 0; i < N; ++i)
      if (spill_at_[i] != not_spilled) values_[i] = spill_.data() + spill_at_[i];
  }

  const char* const* values() const noexcept { return N ? values_.data() : nullptr; }
  const int* lengths() const noexcept { return N ? lengths_.data() : nullptr; }
  static const int* formats() noexcept { return N ? binary_formats.data() : nullptr; }

  /// The block as libpq takes it, typed by the statement's parameter types.
  template <class ParamTypes>
  bound_parameters bound() const noexcept {
    return {static_cast<int>(N), parameter_oids<ParamTypes>::value.data(), values(), lengths(),
            formats()};
  }

 private:
  static constexpr std::size_t not_spilled = static_cast<std::size_t>(-1);
  static constexpr std::array<int, N> binary_formats = [] {
    std::array<int, N> formats{};
    formats.fill(1);
    return formats;
  }();

  // The `Out` of type_traits<T>::encode: fills inline storage, then moves to the spill buffer.
  struct writer {
    parameter_block& block;
    std::size_t index;
    std::size_t size = 0;
    void append(const char* bytes, std::size_t count) {
      std::size_t& at = block.spill_at_[index];
      if (at == not_spilled && size + count <= inline_parameter_bytes) {
        std::memcpy(block.inline_[index].data() + size, bytes, count);
      } else {
        if (at == not_spilled) {
          at = block.spill_.size();
          block.spill_.append(block.inline_[index].data(), size);
        }
        block.spill_.append(bytes, count);
      }
      size += count;
    }
  };

  template <class T>
  void add_present(std::size_t index, const T& value) {
    using traits = type_traits<T>;
    spill_at_[index] = not_spilled;
    if constexpr (pgdsl::has_wire_view<T>) {
      // wire_view refuses what the type cannot hold (a NUL in text) before anything is sent.
      const std::string_view bytes = traits::wire_view(value);
      values_[index] = bytes.data() != nullptr ? bytes.data() : "";  // nullptr would mean NULL
      lengths_[index] = checked_length(index, bytes.size());
    } else {
      writer out{*this, index};
      traits::encode(value, out);
      values_[index] = inline_[index].data();
      lengths_[index] = checked_length(index, out.size);
    }
  }

  static int checked_length(std::size_t index, std::size_t size) {
    if (size > static_cast<std::size_t>(INT_MAX))
      throw out_of_range_value("parameter $" + std::to_string(index + 1) +
                               " is larger than libpq accepts (2 GiB)");
    return static_cast<int>(size);
  }

  std::array<const char*, N> values_{};
  std::array<int, N> lengths_{};
  std::array<std::array<char, inline_parameter_bytes>, N> inline_;
  std::array<std::size_t, N> spill_at_;
  std::string spill_;
  std::size_t next_ = 0;
};

}  // namespace pgdsl::detail
