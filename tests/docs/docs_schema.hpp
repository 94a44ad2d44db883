// SPDX-License-Identifier: BSL-1.0
// The tables the documentation's examples use (users, orders, products, ...), for the units that
// tools/docs_snippets.py extracts from README.md and docs/*.md: a block marked `fragment` or
// `namespace` sees everything in pgdsl_docs, and through it all of pgdsl. Keep each table as the
// chapters describe it (docs/queries.md shows users, docs/schema.md accounts); a column a chapter
// needs is added here, never invented in the chapter.
#pragma once

#include <pgdsl/pgdsl.hpp>

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "../support/shop_schema.hpp"

namespace pgdsl_docs {
/// The enum docs/schema.md stores (its mapping is docs/types.md's, written with enum_traits).
enum class mood { sad, ok, happy };
}  // namespace pgdsl_docs

template <>
struct pgdsl::type_traits<pgdsl_docs::mood>
    : pgdsl::enum_traits<pgdsl_docs::mood, "mood", "sad", "ok", "happy"> {};

namespace pgdsl_docs {

using namespace pgdsl;
using namespace std::chrono_literals;

// tests/support's users with updated_at (docs/dynamic.md's PATCH sets it).
struct users_t : table<"users"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"username", std::string, unique> username;
  column<"email", std::string> email;
  column<"created_at", timestamptz, default_sql<"now()">> created_at;
  column<"updated_at", std::optional<timestamptz>> updated_at;
  column<"score", std::optional<double>> score;
};
inline constexpr users_t users{};

// The tests' own tables, as docs/queries.md uses them.
using shop::employees;
using shop::employees_t;
using shop::order_items;
using shop::order_items_t;
using shop::orders;
using shop::orders_t;

struct products_t : table<"products"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"name", std::string> name;
  column<"category", std::string> category;
  column<"price", numeric> price;
};
inline constexpr products_t products{};

struct accounts_t : table<"accounts"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"email", std::string, unique> email;
  column<"balance", numeric, default_sql<"0">> balance;
};
inline constexpr accounts_t accounts{};

/// Statements the text refers to by name (docs/results.md).
inline auto by_id(std::int64_t id) {
  return select(users.id, users.username).from(users).where(users.id == id);
}
inline auto by_email(const std::string& email) {
  return select(users.id, users.username).from(users).where(users.email == email);
}

/// The user type of docs/types.md's binary-format example.
struct point {
  std::int32_t x;
  std::int32_t y;
};

/// A user read into a struct (docs/results.md): members named like the columns they receive.
struct user {
  std::int64_t id;
  std::string username;
  std::optional<double> score;
};

/// Every column of users, one member each (docs/bulk_loading.md copies whole rows).
struct user_row {
  std::int64_t id;
  std::string username;
  std::string email;
  timestamptz created_at;
  std::optional<timestamptz> updated_at;
  std::optional<double> score;
};

/// A web request as docs/dynamic.md reads it: ?fields=email,score&sort=-score,username
struct http_request {
  std::vector<std::string> fields;
  std::string sort;
};

/// A search form, every field optional (docs/dynamic.md).
struct search_form {
  std::optional<std::string> name;
  std::optional<double> min_score;
  std::optional<std::vector<std::int64_t>> ids;
  bool by_name = false;
  std::optional<std::int64_t> limit;
  std::optional<double> min_price;
  std::vector<std::string> categories;
  std::optional<std::string> sort_by;
};

/// What a program records per statement (docs/connecting.md, the query hook). Declared only:
/// the units are compiled, never linked.
struct statement_metrics {
  void observe(std::string_view sql, std::chrono::nanoseconds duration, std::uint64_t rows,
               bool failed);
};

}  // namespace pgdsl_docs
