// SPDX-License-Identifier: BSL-1.0
// Pipelines against the real server: results in order across more statements than the window
// holds, a failing statement's typed error naming its SQL, what happens to the statements after
// it, a throwing handler, unnamed mode, a full window that no flush request covers, and the
// connection usable after each.
#include "support/catch.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/items.hpp"

using namespace items_test;

TEST_CASE("a pipeline runs more statements than its window and hands over results in order") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  constexpr std::int64_t count = 10'000;
  // Several windows of the default 1,024, and a window whose ring (103 slots) ends inside a block.
  const auto options = GENERATE(pgdsl::pipeline_options{},
                                pgdsl::pipeline_options{.max_unanswered = 100, .flush_every = 7});
  CAPTURE(options.max_unanswered);
  {
    auto batch = db.pipeline(options);
    for (std::int64_t id = 1; id <= count; ++id)
      batch.execute(insert_item(id, "item " + std::to_string(id),
                                id % 3 ? std::optional(id * 0.5) : std::nullopt));
    batch.finish();
  }
  CHECK(count_items(db) == count);

  std::vector<item> rows;
  auto batch = db.pipeline(options);
  for (std::int64_t id = count; id >= 1; --id)
    batch.execute(item_by_id(id),
                  [&](auto&& result) { rows.push_back(result.template one_as<item>()); });
  CHECK(batch.pending() > 0);
  batch.finish();
  REQUIRE(rows.size() == static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::int64_t id = count - static_cast<std::int64_t>(i);
    CHECK(rows[i] ==
          item{id % 3 ? std::optional(id * 0.5) : std::nullopt, "item " + std::to_string(id), id});
  }
  CHECK(db.prepared_statement_count() == 2);  // each statement prepared once, in the pipeline
}

TEST_CASE("a full window that no flush request covers asks for one and goes on") {
  // flush_every larger than the window: every full window must ask for its results itself, and
  // once they are read the pipeline must not wait for answers nobody asked for.
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  int delivered = 0;
  auto batch = db.pipeline(pgdsl::pipeline_options{.max_unanswered = 10, .flush_every = 1000});
  for (std::int64_t id = 1; id <= 100; ++id)
    batch.execute(insert_item(id, "x", std::nullopt), [&](auto&&) { ++delivered; });
  batch.finish();
  CHECK(delivered == 100);
  CHECK(count_items(db) == 100);
}

TEST_CASE("a failing statement throws its typed error naming its SQL; the rest are not run") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  int delivered = 0;
  auto batch = db.pipeline();
  batch.execute(insert_item(1, "a", 1.0), [&](auto&&) { ++delivered; });
  batch.execute(insert_item(1, "duplicate", 2.0), [&](auto&&) { ++delivered; });
  batch.execute(insert_item(2, "after the error", 3.0), [&](auto&&) { ++delivered; });
  try {
    batch.finish();
    FAIL("expected unique_violation");
  } catch (const pgdsl::unique_violation& e) {
    CHECK(std::string(e.sql()).starts_with("INSERT INTO \"items\""));
    CHECK(e.constraint() == "items_pkey");
  }
  CHECK(delivered == 1);  // the statement before the error; none after it
  // One sync: outside a transaction block the pipeline is one implicit transaction, so the
  // statement that succeeded before the error is rolled back too.
  CHECK(count_items(db) == 0);
  CHECK(db.transaction_state() == pgdsl::transaction_status::idle);
  db.execute(insert_item(3, "still usable", std::nullopt));
  CHECK(count_items(db) == 1);
}

TEST_CASE("a statement on a missing table fails in the pipeline and is prepared again later") {
  pgdsl::test::database fixture;
  auto& db = fixture.db();
  auto batch = db.pipeline();
  batch.execute(item_by_id(1));
  CHECK_THROWS_AS(batch.finish(), pgdsl::undefined_table);
  CHECK(db.prepared_statement_count() == 0);
  create_items(fixture);
  db.execute(insert_item(1, "a", 1.0));
  auto again = db.pipeline();
  std::vector<item> rows;
  again.execute(item_by_id(1), [&](auto&& result) { rows = result.template as<item>(); });
  again.finish();
  CHECK(rows == std::vector<item>{{1.0, "a", 1}});
}

TEST_CASE("an exception from a result handler reaches the caller and the connection stays usable") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  db.execute(insert_item(1, "a", 1.0));
  auto batch = db.pipeline();
  for (int i = 0; i < 10; ++i)
    batch.execute(item_by_id(1), [](auto&&) { throw std::runtime_error("handler failed"); });
  CHECK_THROWS_WITH(batch.finish(), "handler failed");
  CHECK(db.execute(item_by_id(1)).one_as<item>().label == "a");
  CHECK_THROWS_AS(batch.execute(item_by_id(1)), pgdsl::error);  // finished for good
}

TEST_CASE("a pipeline inside a transaction rolls back with it") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  {
    auto tx = db.begin();
    auto batch = db.pipeline();
    for (std::int64_t id = 1; id <= 100; ++id) batch.execute(insert_item(id, "x", std::nullopt));
    batch.finish();
    CHECK(count_items(db) == 100);
  }  // rolled back
  CHECK(count_items(db) == 0);
}

TEST_CASE("a pipeline works in unnamed-statement mode, checking columns on every result") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto options = pgdsl::test::options_for_schema(fixture.schema());
  options.prepared_statements = false;
  pgdsl::connection db = pgdsl::connection::from_env(options);
  std::int64_t total = 0;
  auto batch = db.pipeline();
  for (std::int64_t id = 1; id <= 50; ++id) batch.execute(insert_item(id, "u", 1.5));
  for (std::int64_t id = 1; id <= 50; ++id)
    batch.execute(item_by_id(id),
                  [&](auto&& result) { total += result.template one_as<item>().id; });
  batch.finish();
  CHECK(total == 50 * 51 / 2);
}

TEST_CASE("a pipeline destroyed without finish waits for its statements and discards results") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  int delivered = 0;
  {
    auto batch = db.pipeline();
    for (std::int64_t id = 1; id <= 10; ++id)
      batch.execute(insert_item(id, "x", std::nullopt), [&](auto&&) { ++delivered; });
  }
  CHECK(delivered == 0);
  CHECK(count_items(db) == 10);  // queued statements ran (and committed: one implicit transaction)
}

TEST_CASE("the query hook sees each pipelined statement") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  int events = 0;
  db.set_query_hook([&](const pgdsl::query_event& event) {
    if (std::string_view(event.sql).starts_with("INSERT")) ++events;
  });
  auto batch = db.pipeline();
  for (std::int64_t id = 1; id <= 5; ++id) batch.execute(insert_item(id, "x", std::nullopt));
  batch.finish();
  CHECK(events == 5);
}

TEST_CASE("a declared column type the server disagrees with fails the pipeline before decoding") {
  pgdsl::test::database fixture;
  // price is numeric on the server, std::optional<double> in the descriptor.
  fixture.run(
      "CREATE TABLE items (id bigint PRIMARY KEY, label text NOT NULL, price numeric, "
      "added timestamptz NOT NULL DEFAULT now())");
  auto& db = fixture.db();
  fixture.run("INSERT INTO items (id, label, price) VALUES (1, 'a', 1.5)");
  int delivered = 0;
  auto batch = db.pipeline();
  batch.execute(item_by_id(1), [&](auto&&) { ++delivered; });
  CHECK_THROWS_AS(batch.finish(), pgdsl::type_mismatch);
  CHECK(delivered == 0);
  CHECK(db.prepared_statement_count() == 0);  // checked again on next use
  CHECK(count_items(db) == 1);
}

TEST_CASE("a hook that throws in a pipeline is called once per statement and fails it at finish") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  int calls = 0;
  int delivered = 0;
  db.set_query_hook([&](const pgdsl::query_event& event) {
    if (!std::string_view(event.sql).starts_with("INSERT")) return;
    ++calls;
    throw std::runtime_error("hook failed");
  });
  auto batch = db.pipeline();
  for (std::int64_t id = 1; id <= 3; ++id)
    batch.execute(insert_item(id, "x", std::nullopt), [&](auto&&) { ++delivered; });
  CHECK_THROWS_WITH(batch.finish(), "hook failed");
  CHECK(calls == 1);      // the first statement's hook failed the pipeline; later results dropped
  CHECK(delivered == 0);  // its handler was not called
  db.set_query_hook({});
  CHECK(count_items(db) == 3);  // the statements themselves ran
}

TEST_CASE("a pipeline can be returned from a function and moved with statements in flight") {
  pgdsl::test::database fixture;
  create_items(fixture);
  auto& db = fixture.db();
  auto start = [&db] {
    auto batch = db.pipeline();
    batch.execute(insert_item(1, "a", std::nullopt));
    return batch;
  };
  std::optional<pgdsl::pipeline> stored;
  stored.emplace(start());
  auto moved = std::move(*stored);
  stored.reset();  // the moved-from pipeline has nothing to wait for
  moved.execute(insert_item(2, "b", 1.5));
  moved.finish();
  CHECK(count_items(db) == 2);
}
