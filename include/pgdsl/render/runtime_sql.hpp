// SPDX-License-Identifier: BSL-1.0
// Rendering at run time, for the one statement shape whose length is only known then (multi-row
// VALUES from a range): the same sql_writer, measured then written, so the rules are the same.
#pragma once

#include <cstddef>
#include <string>

#include "pgdsl/render/sql_writer.hpp"

namespace pgdsl::detail {

/// Appends what render(writer) writes to `out`, numbering placeholders from `first_placeholder`;
/// returns the number the next placeholder would get.
template <class Render>
std::size_t render_appending(std::string& out, std::size_t first_placeholder, Render&& render) {
  sql_writer counter(nullptr, first_placeholder);
  render(counter);
  const std::size_t start = out.size();
  out.resize(start + counter.size());
  sql_writer writer(out.data() + start, first_placeholder);
  render(writer);
  return writer.next_placeholder();
}

}  // namespace pgdsl::detail
