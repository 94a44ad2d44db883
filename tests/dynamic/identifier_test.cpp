// SPDX-License-Identifier: BSL-1.0
// pgdsl::identifier and qualified_name without a server: quoting by the shared writer (quotes
// doubled, nothing else changed), and the typed error for every name that cannot be one.
#include "support/catch.hpp"

#include <string>

#include "pgdsl/pgdsl.hpp"

static_assert(pgdsl::detail::is_valid_utf8("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80"));
static_assert(!pgdsl::detail::is_valid_utf8("\xc3"));              // truncated sequence
static_assert(!pgdsl::detail::is_valid_utf8("\xc0\xaf"));          // overlong '/'
static_assert(!pgdsl::detail::is_valid_utf8("\xed\xa0\x80"));      // a UTF-16 surrogate
static_assert(!pgdsl::detail::is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
static_assert(!pgdsl::detail::is_valid_utf8("\xff"));

TEST_CASE("an identifier is written in double quotes with embedded quotes doubled") {
  CHECK(pgdsl::identifier("users").quoted() == R"("users")");
  CHECK(pgdsl::identifier(R"(we"ird)").quoted() == R"("we""ird")");
  CHECK(pgdsl::identifier(R"(a\b'c; DROP TABLE x; --)").quoted() == R"("a\b'c; DROP TABLE x; --")");
  CHECK(pgdsl::identifier("Select").quoted() == R"("Select")");
  const pgdsl::sql q = pgdsl::sql("SELECT ") + pgdsl::identifier("e\"mail") + " FROM " +
                       pgdsl::qualified_name("tenant 7", "users");
  CHECK(q.text() == R"(SELECT "e""mail" FROM "tenant 7"."users")");
}

TEST_CASE("a name of 63 bytes is an identifier, one of 64 bytes is refused") {
  CHECK(pgdsl::identifier(std::string(63, 'a')).name().size() == 63);
  // 21 three-byte characters are 63 bytes; one more ASCII byte is 64.
  std::string wide;
  for (int i = 0; i < 21; ++i) wide += "\xe6\x97\xa5";
  CHECK(pgdsl::identifier(wide).name() == wide);
  CHECK_THROWS_AS(pgdsl::identifier(wide + "x"), pgdsl::invalid_identifier);
  CHECK_THROWS_WITH(pgdsl::identifier(std::string(64, 'a')),
                    Catch::Contains("longer than 63 bytes"));
}

TEST_CASE("an empty name, a NUL byte and invalid UTF-8 are refused with a typed error") {
  CHECK_THROWS_WITH(pgdsl::identifier(""), Catch::Contains("it is empty"));
  try {
    (void)pgdsl::identifier(std::string("us\0ers", 6));
    FAIL("a NUL byte was accepted");
  } catch (const pgdsl::invalid_identifier& e) {
    CHECK(std::string(e.what()) == R"(invalid SQL identifier "us\x00ers": it contains a NUL byte)");
    CHECK(e.name() == std::string("us\0ers", 6));
  }
  CHECK_THROWS_WITH(pgdsl::identifier("caf\xc3"), Catch::Contains("not valid UTF-8"));
  CHECK_THROWS_AS(pgdsl::qualified_name("ok", ""), pgdsl::invalid_identifier);
  CHECK_THROWS_AS(pgdsl::identifier("\xed\xa0\x80"), pgdsl::error);
}

TEST_CASE("composed statements number their placeholders left to right, also across joins") {
  const pgdsl::sql filter =
      pgdsl::sql("\"a\" = ") + pgdsl::param(1) + " AND \"b\" = " + pgdsl::param(std::string("x"));
  const std::vector<pgdsl::identifier> columns{pgdsl::identifier("a"), pgdsl::identifier("b")};
  const pgdsl::sql q = pgdsl::sql("SELECT ") + pgdsl::sql::join(", ", columns) + " FROM " +
                       pgdsl::identifier("t") + " WHERE " + filter + " OR \"a\" > " +
                       pgdsl::param(2.5);
  CHECK(q.text() == R"(SELECT "a", "b" FROM "t" WHERE "a" = $1 AND "b" = $2 OR "a" > $3)");
  CHECK(q.param_count() == 3);
  // Text marked as made at run time is taken as it is: the escape hatch, found by grep.
  const std::string trusted = "ORDER BY 1";
  CHECK((q + " " + pgdsl::runtime_sql(trusted)).text().ends_with("$3 ORDER BY 1"));
}
