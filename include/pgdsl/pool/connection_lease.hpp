// SPDX-License-Identifier: BSL-1.0
// connection_lease: the RAII handle pool::acquire() returns. It points at a pooled connection
// (`lease->execute(q)`) and gives it back when destroyed; the pool then rolls back what was left
// open, resets the session as configured, and closes the connection instead when it was lost or
// saw an error that makes it unfit (SQLSTATE 08xxx, 57P01-57P03, 25006).
#pragma once

#include <memory>
#include <utility>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/pool/detail/pool_core.hpp"

namespace pgdsl {

/// A connection borrowed from a pool; move-only; returned when destroyed or by release().
class connection_lease {
 public:
  connection_lease() = default;
  connection_lease(std::shared_ptr<detail::pool_core> core, detail::pooled_ptr pooled) noexcept
      : core_(std::move(core)), pooled_(std::move(pooled)) {}
  connection_lease(connection_lease&&) noexcept = default;
  connection_lease& operator=(connection_lease&& other) noexcept {
    if (this != &other) {
      release();
      core_ = std::move(other.core_);
      pooled_ = std::move(other.pooled_);
    }
    return *this;
  }
  connection_lease(const connection_lease&) = delete;
  connection_lease& operator=(const connection_lease&) = delete;
  ~connection_lease() { release(); }

  /// The leased connection (valid until the lease ends).
  connection* operator->() const noexcept { return &pooled_->db; }
  connection& operator*() const noexcept { return pooled_->db; }
  /// False once released (or moved from).
  explicit operator bool() const noexcept { return pooled_ != nullptr; }

  /// Gives the connection back now; the lease is empty afterwards.
  void release() noexcept {
    if (pooled_) core_->release(std::move(pooled_));
    core_.reset();
  }

 private:
  std::shared_ptr<detail::pool_core> core_;
  detail::pooled_ptr pooled_;
};

}  // namespace pgdsl
