// SPDX-License-Identifier: BSL-1.0
// Optional parts of a static statement, on the server: every shape of a search (3 optional
// filters x 2 optional sort keys x optional LIMIT: 64 shapes) executed and compared with the rows
// of the same search written by hand as SQL text; placeholders dense in every shape; each shape
// prepared once per connection; the shapes kept prepared bounded (least recently used go first).
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

using namespace shop;

namespace {

// The shop schema with 40 users of varied names, emails and scores (every fifth without one).
void create_users(pgdsl::test::database& fixture) {
  pgdsl::test::create_shop(fixture);
  fixture.run(
      "INSERT INTO users (username, email, score) SELECT 'user' || i || CASE WHEN i % 3 = 0 THEN "
      "'a' ELSE 'b' END, 'u' || i || CASE WHEN i % 4 = 0 THEN '@y' ELSE '@x' END, "
      "CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7 % 11)::float8 END FROM generate_series(1, 40) i");
}

struct search_form {
  std::optional<std::string> name;               // username ILIKE
  std::optional<double> min_score;               // score >=
  std::optional<std::vector<std::int64_t>> ids;  // id = ANY
  bool by_name = false;
  bool by_score = false;
  std::optional<std::int64_t> limit;
};

auto search(const search_form& form) {
  return pgdsl::dynamic(select(users.id, users.username).from(users).where(users.email.like("%@x")))
      .where(pgdsl::when(form.name, [](const std::string& n) { return users.username.ilike(n); }),
             pgdsl::when(form.min_score, [](double s) { return users.score >= s; }),
             pgdsl::when(form.ids, [](const auto& ids) { return users.id.in(ids); }))
      .order_by(pgdsl::when(form.by_name, users.username.asc()),
                pgdsl::when(form.by_score, users.score.desc().nulls_last()), users.id.asc())
      .limit(form.limit);
}

// The same search as a person would write it, values spelled in the text.
std::string hand_written(const search_form& form) {
  std::string sql = "SELECT id, username FROM users WHERE email LIKE '%@x'";
  if (form.name) sql += " AND username ILIKE '" + *form.name + "'";
  if (form.min_score) sql += " AND score >= " + std::to_string(*form.min_score);
  if (form.ids) {
    sql += " AND id IN (0";
    for (auto id : *form.ids) sql += ", " + std::to_string(id);
    sql += ")";
  }
  sql += " ORDER BY ";
  if (form.by_name) sql += "username, ";
  if (form.by_score) sql += "score DESC NULLS LAST, ";
  sql += "id";
  if (form.limit) sql += " LIMIT " + std::to_string(*form.limit);
  return sql;
}

search_form form_of_shape(unsigned shape) {
  search_form form;
  if (shape & 1) form.name = "%A%";
  if (shape & 2) form.min_score = 4.0;
  if (shape & 4) form.ids = std::vector<std::int64_t>{1, 3, 5, 6, 9, 12, 14, 15, 21, 30, 33};
  form.by_name = (shape & 8) != 0;
  form.by_score = (shape & 16) != 0;
  if (shape & 32) form.limit = 3;
  return form;
}

using rows = std::vector<std::tuple<std::int64_t, std::string>>;

}  // namespace

TEST_CASE("absent parts disappear and placeholders stay dense") {
  search_form form;
  form.min_score = 1.0;
  form.by_score = true;
  form.limit = 5;
  const auto q = search(form);
  CHECK(std::string(q.sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" WHERE "users"."email" LIKE $1 )"
        R"(AND "users"."score" >= $2 ORDER BY "users"."score" DESC NULLS LAST, "users"."id" ASC )"
        R"(LIMIT $3)");
  // Bits: the three conditions, the three keys (users.id's always set), LIMIT.
  CHECK(q.shape() == 0b1110010);
  char buffer[512];
  CHECK(q.render_into(buffer, sizeof buffer) == std::string_view(q.sql()));
  CHECK(q.render_into(buffer, 10).empty());
  // The same shape is the same text, at the same address: its key in the statement cache.
  CHECK(search(form).sql() == q.sql());
  const auto everything = search(form_of_shape(63));
  CHECK(std::string(everything.sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" WHERE "users"."email" LIKE $1 )"
        R"(AND "users"."username" ILIKE $2 AND "users"."score" >= $3 AND "users"."id" = ANY($4) )"
        R"(ORDER BY "users"."username" ASC, "users"."score" DESC NULLS LAST, "users"."id" ASC )"
        R"(LIMIT $5)");
  CHECK(std::string(search(search_form{}).sql()) ==
        R"(SELECT "users"."id", "users"."username" FROM "users" WHERE "users"."email" LIKE $1 )"
        R"(ORDER BY "users"."id" ASC)");
}

TEST_CASE("every shape of a search returns the rows of the same search written by hand") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  for (unsigned shape = 0; shape < 64; ++shape) {
    const search_form form = form_of_shape(shape);
    INFO("shape " << shape << ": " << hand_written(form));
    rows expected, got;
    for (const auto& [id, name] :
         db.query<std::int64_t, std::string>(pgdsl::runtime_sql(hand_written(form))))
      expected.emplace_back(id, name);
    for (const auto& [id, name] : pgdsl::execute_dynamic(db, search(form)))
      got.emplace_back(id, name);
    CHECK(got == expected);
    CHECK(search(form).shape() == ((shape & 31) | 32 | ((shape & 32) << 1)));
    if (shape == 0) CHECK(expected.size() > 20);
  }
  // Each shape was prepared once: 64 statements, and running them again prepares nothing.
  CHECK(db.prepared_statement_count() == 64);
  for (unsigned shape = 0; shape < 64; ++shape)
    (void)pgdsl::execute_dynamic(db, search(form_of_shape(shape)));
  CHECK(db.prepared_statement_count() == 64);
  CHECK(db.query<std::int64_t>(pgdsl::runtime_sql("SELECT count(*) FROM pg_prepared_statements")).scalar() == 64);
}

TEST_CASE("at most shape_limit shapes stay prepared; the least recently used go first") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  pgdsl::set_shape_limit(db, 4);
  const auto server_count = [&] {
    return db.query<std::int64_t>(pgdsl::runtime_sql("SELECT count(*) FROM pg_prepared_statements")).scalar();
  };
  for (unsigned shape = 0; shape < 10; ++shape) {
    (void)pgdsl::execute_dynamic(db, search(form_of_shape(shape)));
    CHECK(server_count() == std::min<std::int64_t>(shape + 1, 4));
  }
  // Shape 9 is the most recent; shape 0 was deallocated long ago and is prepared again.
  const auto before =
      db.query<std::string>(pgdsl::runtime_sql(
            "SELECT string_agg(name, ',' ORDER BY name) FROM pg_prepared_statements"))
          .scalar();
  (void)pgdsl::execute_dynamic(db, search(form_of_shape(9)));
  CHECK(db.query<std::string>(pgdsl::runtime_sql(
              "SELECT string_agg(name, ',' ORDER BY name) FROM pg_prepared_statements"))
            .scalar() == before);
  rows again;
  for (const auto& [id, name] : pgdsl::execute_dynamic(db, search(form_of_shape(0))))
    again.emplace_back(id, name);
  CHECK(again.size() > 20);
  CHECK(server_count() == 4);
  CHECK(db.prepared_statement_count() == 4);
}

TEST_CASE("a dynamic statement with no shapes bound behaves like its base") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  auto plain = pgdsl::dynamic(select(users.id).from(users));
  CHECK(std::string(plain.sql()) == R"(SELECT "users"."id" FROM "users")");
  CHECK(pgdsl::execute_dynamic(db, plain).size() == 40);
  const std::optional<std::int64_t> no_limit;
  auto filtered =
      plain.where(pgdsl::when(std::optional<double>(2.0), [](double s) { return users.score < s; }))
          .limit(no_limit);
  CHECK(std::string(filtered.sql()) ==
        R"(SELECT "users"."id" FROM "users" WHERE "users"."score" < $1)");
  CHECK(static_cast<std::int64_t>(pgdsl::execute_dynamic(db, filtered).size()) ==
        db.query<std::int64_t>("SELECT count(*) FROM users WHERE score < 2").scalar());
}
