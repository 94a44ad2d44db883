// SPDX-License-Identifier: BSL-1.0
// pgdsl-codegen's generator: catalog structs (pgdsl/ddl/catalog.hpp) in, a header of table
// descriptors out. Pure text work, no connection: the same catalog always gives the same bytes
// (tables sorted by name, each after the tables it references; columns in table order).
#pragma once

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <pgdsl/ddl/catalog.hpp>

namespace pgdsl_codegen {

struct options {
  std::vector<std::string> schemas{"public"};
  std::vector<std::string> include;  ///< glob patterns (* and ?); empty: every table
  std::vector<std::string> exclude;
  std::string name_space = "db";
};

/// Glob match with * (any run) and ? (any one character).
inline bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

inline bool selected(const options& o, const std::string& table) {
  const auto matches = [&](const std::vector<std::string>& patterns) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return glob_match(p, table); });
  };
  return (o.include.empty() || matches(o.include)) && !matches(o.exclude);
}

/// A C++ identifier for a SQL name: other characters become '_', a leading digit gets "n_",
/// keywords and the names a table descriptor uses itself get a trailing '_'.
inline std::string identifier(std::string_view name) {
  static const std::set<std::string, std::less<>> reserved{
      "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class",
      "const", "constexpr", "continue", "default", "delete", "do", "double", "else", "enum",
      "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline",
      "int", "long", "mutable", "namespace", "new", "noexcept", "not", "nullptr", "operator", "or",
      "private", "protected", "public", "register", "return", "short", "signed", "sizeof", "static",
      "struct", "switch", "template", "this", "throw", "true", "try", "typedef", "typeid",
      "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while", "xor",
      "concept", "requires", "consteval", "constinit",
      // members and names of pgdsl::table a column must not hide
      "column", "table_args", "as", "sql_name", "description", "table_identity", "render_reference",
      "table_type"};
  std::string id;
  for (char c : name) {
    const bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    id += word ? c : '_';
  }
  if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "n_" + id;
  if (reserved.count(id) != 0) id += '_';
  return id;
}

/// A C++ string literal's body: " and \ escaped, control characters as octal escapes.
inline std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\%03o", static_cast<unsigned>(c));
      out += escape;
    } else {
      out += c;
    }
  }
  return out + '"';
}

/// The C++ type of a column's values (without std::optional), or "" when pgdsl maps none.
inline std::string cpp_type(const pgdsl::catalog_column& c, const options& o) {
  static const std::map<std::string, std::string, std::less<>> builtin{
      {"bool", "bool"},
      {"int2", "std::int16_t"},
      {"int4", "std::int32_t"},
      {"int8", "std::int64_t"},
      {"float4", "float"},
      {"float8", "double"},
      {"numeric", "pgdsl::numeric"},
      {"text", "std::string"},
      {"varchar", "std::string"},
      {"bytea", "pgdsl::bytea"},
      {"uuid", "pgdsl::uuid"},
      {"json", "pgdsl::json"},
      {"jsonb", "pgdsl::jsonb"},
      {"date", "pgdsl::date"},
      {"timestamp", "pgdsl::timestamp"},
      {"timestamptz", "pgdsl::timestamptz"}};
  std::string scalar;
  if (c.is_enum) {
    scalar = o.name_space + "::" + identifier(c.type_name);
  } else if (auto found = builtin.find(c.type_name); found != builtin.end()) {
    scalar = found->second;
  } else {
    return "";
  }
  return c.is_array ? "std::vector<" + scalar + ">" : scalar;
}

inline std::string action_of(const std::string& definition, std::string_view event) {
  const std::string marker = "ON " + std::string(event) + " ";
  const auto at = definition.find(marker);
  if (at == std::string::npos) return "";
  const std::string_view rest = std::string_view(definition).substr(at + marker.size());
  for (auto [sql, name] : {std::pair{"CASCADE", "cascade"}, std::pair{"SET NULL", "set_null"},
                           std::pair{"SET DEFAULT", "set_default"},
                           std::pair{"RESTRICT", "restrict"}, std::pair{"NO ACTION", "no_action"}})
    if (rest.starts_with(sql))
      return ", pgdsl::on_" + std::string(event == "DELETE" ? "delete" : "update") +
             "<pgdsl::referential_action::" + name + ">";
  return "";
}

/// PostgreSQL's default constraint name: table_col1_col2_suffix (not truncated here: a longer
/// default name is written out, which is harmless).
inline std::string default_name(const pgdsl::catalog_table& t, const std::vector<std::string>& cols,
                                std::string_view suffix) {
  std::string name = t.name;
  if (suffix != "pkey")
    for (const auto& c : cols) name += "_" + c;
  return name + "_" + std::string(suffix);
}

inline std::string name_argument(const pgdsl::catalog_table& t, const pgdsl::catalog_constraint& k,
                                 std::string_view suffix) {
  return k.name == default_name(t, k.columns, suffix) ? "" : "<" + quoted(k.name) + ">";
}

/// The tables in output order: by name, each after the tables it references among them (a
/// reference that would close a cycle is written as a comment instead).
inline std::vector<const pgdsl::catalog_table*> ordered(
    const std::vector<const pgdsl::catalog_table*>& by_name) {
  std::vector<const pgdsl::catalog_table*> out;
  std::set<std::string> placed;
  while (out.size() < by_name.size()) {
    bool progress = false;
    for (const auto* t : by_name) {
      if (placed.count(t->name) != 0) continue;
      bool ready = true;
      for (const auto& k : t->constraints)
        if (k.kind == 'f' && k.referenced_table && *k.referenced_table != t->name &&
            placed.count(*k.referenced_table) == 0 &&
            std::any_of(by_name.begin(), by_name.end(),
                        [&](const auto* other) { return other->name == *k.referenced_table; }))
          ready = false;
      if (ready) {
        out.push_back(t);
        placed.insert(t->name);
        progress = true;
        break;
      }
    }
    if (!progress) {  // a cycle: take the first remaining table
      for (const auto* t : by_name)
        if (placed.count(t->name) == 0) {
          out.push_back(t);
          placed.insert(t->name);
          break;
        }
    }
  }
  return out;
}

/// The header for the tables of `snapshot` (already filtered by the caller).
inline std::string generate(const pgdsl::catalog_snapshot& snapshot, const options& o) {
  std::vector<const pgdsl::catalog_table*> tables;
  for (const auto& t : snapshot.tables)
    if (t.exists) tables.push_back(&t);
  std::sort(tables.begin(), tables.end(),
            [](const auto* a, const auto* b) { return a->name < b->name; });
  tables = ordered(tables);
  std::vector<pgdsl::catalog_enum> enums = snapshot.enums;
  std::sort(enums.begin(), enums.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  enums.erase(std::unique(enums.begin(), enums.end(),
                          [](const auto& a, const auto& b) { return a.name == b.name; }),
              enums.end());

  std::string out =
      "// Generated by pgdsl-codegen from the database's catalog: do not edit. Regenerate it with\n"
      "// the same options; `pgdsl-codegen ... --check <this file>` fails when it is out of date.\n"
      "#pragma once\n\n#include <cstdint>\n#include <optional>\n#include <string>\n"
      "#include <vector>\n\n#include <pgdsl/pgdsl.hpp>\n";
  const std::string& ns = o.name_space;
  if (!enums.empty()) {
    out += "\nnamespace " + ns + " {\n";
    for (const auto& e : enums) {
      out += "enum class " + identifier(e.name) + " {";
      for (std::size_t i = 0; i < e.labels.size(); ++i)
        out += (i == 0 ? " " : ", ") + identifier(e.labels[i]);
      out += " };\n";
    }
    out += "}  // namespace " + ns + "\n";
    for (const auto& e : enums) {
      const std::string type = ns + "::" + identifier(e.name);
      out += "\ntemplate <>\nstruct pgdsl::type_traits<" + type + ">\n    : pgdsl::enum_traits<" +
             type + ", " + quoted(e.name);
      for (const auto& label : e.labels) out += ", " + quoted(label);
      out += "> {};\n";
    }
  }

  out += "\nnamespace " + ns + " {\n";
  std::set<std::string> declared;
  for (const auto* t : tables) {
    const std::string type = identifier(t->name) + "_t";
    std::map<std::string, std::string> extra;  // column -> constraint markers
    std::vector<std::string> args, notes;
    for (const auto& k : t->constraints) {
      if (k.kind == 'p' || k.kind == 'u') {
        const std::string_view suffix = k.kind == 'p' ? "pkey" : "key";
        const std::string name = name_argument(*t, k, suffix);
        const std::string marker = k.kind == 'p' ? "pgdsl::primary_key" : "pgdsl::unique";
        if (k.columns.size() == 1) {
          extra[k.columns[0]] += name.empty() ? ", " + marker
                                              : ", pgdsl::named" + name.substr(0, name.size() - 1) +
                                                    ", " + marker + ">";
        } else {
          std::string part = k.kind == 'p' ? "pgdsl::primary_key_of" : "pgdsl::unique_of";
          part += name + "(";
          for (std::size_t i = 0; i < k.columns.size(); ++i)
            part += (i == 0 ? "" : ", ") + identifier(k.columns[i]);
          args.push_back(part + ")");
        }
      } else if (k.kind == 'f') {
        const bool target_known = k.referenced_table && declared.count(*k.referenced_table) != 0;
        const bool self = k.referenced_table && *k.referenced_table == t->name;
        if (k.columns.size() == 1 && k.referenced_columns.size() == 1 && (target_known || self)) {
          const std::string target =
              "&" + identifier(*k.referenced_table) + "_t::" + identifier(k.referenced_columns[0]);
          std::string marker = "pgdsl::references<" + target + action_of(k.definition, "DELETE") +
                               action_of(k.definition, "UPDATE") + ">";
          const std::string name = name_argument(*t, k, "fkey");
          if (!name.empty())
            marker = "pgdsl::named" + name.substr(0, name.size() - 1) + ", " + marker + ">";
          extra[k.columns[0]] += ", " + marker;
        } else {
          notes.push_back("foreign key " + quoted(k.name) + " is not generated: " + k.definition);
        }
      } else if (k.kind == 'c') {
        std::string condition = k.definition;
        if (condition.starts_with("CHECK (") && condition.ends_with(")"))
          condition = condition.substr(7, condition.size() - 8);
        args.push_back("pgdsl::check_sql<" + quoted(k.name) + ", " + quoted(condition) + ">()");
      } else {
        notes.push_back("constraint " + quoted(k.name) + " is not generated: " + k.definition);
      }
    }
    for (const auto& index : t->indexes) {
      const bool backs_constraint =
          std::any_of(t->constraints.begin(), t->constraints.end(),
                      [&](const auto& k) { return k.name == index.name; });
      if (backs_constraint) continue;
      const bool plain = !index.predicate && !index.columns.empty() &&
                         std::none_of(index.columns.begin(), index.columns.end(),
                                      [](const std::string& c) { return c.empty(); }) &&
                         index.definition.find(" USING btree (") != std::string::npos;
      if (!plain) {
        notes.push_back("index " + quoted(index.name) +
                        " is not generated (an expression, partial or non-btree index)");
        continue;
      }
      std::string part = "pgdsl::index<" + quoted(index.name) + ">(";
      for (std::size_t i = 0; i < index.columns.size(); ++i)
        part += (i == 0 ? "" : ", ") + identifier(index.columns[i]);
      part += ")";
      if (index.is_unique) part += ".unique()";
      args.push_back(part);
    }

    out += "\n";
    const bool is_view = t->kind == 'v' || t->kind == 'm';
    if (is_view) out += "/// A view: read it with select() (INSERT, UPDATE and DELETE do not compile).\n";
    out += "struct " + type + (is_view ? " : pgdsl::view<" : " : pgdsl::table<") + quoted(t->name) +
           "> {\n";
    for (const auto& note : notes) out += "  // " + note + "\n";
    for (const auto& c : t->columns) {
      const std::string value = cpp_type(c, o);
      if (value.empty()) {
        out += "  // column " + quoted(c.name) + " (" + c.display_type +
               ") is not generated: pgdsl maps no C++ type to it\n";
        continue;
      }
      std::string markers;
      if (c.typmod >= 4 && c.type_name == "varchar")
        markers += ", pgdsl::varchar<" + std::to_string(c.typmod - 4) + ">";
      if (c.typmod >= 4 && c.type_name == "numeric")
        markers += ", pgdsl::precision<" + std::to_string((c.typmod - 4) >> 16) + ", " +
                   std::to_string((c.typmod - 4) & 0xffff) + ">";
      markers += extra[c.name];
      if (c.identity != '\0') markers += ", pgdsl::identity";
      if (c.default_sql && c.identity == '\0')
        markers += ", pgdsl::default_sql<" + quoted(*c.default_sql) + ">";
      const std::string full = c.not_null ? value : "std::optional<" + value + ">";
      out +=
          "  column<" + quoted(c.name) + ", " + full + markers + "> " + identifier(c.name) + ";\n";
    }
    if (!args.empty()) {
      out += "\n  constexpr auto table_args() const {\n    return pgdsl::table_args(";
      for (std::size_t i = 0; i < args.size(); ++i)
        out += (i == 0 ? "" : ",\n                             ") + args[i];
      out += ");\n  }\n";
    }
    out += "};\ninline constexpr " + type + " " + identifier(t->name) + "{};\n";
    declared.insert(t->name);
  }
  out +=
      "\n/// Every table above, each after the tables it references: create_all, verify_schema.\n";
  out += "using tables = pgdsl::type_list<";
  for (std::size_t i = 0; i < tables.size(); ++i)
    out += (i == 0 ? "" : ", ") + identifier(tables[i]->name) + "_t";
  out += ">;\n\n}  // namespace " + ns + "\n";
  return out;
}

}  // namespace pgdsl_codegen
