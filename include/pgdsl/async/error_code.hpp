// SPDX-License-Identifier: BSL-1.0
// error_code: a pgdsl failure as a boost::system::error_code, for completion tokens that take
// one (asio::redirect_error). The value packs the five-character SQLSTATE as PostgreSQL's own
// MAKE_SQLSTATE does (six bits a character), so sqlstate(ec) gives it back; a client-side
// pgdsl::error without a SQLSTATE (a column check, a decoding error) is client_error.
#pragma once

#include <boost/system/error_code.hpp>

#include <exception>
#include <string>

#include "pgdsl/error/sql_error.hpp"
#include "pgdsl/error/sqlstate_errors.hpp"

namespace pgdsl {

namespace detail {
inline int pack_sqlstate(std::string_view code) noexcept {
  int value = 0;
  for (std::size_t i = 0; i < 5 && i < code.size(); ++i)
    value |= ((code[i] - '0') & 0x3F) << (6 * i);
  return value;
}
inline std::string unpack_sqlstate(int value) {
  std::string code(5, '0');
  for (std::size_t i = 0; i < 5; ++i)
    code[i] = static_cast<char>(((value >> (6 * i)) & 0x3F) + '0');
  return code;
}
}  // namespace detail

/// The value of an error_code for a failure that has no SQLSTATE (pgdsl::error, or another
/// exception).
inline constexpr int client_error = -1;

/// The category of pgdsl's error codes: the value is a packed SQLSTATE, or client_error.
class sqlstate_category_impl : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "pgdsl.sqlstate"; }
  std::string message(int value) const override {
    if (value == client_error) return "a client-side pgdsl error (see the exception)";
    const std::string code = detail::unpack_sqlstate(value);
    return "SQLSTATE " + code + " (" + std::string(detail::sqlstate_type_name(code)) + ")";
  }
};

inline const boost::system::error_category& sqlstate_category() noexcept {
  static const sqlstate_category_impl category;
  return category;
}

/// The error code of a failure: its SQLSTATE when it is an sql_error, else client_error; an
/// empty error code for a null exception_ptr.
inline boost::system::error_code to_error_code(const std::exception_ptr& failure) noexcept {
  if (!failure) return {};
  try {
    std::rethrow_exception(failure);
  } catch (const sql_error& e) {
    return {detail::pack_sqlstate(e.sqlstate()), sqlstate_category()};
  } catch (...) {
  }
  return {client_error, sqlstate_category()};
}

/// The SQLSTATE an error code of sqlstate_category() carries ("" for any other code).
inline std::string sqlstate(const boost::system::error_code& code) {
  if (!code || code.category() != sqlstate_category() || code.value() == client_error) return {};
  return detail::unpack_sqlstate(code.value());
}

}  // namespace pgdsl
