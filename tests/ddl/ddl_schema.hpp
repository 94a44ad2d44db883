// SPDX-License-Identifier: BSL-1.0
// A schema that uses every type pgdsl maps and every constraint kind the DDL layer writes; the
// DDL tests render it at compile time and run it on the server.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/every_type_table.hpp"

namespace ddl_test {

enum class mood { sad, ok, happy };

}  // namespace ddl_test

template <>
struct pgdsl::type_traits<ddl_test::mood>
    : pgdsl::enum_traits<ddl_test::mood, "ddl_mood", "sad", "ok", "happy"> {};

namespace ddl_test {

using namespace pgdsl;
using pgdsl::numeric;

struct accounts_t : table<"ddl_accounts"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"email", std::string, varchar<120>, named<"ddl_accounts_email_key", unique>> email;
  column<"created_at", timestamptz, default_sql<"now()">> created_at;
  column<"balance", numeric, precision<12, 2>, default_sql<"0">> balance;
  column<"feeling", std::optional<mood>> feeling;

  constexpr auto table_args() const {
    return pgdsl::table_args(
        pgdsl::check<"ddl_accounts_balance_check">(balance >= lit<0>),
        pgdsl::index<"ddl_accounts_created_idx">(created_at),
        pgdsl::index<"ddl_accounts_lower_email_idx">(pgdsl::lower(email)).unique(),
        pgdsl::index<"ddl_accounts_sad_idx">(id).where(feeling.is_not_null()));
  }
};
inline constexpr accounts_t accounts{};

struct entries_t : table<"ddl_entries"> {
  column<"account_id", std::int64_t,
         references<&accounts_t::id, on_delete<referential_action::cascade>>>
      account_id;
  column<"line", std::int32_t> line;
  column<"amount", numeric> amount;
  column<"memo", std::optional<std::string>> memo;
  column<"tags", std::vector<std::string>, default_sql<"'{}'">> tags;

  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::primary_key_of(account_id, line),
                             pgdsl::unique_of<"ddl_entries_memo_key">(account_id, memo));
  }
};
inline constexpr entries_t entries{};

/// One column per mapped type.
using all_types_t = pgdsl::test::every_type_table<"ddl_all_types", mood>;
inline constexpr all_types_t all_types{};

/// Foreign-key actions on a nullable column.
struct notes_t : table<"ddl_notes"> {
  column<"id", std::int32_t, primary_key> id;
  column<"account_id", std::optional<std::int64_t>,
         references<&accounts_t::id, on_delete<referential_action::set_null>,
                    on_update<referential_action::restrict>>>
      account_id;
};
inline constexpr notes_t notes{};

}  // namespace ddl_test
