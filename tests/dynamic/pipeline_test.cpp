// SPDX-License-Identifier: BSL-1.0
// Dynamic statements in a pipeline, on the server: shapes of a search (with an optional join)
// queued next to static statements return what execute_dynamic() returns, each shape prepared
// once; beyond the connection's shape limit the evicted shapes are deallocated inside the
// pipeline; a dynamic UPDATE runs there too; unnamed mode checks every result.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/create_shop.hpp"
#include "support/database.hpp"
#include "support/shop_schema.hpp"

using namespace shop;

namespace {

void create_users(pgdsl::test::database& fixture) {
  pgdsl::test::create_shop(fixture);
  fixture.run(
      "INSERT INTO users (username, email, score) SELECT 'user' || i, 'u' || i || '@x', i % 7 "
      "FROM generate_series(1, 30) i");
  fixture.run(
      "INSERT INTO orders (user_id, total) SELECT i, i * 10 FROM generate_series(1, 30, "
      "2) i");
}

// Shape bits: 1 join orders, 2 a name filter, 4 a score filter, 8 a total filter (needs the
// join), 16 a LIMIT.
auto search(unsigned shape) {
  const bool joined = (shape & 1) != 0 || (shape & 8) != 0;
  return pgdsl::dynamic(select(users.id).from(users))
      .join(pgdsl::when(joined, pgdsl::join(orders).on(orders.user_id == users.id)))
      .where(pgdsl::when((shape & 2) != 0, users.username.like("user1%")),
             pgdsl::when((shape & 4) != 0, users.score >= 3.0),
             pgdsl::when((shape & 8) != 0, orders.total > 50))
      .order_by(users.id.desc())
      .limit((shape & 16) != 0 ? std::optional<std::int64_t>(4) : std::nullopt);
}

std::vector<std::int64_t> ids_of(auto&& result) {
  std::vector<std::int64_t> ids;
  for (auto [id] : result) ids.push_back(id);
  return ids;
}

// Every shape's ids, executed one by one outside a pipeline.
std::vector<std::vector<std::int64_t>> expected_ids(pgdsl::connection& db) {
  std::vector<std::vector<std::int64_t>> expected;
  for (unsigned shape = 0; shape < 32; ++shape)
    expected.push_back(ids_of(pgdsl::execute_dynamic(db, search(shape))));
  return expected;
}

}  // namespace

TEST_CASE(
    "dynamic statements in a pipeline return what they return alone, each shape prepared "
    "once") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  const auto expected = expected_ids(db);
  CHECK(expected[0].size() == 30);
  CHECK(db.prepared_statement_count() == 24);  // 32 forms, 24 shapes (a total filter joins)
  std::vector<std::vector<std::int64_t>> got(32);
  std::int64_t counted = 0;
  auto batch = db.pipeline();
  for (unsigned shape = 0; shape < 32; ++shape) {
    batch.execute(search(shape), [&, shape](auto&& result) { got[shape] = ids_of(result); });
    batch.execute(select(pgdsl::count()).from(users),
                  [&](auto&& result) { counted += result.scalar(); });
  }
  batch.finish();
  CHECK(got == expected);
  CHECK(counted == 32 * 30);
  CHECK(db.prepared_statement_count() == 25);  // nothing prepared again; the count once
}

TEST_CASE("beyond the shape limit a pipeline deallocates the evicted shapes in order") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  pgdsl::set_shape_limit(db, 3);
  std::vector<std::vector<std::int64_t>> got(32);
  auto batch = db.pipeline(pgdsl::pipeline_options{.max_unanswered = 8, .flush_every = 3});
  for (int round = 0; round < 2; ++round)
    for (unsigned shape = 0; shape < 32; ++shape)
      batch.execute(search(shape), [&, shape](auto&& result) { got[shape] = ids_of(result); });
  batch.finish();
  // 24 shapes went through, twice: only the last three stay prepared, on the server too.
  CHECK(db.prepared_statement_count() == 3);
  CHECK(db.query<std::int64_t>(pgdsl::runtime_sql("SELECT count(*) FROM pg_prepared_statements"))
            .scalar() == 3);
  CHECK(got == expected_ids(db));
  CHECK(db.prepared_statement_count() == 3);
}

TEST_CASE("a dynamic UPDATE runs in a pipeline, and unnamed mode checks each shape's result") {
  pgdsl::test::database fixture;
  create_users(fixture);
  auto& db = fixture.db();
  const auto rename = [](std::int64_t id, std::optional<std::string> email, bool touch) {
    return update(users)
        .set(pgdsl::when(email, [](const std::string& e) { return users.email = e; }),
             pgdsl::when(touch, users.score = 99.0))
        .where(users.id == id)
        .returning(users.id);
  };
  std::vector<std::int64_t> returned;
  auto batch = db.pipeline();
  batch.execute(rename(1, "one@z", false), [&](auto&& r) { returned.push_back(r.scalar()); });
  batch.execute(rename(2, std::nullopt, true), [&](auto&& r) { returned.push_back(r.scalar()); });
  batch.execute(rename(3, "three@z", true), [&](auto&& r) { returned.push_back(r.scalar()); });
  batch.finish();
  CHECK(returned == std::vector<std::int64_t>{1, 2, 3});
  CHECK(
      db
          .query<std::string>(pgdsl::runtime_sql(
              "SELECT string_agg(email || ':' || score, ',' ORDER BY id) FROM users WHERE id <= 3"))
          .scalar() == "one@z:1,u2@x:99,three@z:99");

  pgdsl::connection_options options = pgdsl::test::options_for_schema(fixture.schema());
  options.prepared_statements = false;
  pgdsl::connection unnamed = pgdsl::connection::from_env(options);
  const auto expected = expected_ids(db);
  std::vector<std::vector<std::int64_t>> got(32);
  auto unnamed_batch = unnamed.pipeline();
  for (unsigned shape = 0; shape < 32; ++shape)
    unnamed_batch.execute(search(shape),
                          [&, shape](auto&& result) { got[shape] = ids_of(result); });
  unnamed_batch.finish();
  CHECK(got == expected);
  CHECK(
      unnamed.query<std::int64_t>(pgdsl::runtime_sql("SELECT count(*) FROM pg_prepared_statements"))
          .scalar() == 0);
}
