// SPDX-License-Identifier: BSL-1.0
// redact: keeps credentials out of the messages pgdsl builds from libpq's text. libpq echoes a
// malformed URL or key=value string (or a piece of it) verbatim, so every such message loses the
// passwords found in the connection string and options, and any URL userinfo or password=value
// it still contains. Also decides which strings are refused before libpq or the server sees them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pgdsl::detail {

inline constexpr std::string_view redacted_text = "********";

constexpr bool is_conninfo_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_word_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

/// True for the two prefixes libpq reads as a URL.
constexpr bool has_uri_prefix(std::string_view text) noexcept {
  return text.starts_with("postgresql://") || text.starts_with("postgres://");
}

/// True when libpq parses `text` as connection parameters (a URL or key=value string) rather than
/// taking all of it for a database name.
constexpr bool is_connection_string(std::string_view text) noexcept {
  return has_uri_prefix(text) || text.find('=') != std::string_view::npos;
}

/// A string libpq would take for a database name although it was meant as a URL: it has a scheme
/// ("postgres:/u:pw@host"), a "://" or userinfo's "@". Sent on, it would reach the server, whose
/// error (and log) would then hold the password; pgdsl refuses it instead.
constexpr bool looks_like_malformed_url(std::string_view text) noexcept {
  if (is_connection_string(text)) return false;
  if (text.find("://") != std::string_view::npos || text.find('@') != std::string_view::npos)
    return true;
  std::size_t i = 0;
  while (i < text.size() &&
         (is_word_char(text[i]) || text[i] == '+' || text[i] == '.' || text[i] == '-'))
    ++i;
  return i > 0 && i < text.size() && text[i] == ':';
}

// Where the value after "password=" (at `at`, just past '=') ends: a quoted value at its closing
// quote, else at blank space or the '&' that separates URL query parameters.
constexpr std::size_t password_value_end(std::string_view text, std::size_t at) noexcept {
  if (at < text.size() && (text[at] == '\'' || text[at] == '"')) {
    const char quote = text[at];
    std::size_t i = at + 1;
    while (i < text.size() && text[i] != quote)
      i += (text[i] == '\\' && i + 1 < text.size()) ? 2 : 1;
    return i < text.size() ? i + 1 : i;
  }
  std::size_t i = at;
  while (i < text.size() && !is_conninfo_space(text[i]) && text[i] != '&' && text[i] != '"' &&
         text[i] != '\'')
    ++i;
  return i;
}

// Calls f(begin, end) for every value of a "password" keyword (any case, spaces around '='),
// quoted or not, in a key=value string, a URL query or a message.
template <class F>
constexpr void for_each_password_value(std::string_view text, F&& f) {
  constexpr std::string_view keyword = "password";
  for (std::size_t i = 0; i + keyword.size() <= text.size(); ++i) {
    bool match = i == 0 || !is_word_char(text[i - 1]);
    for (std::size_t k = 0; match && k < keyword.size(); ++k)
      match = ascii_lower(text[i + k]) == keyword[k];
    if (!match) continue;
    std::size_t at = i + keyword.size();
    while (at < text.size() && is_conninfo_space(text[at])) ++at;
    if (at >= text.size() || text[at] != '=') continue;
    ++at;
    while (at < text.size() && is_conninfo_space(text[at])) ++at;
    const std::size_t end = password_value_end(text, at);
    f(at, end);
    i = end > i ? end - 1 : i;
  }
}

// Calls f(begin, end) for the userinfo ("user:password") of every "scheme://userinfo@" in text:
// up to the last '@' before the next blank, quote or '?', so a malformed password with an '@' or
// '/' in it is covered whole.
template <class F>
constexpr void for_each_url_userinfo(std::string_view text, F&& f) {
  for (std::size_t slashes = text.find("://"); slashes != std::string_view::npos;
       slashes = text.find("://", slashes + 3)) {
    const std::size_t begin = slashes + 3;
    std::size_t end = begin;
    std::size_t last_at = std::string_view::npos;
    while (end < text.size() && !is_conninfo_space(text[end]) && text[end] != '"' &&
           text[end] != '\'' && text[end] != '?') {
      if (text[end] == '@') last_at = end;
      ++end;
    }
    if (last_at != std::string_view::npos) f(begin, last_at);
  }
}

inline std::string percent_decoded(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += char(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// The credentials a connection string holds: the password of a URL's userinfo and every
/// password=value, raw and %-decoded, unquoted, and the pieces libpq may echo on their own.
inline std::vector<std::string> connection_string_secrets(std::string_view conninfo) {
  std::vector<std::string> secrets;
  auto add = [&](std::string_view secret) {
    if (secret.empty()) return;
    secrets.emplace_back(secret);
    secrets.push_back(percent_decoded(secret));
  };
  for_each_url_userinfo(conninfo, [&](std::size_t begin, std::size_t end) {
    const std::string_view userinfo = conninfo.substr(begin, end - begin);
    const std::size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos) add(userinfo.substr(colon + 1));
  });
  // The lookalike "scheme:/user:password@host": what lies between the scheme and the last '@'.
  if (looks_like_malformed_url(conninfo)) {
    const std::size_t at = conninfo.rfind('@');
    if (at != std::string_view::npos) add(conninfo.substr(0, at));
  }
  for_each_password_value(conninfo, [&](std::size_t begin, std::size_t end) {
    std::string_view value = conninfo.substr(begin, end - begin);
    if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"')) {
      value.remove_prefix(1);
      if (value.ends_with('\'') || value.ends_with('"')) value.remove_suffix(1);
    }
    add(value);
    // libpq stops an unquoted value at blank space and reports what follows on its own
    // ("missing "=" after ..."): the words up to the next keyword= count as the password too.
    std::size_t next = end;
    while (next < conninfo.size()) {
      while (next < conninfo.size() && is_conninfo_space(conninfo[next])) ++next;
      std::size_t word_end = next;
      while (word_end < conninfo.size() && !is_conninfo_space(conninfo[word_end])) ++word_end;
      const std::string_view word = conninfo.substr(next, word_end - next);
      if (word.empty() || word.find('=') != std::string_view::npos) break;
      add(word);
      next = word_end;
    }
  });
  // Pieces of a secret split where libpq splits tokens ('@', '%', ':', '/', blanks).
  const std::size_t whole = secrets.size();
  for (std::size_t s = 0; s < whole; ++s) {
    const std::string secret = secrets[s];
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= secret.size(); ++i) {
      if (i == secret.size() || secret[i] == '@' || secret[i] == '%' || secret[i] == ':' ||
          secret[i] == '/' || is_conninfo_space(secret[i])) {
        if (i - begin >= 2 && i - begin < secret.size())
          secrets.push_back(secret.substr(begin, i - begin));
        begin = i + 1;
      }
    }
  }
  return secrets;
}

inline void erase_all(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (std::size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + redacted_text.size()))
    text.replace(at, secret.size(), redacted_text);
}

/// `text` without any of `secrets` (longest first), URL userinfo or password=value.
inline std::string redact_secrets(std::string text, std::vector<std::string> secrets) {
  std::vector<std::string> by_length(std::move(secrets));
  for (std::size_t i = 0; i < by_length.size(); ++i)  // longest first: pieces after wholes
    for (std::size_t j = i + 1; j < by_length.size(); ++j)
      if (by_length[j].size() > by_length[i].size()) std::swap(by_length[i], by_length[j]);
  for (const std::string& secret : by_length) erase_all(text, secret);
  std::string out;
  std::size_t copied = 0;
  auto replace_ranges = [&](auto&& for_each_range) {
    out.clear();
    copied = 0;
    for_each_range(std::string_view(text), [&](std::size_t begin, std::size_t end) {
      if (begin < copied || end <= begin) return;
      out.append(text, copied, begin - copied);
      out += redacted_text;
      copied = end;
    });
    out.append(text, copied, std::string::npos);
    text.swap(out);
  };
  replace_ranges([](std::string_view t, auto&& f) { for_each_url_userinfo(t, f); });
  replace_ranges([](std::string_view t, auto&& f) { for_each_password_value(t, f); });
  return text;
}

}  // namespace pgdsl::detail
