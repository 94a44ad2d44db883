// SPDX-License-Identifier: BSL-1.0
// Text and CSV COPY against the real server: a large CSV file with quotes, embedded newlines and
// NULLs loaded and exported back byte for byte, streams and callbacks both ways, options that
// need escaping, and failures (a bad line, a failing source or sink, a missing file) that load
// nothing, name the line and leave the connection usable.
#include "support/catch.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace {

struct notes_t : pgdsl::table<"notes"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"label", std::string> label;
  column<"note", std::optional<std::string>> note;
};
inline constexpr notes_t notes{};

void create_notes(pgdsl::test::database& fixture) {
  fixture.run("CREATE TABLE notes (id bigint PRIMARY KEY, label text NOT NULL, note text)");
}

std::int64_t count_notes(pgdsl::connection& db) {
  return db.query<std::int64_t>("SELECT count(*) FROM notes").scalar();
}

// Rows for the round trip: 250,000 keep the test at about two seconds in CI (the time is the
// server's); PGDSL_COPY_TEXT_ROWS=1000000 runs the million-row file (about 8 s on 2 cores).
std::int64_t round_trip_rows() {
  const char* text = std::getenv("PGDSL_COPY_TEXT_ROWS");
  return text != nullptr ? std::stoll(text) : 250'000;
}

// One CSV line quoted exactly as the server's COPY TO quotes it (only where needed; the empty
// string as ""; NULL as nothing), so that the export can be compared byte for byte.
void append_csv_row(std::string& out, std::int64_t id) {
  out += std::to_string(id);
  switch (id % 6) {
    case 0:
      out += ",plain " + std::to_string(id);
      break;
    case 1:
      out += ",\"say \"\"hi\"\" " + std::to_string(id) + "\"";
      break;
    case 2:
      out += ",\"a,b\"";
      break;
    case 3:
      out += ",\"first line\nsecond line\"";
      break;
    case 4:
      out += ",\"\"";
      break;
    default:
      out += ",\"crlf\r\nüñí\"";
      break;
  }
  out += id % 3 == 0 ? "," : ",n" + std::to_string(id % 1000);
  out += '\n';
}

struct temp_file {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               (pgdsl::test::unique_schema_name() + "_copy_text.csv");
  temp_file() = default;
  explicit temp_file(std::string_view tag) { path += tag; }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  ~temp_file() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

bool same_contents(const std::filesystem::path& a, const std::filesystem::path& b) {
  if (std::filesystem::file_size(a) != std::filesystem::file_size(b)) return false;
  std::ifstream left(a, std::ios::binary), right(b, std::ios::binary);
  std::string x(1 << 16, '\0'), y(1 << 16, '\0');
  while (left && right) {
    left.read(x.data(), static_cast<std::streamsize>(x.size()));
    right.read(y.data(), static_cast<std::streamsize>(y.size()));
    if (left.gcount() != right.gcount() ||
        x.compare(0, static_cast<std::size_t>(left.gcount()), y, 0,
                  static_cast<std::size_t>(right.gcount())) != 0)
      return false;
  }
  return true;
}

auto all_notes() {
  return pgdsl::select(notes.id, notes.label, notes.note).from(notes).order_by(notes.id.asc());
}

}  // namespace

TEST_CASE("a large CSV file with quotes, newlines and NULLs loads and exports back equal") {
  pgdsl::test::database fixture;
  create_notes(fixture);
  auto& db = fixture.db();
  const std::int64_t rows = round_trip_rows();
  temp_file original, exported{"_back"};
  {
    std::ofstream out(original.path, std::ios::binary);
    std::string chunk = "id,label,note\n";
    for (std::int64_t id = 1; id <= rows; ++id) {
      append_csv_row(chunk, id);
      if (chunk.size() > (1 << 16)) {
        out << chunk;
        chunk.clear();
      }
    }
    out << chunk;
  }
  const pgdsl::csv_format csv{.header = true};
  CHECK(pgdsl::copy_from(db, notes, original.path, csv) == static_cast<std::uint64_t>(rows));
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM notes WHERE note IS NULL").scalar() ==
        rows / 3);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM notes WHERE label = ''").scalar() ==
        (rows + 2) / 6);
  CHECK(db.query<std::string>("SELECT label FROM notes WHERE id = 3").scalar() ==
        "first line\nsecond line");
  CHECK(db.query<std::string>("SELECT label FROM notes WHERE id = 1").scalar() == "say \"hi\" 1");

  CHECK(pgdsl::copy_to(db, all_notes(), exported.path, csv) == static_cast<std::uint64_t>(rows));
  CHECK(same_contents(original.path, exported.path));
}

TEST_CASE("text format with a chosen delimiter and NULL string round-trips through streams") {
  pgdsl::test::database fixture;
  create_notes(fixture);
  auto& db = fixture.db();
  // Backslash escapes of the text format: \t and \n inside a field, \\ for a backslash.
  std::istringstream in("1|tab\\there|-\n2|back\\\\slash|x|y\n3|new\\nline|it's\n");
  const pgdsl::text_format text{.delimiter = '|', .null_string = "-"};
  try {
    pgdsl::copy_from(db, notes, in, text);
    FAIL("the COPY succeeded");
  } catch (const pgdsl::data_exception& e) {
    CHECK(e.sqlstate() == "22P04");  // bad_copy_file_format: extra data after the last column
    CHECK(e.copy_line() == std::optional<std::uint64_t>(2));
  }
  CHECK(count_notes(db) == 0);

  std::istringstream good("1|tab\\there|-\n2|back\\\\slash|x\n3|new\\nline|it's\n");
  CHECK(pgdsl::copy_from(db, notes, pgdsl::columns(notes.id, notes.label, notes.note), good,
                         text) == 3);
  const auto back = db.execute(all_notes());
  REQUIRE(back.size() == 3);
  CHECK(back[0][notes.label] == "tab\there");
  CHECK(back[0][notes.note] == std::nullopt);
  CHECK(back[1][notes.label] == "back\\slash");
  CHECK(back[2][notes.label] == "new\nline");

  std::ostringstream out;
  CHECK(pgdsl::copy_to(db, all_notes(), out, pgdsl::text_format{.null_string = "NULL"}) == 3);
  CHECK(out.str() == "1\ttab\\there\tNULL\n2\tback\\\\slash\tx\n3\tnew\\nline\tit's\n");
}

TEST_CASE("options are escaped literals: a quote character and a NULL string with quotes") {
  pgdsl::test::database fixture;
  create_notes(fixture);
  auto& db = fixture.db();
  const pgdsl::csv_format quoted{.delimiter = ';', .quote = '\'', .escape = '\\'};
  std::istringstream in("1;'a;b';\n2;'don\\'t';x\n");
  CHECK(pgdsl::copy_from(db, notes, in, quoted) == 2);
  CHECK(db.query<std::string>("SELECT label FROM notes WHERE id = 1").scalar() == "a;b");
  CHECK(db.query<std::string>("SELECT label FROM notes WHERE id = 2").scalar() == "don't");
  std::ostringstream out;
  pgdsl::copy_to(db, all_notes(), out, quoted);
  CHECK(out.str() == "1;'a;b';\n2;'don\\'t';x\n");

  // A NULL string with a quote and a backslash (rendered E'N''\\').
  fixture.run("TRUNCATE notes");
  const pgdsl::csv_format odd_null{.null_string = "N'\\"};
  std::istringstream with_null("1,a,N'\\\n2,b,\"N'\\\"\n");
  CHECK(pgdsl::copy_from(db, notes, with_null, odd_null) == 2);
  CHECK(db.query<std::int64_t>("SELECT count(*) FROM notes WHERE note IS NULL").scalar() == 1);
  CHECK(db.query<std::string>("SELECT note FROM notes WHERE id = 2").scalar() == "N'\\");
  std::ostringstream back;
  pgdsl::copy_to(db, all_notes(), back, odd_null);
  CHECK(back.str() == "1,a,N'\\\n2,b,\"N'\\\"\n");

  CHECK_THROWS_AS(
      pgdsl::copy_to(db, notes, back, pgdsl::csv_format{.null_string = std::string("a\0b", 3)}),
      pgdsl::invalid_text);
}

TEST_CASE("callbacks produce and consume chunks that need not end at a row") {
  pgdsl::test::database fixture;
  create_notes(fixture);
  auto& db = fixture.db();
  const std::string data = "1,one,\n2,\"two\nlines\",x\n3,three,y\n";
  std::size_t at = 0;
  auto produce = [&]() -> std::string_view {  // three bytes at a time
    const std::string_view piece = std::string_view(data).substr(at, 3);
    at += piece.size();
    return piece;
  };
  CHECK(pgdsl::copy_from(db, notes, produce, pgdsl::csv_format{}) == 3);

  std::string back;
  std::size_t calls = 0;
  CHECK(pgdsl::copy_to(
            db, all_notes(),
            [&](std::string_view chunk) {
              back += chunk;
              ++calls;
            },
            pgdsl::csv_format{}) == 3);
  CHECK(back == data);
  CHECK(calls >= 1);
}

TEST_CASE("a bad line fails the COPY typed, with its line number, and loads nothing") {
  pgdsl::test::database fixture;
  create_notes(fixture);
  auto& db = fixture.db();
  std::string data = "id,label,note\n";
  for (std::int64_t id = 1; id < 4711; ++id) append_csv_row(data, id);
  // The server counts lines of the data as an editor does: the header is line 1, and a newline
  // inside a quoted field starts a new line.
  const auto bad_line = static_cast<std::uint64_t>(std::count(data.begin(), data.end(), '\n') + 1);
  data += "x4711,bad,\n";
  for (std::int64_t id = 5000; id < 5010; ++id) append_csv_row(data, id);
  std::istringstream in(data);
  try {
    pgdsl::copy_from(db, notes, in, pgdsl::csv_format{.header = true});
    FAIL("the COPY succeeded");
  } catch (const pgdsl::invalid_text_representation& e) {
    CHECK(e.copy_line() == std::optional<std::uint64_t>(bad_line));
    CHECK(e.context() == "COPY notes, line " + std::to_string(bad_line) + ", column id: \"x4711\"");
    CHECK(e.sql().starts_with(R"(COPY "notes" ("id", "label", "note") FROM STDIN (FORMAT csv)"));
    CHECK(std::string(e.what()).find("CONTEXT: COPY notes, line ") != std::string::npos);
  }
  CHECK(count_notes(db) == 0);

  std::istringstream duplicate("1,a,\n2,b,\n1,c,\n");
  try {
    pgdsl::copy_from(db, notes, duplicate, pgdsl::csv_format{});
    FAIL("the COPY succeeded");
  } catch (const pgdsl::unique_violation& e) {
    CHECK(e.constraint() == "notes_pkey");
    CHECK(e.copy_line() == std::optional<std::uint64_t>(3));
  }
  CHECK(count_notes(db) == 0);
  CHECK_THROWS_AS(db.query<std::int32_t>("SELECT 1/0").scalar(), pgdsl::division_by_zero);
}

TEST_CASE("a failing source or sink, or a missing file, leaves the connection usable") {
  pgdsl::test::database fixture;
  create_notes(fixture);
  auto& db = fixture.db();
  int calls = 0;
  auto failing = [&]() -> std::string_view {
    if (++calls > 2) throw std::runtime_error("source broke");
    return "1,a,\n";
  };
  CHECK_THROWS_WITH(pgdsl::copy_from(db, notes, failing, pgdsl::csv_format{}), "source broke");
  CHECK(count_notes(db) == 0);

  CHECK_THROWS_AS(
      pgdsl::copy_from(db, notes, std::filesystem::path("/nonexistent/x.csv"), pgdsl::csv_format{}),
      std::system_error);
  CHECK_THROWS_AS(
      pgdsl::copy_to(db, notes, std::filesystem::path("/nonexistent/x.csv"), pgdsl::csv_format{}),
      std::system_error);
  CHECK_THROWS_WITH(pgdsl::copy_from(db, notes, "/nonexistent/y.csv", pgdsl::csv_format{}),
                    Catch::Contains("cannot open the file \"/nonexistent/y.csv\""));

  fixture.run("INSERT INTO notes SELECT g, 'label', NULL FROM generate_series(1, 5000) g");
  auto refusing = [](std::string_view) { throw std::runtime_error("sink broke"); };
  CHECK_THROWS_WITH(pgdsl::copy_to(db, notes, refusing, pgdsl::csv_format{}), "sink broke");
  CHECK(count_notes(db) == 5000);
}

TEST_CASE("the query hook sees one COPY statement with its row count") {
  pgdsl::test::database fixture;
  create_notes(fixture);
  auto& db = fixture.db();
  std::vector<std::pair<std::string, std::uint64_t>> seen;
  db.set_query_hook(
      [&](const pgdsl::query_event& e) { seen.emplace_back(std::string(e.sql), e.rows); });
  std::istringstream in("1,a,\n2,b,\n");
  pgdsl::copy_from(db, notes, in, pgdsl::csv_format{});
  std::ostringstream out;
  pgdsl::copy_to(db, notes, pgdsl::columns(notes.label), out, pgdsl::csv_format{.header = true});
  CHECK(out.str() == "label\na\nb\n");
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].first ==
        R"(COPY "notes" ("id", "label", "note") FROM STDIN (FORMAT csv, DELIMITER ',', )"
        R"(QUOTE '"', ESCAPE '"', NULL '', HEADER false))");
  CHECK(seen[0].second == 2);
  CHECK(seen[1].first.starts_with(R"(COPY "notes" ("label") TO STDOUT (FORMAT csv)"));
  CHECK(seen[1].second == 2);
}
