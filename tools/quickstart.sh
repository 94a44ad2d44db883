#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# quickstart.sh: install what is missing, build examples/quickstart, and run it against a
# throwaway PostgreSQL (tools/with-postgres.sh). Build tree: build/quickstart.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh --for quickstart

build=build/quickstart
mkdir -p "$build"
generator=()
if [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
echo "quickstart.sh: configuring and building the quickstart in $build"
cmake -S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DPGDSL_BUILD_EXAMPLES=ON -DPGDSL_BUILD_TESTS=OFF -DPGDSL_BUILD_BENCH=OFF >"$build/configure.log" 2>&1 \
  || { cat "$build/configure.log" >&2; echo "quickstart.sh: cmake configure failed" >&2; exit 1; }
cmake --build "$build" -j2 --target quickstart

echo "quickstart.sh: running examples/quickstart against a throwaway PostgreSQL"
tools/with-postgres.sh "$build/examples/quickstart"
