#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The codegen round trip, run by CTest with DATABASE_URL (or PG*) set:
#   descriptors -> create_all -> pgdsl-codegen -> generated header -> compiled -> create_all in a
#   second schema -> pgdsl-codegen again: the two headers are identical, neither side finds drift,
#   and `--check` passes on the fresh header and fails once the database changed.
# usage: round_trip.sh CODEGEN SETUP CXX SOURCE_DIR -- COMPILE_FLAGS...
set -euo pipefail
codegen=$1 setup=$2 cxx=$3 source_dir=$4
shift 5
work=$(mktemp -d)
first=rt_a_$$ second=rt_b_$$
cleanup() { "$setup" drop "$first" || true; "$setup" drop "$second" || true; rm -rf "$work"; }
trap cleanup EXIT

"$setup" create "$first"
"$codegen" --schema "$first" --namespace gen --output "$work/first.hpp"
"$cxx" -std=c++20 "$@" -I"$source_dir/tests" -I"$source_dir/tests/codegen" -DGENERATED_HEADER="\"$work/first.hpp\"" \
  "$source_dir/tests/codegen/round_trip_check.cpp" -o "$work/check" -lpq
"$work/check" "$first" "$second"
"$codegen" --schema "$second" --namespace gen --output "$work/second.hpp"
if ! cmp -s "$work/first.hpp" "$work/second.hpp"; then
  echo "the header generated from the second schema differs:" >&2
  diff "$work/first.hpp" "$work/second.hpp" >&2 || true
  exit 1
fi

"$codegen" --schema "$first" --namespace gen --check "$work/first.hpp"
"$setup" stale "$first"
status=0
"$codegen" --schema "$first" --namespace gen --check "$work/first.hpp" 2>"$work/stale.txt" || status=$?
if [ "$status" -ne 1 ] || ! grep -q "out of date" "$work/stale.txt"; then
  echo "--check did not fail with status 1 on a stale header (status $status)" >&2
  exit 1
fi
echo "round trip: identical headers, no drift either way, --check fails on a stale header"
