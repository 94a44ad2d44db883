// SPDX-License-Identifier: BSL-1.0
// dynamic_statement: what the execution layer needs from a statement whose shape is chosen at run
// time (include/pgdsl/dynamic): the interned SQL of its present shape (whose address is its key in
// the prepared-statement cache, as Q::sql.c_str() is a static statement's), its bound values in $n
// order and their most. The blocking execute_dynamic() and the pipeline run it alike.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/execution/detail/protocol.hpp"
#include "pgdsl/execution/statement_concept.hpp"

namespace pgdsl {

/// A statement with optional parts: q.sql() is its present shape's text, interned for the
/// program's life; q.bind(f) visits at most Q::max_param_count values.
template <class Q>
concept dynamic_statement = requires(const Q& q) {
  { q.sql() } -> std::same_as<const char*>;
  { q.shape() } -> std::same_as<std::uint64_t>;
  typename Q::result_columns;
  requires detail::is_type_list<typename Q::result_columns>;
  { Q::max_param_count } -> std::convertible_to<std::size_t>;
  q.bind(detail::any_parameter_sink{});
};

namespace detail {

/// The binary parameters of one shape of a dynamic statement, typed by their values; no heap for
/// values that fit parameter_block's inline storage.
template <class Q>
class shape_parameters {
 public:
  explicit shape_parameters(const Q& statement) {
    statement.bind([&](const auto& value) {
      types_[count_++] = parameter_oid_v<std::remove_cvref_t<decltype(value)>>;
      block_.add(value);
    });
    block_.finish();
  }
  shape_parameters(const shape_parameters&) = delete;
  shape_parameters& operator=(const shape_parameters&) = delete;

  bound_parameters bound() const noexcept {
    return {static_cast<int>(count_), types_.data(), block_.values(), block_.lengths(),
            block_.formats()};
  }

 private:
  parameter_block<Q::max_param_count> block_;
  std::array<oid, Q::max_param_count> types_{};
  std::size_t count_ = 0;
};

}  // namespace detail
}  // namespace pgdsl
