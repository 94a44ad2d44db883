// Statements rendered at run time through the connection: execute() of one multi-row INSERT, and
// insert_rows(), which splits a range of any length into INSERTs of at most 65,535 parameters
// (PostgreSQL's limit) and sends them in one pipeline, so they commit or fail together.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <string>

#include "pgdsl/execution/connection.hpp"
#include "pgdsl/execution/detail/dynamic_parameters.hpp"
#include "pgdsl/execution/pipeline.hpp"
#include "pgdsl/execution/runtime_statement.hpp"
#include "pgdsl/util/error.hpp"

namespace pgdsl {

/// A statement has more parameters than PostgreSQL accepts in one statement.
class too_many_parameters : public error {
 public:
  explicit too_many_parameters(std::size_t count)
      : error("the statement has " + std::to_string(count) +
              " parameters, PostgreSQL accepts at most 65535 in one statement; insert the rows "
              "with db.insert_rows(), which splits them") {}
};

template <runtime_statement Q>
result<typename Q::result_columns> connection::execute(const Q& statement) {
  using columns = typename Q::result_columns;
  const std::size_t count = statement.param_count();
  if (count > max_statement_parameters) throw too_many_parameters(count);
  detail::dynamic_parameters params;
  params.reserve(count);
  statement.bind([&](const auto& value) { params.add(value); });
  params.finish();
  const std::string sql = statement.render_sql();
  detail::result_ptr outcome = observe(sql.c_str(), [&] {
    PGconn* conn = native_handle();
    detail::ensure_open(conn, sql.c_str());
    detail::result_ptr r(PQexecParams(conn, sql.c_str(), params.count(), params.types(),
                                      params.values(), params.lengths(), params.formats(),
                                      detail::binary_results));
    if (!detail::succeeded(r.get())) throw_sql_error(conn, r.get(), sql.c_str());
    detail::check_columns<columns>(r.get(), sql.c_str());
    return r;
  });
  return result<columns>(std::move(outcome), sql.c_str(), /*copy_sql=*/true);
}

template <class Builder, std::ranges::forward_range Rows>
std::uint64_t connection::insert_rows(const Builder& insert, const Rows& rows) {
  using first_chunk = decltype(insert.values(
      std::ranges::subrange(std::ranges::begin(rows), std::ranges::begin(rows))));
  static_assert(runtime_statement<first_chunk>,
                "insert_rows: the first argument must be insert_into(table).columns(...)");
  using element = std::remove_cvref_t<std::ranges::range_reference_t<const Rows&>>;
  constexpr std::size_t per_row = std::tuple_size_v<element>;
  constexpr std::size_t rows_per_statement = max_statement_parameters / per_row;
  std::uint64_t inserted = 0;
  pgdsl::pipeline batch(*this);
  auto first = std::ranges::begin(rows);
  const auto last = std::ranges::end(rows);
  while (first != last) {
    const auto next =
        std::ranges::next(first, static_cast<std::ptrdiff_t>(rows_per_statement), last);
    batch.execute(insert.values(std::ranges::subrange(first, next)),
                  [&inserted](auto&& done) { inserted += done.rows_affected(); });
    first = next;
  }
  batch.finish();
  return inserted;
}

}  // namespace pgdsl
