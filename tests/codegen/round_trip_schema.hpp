// SPDX-License-Identifier: BSL-1.0
// The codegen round trip's schema: every type pgdsl maps and every constraint kind pgdsl-codegen
// writes back (keys, named constraints, identity, defaults, foreign keys with actions and a
// self-reference, CHECK, plain and unique indexes, an enum and arrays).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/every_type_table.hpp"

namespace rt {
enum class mood { sad, ok, happy };
}  // namespace rt

template <>
struct pgdsl::type_traits<rt::mood>
    : pgdsl::enum_traits<rt::mood, "rt_mood", "sad", "ok", "happy"> {};

namespace rt {

using namespace pgdsl;
using pgdsl::numeric;
using fk_action = pgdsl::referential_action;

struct authors_t : table<"rt_authors"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"name", std::string, varchar<80>, unique> name;
  column<"feeling", std::optional<mood>> feeling;
  column<"rating", std::int32_t, default_sql<"0">> rating;
  column<"created_at", timestamptz, default_sql<"now()">> created_at;

  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::check<"rt_authors_rating_check">(rating >= lit<0>),
                             pgdsl::index<"rt_authors_created_idx">(created_at),
                             pgdsl::index<"rt_authors_name_feeling_idx">(name, feeling).unique());
  }
};

struct books_t : table<"rt_books"> {
  column<"id", std::int64_t, primary_key, identity> id;
  column<"author_id", std::int64_t,
         named<"rt_books_author_fk", references<&authors_t::id, on_delete<fk_action::cascade>,
                                                on_update<fk_action::restrict>>>>
      author_id;
  column<"title", std::string> title;
  column<"price", numeric, precision<8, 2>> price;
  column<"tags", std::vector<std::string>> tags;

  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::unique_of<"rt_books_title_key">(author_id, title));
  }
};

struct chapters_t : table<"rt_chapters"> {
  column<"book_id", std::int64_t, references<&books_t::id>> book_id;
  column<"number", std::int32_t> number;
  column<"title", std::optional<std::string>> title;

  constexpr auto table_args() const {
    return pgdsl::table_args(pgdsl::primary_key_of(book_id, number));
  }
};

struct people_t : table<"rt_people"> {
  column<"id", std::int64_t, named<"rt_people_pk", primary_key>> id;
  column<"manager_id", std::optional<std::int64_t>,
         references<&people_t::id, on_delete<fk_action::set_null>>>
      manager_id;
};

using all_types_t = pgdsl::test::every_type_table<"rt_all_types", mood>;

using tables = type_list<all_types_t, authors_t, books_t, chapters_t, people_t>;

}  // namespace rt
