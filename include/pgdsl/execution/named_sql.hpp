// SPDX-License-Identifier: BSL-1.0
// Raw SQL with named parameters: named_sql<"... WHERE id = :id">(arg<"id">(5)). The text is
// rewritten to $n at compile time (string literals, quoted identifiers, comments, dollar quotes
// and :: casts left alone), every name must be bound exactly once and no other name may be given
// (compile errors naming it), and the result is a static statement: prepared once per connection
// and reused, like the DSL's.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "pgdsl/execution/detail/parameters.hpp"
#include "pgdsl/execution/raw_query.hpp"
#include "pgdsl/util/detail/constexpr_find.hpp"
#include "pgdsl/util/fixed_string.hpp"
#include "pgdsl/util/name_type.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// A value bound to the parameter :Name of a named_sql statement.
template <fixed_string Name, class V>
struct named_arg {
  V value;
};

/// arg<"id">(5): the value of :id. Text binds as the raw-query arguments do (a string literal as
/// a view of itself, a std::string copied into the statement).
template <fixed_string Name, class V>
named_arg<Name, detail::parameter_value_t<std::remove_cvref_t<V>>> arg(V&& value) {
  return {detail::parameter_value_t<std::remove_cvref_t<V>>(std::forward<V>(value))};
}

/// The conditions of the named-parameter rules, spelled so that a failure names the parameter.
template <class Name, bool Holds>
inline constexpr bool named_parameter_is_bound = Holds;
template <class Name, bool Holds>
inline constexpr bool named_parameter_is_in_the_sql = Holds;
template <class Name, bool Holds>
inline constexpr bool named_parameter_is_bound_once = Holds;
template <bool Holds>
inline constexpr bool named_sql_has_no_positional_parameters = Holds;

namespace detail {

/// What a misused named_sql call returns; its static_assert has said what is wrong.
struct named_sql_misuse {};

/// The SQL rewritten with $n, and the distinct parameter names in order of first use.
template <std::size_t N>
struct named_sql_parse {
  char text[2 * N + 1]{};  // ":a" (2 bytes) becomes at most "$NN…": twice the input suffices
  std::size_t length = 0;
  std::array<std::string_view, N / 2 + 1> names{};
  std::size_t name_count = 0;
  bool positional = false;  // a $1 in the text

  constexpr void put(char c) { text[length++] = c; }
  constexpr void put_number(std::size_t n) {
    char digits[20]{};
    std::size_t count = 0;
    do digits[count++] = static_cast<char>('0' + n % 10);
    while ((n /= 10) != 0);
    while (count > 0) put(digits[--count]);
  }
};

constexpr bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

template <fixed_string Text>
constexpr auto parse_named_sql() {
  constexpr std::size_t n = Text.size();
  const std::string_view sql = Text.view();
  named_sql_parse<n> out;
  std::size_t i = 0;
  const auto copy_until = [&](std::size_t end) {
    while (i < end) out.put(sql[i++]);
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // 'text' with '' inside, E'text' with \' too, "identifier"
      const bool backslashes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
      std::size_t end = i + 1;
      while (end < n) {
        if (backslashes && sql[end] == '\\') {
          end += 2;
        } else if (sql[end] == c) {
          if (end + 1 < n && sql[end + 1] == c) {
            end += 2;
          } else {
            ++end;
            break;
          }
        } else {
          ++end;
        }
      }
      copy_until(end < n ? end : n);
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {  // -- to the end of the line
      const std::size_t end = constexpr_find(sql, "\n", i);
      copy_until(end == std::string_view::npos ? n : end);
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {  // /* nested */ comments
      std::size_t depth = 0, end = i;
      do {
        if (constexpr_find(sql.substr(0, end + 2), "/*", end) == end) {
          ++depth;
          end += 2;
        } else if (constexpr_find(sql.substr(0, end + 2), "*/", end) == end) {
          --depth;
          end += 2;
        } else {
          ++end;
        }
      } while (depth > 0 && end < n);
      copy_until(end < n ? end : n);
    } else if (c == '$' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.positional = true;
      out.put(sql[i++]);
    } else if (c == '$' && (i == 0 || !is_name_char(sql[i - 1]))) {  // $tag$ ... $tag$
      std::size_t tag_end = i + 1;
      while (tag_end < n && is_name_char(sql[tag_end])) ++tag_end;
      if (tag_end < n && sql[tag_end] == '$') {
        const std::string_view tag = sql.substr(i, tag_end + 1 - i);
        const std::size_t close = constexpr_find(sql, tag, tag_end + 1);
        copy_until(close == std::string_view::npos ? n : close + tag.size());
      } else {
        out.put(sql[i++]);
      }
    } else if (c == ':' && i + 1 < n && sql[i + 1] == ':') {  // a cast
      copy_until(i + 2);
    } else if (c == ':' && i + 1 < n && is_name_start(sql[i + 1])) {
      std::size_t end = i + 1;
      while (end < n && is_name_char(sql[end])) ++end;
      const std::string_view name = sql.substr(i + 1, end - i - 1);
      std::size_t number = 0;
      while (number < out.name_count && out.names[number] != name) ++number;
      if (number == out.name_count) out.names[out.name_count++] = name;
      out.put('$');
      out.put_number(number + 1);
      i = end;
    } else {
      out.put(sql[i++]);
    }
  }
  return out;
}

template <fixed_string Text>
inline constexpr auto named_sql_parsed = parse_named_sql<Text>();

template <fixed_string Text>
constexpr auto named_sql_text() {
  constexpr auto& parsed = named_sql_parsed<Text>;
  fixed_string<parsed.length> text;
  for (std::size_t i = 0; i < parsed.length; ++i) text.data[i] = parsed.text[i];
  return text;
}

/// The K-th parameter name of Text, as fixed_string (to compare with arg names) and name<...>.
template <fixed_string Text, std::size_t K>
constexpr auto named_sql_name() {
  constexpr std::string_view name = named_sql_parsed<Text>.names[K];
  fixed_string<name.size()> text;
  for (std::size_t i = 0; i < name.size(); ++i) text.data[i] = name[i];
  return text;
}

template <class Arg>
struct arg_traits;
template <fixed_string Name, class V>
struct arg_traits<named_arg<Name, V>> {
  static constexpr auto name = Name;
  using value_type = V;
};

template <fixed_string Name, class... Args>
inline constexpr std::size_t arg_index = [] {
  constexpr bool matches[] = {(arg_traits<Args>::name == Name)..., false};
  std::size_t i = 0;
  while (!matches[i]) ++i;
  return i;
}();

}  // namespace detail

/// A statement with named parameters rendered to $n at compile time; a static_statement.
template <fixed_string Text, class Columns, class... Values>
struct named_statement {
  static constexpr auto sql = detail::named_sql_text<Text>();
  static constexpr std::size_t param_count = sizeof...(Values);
  using param_types = type_list<Values...>;
  using result_columns = Columns;

  std::tuple<Values...> values;

  template <class F>
  void bind(F&& sink) const {
    std::apply([&](const auto&... value) { (sink(value), ...); }, values);
  }
};

/// The named-parameter SQL `Text`; call it with arg<"name">(value)... to get a statement.
template <fixed_string Text>
struct named_sql_t {
  /// A statement whose rows (if any) are not read: INSERT, UPDATE, DELETE, DDL.
  template <class... Args>
  auto operator()(Args&&... args) const {
    return returning<>(std::forward<Args>(args)...);
  }

  /// A statement whose rows decode into T... by position, as db.query<T...>() does.
  template <class... T, class... Args>
  auto returning(Args&&... args) const {
    using detail::arg_traits;
    constexpr auto& parsed = detail::named_sql_parsed<Text>;
    static_assert(named_sql_has_no_positional_parameters<!parsed.positional>,
                  "named_sql: write every parameter as :name, not $n");
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      // Each :name of the text, in $n order, has exactly one argument, and each argument names a
      // parameter of the text; the statement is built only then (one mistake, one error).
      constexpr bool all_bound = (check_bound<K, std::remove_cvref_t<Args>...>() && ...);
      constexpr bool all_used = (check_used<arg_traits<std::remove_cvref_t<Args>>::name>() && ...);
      if constexpr (all_bound && all_used && !parsed.positional) {
        using arguments = type_list<std::remove_cvref_t<Args>...>;
        using statement = named_statement<
            Text, raw_columns<T...>,
            typename arg_traits<at_t<detail::arg_index<detail::named_sql_name<Text, K>(),
                                                       std::remove_cvref_t<Args>...>,
                                     arguments>>::value_type...>;
        auto all = std::forward_as_tuple(std::forward<Args>(args)...);
        return statement{{std::move(std::get<detail::arg_index<detail::named_sql_name<Text, K>(),
                                                                std::remove_cvref_t<Args>...>>(all)
                                            .value)...}};
      } else {
        return detail::named_sql_misuse{};
      }
    }
    (std::make_index_sequence<parsed.name_count>{});
  }

 private:
  template <std::size_t K, class... Args>
  static constexpr bool check_bound() {
    constexpr auto name = detail::named_sql_name<Text, K>();
    constexpr std::size_t bound = (std::size_t{0} + ... + (detail::arg_traits<Args>::name == name));
    static_assert(named_parameter_is_bound<name_type<name>, bound != 0>,
                  "named_sql: a :name of the SQL has no value; pass pgdsl::arg<\"name\">(value)");
    static_assert(named_parameter_is_bound_once<name_type<name>, bound < 2>,
                  "named_sql: a :name is given more than one value");
    return bound == 1;
  }
  template <fixed_string Name>
  static constexpr bool check_used() {
    constexpr auto& parsed = detail::named_sql_parsed<Text>;
    constexpr bool used = [] {
      for (std::size_t k = 0; k < parsed.name_count; ++k)
        if (parsed.names[k] == Name.view()) return true;
      return false;
    }();
    static_assert(named_parameter_is_in_the_sql<name_type<Name>, used>,
                  "named_sql: a value is given for a :name that the SQL does not use");
    return used;
  }
};

/// SQL with named parameters: db.execute(named_sql<"SELECT ... WHERE id = :id">
/// .returning<std::int64_t>(arg<"id">(5))). Prepared once per connection, like a DSL statement.
template <fixed_string Text>
inline constexpr named_sql_t<Text> named_sql{};

}  // namespace pgdsl
