#!/usr/bin/env bash
# test.sh: install what is missing, then build and run the whole test suite in three
# configurations, all against one throwaway PostgreSQL (tools/with-postgres.sh):
#   gcc    g++, Debug                                   build/gcc
#   clang  clang++, Debug                               build/clang
#   asan   g++ -O1 with AddressSanitizer + UBSan        build/asan
#
#   tools/test.sh [--config gcc|clang|asan]...          (default: all three)
#
# Prints each configuration's CTest summary and exits non-zero if any configuration failed to
# build or to pass. A second run rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."
me=test.sh
all_configs=(gcc clang asan)

# Internal: the CTest half, run inside the one throwaway cluster (see the end of this script).
if [ "${1:-}" = --run-ctest ]; then
  shift
  set +e  # a failing configuration must not stop the others
  for config in "$@"; do
    echo "$me: ---- ctest: $config"
    (
      [ "$config" = asan ] && export UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1
      cd "build/$config" && ctest --output-on-failure -j2 --timeout 600
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
    -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ ${#configs[@]} -gt 0 ] || configs=("${all_configs[@]}")
for config in "${configs[@]}"; do
  case " ${all_configs[*]} " in
    *" $config "*) ;;
    *) echo "$me: unknown configuration '$config' (one of: ${all_configs[*]})" >&2; exit 2 ;;
  esac
done

tools/install-deps.sh --for test

cmake_args() {
  case $1 in
    gcc) echo -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug ;;
    # Package tests configure whole projects: once (gcc) is enough.
    clang) echo -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DPGDSL_PACKAGE_TESTS=OFF ;;
    # Must-not-compile cases already ran with this compiler in gcc.
    asan) echo -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE= -DPGDSL_PACKAGE_TESTS=OFF \
               -DPGDSL_MUST_NOT_COMPILE_TESTS=OFF ;;
  esac
}
asan_flags="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"

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
  [ "$config" = asan ] && flags=("-DCMAKE_CXX_FLAGS=$asan_flags")
  echo "$me: ---- build: $config ($build)"
  t=$SECONDS
  # shellcheck disable=SC2046  # cmake_args prints separate words on purpose
  if cmake -S . -B "$build" "${generator[@]}" $(cmake_args "$config") "${flags[@]}" \
       -DPGDSL_BUILD_TESTS=ON -DPGDSL_BUILD_EXAMPLES=ON -DPGDSL_BUILD_BENCH=ON \
       >"$build/configure.log" 2>&1 \
     || { cat "$build/configure.log"; false; }; then
    if cmake --build "$build" -j2; then
      built+=("$config")
      echo "$me: built $config in $((SECONDS - t)) s"
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
  [ "${verdict[$config]}" = passed ] || failed+=("$config (${verdict[$config]})")
done
elapsed=$((SECONDS - started))
if [ ${#failed[@]} -eq 0 ]; then
  echo "$me: all ${#configs[@]} configuration$([ ${#configs[@]} -gt 1 ] && echo s) passed (${elapsed} s)"
else
  summary=$(printf '%s, ' "${failed[@]}")
  echo "$me: FAILED: ${summary%, }; $(( ${#configs[@]} - ${#failed[@]} )) of ${#configs[@]} passed (${elapsed} s)"
  exit 1
fi
