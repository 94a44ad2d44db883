// SPDX-License-Identifier: BSL-1.0
// wait_histogram: acquire waits counted in logarithmic buckets (4 per power of two, so a
// percentile is read within ~19% of its value) in fixed memory; updated under the pool's lock.
#pragma once

#include <array>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace pgdsl::detail {

class wait_histogram {
 public:
  void record(std::chrono::nanoseconds wait) noexcept {
    const auto ns = static_cast<std::uint64_t>(wait.count() > 0 ? wait.count() : 0);
    ++counts_[bucket_of(ns)];
    ++total_;
    if (ns > max_) max_ = ns;
  }

  /// The smallest bucket bound below which at least `fraction` of the waits fall.
  std::chrono::nanoseconds percentile(double fraction) const noexcept {
    if (total_ == 0) return {};
    const auto wanted = static_cast<std::uint64_t>(fraction * static_cast<double>(total_) + 0.5);
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < bucket_count; ++i) {
      seen += counts_[i];
      if (seen >= wanted && seen > 0) {
        const std::uint64_t bound = upper_bound(i);
        return std::chrono::nanoseconds(static_cast<std::int64_t>(bound < max_ ? bound : max_));
      }
    }
    return max();
  }
  std::chrono::nanoseconds max() const noexcept {
    return std::chrono::nanoseconds(static_cast<std::int64_t>(max_));
  }

 private:
  static constexpr std::size_t sub_buckets = 4;
  static constexpr std::size_t bucket_count = 64 * sub_buckets;

  static std::size_t bucket_of(std::uint64_t ns) noexcept {
    if (ns < sub_buckets) return static_cast<std::size_t>(ns);
    const auto power = static_cast<std::size_t>(std::bit_width(ns) - 1);  // >= 2
    const auto fraction = static_cast<std::size_t>((ns >> (power - 2)) & (sub_buckets - 1));
    return power * sub_buckets + fraction;
  }
  static std::uint64_t upper_bound(std::size_t bucket) noexcept {
    if (bucket < sub_buckets) return bucket;
    const std::size_t power = bucket / sub_buckets;
    const std::uint64_t step = std::uint64_t{1} << (power - 2);
    return (std::uint64_t{1} << power) + (bucket % sub_buckets + 1) * step - 1;
  }

  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t total_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace pgdsl::detail
