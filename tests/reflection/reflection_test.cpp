// SPDX-License-Identifier: BSL-1.0
// The one aggregate reflection engine (util/detail/aggregate_members.hpp) at its limit, 64, for
// both of its users: a table descriptor of 64 columns, and a struct of 64 members that a row of
// that table maps into by name. Until the engines were merged, mapped structs stopped at 16.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "pgdsl/pgdsl.hpp"
#include "support/database.hpp"

namespace {

struct wide_t : pgdsl::table<"wide"> {
  column<"c0", std::int32_t> c0;
  column<"c1", std::int32_t> c1;
  column<"c2", std::int32_t> c2;
  column<"c3", std::int32_t> c3;
  column<"c4", std::int32_t> c4;
  column<"c5", std::int32_t> c5;
  column<"c6", std::int32_t> c6;
  column<"c7", std::int32_t> c7;
  column<"c8", std::int32_t> c8;
  column<"c9", std::int32_t> c9;
  column<"c10", std::int32_t> c10;
  column<"c11", std::int32_t> c11;
  column<"c12", std::int32_t> c12;
  column<"c13", std::int32_t> c13;
  column<"c14", std::int32_t> c14;
  column<"c15", std::int32_t> c15;
  column<"c16", std::int32_t> c16;
  column<"c17", std::int32_t> c17;
  column<"c18", std::int32_t> c18;
  column<"c19", std::int32_t> c19;
  column<"c20", std::int32_t> c20;
  column<"c21", std::int32_t> c21;
  column<"c22", std::int32_t> c22;
  column<"c23", std::int32_t> c23;
  column<"c24", std::int32_t> c24;
  column<"c25", std::int32_t> c25;
  column<"c26", std::int32_t> c26;
  column<"c27", std::int32_t> c27;
  column<"c28", std::int32_t> c28;
  column<"c29", std::int32_t> c29;
  column<"c30", std::int32_t> c30;
  column<"c31", std::int32_t> c31;
  column<"c32", std::int32_t> c32;
  column<"c33", std::int32_t> c33;
  column<"c34", std::int32_t> c34;
  column<"c35", std::int32_t> c35;
  column<"c36", std::int32_t> c36;
  column<"c37", std::int32_t> c37;
  column<"c38", std::int32_t> c38;
  column<"c39", std::int32_t> c39;
  column<"c40", std::int32_t> c40;
  column<"c41", std::int32_t> c41;
  column<"c42", std::int32_t> c42;
  column<"c43", std::int32_t> c43;
  column<"c44", std::int32_t> c44;
  column<"c45", std::int32_t> c45;
  column<"c46", std::int32_t> c46;
  column<"c47", std::int32_t> c47;
  column<"c48", std::int32_t> c48;
  column<"c49", std::int32_t> c49;
  column<"c50", std::int32_t> c50;
  column<"c51", std::int32_t> c51;
  column<"c52", std::int32_t> c52;
  column<"c53", std::int32_t> c53;
  column<"c54", std::int32_t> c54;
  column<"c55", std::int32_t> c55;
  column<"c56", std::int32_t> c56;
  column<"c57", std::int32_t> c57;
  column<"c58", std::int32_t> c58;
  column<"c59", std::int32_t> c59;
  column<"c60", std::int32_t> c60;
  column<"c61", std::int32_t> c61;
  column<"c62", std::int32_t> c62;
  column<"c63", std::int32_t> c63;
};
inline constexpr wide_t wide{};

// Members in the reverse order of the columns: mapping goes by name, not by position.
struct wide_row {
  std::int32_t c63;
  std::int32_t c62;
  std::int32_t c61;
  std::int32_t c60;
  std::int32_t c59;
  std::int32_t c58;
  std::int32_t c57;
  std::int32_t c56;
  std::int32_t c55;
  std::int32_t c54;
  std::int32_t c53;
  std::int32_t c52;
  std::int32_t c51;
  std::int32_t c50;
  std::int32_t c49;
  std::int32_t c48;
  std::int32_t c47;
  std::int32_t c46;
  std::int32_t c45;
  std::int32_t c44;
  std::int32_t c43;
  std::int32_t c42;
  std::int32_t c41;
  std::int32_t c40;
  std::int32_t c39;
  std::int32_t c38;
  std::int32_t c37;
  std::int32_t c36;
  std::int32_t c35;
  std::int32_t c34;
  std::int32_t c33;
  std::int32_t c32;
  std::int32_t c31;
  std::int32_t c30;
  std::int32_t c29;
  std::int32_t c28;
  std::int32_t c27;
  std::int32_t c26;
  std::int32_t c25;
  std::int32_t c24;
  std::int32_t c23;
  std::int32_t c22;
  std::int32_t c21;
  std::int32_t c20;
  std::int32_t c19;
  std::int32_t c18;
  std::int32_t c17;
  std::int32_t c16;
  std::int32_t c15;
  std::int32_t c14;
  std::int32_t c13;
  std::int32_t c12;
  std::int32_t c11;
  std::int32_t c10;
  std::int32_t c9;
  std::int32_t c8;
  std::int32_t c7;
  std::int32_t c6;
  std::int32_t c5;
  std::int32_t c4;
  std::int32_t c3;
  std::int32_t c2;
  std::int32_t c1;
  std::int32_t c0;
};

struct small_row {
  std::int64_t id;
  std::string label;
};

}  // namespace

static_assert(pgdsl::detail::max_aggregate_members >= 64);
static_assert(pgdsl::columns_of_t<wide_t>::size == 64);
static_assert(pgdsl::detail::aggregate_field_count<wide_row>() == 64);
static_assert(pgdsl::detail::member_names<wide_row>()[0] == "c63");
static_assert(pgdsl::detail::member_names<wide_row>()[63] == "c0");
static_assert(pgdsl::detail::aggregate_field_count<small_row>() == 2);
static_assert(pgdsl::detail::member_names<small_row>()[1] == "label");
static_assert(decltype(select(all_of(wide)).from(wide))::sql.size() > 64 * 12);

TEST_CASE("a row of a 64-column table maps by name into a 64-member struct") {
  pgdsl::test::database fixture;
  fixture.db().execute_raw(
      "CREATE TABLE wide (c0 int4 NOT NULL, c1 int4 NOT NULL, c2 int4 NOT NULL, c3 int4 NOT NULL, "
      "c4 int4 NOT NULL, c5 int4 NOT NULL, c6 int4 NOT NULL, c7 int4 NOT NULL, c8 int4 NOT NULL, "
      "c9 int4 NOT NULL, c10 int4 NOT NULL, c11 int4 NOT NULL, c12 int4 NOT NULL, c13 int4 NOT "
      "NULL, c14 int4 NOT NULL, c15 int4 NOT NULL, c16 int4 NOT NULL, c17 int4 NOT NULL, c18 int4 "
      "NOT NULL, c19 int4 NOT NULL, c20 int4 NOT NULL, c21 int4 NOT NULL, c22 int4 NOT NULL, c23 "
      "int4 NOT NULL, c24 int4 NOT NULL, c25 int4 NOT NULL, c26 int4 NOT NULL, c27 int4 NOT NULL, "
      "c28 int4 NOT NULL, c29 int4 NOT NULL, c30 int4 NOT NULL, c31 int4 NOT NULL, c32 int4 NOT "
      "NULL, c33 int4 NOT NULL, c34 int4 NOT NULL, c35 int4 NOT NULL, c36 int4 NOT NULL, c37 int4 "
      "NOT NULL, c38 int4 NOT NULL, c39 int4 NOT NULL, c40 int4 NOT NULL, c41 int4 NOT NULL, c42 "
      "int4 NOT NULL, c43 int4 NOT NULL, c44 int4 NOT NULL, c45 int4 NOT NULL, c46 int4 NOT NULL, "
      "c47 int4 NOT NULL, c48 int4 NOT NULL, c49 int4 NOT NULL, c50 int4 NOT NULL, c51 int4 NOT "
      "NULL, c52 int4 NOT NULL, c53 int4 NOT NULL, c54 int4 NOT NULL, c55 int4 NOT NULL, c56 int4 "
      "NOT NULL, c57 int4 NOT NULL, c58 int4 NOT NULL, c59 int4 NOT NULL, c60 int4 NOT NULL, c61 "
      "int4 NOT NULL, c62 int4 NOT NULL, c63 int4 NOT NULL)");
  fixture.db().execute_raw(
      "INSERT INTO wide VALUES (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, "
      "150, 160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 270, 280, 290, 300, 310, 320, "
      "330, 340, 350, 360, 370, 380, 390, 400, 410, 420, 430, 440, 450, 460, 470, 480, 490, 500, "
      "510, 520, 530, 540, 550, 560, 570, 580, 590, 600, 610, 620, 630)");
  const auto rows = fixture.db().execute(select(all_of(wide)).from(wide)).as<wide_row>();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].c0 == 0);
  CHECK(rows[0].c17 == 170);
  CHECK(rows[0].c63 == 630);
}
