// SPDX-License-Identifier: BSL-1.0
// Credentials never reach a message: a table of malformed URLs and key=value strings, each with a
// password, is tried, and no exception's what() holds the password or a piece of it. Strings that
// look like URLs but are not are refused before libpq or the server sees them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/redact.hpp"

static_assert(pgdsl::detail::looks_like_malformed_url("postgres:/u:SECRET@@host/db"));
static_assert(pgdsl::detail::looks_like_malformed_url("postgresq://u:pw@host/db"));
static_assert(pgdsl::detail::looks_like_malformed_url("u:pw@host/db"));
static_assert(!pgdsl::detail::looks_like_malformed_url("postgresql://u:pw@host/db"));
static_assert(!pgdsl::detail::looks_like_malformed_url("host=h password=pw"));
static_assert(!pgdsl::detail::looks_like_malformed_url("shop"));
static_assert(!pgdsl::detail::looks_like_malformed_url("my_db-2"));

namespace {

struct leak_case {
  std::string conninfo;
  std::vector<std::string> secret_pieces;  // none may appear in the message
};

// Every target is a unix socket directory that does not exist: a valid string fails at once.
std::vector<leak_case> leak_cases() {
  return {
      {"postgresql://u:SECRET@[::1/db", {"SECRET"}},
      {"postgresql://u:SECRET%ZZPW@host/db", {"SECRET", "ZZPW"}},
      {"postgres:/u:SECRET@@host/db", {"SECRET"}},
      {"postgres://u:SECRET@@%2Fnonexistent/db", {"SECRET"}},
      {"postgresql://u:SECRET@%2Fnonexistent:notaport/db", {"SECRET"}},
      {"postgresql://u:SECRET@%2Fnonexistent/db?bogus=1", {"SECRET"}},
      {"postgresql://u:SECRET@%2Fnonexistent/db?sslmode", {"SECRET"}},
      {"postgresql://u:SECRET@%2Fnonexistent/db?host=a=b", {"SECRET"}},
      {"postgresql://u@%2Fnonexistent/db?password=SECRET%ZZ", {"SECRET"}},
      {"postgresql://u@%2Fnonexistent/db?password=SECRET%00x", {"SECRET"}},
      {"postgresql://u:SECRET@%2Fnonexistent/db", {"SECRET"}},
      {"postgresql://u:SEC@RET@/db?host=/nonexistent", {"SEC@RET", "RET"}},
      {"host=/nonexistent password=SECRET", {"SECRET"}},
      {"password=SECRET host=/nonexistent", {"SECRET"}},
      {"host=/nonexistent password = 'SECRET PW2' user=u", {"SECRET", "PW2"}},
      {"host=/nonexistent password=SECRET PW2", {"SECRET", "PW2"}},
      {"password=SECRET PW2 host=/nonexistent", {"SECRET", "PW2"}},
      {"host=/nonexistent PASSWORD=SECRET", {"SECRET"}},
      {"host=/nonexistent password='SEC\\'RET", {"SEC", "RET"}},
      {"host=/nonexistent password=SECRET bogus=1", {"SECRET"}},
      {"host=/nonexistent password=SECRET port=notaport", {"SECRET"}},
      {"host=/nonexistent dbname='postgresql://u:SECRET@h/db' x", {"SECRET"}},
  };
}

std::string message_of(const std::string& conninfo) {
  try {
    pgdsl::connection db(conninfo);
  } catch (const pgdsl::connection_error& e) {
    CHECK(e.sqlstate() == "08001");
    return e.what();
  }
  FAIL("expected connection_error for " << conninfo);
  return {};
}

}  // namespace

TEST_CASE("no malformed or failing connection string puts its password into a message") {
  for (const leak_case& c : leak_cases()) {
    const std::string what = message_of(c.conninfo);
    INFO(c.conninfo << "\n  -> " << what);
    for (const std::string& piece : c.secret_pieces) CHECK(what.find(piece) == std::string::npos);
  }
}

TEST_CASE("a password given in options or as an extra keyword never appears either") {
  pgdsl::connection_options options;
  options.conninfo = "postgresql://u@%2Fnonexistent/db?bogus=1";
  options.password = "SECRET-OPTION";
  options.extra = {{"password", "SECRET-EXTRA"}};
  try {
    pgdsl::connection db(options);
    FAIL("expected connection_error");
  } catch (const pgdsl::connection_error& e) {
    const std::string what = e.what();
    CHECK(what.find("SECRET") == std::string::npos);
  }
}

TEST_CASE("a string that looks like a URL but is not one is refused before it is sent") {
  const std::string what = message_of("postgres:/u:SECRET@@host/db");
  CHECK(what.find("looks like a URL") != std::string::npos);
  CHECK(what.find("SECRET") == std::string::npos);
}

TEST_CASE("a malformed URL is refused with libpq's reason, its userinfo redacted") {
  const std::string what = message_of("postgresql://u:SECRET@[::1/db");
  CHECK(what.find("invalid connection string") != std::string::npos);
  CHECK(what.find("********") != std::string::npos);
}

TEST_CASE("a plain database name is still a connection string") {
  const char* database = std::getenv("PGDATABASE");
  if (database == nullptr || *database == '\0') return;
  pgdsl::connection db{std::string(database)};
  CHECK(db.is_open());
}

TEST_CASE("redaction finds URL userinfo and password=value in any position and quoting") {
  using pgdsl::detail::redact_secrets;
  CHECK(redact_secrets("bad: \"postgresql://u:pw@[::1/db\"", {}) ==
        "bad: \"postgresql://********@[::1/db\"");
  CHECK(redact_secrets("x password=pw y", {}) == "x password=******** y");
  CHECK(redact_secrets("x PASSWORD = 'p w' y", {}) == "x PASSWORD = ******** y");
  CHECK(redact_secrets("a?password=pw&b=1", {}) == "a?password=********&b=1");
  CHECK(redact_secrets("token \"pw%ZZ\"", {"pw%ZZ"}) == "token \"********\"");
}
