// SPDX-License-Identifier: BSL-1.0
// pgdsl::sort_by(spec, columns...): ORDER BY keys named at run time ("name,-created_at", as a
// request's ?sort= carries them), accepted only among the columns the program lists. Each key is
// a column of the descriptor, so the SQL is still written by the program: the spec only chooses
// which of the listed columns come, in which order and direction. It is a key of a dynamic
// statement's .order_by(); its choice is part of the statement's shape.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pgdsl/dynamic/when.hpp"
#include "pgdsl/error/error.hpp"
#include "pgdsl/expr/expression.hpp"
#include "pgdsl/render/sql_writer.hpp"
#include "pgdsl/schema/table.hpp"
#include "pgdsl/util/type_list.hpp"

namespace pgdsl {

/// A sort spec names a column the program does not allow, names one twice, or is malformed.
class invalid_sort_key : public error {
 public:
  invalid_sort_key(std::string_view key, const std::string& reason)
      : error("invalid sort key \"" + std::string(key.substr(0, 64)) + "\": " + reason),
        key_(key) {}
  /// The offending key, as given.
  const std::string& key() const noexcept { return key_; }

 private:
  std::string key_;
};

/// The condition of the sort_by rule: the allowed columns' names must differ.
template <bool Holds>
inline constexpr bool sort_by_names_are_distinct = Holds;

namespace detail {

/// The keys a sort spec chose among Columns (at most MaxKeys): each the index of a column and a
/// direction.
template <std::size_t MaxKeys, class... Columns>
class sort_choice {
 public:
  static constexpr std::size_t column_count = sizeof...(Columns);
  static constexpr std::size_t max_keys = MaxKeys < column_count ? MaxKeys : column_count;
  using tables = concat_t<typename Columns::tables...>;
  using columns = type_list<Columns...>;
  using params = type_list<>;
  /// Bits of a statement's shape this choice takes: per key, the column's index + 1 and the
  /// direction.
  static constexpr std::size_t key_bits = std::bit_width(column_count) + 1;
  static constexpr std::size_t shape_bits = max_keys * key_bits;

  /// Adds key `index` (position among Columns); false when that column is already a key. The
  /// caller checks full() first.
  bool full() const noexcept { return count_ == max_keys; }
  bool add(std::size_t index, bool descending) {
    for (std::size_t i = 0; i < count_; ++i)
      if ((keys_[i] & index_mask) == index + 1) return false;
    keys_[count_++] =
        static_cast<std::uint8_t>((index + 1) | (descending ? descending_bit : 0));
    return true;
  }
  std::size_t size() const noexcept { return count_; }
  /// Bit i set when the i-th of Columns is a key.
  std::uint64_t chosen_columns() const noexcept {
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < count_; ++i)
      bits |= std::uint64_t{1} << ((keys_[i] & index_mask) - 1);
    return bits;
  }

  /// This choice as shape bits: equal choices give equal codes, different ones differ.
  std::uint64_t shape_code() const noexcept {
    std::uint64_t code = 0;
    for (std::size_t i = 0; i < count_; ++i)
      code |= std::uint64_t{keys_[i]} << (i * key_bits);
    return code;
  }

  /// The chosen keys, comma-separated: "users"."name" ASC, "users"."created_at" DESC.
  void render(sql_writer& w) const {
    for (std::size_t i = 0; i < count_; ++i) {
      if (i != 0) w << ", ";
      render_column(w, (keys_[i] & index_mask) - 1, std::make_index_sequence<column_count>{});
      w << ((keys_[i] & descending_bit) != 0 ? " DESC" : " ASC");
    }
  }
  template <class F>
  void bind(F&) const {}

 private:
  static constexpr std::uint8_t descending_bit = std::uint8_t(1u << (key_bits - 1));
  static constexpr std::uint8_t index_mask = std::uint8_t(descending_bit - 1);

  template <std::size_t... I>
  static void render_column(sql_writer& w, std::size_t index, std::index_sequence<I...>) {
    ((I == index ? render_operand<Columns>(w) : void()), ...);
  }

  std::array<std::uint8_t, max_keys> keys_{};
  std::size_t count_ = 0;
};

template <class T>
inline constexpr bool is_sort_choice = false;
template <std::size_t MaxKeys, class... Columns>
inline constexpr bool is_sort_choice<sort_choice<MaxKeys, Columns...>> = true;

template <class... Columns>
constexpr bool names_distinct() {
  constexpr std::array<std::string_view, sizeof...(Columns)> names{Columns::name.view()...};
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = i + 1; j < names.size(); ++j)
      if (names[i] == names[j]) return false;
  return true;
}

inline std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace detail

/// The ORDER BY keys of `spec` ("name,-created_at": comma-separated column names, '-' before a
/// name for descending, '+' or nothing for ascending; spaces around keys ignored), each one of
/// `columns`, matched by its SQL name exactly, at most MaxKeys of them (3 unless given:
/// sort_by<4>(spec, ...)). An empty spec is no key (the part is absent). Throws invalid_sort_key
/// naming the key for a name not among `columns`, a column given twice, an empty key or one key
/// too many; the message lists the allowed names. Each choice is a shape of the statement, so
/// MaxKeys bounds how many texts a process keeps (12 columns, 3 keys: about 11,000 at most).
template <std::size_t MaxKeys = 3, class... Columns>
requires(column_type<Columns>&&...) auto sort_by(std::string_view spec, const Columns&...) {
  static_assert(MaxKeys > 0, "sort_by<MaxKeys>(): at least one key");
  static_assert(sizeof...(Columns) > 0, "sort_by() needs the columns a spec may choose from");
  static_assert(sizeof...(Columns) <= 12, "sort_by() chooses among at most 12 columns");
  static_assert(sort_by_names_are_distinct<detail::names_distinct<Columns...>()>,
                "sort_by(): two allowed columns have the same name, a spec could not tell them "
                "apart");
  using choice = detail::sort_choice<MaxKeys, Columns...>;
  optional_part<choice> result;
  spec = detail::trim_spaces(spec);
  if (spec.empty()) return result;
  auto allowed = [] {
    std::string names;
    ((names += (names.empty() ? "" : ", "), names += Columns::name.view()), ...);
    return "allowed: " + names;
  };
  choice keys;
  for (std::size_t start = 0; start <= spec.size();) {
    const std::size_t comma = spec.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? spec.size() : comma;
    std::string_view key = detail::trim_spaces(spec.substr(start, end - start));
    const std::string_view given = key;
    bool descending = false;
    if (!key.empty() && (key.front() == '-' || key.front() == '+')) {
      descending = key.front() == '-';
      key = detail::trim_spaces(key.substr(1));
    }
    if (key.empty()) throw invalid_sort_key(given, "an empty key (" + allowed() + ")");
    if (keys.full())
      throw invalid_sort_key(given, "more than " + std::to_string(choice::max_keys) + " keys");
    std::size_t index = 0, found = sizeof...(Columns);
    ((found = found == sizeof...(Columns) && Columns::name.view() == key ? index : found, ++index),
     ...);
    if (found == sizeof...(Columns)) throw invalid_sort_key(given, "no such column (" + allowed() + ")");
    if (!keys.add(found, descending)) throw invalid_sort_key(given, "the column is already a key");
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  result.part.emplace(keys);
  return result;
}

}  // namespace pgdsl
