// SPDX-License-Identifier: BSL-1.0
// pipeline_queue: what a pipeline remembers about each step it sent and whose result has not come
// back yet, in sending order. A ring of fixed capacity whose slots are allocated in blocks when
// first reached (a short pipeline allocates one block however large its window) and never move;
// each step's result handler lives inside its slot when it is small (the usual lambda capturing a
// few references), so queueing a statement allocates nothing once its block exists.
#pragma once

#include <libpq-fe.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "pgdsl/execution/detail/pq_handles.hpp"

namespace pgdsl::detail {

/// What kind of result a step expects: a statement's, or the prepare/describe sent before it.
enum class pipeline_step : unsigned char { statement, prepare, describe };

struct pipeline_entry {
  static constexpr std::size_t inline_handler_bytes = 48;

  pipeline_step step = pipeline_step::statement;
  const char* sql = nullptr;  // a static statement's SQL, or owned_sql.c_str()
  std::string owned_sql;      // the SQL of a statement rendered at run time
  // Checks a result's columns (describe steps; every statement in unnamed mode).
  void (*check)(const PGresult*, const char*) = nullptr;
  // Wraps the result in its typed result and calls the handler.
  void (*deliver)(pipeline_entry&, result_ptr&&) = nullptr;
  void (*destroy)(pipeline_entry&) noexcept = nullptr;
  void* handler = nullptr;
  std::chrono::steady_clock::time_point sent_at{};  // read only when a query hook is set
  alignas(std::max_align_t) unsigned char storage[inline_handler_bytes];

  template <class Handler>
  static constexpr bool fits_inline = sizeof(Handler) <= inline_handler_bytes &&
                                      alignof(Handler) <= alignof(std::max_align_t) &&
                                      std::is_nothrow_move_constructible_v<Handler>;

  /// Stores the handler (in the slot when it fits, else on the heap).
  template <class Handler, class Arg>
  void store_handler(Arg&& on_result) {
    if constexpr (fits_inline<Handler>) {
      handler = ::new (static_cast<void*>(storage)) Handler(std::forward<Arg>(on_result));
      destroy = [](pipeline_entry& e) noexcept { static_cast<Handler*>(e.handler)->~Handler(); };
    } else {
      handler = new Handler(std::forward<Arg>(on_result));
      destroy = [](pipeline_entry& e) noexcept { delete static_cast<Handler*>(e.handler); };
    }
  }

  /// Forgets the step (destroying its handler), leaving the slot reusable.
  void reset() noexcept {
    if (destroy) destroy(*this);
    destroy = nullptr;
    handler = nullptr;
    deliver = nullptr;
    check = nullptr;
    owned_sql.clear();
    sql = nullptr;
    step = pipeline_step::statement;
  }
};

/// A first-in first-out ring of entries with a fixed capacity.
class pipeline_queue {
 public:
  explicit pipeline_queue(std::size_t capacity)
      : blocks_((capacity + block_size - 1) / block_size), capacity_(capacity) {}
  /// Takes over the slots (which never move: handlers stored inside them stay where they are).
  pipeline_queue(pipeline_queue&& other) noexcept
      : blocks_(std::move(other.blocks_)),
        capacity_(other.capacity_),
        head_(std::exchange(other.head_, 0)),
        size_(std::exchange(other.size_, 0)) {}
  pipeline_queue(const pipeline_queue&) = delete;
  pipeline_queue& operator=(const pipeline_queue&) = delete;
  pipeline_queue& operator=(pipeline_queue&&) = delete;
  ~pipeline_queue() { clear(); }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }

  /// A fresh slot at the back; the caller fills it (the queue must not be full).
  pipeline_entry& push_back() {
    const std::size_t index = (head_ + size_) % capacity_;
    std::unique_ptr<block>& holder = blocks_[index / block_size];
    if (holder == nullptr) holder = std::make_unique<block>();
    ++size_;
    return (*holder)[index % block_size];
  }
  /// Takes back the slot push_back() just gave (its step could not be sent).
  void pop_back() noexcept {
    --size_;
    slot_at((head_ + size_) % capacity_).reset();
  }
  pipeline_entry& front() noexcept { return slot_at(head_); }
  void pop_front() noexcept {
    slot_at(head_).reset();
    head_ = (head_ + 1) % capacity_;
    --size_;
  }
  void clear() noexcept {
    while (size_ != 0) pop_front();
  }

 private:
  static constexpr std::size_t block_size = 64;
  using block = std::array<pipeline_entry, block_size>;

  // A slot in use: push_back() allocated its block.
  pipeline_entry& slot_at(std::size_t index) noexcept {
    return (*blocks_[index / block_size])[index % block_size];
  }

  std::vector<std::unique_ptr<block>> blocks_;
  std::size_t capacity_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace pgdsl::detail
