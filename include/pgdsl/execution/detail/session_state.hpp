// SPDX-License-Identifier: BSL-1.0
// session_state: finds, in raw SQL, the commands whose effect outlives the transaction in the
// server session (LISTEN, session advisory locks, WITH HOLD cursors, PREPARE, plain SET, temporary
// tables that outlive the transaction). Behind a
// transaction pooler (connection_options::transaction_pooling) the session is handed to other
// clients at every commit, so these would silently misbehave: the connection refuses them with
// transaction_pooling_error instead. A light scanner, not a parser: it skips literals, quoted
// identifiers, dollar-quoted bodies and comments, and looks at each statement's leading words.
#pragma once

#include <array>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

#include "pgdsl/error/transaction_pooling_error.hpp"

namespace pgdsl::detail {

inline bool same_word(std::string_view word, std::string_view upper) noexcept {
  if (word.size() != upper.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(word[i])) != upper[i]) return false;
  return true;
}

inline bool word_char(char c) noexcept {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The words of SQL text outside literals, quoted identifiers, dollar quotes and comments, with
// a ';' between statements reported as an empty word.
class sql_words {
 public:
  explicit sql_words(std::string_view sql) noexcept : sql_(sql) {}

  /// The next word, "" at a statement's end, or false at the end of the text.
  bool next(std::string_view& word) noexcept {
    while (at_ < sql_.size()) {
      const char c = sql_[at_];
      if (c == ';') {
        ++at_;
        word = {};
        return true;
      }
      if (c == '-' && peek(1) == '-') {
        skip_past("\n", 2);
      } else if (c == '/' && peek(1) == '*') {
        skip_past("*/", 2);  // nested comments are rare enough to ignore
      } else if (c == '\'' || c == '"') {
        skip_quoted(c);
      } else if (c == '$' && dollar_tag_length() > 0) {
        const std::size_t length = dollar_tag_length();
        const std::string_view tag = sql_.substr(at_, length);
        skip_past(tag, length);
      } else if (word_char(c)) {
        const std::size_t start = at_;
        while (at_ < sql_.size() && word_char(sql_[at_])) ++at_;
        word = sql_.substr(start, at_ - start);
        return true;
      } else {
        ++at_;
      }
    }
    return false;
  }

 private:
  char peek(std::size_t ahead) const noexcept {
    return at_ + ahead < sql_.size() ? sql_[at_ + ahead] : '\0';
  }
  void skip_past(std::string_view end, std::size_t opening) noexcept {
    const std::size_t found = sql_.find(end, at_ + opening);
    at_ = found == std::string_view::npos ? sql_.size() : found + end.size();
  }
  void skip_quoted(char quote) noexcept {  // a doubled quote stays inside
    for (++at_; at_ < sql_.size(); ++at_) {
      if (sql_[at_] != quote) continue;
      if (peek(1) != quote) {
        ++at_;
        return;
      }
      ++at_;
    }
  }
  // Length of a $tag$ opening at the current position ($$ included), 0 when there is none.
  std::size_t dollar_tag_length() const noexcept {
    std::size_t end = at_ + 1;
    while (end < sql_.size() && sql_[end] != '$' &&
           (std::isalnum(static_cast<unsigned char>(sql_[end])) || sql_[end] == '_'))
      ++end;
    if (end >= sql_.size() || sql_[end] != '$') return 0;
    if (end > at_ + 1 && std::isdigit(static_cast<unsigned char>(sql_[at_ + 1]))) return 0;  // $1
    return end - at_ + 1;
  }

  std::string_view sql_;
  std::size_t at_ = 0;
};

/// What in `sql` keeps state in the server session beyond the transaction, described for an
/// error message; empty when nothing does.
inline std::string session_state_in(std::string_view sql) {
  // SET of these is carried over by PgBouncer, which re-applies them on every server connection.
  constexpr std::array<std::string_view, 5> carried = {"CLIENT_ENCODING", "DATESTYLE", "TIMEZONE",
                                                       "STANDARD_CONFORMING_STRINGS",
                                                       "APPLICATION_NAME"};
  constexpr const char* temporary =
      "CREATE TEMP (a temporary object lives in one server session; create the table with ON "
      "COMMIT DROP inside a transaction, or use a regular table)";
  sql_words words(sql);
  std::string_view word, first, previous;
  std::size_t position = 0;  // of `word` within its statement
  bool creates_temporary = false, dropped_at_commit = false;
  for (bool more = words.next(word);; more = words.next(word)) {
    if (!more || word.empty()) {  // a statement's end
      if (creates_temporary && !dropped_at_commit) return temporary;
      if (!more) break;
      position = 0;
      first = previous = {};
      creates_temporary = dropped_at_commit = false;
      continue;
    }
    if (position == 0) first = word;
    // CREATE [OR REPLACE] [LOCAL | GLOBAL] TEMP[ORARY] ...; only ON COMMIT DROP ends it with
    // the transaction.
    if (same_word(first, "CREATE") && (same_word(word, "TEMP") || same_word(word, "TEMPORARY")) &&
        (position == 1 || same_word(previous, "LOCAL") || same_word(previous, "GLOBAL") ||
         same_word(previous, "REPLACE")))
      creates_temporary = true;
    if (same_word(previous, "COMMIT") && same_word(word, "DROP")) dropped_at_commit = true;
    if (position == 0 && same_word(word, "LISTEN"))
      return "LISTEN (notifications are delivered to one server session, which the pooler hands "
             "to other clients)";
    if (position == 0 && same_word(word, "PREPARE"))
      return "PREPARE (a prepared statement lives in one server session)";
    if (position == 1 && same_word(first, "SET") && !same_word(word, "LOCAL") &&
        !same_word(word, "TRANSACTION") && !same_word(word, "CONSTRAINTS")) {
      std::string_view name = word;
      if (same_word(word, "SESSION")) words.next(name);
      bool is_carried = false;
      for (std::string_view parameter : carried)
        is_carried = is_carried || same_word(name, parameter);
      if (!is_carried)
        return "SET " + std::string(name) +
               " (a session setting stays with one server session, and other clients get it; "
               "use SET LOCAL inside a transaction)";
    }
    if (same_word(first, "DECLARE") && same_word(previous, "WITH") && same_word(word, "HOLD"))
      return "DECLARE ... WITH HOLD (the cursor outlives its transaction in one server session)";
    if (same_word(word, "PG_ADVISORY_LOCK") || same_word(word, "PG_ADVISORY_LOCK_SHARED") ||
        same_word(word, "PG_TRY_ADVISORY_LOCK") || same_word(word, "PG_TRY_ADVISORY_LOCK_SHARED"))
      return std::string(word) +
             " (a session advisory lock is held by one server session until it is unlocked; use "
             "pg_advisory_xact_lock, released at the end of the transaction)";
    previous = word;
    ++position;
  }
  return {};
}

/// Throws transaction_pooling_error when `sql` would keep state in the server session.
inline void refuse_session_state(const char* sql) {
  std::string found = session_state_in(sql);
  if (!found.empty()) throw transaction_pooling_error(std::move(found), sql);
}

}  // namespace pgdsl::detail
