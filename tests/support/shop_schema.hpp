// SPDX-License-Identifier: BSL-1.0
// The schema the tests and examples share: users, orders, order_items, and employees (for
// self-joins). tests/support/shop_schema.sql creates the same tables on a server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

struct employees_t : table<"employees"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"name", std::string> name;
  column<"manager_id", std::optional<std::int64_t>, references<&employees_t::id>> manager_id;
  column<"salary", std::int32_t, default_sql<"0">> salary;
};
inline constexpr employees_t employees{};

struct events_t : table<"events"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"happened_at", timestamptz, default_sql<"now()">> happened_at;
  column<"note", std::optional<std::string>> note;
};
inline constexpr events_t events{};

/// A table whose names need quoting: "we""ird"."col""umn".
struct weird_t : table<"we\"ird"> {
  column<"col\"umn", std::int32_t> col;
};
inline constexpr weird_t weird{};

}  // namespace shop
