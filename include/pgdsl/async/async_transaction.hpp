// SPDX-License-Identifier: BSL-1.0
// async_transaction: a transaction on an async_connection. From the moment its BEGIN is sent
// until its COMMIT or ROLLBACK is, the connection runs only this transaction's statements (other
// coroutines' statements wait, unsent, and go out in order afterwards), so no statement of
// another coroutine lands inside it. Rolled back when destroyed unless committed; savepoints
// nest inside it.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "pgdsl/async/cancellation.hpp"
#include "pgdsl/async/detail/async_core.hpp"
#include "pgdsl/async/detail/async_jobs.hpp"
#include "pgdsl/async/detail/completion.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/execution/statement_concept.hpp"

namespace pgdsl {

namespace detail {
// Submits `Job` built from `args` to `core` for `owner`; the handler gets its outcome.
template <class Job, class Token, class... Args>
auto submit_job(const std::shared_ptr<async_core>& core, unsigned owner, ownership changes,
                const operation_options& options, Token&& token, Args&&... args) {
  if (!core) throw connection_error("the async connection is not open", "08003");
  return start_operation<typename Job::value_type>(
      std::forward<Token>(token),
      [core, owner, changes, options, ... args = std::forward<Args>(args)](auto handler) mutable {
        auto op = std::make_unique<async_job<Job, decltype(handler)>>(
            std::move(handler), core->executor(), std::move(args)...);
        op->owner = owner;
        op->changes = changes;
        core->submit(std::move(op), options);
      });
}
// What an operation without a result does nothing with.
struct ignore_outcome {
  void operator()(std::exception_ptr) const noexcept {}
};
}  // namespace detail

/// A savepoint inside an async_transaction: rolled back to when destroyed unless released.
class async_savepoint {
 public:
  async_savepoint() = default;
  async_savepoint(std::shared_ptr<detail::async_core> core, unsigned owner, std::string name)
      : core_(std::move(core)), owner_(owner), name_(std::move(name)) {}
  async_savepoint(async_savepoint&& other) noexcept
      : core_(std::move(other.core_)), owner_(other.owner_), name_(std::move(other.name_)) {}
  async_savepoint& operator=(async_savepoint&& other) noexcept {
    if (this != &other) {
      abandon();
      core_ = std::move(other.core_);
      owner_ = other.owner_;
      name_ = std::move(other.name_);
    }
    return *this;
  }
  ~async_savepoint() { abandon(); }

  /// RELEASE SAVEPOINT: keeps what was done since it.
  template <class Token>
  auto async_release(Token&& token) {
    return end("RELEASE SAVEPOINT ", std::forward<Token>(token));
  }
  /// ROLLBACK TO SAVEPOINT, then RELEASE: undoes what was done since it.
  template <class Token>
  auto async_rollback(Token&& token) {
    return end("ROLLBACK TO SAVEPOINT ", std::forward<Token>(token), true);
  }

 private:
  template <class Token>
  auto end(const char* verb, Token&& token, bool then_release = false) {
    auto core = std::exchange(core_, nullptr);
    if (then_release && core) {
      auto op = std::make_unique<detail::async_job<detail::command_job, detail::ignore_outcome>>(
          detail::ignore_outcome{}, core->executor(), std::string(verb) + name_);
      op->owner = owner_;
      core->submit(std::move(op));
    }
    return detail::submit_job<detail::command_job>(
        core, owner_, detail::ownership::none, {}, std::forward<Token>(token),
        std::string(then_release ? "RELEASE SAVEPOINT " : verb) + name_);
  }
  void abandon() noexcept {
    if (!core_) return;
    try {
      for (const char* verb : {"ROLLBACK TO SAVEPOINT ", "RELEASE SAVEPOINT "}) {
        auto op = std::make_unique<detail::async_job<detail::command_job, detail::ignore_outcome>>(
            detail::ignore_outcome{}, core_->executor(), std::string(verb) + name_);
        op->owner = owner_;
        core_->submit(std::move(op));
      }
    } catch (...) {  // out of memory: the transaction's end undoes it anyway
    }
    core_.reset();
  }

  std::shared_ptr<detail::async_core> core_;
  unsigned owner_ = 0;
  std::string name_;
};

/// A transaction on an async_connection (see the header comment).
class async_transaction {
 public:
  async_transaction() = default;
  async_transaction(std::shared_ptr<detail::async_core> core, unsigned owner)
      : core_(std::move(core)), owner_(owner) {}
  async_transaction(async_transaction&& other) noexcept
      : core_(std::move(other.core_)), owner_(other.owner_) {}
  async_transaction& operator=(async_transaction&& other) noexcept {
    if (this != &other) {
      abandon();
      core_ = std::move(other.core_);
      owner_ = other.owner_;
    }
    return *this;
  }
  /// Rolls back (without waiting) unless committed or rolled back.
  ~async_transaction() { abandon(); }

  bool is_open() const noexcept { return core_ != nullptr; }

  /// Runs a static statement inside the transaction.
  template <static_statement Q, class Token>
  auto async_execute(const Q& statement, Token&& token) {
    return detail::submit_job<detail::static_job<Q>>(core_, owner_, detail::ownership::none, {},
                                                     std::forward<Token>(token), statement);
  }
  /// Runs raw SQL whose rows decode into T... inside the transaction.
  template <class... T, class... Args, class Token>
  auto async_query(raw_sql sql, const std::tuple<Args...>& args, Token&& token) {
    return std::apply(
        [&](const Args&... values) {
          return detail::submit_job<detail::raw_job<raw_columns<T...>, Args...>>(
              core_, owner_, detail::ownership::none, {}, std::forward<Token>(token), sql,
              values...);
        },
        args);
  }
  /// Starts a savepoint; completes with it.
  template <class Token>
  auto async_savepoint(Token&& token) {
    if (!core_) throw error("the transaction has ended");
    std::string name = "pgdsl_sp_" + std::to_string(++core_->state.savepoint_counter);
    return detail::start_operation<pgdsl::async_savepoint>(
        std::forward<Token>(token),
        [core = core_, owner = owner_, name = std::move(name)](auto handler) mutable {
          using job = detail::async_job<detail::command_job, savepoint_handler<decltype(handler)>>;
          auto op = std::make_unique<job>(
              savepoint_handler<decltype(handler)>{std::move(handler), core, owner, name},
              core->executor(), "SAVEPOINT " + name);
          op->owner = owner;
          core->submit(std::move(op));
        });
  }
  /// COMMIT: the connection is free for others once it is sent.
  template <class Token>
  auto async_commit(Token&& token) {
    return end("COMMIT", std::forward<Token>(token));
  }
  /// ROLLBACK.
  template <class Token>
  auto async_rollback(Token&& token) {
    return end("ROLLBACK", std::forward<Token>(token));
  }

 private:
  // Completes async_savepoint with the savepoint once its SAVEPOINT succeeded.
  template <class Handler>
  struct savepoint_handler {
    Handler inner;
    std::shared_ptr<detail::async_core> core;
    unsigned owner;
    std::string name;
    void operator()(std::exception_ptr failure) {
      if (failure) return inner(failure, pgdsl::async_savepoint());
      inner(failure, pgdsl::async_savepoint(std::move(core), owner, std::move(name)));
    }
  };

  template <class Token>
  auto end(const char* command, Token&& token) {
    return detail::submit_job<detail::command_job>(
        std::exchange(core_, nullptr), owner_, detail::ownership::release, {},
        std::forward<Token>(token), std::string(command));
  }
  void abandon() noexcept {
    if (!core_) return;
    try {
      auto op = std::make_unique<detail::async_job<detail::command_job, detail::ignore_outcome>>(
          detail::ignore_outcome{}, core_->executor(), std::string("ROLLBACK"));
      op->owner = owner_;
      op->changes = detail::ownership::release;
      core_->submit(std::move(op));
    } catch (...) {  // out of memory: the connection stays taken; closing it ends the transaction
    }
    core_.reset();
  }

  std::shared_ptr<detail::async_core> core_;
  unsigned owner_ = 0;
};

}  // namespace pgdsl
