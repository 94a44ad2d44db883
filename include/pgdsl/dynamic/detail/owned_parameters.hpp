// SPDX-License-Identifier: BSL-1.0
// owned_parameters: the bound values of a statement composed at run time (pgdsl::sql), encoded in
// binary when they are appended and owned by the statement (the caller's values may be gone by
// the time it runs). Composing two statements appends their parameter lists.
#pragma once

#include <climits>
#include <cstddef>
#include <string>
#include <vector>

#include "pgdsl/error/conversion_error.hpp"
#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/types/all.hpp"

namespace pgdsl::detail {

class owned_parameters {
 public:
  /// Encodes the next value; an empty optional is NULL (typed by its value type).
  template <class T>
  void add(const T& value) {
    types_.push_back(parameter_oid_v<T>);
    if constexpr (is_optional_v<T>) {
      if (!value) {
        offsets_.push_back(bytes_.size());
        lengths_.push_back(-1);
        return;
      }
      add_present(*value);
    } else {
      add_present(value);
    }
  }

  /// Appends another statement's values after these.
  void append(const owned_parameters& other) {
    const std::size_t shift = bytes_.size();
    bytes_ += other.bytes_;
    types_.insert(types_.end(), other.types_.begin(), other.types_.end());
    lengths_.insert(lengths_.end(), other.lengths_.begin(), other.lengths_.end());
    for (std::size_t offset : other.offsets_) offsets_.push_back(offset + shift);
  }

  std::size_t size() const noexcept { return types_.size(); }

  /// The arrays libpq takes, pointing into this object (valid while it is unchanged).
  class view {
   public:
    explicit view(const owned_parameters& from) : from_(from) {
      values_.reserve(from.size());
      for (std::size_t i = 0; i < from.size(); ++i)
        values_.push_back(from.lengths_[i] < 0 ? nullptr : from.bytes_.data() + from.offsets_[i]);
      formats_.assign(from.size(), 1);
      lengths_.reserve(from.size());
      for (int length : from.lengths_) lengths_.push_back(length < 0 ? 0 : length);
    }
    bound_parameters bound() const noexcept {
      return {static_cast<int>(values_.size()), from_.types_.data(), values_.data(),
              lengths_.data(), formats_.data()};
    }

   private:
    const owned_parameters& from_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
  };

 private:
  template <class T>
  void add_present(const T& value) {
    const std::size_t start = bytes_.size();
    type_traits<T>::encode(value, bytes_);
    const std::size_t size = bytes_.size() - start;
    if (size > static_cast<std::size_t>(INT_MAX))
      throw out_of_range_value("parameter $" + std::to_string(types_.size()) +
                               " is larger than libpq accepts (2 GiB)");
    offsets_.push_back(start);
    lengths_.push_back(static_cast<int>(size));
  }

  std::vector<oid> types_;
  std::vector<std::size_t> offsets_;
  std::vector<int> lengths_;  // -1: NULL
  std::string bytes_;
};

}  // namespace pgdsl::detail
