// SPDX-License-Identifier: BSL-1.0
// cursor_options: how db.cursor() reads a result in batches through a server-side cursor.
#pragma once

namespace pgdsl {

/// How db.cursor() fetches: rows per FETCH. Larger batches mean fewer round trips, smaller ones
/// less memory (at most two batches are held at once: the one being read and the next).
/// Values below 1 count as 1.
struct cursor_options {
  int fetch_size = 2000;
};

}  // namespace pgdsl
