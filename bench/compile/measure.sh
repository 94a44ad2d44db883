#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# measure.sh: the compile cost of the three translation units of bench/compile, the way an
# application builds them (-std=c++20 -O2, the umbrella header, Boost as a system include), with
# g++ and clang++: median wall time, median CPU time (user + system: steadier than wall time on a
# shared machine) and median peak memory of 3 runs each (GNU time's "Maximum resident set size").
#   render   thirty_statements.cpp  30 statements built and their SQL rendered
#   execute  execute_thirty.cpp     the same 30 executed on a pgdsl::connection, every column read
#   headers  headers_only.cpp       baseline: <pgdsl/pgdsl.hpp> and the schema, no statement
#
#   bench/compile/measure.sh [runs]      # default 3
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
command -v /usr/bin/time >/dev/null 2>&1 || [ -x /usr/bin/time ] || {
  echo "measure.sh: installing GNU time (Debian package time)" >&2
  ${SUDO:-$([ "$(id -u)" = 0 ] || echo sudo)} apt-get install -y -q time >/dev/null
}
pg_include=$(pg_config --includedir)
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf 'compiler\tvariant\tmedian_wall_s\tmedian_cpu_s\tmedian_peak_mb\truns\n'
for cxx in g++ clang++; do
  for variant in headers render execute; do
    case $variant in
      headers) source=bench/compile/headers_only.cpp ;;
      render) source=bench/compile/thirty_statements.cpp ;;
      execute) source=bench/compile/execute_thirty.cpp ;;
    esac
    walls=() cpus=() mems=()
    for ((i = 0; i < runs; i++)); do
      report=$(/usr/bin/time -v "$cxx" -std=c++20 -O2 -Iinclude -isystem "$pg_include" -c "$source" \
        -o /dev/null 2>&1 >/dev/null) || { echo "$report" >&2; exit 1; }
      wall=$(echo "$report" | awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s }')
      cpu=$(echo "$report" | awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }')
      mem=$(echo "$report" | awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }')
      walls+=("$wall") cpus+=("$cpu") mems+=("$mem")
    done
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$cxx" "$variant" "$(printf '%s\n' "${walls[@]}" | median)" \
      "$(printf '%s\n' "${cpus[@]}" | median)" "$(printf '%s\n' "${mems[@]}" | median)" "$runs"
  done
done
