#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# test.sh: install what is missing, then build and run the whole test suite, all against one
# throwaway PostgreSQL (with-postgres.sh). Configurations (default: the first five; --all: all):
#   gcc        g++ -O2 (assertions on)               build/gcc        everything; every test
#   clang-asan clang++ -O1, ASan + UBSan             build/clang-asan tests, examples; every test
#   tsan       g++ -O1, ThreadSanitizer              build/tsan       pool and async tests only
#   gcc-o3     g++ -O3 -DNDEBUG (Release)            build/gcc-o3     what users build: apps, examples
#   clang-o3   clang++ -O3 -DNDEBUG (Release)        build/clang-o3   what users build: apps, examples
#   clang      clang++, Debug                        build/clang      everything; every test but cluster
#   asan       g++ -O1, ASan + UBSan                 build/asan       tests, examples; every test
#   gcc-debug  g++, Debug                            build/gcc-debug  everything; every test
#   clang-o2   clang++ -O2 (assertions on)           build/clang-o2   everything; every test but cluster
#
#   tools/test.sh [--config NAME]... [--all]
#   PGDSL_WHOLE_TREE=1 tools/test.sh --config gcc-o3   (Release build of the whole tree, build only)
#
# Every build uses -Wall -Wextra -Wpedantic -Werror (g++ adds -Wrestrict -Wstringop-overflow
# -Warray-bounds). g++'s flow-based warnings appear only when optimizing, so the gcc configuration
# builds the whole tree at -O2 and runs it (optimized code is what users ship), and gcc-o3 builds
# at -O3 what a user compiles of ours (the shipped programs and the examples, which use every
# capability). clang's warnings come from its front end and do not depend on -O: clang-asan builds
# the tests and examples with clang, with the sanitizers, and runs them; clang-o3 checks the
# Release build of the user-facing targets. Checks that one configuration settles run once: in
# gcc the headers compiled alone (PGDSL_HEADER_TESTS), the package tests and the documentation's
# examples (tests/docs, label `docs`: every ```cpp block of README.md and docs/*.md); the
# must-not-compile cases in gcc and clang-asan (the clang messages); no benchmarks under the
# sanitizers. tsan builds and runs only the concurrency-bearing tests (targets pool_tests and
# async_tests, ctest -L 'pool|concurrency').
#
# Prints each configuration's CTest summary and exits non-zero if any configuration failed to
# build or to pass. A second run rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."
me=test.sh
all_configs=(gcc clang-asan tsan gcc-o3 clang-o3 clang asan gcc-debug clang-o2)
default_configs=(gcc clang-asan tsan gcc-o3 clang-o3)
build_only_configs=(gcc-o3 clang-o3)

# Internal: the CTest half, run inside the one throwaway cluster (see the end of this script).
if [ "${1:-}" = --run-ctest ]; then
  shift
  set +e  # a failing configuration must not stop the others
  for config in "$@"; do
    echo "$me: ---- ctest: $config"
    (
      case $config in
        asan|clang-asan) export UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 ;;
      esac
      [ "$config" = tsan ] && export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
      only=()
      [ "$config" = tsan ] && only=(-L 'pool|concurrency')
      case $config in clang|clang-o2) only=(-LE cluster) ;; esac
      cd "build/$config" && ctest --output-on-failure -j2 --timeout 600 "${only[@]}"
    ) 2>&1 | tee "build/$config/ctest.log"
    echo "${PIPESTATUS[0]}" >"build/$config/ctest.status"
  done
  exit 0
fi

configs=()
while [ $# -gt 0 ]; do
  case $1 in
    --config) configs+=("${2:-}"); shift 2 || true ;;
    --config=*) configs+=("${1#--config=}"); shift ;;
    --all) configs+=("${all_configs[@]}"); shift ;;
    -h|--help) sed -n '3,31s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ ${#configs[@]} -gt 0 ] || configs=("${default_configs[@]}")
for config in "${configs[@]}"; do
  case " ${all_configs[*]} " in
    *" $config "*) ;;
    *) echo "$me: unknown configuration '$config' (one of: ${all_configs[*]})" >&2; exit 2 ;;
  esac
done

tools/install-deps.sh --for test

cmake_args() {
  # Package tests configure whole projects, the headers-alone test is 200 translation units and the
  # docs' examples another 20: gcc (or gcc-debug) runs them. The must-not-compile cases run once per compiler.
  local once="-DPGDSL_PACKAGE_TESTS=OFF -DPGDSL_HEADER_TESTS=OFF -DPGDSL_DOCS_SNIPPETS=OFF"
  local no_rules="-DPGDSL_MUST_NOT_COMPILE_TESTS=OFF"
  local users="-DPGDSL_BUILD_TESTS=OFF -DPGDSL_BUILD_BENCH=OFF"
  [ "${PGDSL_WHOLE_TREE:-}" = 1 ] && users="$once $no_rules"
  case $1 in
    # -O2 through CMAKE_CXX_FLAGS with an empty build type: assertions stay on.
    gcc) echo -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE= ;;
    gcc-debug) echo -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug ;;
    clang) echo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug "$once" ;;
    clang-o2) echo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE= "$once $no_rules" ;;
    clang-asan) echo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE= "$once" -DPGDSL_BUILD_BENCH=OFF ;;
    asan) echo -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE= "$once $no_rules" -DPGDSL_BUILD_BENCH=OFF ;;
    tsan) echo -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE= "$once $no_rules" ;;
    gcc-o3) echo -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Release "$users" ;;
    clang-o3) echo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Release "$users" ;;
  esac
}
asan_flags="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# clang 14's UBSan `function` check cannot be assembled in coroutines ("Cannot represent a
# difference across sections": its prologue data spans the split coroutine's sections).
clang_asan_flags="$asan_flags -fno-sanitize=function"
tsan_flags="-O1 -g -fsanitize=thread -fno-omit-frame-pointer"

started=$SECONDS
built=()
declare -A verdict
for config in "${configs[@]}"; do
  build=build/$config
  mkdir -p "$build"
  rm -f "$build/ctest.status" "$build/ctest.log"
  generator=()
  if [ ! -f "$build/CMakeCache.txt" ] && command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
  flags=()
  case $config in
    asan) flags=("-DCMAKE_CXX_FLAGS=$asan_flags") ;;
    clang-asan) flags=("-DCMAKE_CXX_FLAGS=$clang_asan_flags") ;;
    tsan) flags=("-DCMAKE_CXX_FLAGS=$tsan_flags") ;;
    gcc|*-o2) flags=("-DCMAKE_CXX_FLAGS=-O2") ;;
  esac
  echo "$me: ---- build: $config ($build)"
  t=$SECONDS
  # The defaults first: a configuration's own -D arguments (after them) win.
  # shellcheck disable=SC2046  # cmake_args prints separate words on purpose
  if cmake -S . -B "$build" "${generator[@]}" \
       -DPGDSL_BUILD_TESTS=ON -DPGDSL_BUILD_EXAMPLES=ON -DPGDSL_BUILD_BENCH=ON \
       -DPGDSL_HEADER_TESTS=ON -DPGDSL_PACKAGE_TESTS=ON -DPGDSL_MUST_NOT_COMPILE_TESTS=ON \
       -DPGDSL_DOCS_SNIPPETS=ON \
       $(cmake_args "$config") "${flags[@]}" \
       -DPGDSL_WARNINGS_AS_ERRORS=ON \
       >"$build/configure.log" 2>&1 \
     || { cat "$build/configure.log"; false; }; then
    targets=()
    [ "$config" = tsan ] && targets=(--target pool_tests async_tests)
    if cmake --build "$build" -j2 "${targets[@]}"; then
      echo "$me: built $config in $((SECONDS - t)) s"
      case " ${build_only_configs[*]} " in
        *" $config "*) verdict[$config]="passed (built without a warning; build-only configuration)" ;;
        *) built+=("$config") ;;
      esac
    else
      verdict[$config]="build failed"
    fi
  else
    verdict[$config]="configure failed"
  fi
done

if [ ${#built[@]} -gt 0 ]; then
  t=$SECONDS
  tools/with-postgres.sh "$0" --run-ctest "${built[@]}" || true
  echo "$me: ran ctest in $((SECONDS - t)) s"
fi

echo
echo "$me: ==== summary"
failed=()
for config in "${configs[@]}"; do
  build=build/$config
  if [ -z "${verdict[$config]:-}" ]; then
    status=$(cat "$build/ctest.status" 2>/dev/null || echo missing)
    case $status in
      0) verdict[$config]=passed ;;
      missing) verdict[$config]="ctest did not run" ;;
      *) verdict[$config]="tests failed" ;;
    esac
  fi
  echo "$me: $config: ${verdict[$config]}"
  if [ -f "$build/ctest.log" ]; then
    # CTest's own summary: the pass line, the time, and the failed tests if any.
    sed -n -e '/tests passed, /p' -e '/^Total Test time/p' -e '/The following tests/,$p' \
      "$build/ctest.log" | sed 's/^/    /'
  fi
  case ${verdict[$config]} in
    passed*) ;;
    *) failed+=("$config (${verdict[$config]})") ;;
  esac
done
elapsed=$((SECONDS - started))
if [ ${#failed[@]} -eq 0 ]; then
  echo "$me: all ${#configs[@]} configuration$([ ${#configs[@]} -gt 1 ] && echo s) passed (${elapsed} s)"
else
  summary=$(printf '%s, ' "${failed[@]}")
  echo "$me: FAILED: ${summary%, }; $(( ${#configs[@]} - ${#failed[@]} )) of ${#configs[@]} passed (${elapsed} s)"
  exit 1
fi
