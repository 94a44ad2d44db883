// SPDX-License-Identifier: BSL-1.0
// Splits a migration's SQL into statements at the semicolons that end them, skipping those inside
// quotes ('...', E'...', "..."), dollar quotes ($tag$...$tag$) and comments (--, nested /* */).
// Needed for `-- pgdsl:no-transaction` files: several statements sent as one simple query run
// as one implicit transaction, which CREATE INDEX CONCURRENTLY refuses.
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace pgdsl::detail {

// Where the dollar-quote tag starting at `i` ($tag$ or $$) ends (one past its second $), or npos.
inline std::size_t dollar_tag_end(std::string_view sql, std::size_t i) {
  std::size_t j = i + 1;
  while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_' ||
                            static_cast<unsigned char>(sql[j]) >= 0x80))
    ++j;
  if (j < sql.size() && sql[j] == '$' &&
      (j == i + 1 || !std::isdigit(static_cast<unsigned char>(sql[i + 1]))))
    return j + 1;
  return std::string_view::npos;
}

/// The statements of `sql` without their final semicolons; statements holding only comments and
/// blanks are left out.
inline std::vector<std::string> split_statements(std::string_view sql) {
  std::vector<std::string> statements;
  std::size_t start = 0;
  bool has_code = false;  // the current statement has more than blanks and comments
  const auto finish = [&](std::size_t end) {
    if (has_code) statements.emplace_back(sql.substr(start, end - start));
    start = end + 1;
    has_code = false;
  };
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '-' && next == '-') {
      i = sql.find('\n', i);
      if (i == std::string_view::npos) break;
    } else if (c == '/' && next == '*') {
      int depth = 1;
      i += 2;
      while (i < sql.size() && depth > 0) {
        if (sql.compare(i, 2, "/*") == 0)
          ++depth, ++i;
        else if (sql.compare(i, 2, "*/") == 0)
          --depth, ++i;
        ++i;
      }
      continue;
    } else if (c == '\'' || c == '"') {
      // E'...' strings take backslash escapes; '' (or "") inside doubles the quote.
      const bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           (i < 2 || !std::isalnum(static_cast<unsigned char>(sql[i - 2])));
      has_code = true;
      for (++i; i < sql.size(); ++i) {
        if (escapes && sql[i] == '\\') {
          ++i;
        } else if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c)
            ++i;
          else
            break;
        }
      }
    } else if (c == '$') {
      has_code = true;
      const bool after_word =
          i > 0 && (std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_');
      const std::size_t tag_end = after_word ? std::string_view::npos : dollar_tag_end(sql, i);
      if (tag_end != std::string_view::npos) {
        const std::string_view tag = sql.substr(i, tag_end - i);
        const std::size_t close = sql.find(tag, tag_end);
        i = close == std::string_view::npos ? sql.size() : close + tag.size();
        continue;
      }
    } else if (c == ';') {
      finish(i);
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      has_code = true;
    }
    ++i;
  }
  if (start < sql.size()) finish(sql.size());
  return statements;
}

}  // namespace pgdsl::detail
