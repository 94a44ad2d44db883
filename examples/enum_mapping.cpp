// SPDX-License-Identifier: BSL-1.0
// enum_mapping: a C++ enum stored in a PostgreSQL enum column. One type_traits specialization
// teaches pgdsl the type (docs/types.md, "adding a type"); the DSL then compares and assigns it
// like any other column, and reads it back typed. Run it through tools/with-postgres.sh, or with
// DATABASE_URL / PG* set; it works in a schema of its own and drops it at the end.
#include <pgdsl/pgdsl.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace app {
enum class mood { sad, ok, happy };
}  // namespace app

template <>
struct pgdsl::type_traits<app::mood> {
  static constexpr std::string_view sql_name = "mood";
  static constexpr pgdsl::oid type_oid = 0;  // assigned by CREATE TYPE: the server infers it
  static constexpr pgdsl::oid array_oid = 0;
  static constexpr pgdsl::type_category category = pgdsl::type_category::enumeration;
  static constexpr std::array<std::string_view, 3> labels{"sad", "ok", "happy"};

  template <class Out>
  static void encode(const app::mood& value, Out& out) {  // binary form: the label's text
    const auto index = static_cast<std::size_t>(value);
    if (index >= labels.size()) throw pgdsl::out_of_range_value("mood has no label");
    out.append(labels[index].data(), labels[index].size());
  }
  static app::mood decode(std::string_view wire) {
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == wire) return static_cast<app::mood>(i);
    throw pgdsl::decode_error("unknown mood label \"" + std::string(wire) + "\"");
  }
  static constexpr bool accepts(pgdsl::oid server_type) {
    return pgdsl::is_user_defined_oid(server_type);
  }
};

struct people_t : pgdsl::table<"people"> {
  column<"id", std::int64_t, pgdsl::primary_key, pgdsl::identity> id;
  column<"name", std::string> name;
  column<"mood", app::mood> mood;
};
inline constexpr people_t people{};

int main() try {
  auto db = pgdsl::connection::from_env();
  db.execute_raw("DROP SCHEMA IF EXISTS pgdsl_enum_example CASCADE");
  db.execute_raw("CREATE SCHEMA pgdsl_enum_example");
  db.execute_raw("SET search_path TO pgdsl_enum_example");
  // CREATE TYPE "mood" AS ENUM (...) from the labels of the mapping, then the table.
  const auto schema = pgdsl::create_all<people_t>();
  std::printf("%s\n", decltype(schema)::sql.c_str());
  db.run_command(schema.sql);

  for (auto [name, feeling] : {std::pair{"ann", app::mood::happy}, std::pair{"bob", app::mood::sad},
                               std::pair{"cy", app::mood::happy}})
    db.execute(pgdsl::insert_into(people).set(people.name = name, people.mood = feeling));

  const auto happy = pgdsl::select(people.name, people.mood)
                         .from(people)
                         .where(people.mood == app::mood::happy)
                         .order_by(people.name);
  std::printf("%s\n", decltype(happy)::sql.c_str());
  for (const auto& [name, feeling] : db.execute(happy))
    std::printf("%s is %s\n", name.c_str(),
                pgdsl::type_traits<app::mood>::labels[static_cast<std::size_t>(feeling)].data());

  db.execute_raw("DROP SCHEMA pgdsl_enum_example CASCADE");
  return 0;
} catch (const pgdsl::error& e) {
  std::fprintf(stderr, "enum_mapping: %s\n", e.what());
  return 1;
}
