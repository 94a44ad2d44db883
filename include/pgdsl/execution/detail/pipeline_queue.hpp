// pipeline_queue: what a pipeline remembers about each step it sent and whose result has not come
// back yet, in sending order. A fixed ring allocated once per pipeline; each step's result handler
// lives inside its slot when it is small (the usual lambda capturing a few references), so queueing
// a statement allocates nothing.
#pragma once

#include <libpq-fe.h>

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
  explicit pipeline_queue(std::size_t capacity) : slots_(capacity) {}
  pipeline_queue(const pipeline_queue&) = delete;
  pipeline_queue& operator=(const pipeline_queue&) = delete;
  ~pipeline_queue() { clear(); }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return slots_.size(); }
  bool empty() const noexcept { return size_ == 0; }

  /// A fresh slot at the back; the caller fills it (the queue must not be full).
  pipeline_entry& push_back() {
    pipeline_entry& slot = slots_[(head_ + size_) % slots_.size()];
    ++size_;
    return slot;
  }
  /// Takes back the slot push_back() just gave (its step could not be sent).
  void pop_back() noexcept {
    --size_;
    slots_[(head_ + size_) % slots_.size()].reset();
  }
  pipeline_entry& front() noexcept { return slots_[head_]; }
  void pop_front() noexcept {
    slots_[head_].reset();
    head_ = (head_ + 1) % slots_.size();
    --size_;
  }
  void clear() noexcept {
    while (size_ != 0) pop_front();
  }

 private:
  std::vector<pipeline_entry> slots_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace pgdsl::detail
