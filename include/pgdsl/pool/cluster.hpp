// SPDX-License-Identifier: BSL-1.0
// cluster: one pool per host of a primary and its streaming replicas, and the routing between
// them. A background thread probes every host's role (pg_is_in_recovery()) and replay lag, on a
// timer and at once after a connection error or a 25006 on any host. Writes, transactions and
// primary() go to the host that is primary now (after a failover, to the promoted replica, once
// probed); read() and replica() go to a replica within max_replica_lag, round robin, else to the
// primary. Nothing is retried silently: in-flight work on a host that fails gets its typed error.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/transaction.hpp"
#include "pgdsl/pool/cluster_options.hpp"
#include "pgdsl/pool/connection_lease.hpp"
#include "pgdsl/pool/detail/host_list.hpp"
#include "pgdsl/pool/detail/role_probe.hpp"
#include "pgdsl/pool/node_status.hpp"
#include "pgdsl/pool/plain_read.hpp"
#include "pgdsl/pool/pool.hpp"
#include "pgdsl/pool/pool_errors.hpp"
#include "pgdsl/pool/replica_lease.hpp"
#include "pgdsl/pool/wal_position.hpp"

namespace pgdsl {

/// A primary and its replicas: role-aware routing over one pool per host.
class cluster {
 public:
  /// Creates one pool per host (none opened eagerly) and probes every host once.
  explicit cluster(cluster_options options) : options_(std::move(options)) {
    link_->owner = this;
    for (const detail::host_entry& host : detail::parse_hosts(options_.conninfo)) {
      pool_options per_host = options_.pool;
      per_host.connection.conninfo = options_.conninfo;
      per_host.connection.extra.emplace_back("host", host.host);
      if (!host.port.empty()) per_host.connection.extra.emplace_back("port", host.port);
      per_host.connection.extra.emplace_back("target_session_attrs", "any");
      per_host.fail_fast = false;  // a host that is down must not stop the others
      const std::size_t index = nodes_.size();
      per_host.on_close = [link = link_, index](close_reason reason) {
        const std::lock_guard lock(link->mutex);
        if (link->owner) link->owner->connection_closed(index, reason);
      };
      connection_options probe_options = per_host.connection;
      probe_options.connect_timeout = options_.probe_connect_timeout;
      probe_options.application_name = "pgdsl_cluster_probe";
      nodes_.push_back(std::make_unique<node>(node{
          pool(std::move(per_host)), detail::role_probe(std::move(probe_options)), host.name()}));
      status_.push_back(node_status{.name = host.name()});
    }
    probe_all();
    prober_ = std::thread([this] { run_prober(); });
  }
  cluster(const cluster&) = delete;
  cluster& operator=(const cluster&) = delete;
  ~cluster() {
    {
      const std::lock_guard lock(link_->mutex);
      link_->owner = nullptr;
    }
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    prober_.join();
    for (auto& n : nodes_) n->connections.close();
  }

  /// A connection to the primary, for writes and transactions; waits up to primary_wait for a
  /// primary to be known (no_primary), then up to acquire_timeout for a free connection.
  connection_lease primary() {
    const auto now = std::chrono::steady_clock::now();
    const auto primary_deadline = now + options_.primary_wait;
    const auto acquire_deadline = now + options_.pool.acquire_timeout;
    for (;;) {
      const std::size_t index = wait_for_primary(primary_deadline);
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          acquire_deadline - std::chrono::steady_clock::now());
      // In slices, so that a caller waiting on a host that just failed moves to the new primary.
      const auto slice =
          std::clamp(left, std::chrono::milliseconds{0},
                     std::max(options_.probe_interval, std::chrono::milliseconds{100}));
      try {
        return nodes_[index]->connections.acquire(slice);
      } catch (const pool_timeout&) {
        if (slice >= left) throw;
      }
    }
  }

  /// A connection for plain reads: a replica within max_replica_lag (round robin), else the
  /// primary when reads_fall_back_to_primary (else no_replica).
  replica_lease replica() {
    std::optional<std::size_t> chosen;
    {
      const std::lock_guard lock(mutex_);
      for (std::size_t k = 0; k < nodes_.size() && !chosen; ++k) {
        const std::size_t i = (next_replica_ + k) % nodes_.size();
        if (status_[i].role == node_role::replica &&
            status_[i].replay_lag <= options_.max_replica_lag)
          chosen = i;
      }
      if (chosen) next_replica_ = *chosen + 1;
    }
    if (chosen)
      return replica_lease(nodes_[*chosen]->connections.acquire(), nodes_[*chosen]->name, false);
    if (!options_.reads_fall_back_to_primary)
      throw no_replica("no replica within max_replica_lag (" +
                       std::to_string(options_.max_replica_lag.count()) + "ms): " + describe());
    connection_lease lease = primary();
    return replica_lease(std::move(lease), primary_name(), true);
  }

  /// Read-your-writes: a connection for plain reads that sees everything committed before
  /// `position` was taken (write_position()). A replica chosen as by replica() is used once it has
  /// replayed past `position`, polled for at most options.read_your_writes_wait; else the primary.
  replica_lease replica(wal_position position) {
    const auto deadline = std::chrono::steady_clock::now() + options_.read_your_writes_wait;
    auto pause = std::chrono::microseconds(500);
    for (;;) {
      replica_lease lease = replica();
      if (lease.on_primary()) return lease;
      if (detail::replayed_position(lease) >= position) return lease;
      if (std::chrono::steady_clock::now() + pause >= deadline) break;
      lease.release();
      std::this_thread::sleep_for(pause);
      pause = std::min<std::chrono::microseconds>(pause * 2, std::chrono::milliseconds(20));
    }
    return replica_lease(primary(), primary_name(), true);
  }

  /// The primary's WAL position now: taken after a commit, every replica that has replayed up
  /// to it shows that commit (one round trip to the primary).
  wal_position write_position() {
    connection_lease lease = primary();
    return {lease->query<std::int64_t>(
                      "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8")
                .scalar()};
  }

  /// Runs a plain read on a replica (see replica()); other statements do not compile.
  template <static_statement Q>
  auto read(const Q& statement) {
    static_assert(is_plain_read<Q>,
                  "cluster.read() runs plain reads only (a SELECT without FOR UPDATE/FOR SHARE); "
                  "use cluster.execute() for writes and locking reads");
    if constexpr (is_plain_read<Q>) return replica().execute(statement);
  }
  /// Runs a plain read that sees every commit before `position` (see replica(wal_position)).
  template <static_statement Q>
  auto read(const Q& statement, wal_position position) {
    static_assert(is_plain_read<Q>,
                  "cluster.read() runs plain reads only (a SELECT without FOR UPDATE/FOR SHARE); "
                  "use cluster.execute() for writes and locking reads");
    if constexpr (is_plain_read<Q>) return replica(position).execute(statement);
  }

  /// Runs a statement on the primary.
  template <class Q>
  auto execute(const Q& statement) {
    connection_lease lease = primary();
    return lease->execute(statement);
  }
  /// Runs raw SQL on the primary.
  template <class... T, class... Args>
  auto query(raw_sql sql, const Args&... args) {
    connection_lease lease = primary();
    return lease->template query<T...>(sql, args...);
  }
  template <class... Args>
  auto execute_raw(raw_sql sql, const Args&... args) {
    connection_lease lease = primary();
    return lease->execute_raw(sql, args...);
  }
  /// Runs fn(transaction&) in a transaction on the primary; never retried.
  template <class F>
  auto transaction(F&& fn, const transaction_options& options = {}) {
    connection_lease lease = primary();
    return lease->transaction(std::forward<F>(fn), options);
  }

  /// Every host as last probed.
  std::vector<node_status> nodes() const {
    const std::lock_guard lock(mutex_);
    return status_;
  }
  /// The pool of host `index` (in the order of the connection string), e.g. for its stats().
  const pool& node_pool(std::size_t index) const { return nodes_.at(index)->connections; }

  /// Probes every host now and returns when a probe that started after this call is done.
  void probe_now() {
    std::unique_lock lock(mutex_);
    const unsigned long wanted = probes_done_ + 2;
    probe_requested_ = true;
    wake_.notify_all();
    probed_.wait(lock, [&] { return probes_done_ >= wanted || stopping_; });
  }

 private:
  // What a host's pool calls back through: a lease may outlive the cluster, and its pool with it.
  struct owner_link {
    std::mutex mutex;
    cluster* owner = nullptr;
  };

  struct node {
    pool connections;
    detail::role_probe probe;
    std::string name;
  };

  std::size_t wait_for_primary(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    while (!primary_) {
      probe_requested_ = true;
      wake_.notify_all();
      if (probed_.wait_until(lock, deadline) == std::cv_status::timeout && !primary_)
        throw no_primary("no primary among the cluster's hosts within " +
                         std::to_string(options_.primary_wait.count()) + "ms: " + describe());
    }
    return *primary_;
  }

  std::string primary_name() const {
    const std::lock_guard lock(mutex_);
    return primary_ ? status_[*primary_].name : std::string();
  }

  // Under the lock: "127.0.0.1:5432 primary, 127.0.0.1:5433 replica (lag 12ms), ...".
  std::string describe() const {
    std::string text;
    for (const node_status& s : status_) {
      if (!text.empty()) text += ", ";
      text += s.name + " " + to_string(s.role);
      if (s.role == node_role::replica)
        text += " (lag " + std::to_string(s.replay_lag.count()) + "ms)";
      if (!s.last_error.empty()) text += " (" + s.last_error + ")";
    }
    return text;
  }

  // From a host's pool: a connection broke or saw 25006; roles may have changed.
  void connection_closed(std::size_t index, close_reason reason) {
    if (reason != close_reason::broken && reason != close_reason::read_only &&
        reason != close_reason::failed_ping)
      return;
    {
      const std::lock_guard lock(mutex_);
      // A write refused as read-only: this host is no primary now; writes wait for the probe.
      if (reason == close_reason::read_only && primary_ == index) primary_.reset();
      probe_requested_ = true;
    }
    wake_.notify_all();
  }

  void probe_all() {
    std::vector<node_status> seen;
    {
      const std::lock_guard lock(mutex_);
      seen = status_;
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) seen[i] = nodes_[i]->probe.probe(seen[i]);
    const std::lock_guard lock(mutex_);
    std::optional<std::size_t> chosen;
    for (std::size_t i = 0; i < seen.size(); ++i) {
      if (seen[i].role != node_role::primary) continue;
      // Two hosts claiming the role (an old primary still up after a promotion): the one that
      // was a replica before is the promoted one.
      if (!chosen || status_[i].role == node_role::replica) chosen = i;
    }
    status_ = std::move(seen);
    primary_ = chosen;
    ++probes_done_;
    probed_.notify_all();
  }

  void run_prober() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, options_.probe_interval, [&] { return stopping_ || probe_requested_; });
      if (stopping_) break;
      probe_requested_ = false;
      lock.unlock();
      probe_all();
      lock.lock();
    }
    probed_.notify_all();
  }

  const cluster_options options_;
  std::shared_ptr<owner_link> link_ = std::make_shared<owner_link>();
  std::vector<std::unique_ptr<node>> nodes_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;    // the prober's
  std::condition_variable probed_;  // a probe finished
  std::vector<node_status> status_;
  std::optional<std::size_t> primary_;
  std::size_t next_replica_ = 0;
  unsigned long probes_done_ = 0;
  bool probe_requested_ = false, stopping_ = false;
  std::thread prober_;
};

}  // namespace pgdsl
