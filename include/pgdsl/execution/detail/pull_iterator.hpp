// SPDX-License-Identifier: BSL-1.0
// pull_iterator: the input iterator of a range that produces its items one at a time, reading
// the next from the server as the iteration moves on (a stream, a cursor, a COPY TO). The range
// gives value_type, current(), advance() and at_end(), and befriends this iterator.
#pragma once

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace pgdsl::detail {

template <class Source>
class pull_iterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = typename Source::value_type;
  using difference_type = std::ptrdiff_t;

  pull_iterator() = default;
  explicit pull_iterator(Source* source) noexcept : source_(source) {}

  decltype(auto) operator*() const noexcept { return source_->current(); }
  auto operator->() const noexcept requires
      std::is_lvalue_reference_v<decltype(std::declval<Source&>().current())> {
    return &source_->current();
  }
  pull_iterator& operator++() {
    source_->advance();
    return *this;
  }
  void operator++(int) { ++*this; }
  bool at_end() const noexcept { return source_->at_end(); }  // a member: befriended by Source
  friend bool operator==(const pull_iterator& it, std::default_sentinel_t) noexcept {
    return it.at_end();
  }

 private:
  Source* source_ = nullptr;
};

}  // namespace pgdsl::detail
