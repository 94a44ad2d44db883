// SPDX-License-Identifier: BSL-1.0
// expect: pgdsl reads tables of up to 64 columns
// The reflection engine's limit, 64, holds for tables: one more column is named as the reason.
#include "pgdsl/pgdsl.hpp"

struct too_wide_t : pgdsl::table<"too_wide"> {
  column<"c0", int> c0;
  column<"c1", int> c1;
  column<"c2", int> c2;
  column<"c3", int> c3;
  column<"c4", int> c4;
  column<"c5", int> c5;
  column<"c6", int> c6;
  column<"c7", int> c7;
  column<"c8", int> c8;
  column<"c9", int> c9;
  column<"c10", int> c10;
  column<"c11", int> c11;
  column<"c12", int> c12;
  column<"c13", int> c13;
  column<"c14", int> c14;
  column<"c15", int> c15;
  column<"c16", int> c16;
  column<"c17", int> c17;
  column<"c18", int> c18;
  column<"c19", int> c19;
  column<"c20", int> c20;
  column<"c21", int> c21;
  column<"c22", int> c22;
  column<"c23", int> c23;
  column<"c24", int> c24;
  column<"c25", int> c25;
  column<"c26", int> c26;
  column<"c27", int> c27;
  column<"c28", int> c28;
  column<"c29", int> c29;
  column<"c30", int> c30;
  column<"c31", int> c31;
  column<"c32", int> c32;
  column<"c33", int> c33;
  column<"c34", int> c34;
  column<"c35", int> c35;
  column<"c36", int> c36;
  column<"c37", int> c37;
  column<"c38", int> c38;
  column<"c39", int> c39;
  column<"c40", int> c40;
  column<"c41", int> c41;
  column<"c42", int> c42;
  column<"c43", int> c43;
  column<"c44", int> c44;
  column<"c45", int> c45;
  column<"c46", int> c46;
  column<"c47", int> c47;
  column<"c48", int> c48;
  column<"c49", int> c49;
  column<"c50", int> c50;
  column<"c51", int> c51;
  column<"c52", int> c52;
  column<"c53", int> c53;
  column<"c54", int> c54;
  column<"c55", int> c55;
  column<"c56", int> c56;
  column<"c57", int> c57;
  column<"c58", int> c58;
  column<"c59", int> c59;
  column<"c60", int> c60;
  column<"c61", int> c61;
  column<"c62", int> c62;
  column<"c63", int> c63;
  column<"c64", int> c64;
};

using columns = pgdsl::columns_of_t<too_wide_t>;
columns* use = nullptr;
