#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# install-deps.sh: install the Debian packages pgdsl needs, only those that are missing.
#
#   tools/install-deps.sh [--for quickstart|test]     (default: test)
#
# quickstart: what examples/quickstart needs (compiler, CMake, Ninja, libpq, Boost, PostgreSQL);
# test: the whole suite's needs (adds clang, Catch2, Python, pkg-config, Google Benchmark, and
# PgBouncer for tools/with-cluster.sh).
# Checks each package with dpkg first; runs `apt-get update` and `apt-get install` only when
# something is missing, so a second run installs nothing. Uses sudo when not run as root.
set -euo pipefail
me=install-deps.sh

purpose=test
while [ $# -gt 0 ]; do
  case $1 in
    --for) purpose=${2:-}; shift 2 || true ;;
    --for=*) purpose=${1#--for=}; shift ;;
    -h|--help) sed -n '3,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

case $purpose in
  quickstart) packages=(g++ cmake ninja-build libpq-dev libboost-dev postgresql) ;;
  test) packages=(g++ cmake ninja-build clang libpq-dev libboost-dev catch2 postgresql python3 pkg-config
                  libbenchmark-dev pgbouncer) ;;
  *) echo "$me: --for takes quickstart or test, not '$purpose'" >&2; exit 2 ;;
esac

command -v dpkg >/dev/null 2>&1 || { echo "$me: needs a Debian system (dpkg)" >&2; exit 2; }
installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'; }
missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "$me: the ${#packages[@]} Debian packages for $purpose are installed, nothing to do"
  exit 0
fi

sudo=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "$me: missing ${missing[*]}; run this as root or install sudo" >&2
    exit 2
  }
  sudo=(sudo)
fi

# Debian's postgresql package would create and start a `main` cluster that pgdsl never uses
# (tools/with-postgres.sh makes its own): tell it not to, unless the machine's owner already chose.
for package in "${missing[@]}"; do
  if [ "$package" = postgresql ] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    echo "$me: writing /etc/postgresql-common/createcluster.conf: create_main_cluster = false"
    "${sudo[@]}" mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' | "${sudo[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
done

echo "$me: installing missing Debian packages for $purpose: ${missing[*]}"
apt_env=(env DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1)
"${sudo[@]}" "${apt_env[@]}" apt-get update -q
"${sudo[@]}" "${apt_env[@]}" apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confold "${missing[@]}"
echo "$me: installed ${missing[*]}"
