// SPDX-License-Identifier: BSL-1.0
// A name of exactly 63 bytes (PostgreSQL's limit) is accepted everywhere a name is taken, also
// when it is UTF-8: the rule counts bytes. Compiling is passing; the 64-byte cases must not
// compile (tests/rules/schema/*_longer_than_63_bytes.cpp).
#include "pgdsl/pgdsl.hpp"

namespace {
using namespace pgdsl;

static_assert(max_sql_name_bytes == 63);
static_assert(sql_name_fits(fixed_string("ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt")));
static_assert(!sql_name_fits(fixed_string("tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt")));
static_assert(sql_name_fits(fixed_string("éééééééééééééééééééééééééééééééx")));  // 32 characters, 63 bytes
static_assert(!sql_name_fits(fixed_string("éééééééééééééééééééééééééééééééxx")));  // 33 characters, 64 bytes

struct longest_t : table<"ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"> {
  column<"ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", int> value;
};
inline constexpr longest_t longest{};

struct accented_t : table<"éééééééééééééééééééééééééééééééx"> {
  column<"id", int> id;
};
inline constexpr accented_t accented{};

constexpr auto q = select(longest.value.as<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">()).from(longest);
// A plain loop: string_view::find is not a constant expression under -fsanitize (asan build).
constexpr bool contains(std::string_view text, std::string_view part) {
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i)
    if (text.substr(i, part.size()) == part) return true;
  return false;
}
static_assert(contains(q.sql.view(),
                       "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""));
constexpr auto self_join = longest.as<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">();
static_assert(decltype(self_join)::alias.size() == 63);
static_assert(select(accented.id).from(accented).sql.view().size() > 63);
}  // namespace
