// SPDX-License-Identifier: BSL-1.0
// The schema of the compile-cost benchmarks (users, orders, order_items): shared by the render,
// execute and headers-only translation units so that they differ only in what they measure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "pgdsl/pgdsl.hpp"

namespace shop {

using namespace pgdsl;

struct users_t : table<"users"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"username", std::string, unique> username;
  column<"email", std::string> email;
  column<"created_at", timestamptz, default_sql<"now()">> created_at;
  column<"score", std::optional<double>> score;
};
inline constexpr users_t users{};

struct orders_t : table<"orders"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"user_id", std::int64_t, references<&users_t::id>> user_id;
  column<"status", std::string, default_sql<"'new'">> status;
  column<"total", numeric> total;
  column<"placed_at", timestamptz, default_sql<"now()">> placed_at;
  column<"note", std::optional<std::string>> note;
};
inline constexpr orders_t orders{};

struct order_items_t : table<"order_items"> {
  column<"order_id", std::int64_t, references<&orders_t::id>> order_id;
  column<"product", std::string> product;
  column<"quantity", std::int32_t> quantity;
  column<"unit_price", numeric> unit_price;
};
inline constexpr order_items_t order_items{};

}  // namespace shop
