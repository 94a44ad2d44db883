#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# pgdsl-migrate end to end, run by CTest with DATABASE_URL (or PG*) set, in a schema of its own:
# new, status, up, the offline and dry-run SQL, a failing file (exit 1, then 3 while dirty),
# repair, an edited file (exit 3), down, and a usage error (exit 2).
# usage: cli_test.sh PGDSL_MIGRATE
set -uo pipefail
migrate=$1
work=$(mktemp -d)
schema=migrate_cli_$$
cleanup() {
  if command -v psql >/dev/null; then
    psql "${DATABASE_URL:-}" -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
run() { "$migrate" --dir "$work/m" --schema "$schema" "$@"; }
fail() { echo "cli_test: $*" >&2; exit 1; }
expect() {  # expect STATUS COMMAND...: runs pgdsl-migrate, checks its exit status
  local want=$1
  shift
  run "$@" >"$work/out" 2>&1
  local got=$?
  cat "$work/out"
  [ "$got" -eq "$want" ] || fail "pgdsl-migrate $* exited with $got, expected $want"
}

expect 0 new create_users --down
[ -f "$work/m/V0001__create_users.sql" ] && [ -f "$work/m/V0001__create_users.down.sql" ] ||
  fail "new did not create V0001__create_users.sql and its .down.sql"
echo "CREATE TABLE users (id int PRIMARY KEY);" >>"$work/m/V0001__create_users.sql"
echo "DROP TABLE users;" >>"$work/m/V0001__create_users.down.sql"
expect 0 new add_index
printf -- '-- pgdsl:no-transaction\r\nCREATE INDEX CONCURRENTLY users_idx ON users (id);\r\n' \
  >"$work/m/V0002__add_index.sql"

expect 0 status
grep -q "V2  pending  add index" "$work/out" || fail "status does not list V2 as pending"
expect 0 sql
grep -q "^BEGIN;" "$work/out" && grep -q "CREATE INDEX CONCURRENTLY" "$work/out" ||
  fail "sql does not print the offline script"
expect 0 up --dry-run
grep -q "CREATE TABLE users" "$work/out" || fail "up --dry-run does not print the SQL"
expect 0 up --to 1
grep -q "now at V1" "$work/out" || fail "up --to 1 did not stop at V1"
expect 0 up
grep -q "V2 add index ... applied" "$work/out" || fail "up printed no progress for V2"

echo "SELECT no_such_function();" >"$work/m/V0003__broken.sql"
expect 1 up
expect 3 status
grep -q "V3  FAILED  broken" "$work/out" || fail "status does not show the failed V3"
expect 3 up
grep -q "the database is dirty" "$work/out" || fail "up on a dirty database did not say so"
echo "SELECT 1;" >"$work/m/V0003__broken.sql"
expect 0 repair
expect 0 up

echo "-- edited" >>"$work/m/V0001__create_users.sql"
expect 3 up
grep -q "was edited after it was applied" "$work/out" || fail "an edited file was not reported"
expect 0 repair
grep -q "accepted the edited text of V1" "$work/out" || fail "repair did not accept V1"

expect 3 down --to 0   # V2 and V3 have no down file
printf 'DROP INDEX users_idx;\n' >"$work/m/V0002__add_index.down.sql"
printf '\n' >"$work/m/V0003__broken.down.sql"
expect 0 down --to 0
grep -q "reverted 3; now at V0" "$work/out" || fail "down --to 0 did not revert three versions"

expect 2 up --to
expect 2 frobnicate
echo "cli_test: every command behaved"
