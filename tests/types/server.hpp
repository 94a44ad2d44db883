// SPDX-License-Identifier: BSL-1.0
// server: a minimal libpq harness for the types integration test. It sends a value encoded by
// pgdsl as a binary parameter of "SELECT $1::<type>", asks for a binary result, and hands back
// the server's type OID and bytes, so decode() is checked against what PostgreSQL really sends.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "pgdsl/types/type_traits.hpp"

namespace pgdsl::test {

/// One column of one row as the server sent it.
struct server_value {
  oid type = 0;
  bool is_null = false;
  std::string bytes;
};

/// A connection from the PG* environment variables, for the whole test run.
class server {
 public:
  static server& instance() {
    static server connection;
    return connection;
  }

  /// Runs `sql` with binary (or text) parameters and returns column 0 of row 0 in `result_format`
  /// (1 binary, 0 text); throws std::runtime_error with the server's message on failure.
  server_value query(const std::string& sql, oid parameter_type = 0,
                     const std::string* parameter = nullptr, int result_format = 1) {
    const char* values[1] = {parameter ? parameter->data() : nullptr};
    const int lengths[1] = {parameter ? static_cast<int>(parameter->size()) : 0};
    const int formats[1] = {1};
    const Oid types[1] = {parameter_type};
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQexecParams(connection_.get(), sql.c_str(), parameter ? 1 : 0, types, values, lengths,
                     formats, result_format),
        &PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK)
      throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
    server_value value;
    value.type = PQftype(result.get(), 0);
    value.is_null = PQgetisnull(result.get(), 0, 0) != 0;
    value.bytes.assign(PQgetvalue(result.get(), 0, 0),
                       static_cast<std::size_t>(PQgetlength(result.get(), 0, 0)));
    return value;
  }

  /// Runs a statement that returns no rows.
  void execute(const std::string& sql) {
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(
        PQexec(connection_.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw std::runtime_error(sql + ": " + PQresultErrorMessage(result.get()));
  }

  /// `value` encoded by pgdsl, sent as `SELECT $1::<cast>` (cast defaults to sql_name), read
  /// back in binary.
  template <parameter_type T>
  server_value echo(const T& value, std::string_view cast = type_traits<T>::sql_name) {
    const std::string wire = encode_to_string(value);
    return query("SELECT $1::" + std::string(cast), type_traits<T>::type_oid, &wire);
  }

  /// The server's text rendering of `value` sent in binary as `cast`.
  template <parameter_type T>
  std::string text_of(const T& value, std::string_view cast = type_traits<T>::sql_name) {
    const std::string wire = encode_to_string(value);
    return query("SELECT $1::" + std::string(cast) + "::text", type_traits<T>::type_oid, &wire, 0)
        .bytes;
  }

 private:
  server() : connection_(PQconnectdb(""), &PQfinish) {
    if (PQstatus(connection_.get()) != CONNECTION_OK)
      throw std::runtime_error(std::string("cannot connect from PG* variables: ") +
                               PQerrorMessage(connection_.get()));
    // Notices ("type does not exist, skipping") are expected noise in these tests.
    PQsetNoticeProcessor(
        connection_.get(), [](void*, const char*) {}, nullptr);
    execute("SET TimeZone = 'UTC'");
    execute("SET DateStyle = 'ISO, YMD'");
    execute("SET client_encoding = 'UTF8'");
  }
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection_;
};

}  // namespace pgdsl::test
