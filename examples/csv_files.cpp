// SPDX-License-Identifier: BSL-1.0
// csv_files: importing and exporting CSV with COPY. Writes a small CSV file (a header, quotes, a
// newline inside a field, an empty string and a NULL), loads it with copy_from, exports a query
// back to CSV with copy_to, shows a rejected file's line number, and streams a tab-separated
// export to a callback. Connects from the environment (DATABASE_URL or PG*); the table is a TEMP
// table and the files are removed, so nothing is left behind.
#include <pgdsl/pgdsl.hpp>

#include <unistd.h>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

struct contacts_t : pgdsl::table<"contacts"> {
  column<"id", std::int64_t, pgdsl::primary_key> id;
  column<"name", std::string> name;
  column<"note", std::optional<std::string>> note;
};
inline constexpr contacts_t contacts{};

int main() try {
  auto db = pgdsl::connection::from_env();
  db.execute(pgdsl::create_table(contacts).temporary());

  const auto dir = std::filesystem::temp_directory_path();
  const auto in_path = dir / ("pgdsl_contacts_" + std::to_string(::getpid()) + ".csv");
  const auto out_path = dir / ("pgdsl_contacts_" + std::to_string(::getpid()) + "_out.csv");
  std::ofstream(in_path) << "id,name,note\n"
                            "1,Ada,\"likes \"\"engines\"\"\"\n"
                            "2,\"Lovelace, Ada\",\"two\nlines\"\n"
                            "3,\"\",\n";  // an empty name; a NULL note

  // 1. A file into the table (every column, in declaration order), read in 64 KiB chunks.
  const pgdsl::csv_format csv{.header = true};
  const std::uint64_t loaded = pgdsl::copy_from(db, contacts, in_path, csv);
  std::printf("loaded %llu rows\n", static_cast<unsigned long long>(loaded));

  // 2. A query's rows, in its order, into another file: the same bytes come back.
  pgdsl::copy_to(db,
                 pgdsl::select(contacts.id, contacts.name, contacts.note)
                     .from(contacts)
                     .order_by(contacts.id.asc()),
                 out_path, csv);
  std::ifstream a(in_path), b(out_path);
  const bool same = std::string(std::istreambuf_iterator<char>(a), {}) ==
                    std::string(std::istreambuf_iterator<char>(b), {});
  std::printf("exported file equals the imported one: %s\n", same ? "yes" : "no");

  // 3. A bad line fails the whole COPY (nothing is loaded) and says where.
  std::istringstream bad("4,Grace,\nfive,Alan,\n");
  try {
    pgdsl::copy_from(db, contacts, bad, pgdsl::csv_format{});
  } catch (const pgdsl::invalid_text_representation& e) {
    std::printf("rejected line %llu: %s\n", static_cast<unsigned long long>(*e.copy_line()),
                e.message().c_str());
  }

  // 4. Text format (tab-separated, \N for NULL) to a callback, chunk by chunk.
  pgdsl::copy_to(
      db, contacts, pgdsl::columns(contacts.id, contacts.note),
      [](std::string_view chunk) { std::fwrite(chunk.data(), 1, chunk.size(), stdout); },
      pgdsl::text_format{});

  std::filesystem::remove(in_path);
  std::filesystem::remove(out_path);
  return same ? 0 : 1;
} catch (const std::exception& e) {
  std::fprintf(stderr, "csv_files: %s\n", e.what());
  return 1;
}
