// SPDX-License-Identifier: BSL-1.0
// Golden SQL of function<"name", R>(...): any SQL function called by name with a declared result
// type and null rule. Compiling this file is passing; render_prepare sends each statement to a
// server (built-in functions here; a user-defined one runs in tests/select).
#include <cstdint>
#include <optional>
#include <string>

#include "render_check.hpp"

using namespace shop;
using render_check::renders_as;

namespace {

[[maybe_unused]] void a_function_renders_its_name_and_binds_its_values() {
  auto q = select(pgdsl::function<"md5", std::string>(users.email),
                  pgdsl::function<"pg_catalog.btrim", std::string>(users.username, " x"))
               .from(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT md5("users"."email"), pg_catalog.btrim("users"."username", $1) FROM "users")"));
  static_assert(std::is_same_v<decltype(q)::param_types, pgdsl::type_list<std::string>>);
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<0, columns>::value_type, std::string>);
}

[[maybe_unused]] void the_null_rule_decides_the_result_type() {
  auto q = select(pgdsl::function<"abs", double>(users.score),
                  pgdsl::function<"greatest", double, pgdsl::null_rule::if_all_arguments>(
                      users.score, 0.0),
                  pgdsl::function<"random", double, pgdsl::null_rule::never>(),
                  pgdsl::function<"nullif", std::optional<std::int64_t>>(users.id, 0))
               .from(users);
  static_assert(renders_as<decltype(q)>(
      R"(SELECT abs("users"."score"), greatest("users"."score", $1), random(), )"
      R"(nullif("users"."id", $2) FROM "users")"));
  using columns = decltype(q)::result_columns;
  static_assert(std::is_same_v<pgdsl::at_t<0, columns>::value_type, std::optional<double>>);
  static_assert(std::is_same_v<pgdsl::at_t<1, columns>::value_type, double>);
  static_assert(std::is_same_v<pgdsl::at_t<2, columns>::value_type, double>);
  static_assert(std::is_same_v<pgdsl::at_t<3, columns>::value_type, std::optional<std::int64_t>>);
}

[[maybe_unused]] void a_function_is_an_expression_like_any_other(std::int64_t low) {
  auto q = select(users.id)
               .from(users)
               .where(pgdsl::function<"char_length", std::int32_t>(users.username) > low)
               .order_by(pgdsl::function<"lower", std::string>(users.email).desc());
  static_assert(renders_as<decltype(q)>(
      R"(SELECT "users"."id" FROM "users" WHERE char_length("users"."username") > $1 )"
      R"(ORDER BY lower("users"."email") DESC)"));
}

// The docs' example: pg_trgm's similarity() (not registered for the server check, which has no
// extension installed).
[[maybe_unused]] void an_extension_function_as_in_the_docs(const std::string& search) {
  auto q =
      select(users.id, pgdsl::function<"similarity", float>(users.username, search).as<"sim">())
          .from(users)
          .where(pgdsl::function<"similarity", float>(users.username, search) > 0.3)
          .order_by(users.id);
  static_assert(decltype(q)::sql ==
                R"(SELECT "users"."id", similarity("users"."username", $1) AS "sim" FROM "users" )"
                R"(WHERE similarity("users"."username", $2) > $3 ORDER BY "users"."id")");
  static_assert(
      std::is_same_v<decltype(q)::param_types, pgdsl::type_list<std::string, std::string, double>>);
}

}  // namespace
