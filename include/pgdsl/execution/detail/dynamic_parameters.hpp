// SPDX-License-Identifier: BSL-1.0
// dynamic_parameters: the binary parameter arrays of a statement whose parameter count is only
// known at run time (a multi-row INSERT). Types come from each bound value; fixed-size values are
// encoded into one shared buffer, text and bytea point at the caller's bytes.
#pragma once

#include <climits>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/types/all.hpp"

namespace pgdsl::detail {

class dynamic_parameters {
 public:
  void reserve(std::size_t count) {
    types_.reserve(count);
    values_.reserve(count);
    lengths_.reserve(count);
    formats_.reserve(count);
    offsets_.reserve(count);
  }

  /// Encodes the next parameter; an empty optional is NULL (typed by its value type).
  template <class T>
  void add(const T& value) {
    types_.push_back(parameter_oid_v<T>);
    formats_.push_back(1);
    if constexpr (is_optional_v<T>) {
      if (!value) return push(nullptr, 0, not_encoded);
      add_present(*value);
    } else {
      add_present(value);
    }
  }

  /// Points encoded parameters into the final buffer; call once after the last add().
  void finish() noexcept {
    for (std::size_t i = 0; i < offsets_.size(); ++i)
      if (offsets_[i] != not_encoded) values_[i] = encoded_.data() + offsets_[i];
  }

  void clear() noexcept {
    types_.clear();
    values_.clear();
    lengths_.clear();
    formats_.clear();
    offsets_.clear();
    encoded_.clear();
  }

  int count() const noexcept { return static_cast<int>(values_.size()); }
  const oid* types() const noexcept { return types_.data(); }
  const char* const* values() const noexcept { return values_.data(); }
  const int* lengths() const noexcept { return lengths_.data(); }
  const int* formats() const noexcept { return formats_.data(); }
  /// The parameters as libpq takes them.
  bound_parameters bound() const noexcept {
    return {count(), types(), values(), lengths(), formats()};
  }

 private:
  static constexpr std::size_t not_encoded = static_cast<std::size_t>(-1);

  void push(const char* bytes, std::size_t size, std::size_t offset) {
    if (size > static_cast<std::size_t>(INT_MAX))
      throw out_of_range_value("parameter $" + std::to_string(values_.size() + 1) +
                               " is larger than libpq accepts (2 GiB)");
    values_.push_back(bytes);
    lengths_.push_back(static_cast<int>(size));
    offsets_.push_back(offset);
  }

  template <class T>
  void add_present(const T& value) {
    if constexpr (pgdsl::has_wire_view<T>) {
      const std::string_view bytes = type_traits<T>::wire_view(value);
      push(bytes.data() != nullptr ? bytes.data() : "", bytes.size(), not_encoded);
    } else {
      const std::size_t start = encoded_.size();
      type_traits<T>::encode(value, encoded_);
      push(nullptr, encoded_.size() - start, start);
    }
  }

  std::vector<oid> types_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  std::vector<std::size_t> offsets_;
  std::string encoded_;
};

}  // namespace pgdsl::detail
