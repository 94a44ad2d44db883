// SPDX-License-Identifier: BSL-1.0
// row_batches: a stream read in batches of owned rows (psycopg2's fetchmany): each step of the
// iteration decodes up to N more rows into one vector, reused from batch to batch, so a loader
// can hand whole batches on while memory stays bounded by one batch.
#pragma once

#include <cstddef>
#include <iterator>
#include <utility>
#include <vector>

#include "pgdsl/execution/detail/pull_iterator.hpp"

namespace pgdsl {

/// The batches of a row_stream; Value is record<Columns> (stream.batches(n)) or a struct mapped
/// by member name (stream.batches_as<S>(n)). Iterate once; the stream must outlive it.
template <class Stream, class Value>
class row_batches {
 public:
  using value_type = std::vector<Value>;
  using iterator = detail::pull_iterator<row_batches>;

  row_batches(Stream& stream, std::size_t rows_per_batch)
      : stream_(&stream), rows_per_batch_(rows_per_batch == 0 ? 1 : rows_per_batch) {
    batch_.reserve(rows_per_batch_);
    advance();
  }

  iterator begin() noexcept { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  friend iterator;
  const value_type& current() const noexcept { return batch_; }
  bool at_end() const noexcept { return batch_.empty(); }
  void advance() {
    batch_.clear();
    while (batch_.size() < rows_per_batch_ && !stream_->at_end()) {
      batch_.push_back(stream_->template take_current<Value>());
      stream_->advance();
    }
  }

  Stream* stream_;
  std::size_t rows_per_batch_;
  value_type batch_;
};

}  // namespace pgdsl
