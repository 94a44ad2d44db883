#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# with-postgres.sh: run a command against a throwaway PostgreSQL cluster.
#
#   tools/with-postgres.sh CMD [ARGS...]
#
# Creates a cluster in a fresh directory under /tmp, listens on a unix socket in that directory and
# on 127.0.0.1 at a free port, creates the database `pgdsl`, and runs CMD with
#   PGHOST (the socket directory), PGPORT, PGDATABASE=pgdsl, PGUSER,
#   DATABASE_URL=postgresql://USER@127.0.0.1:PORT/pgdsl,
#   PGDSL_PGDATA (the data directory) and PGDSL_PG_CTL (a script running pg_ctl on this cluster
#   as the right user, e.g. `"$PGDSL_PG_CTL" restart -m fast` in fault tests).
# The cluster is stopped and removed on every exit path (success, failure, Ctrl-C, TERM); the exit
# status is CMD's. If DATABASE_URL is already set, that server is used and nothing is created.
# As root, the server runs as the `postgres` user (initdb refuses root).
set -euo pipefail
me=with-postgres.sh

if [ $# -eq 0 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  sed -n '3,15s/^# \{0,1\}//p' "$0"
  [ $# -eq 0 ] && exit 2 || exit 0
fi

if [ -n "${DATABASE_URL:-}" ]; then
  echo "$me: DATABASE_URL is set: using that server, creating nothing" >&2
  exec "$@"
fi

. "$(dirname "${BASH_SOURCE[0]}")/postgres-server.sh"
bindir=$(find_bindir) || {
  echo "$me: no PostgreSQL server found (initdb): install the Debian package postgresql" >&2
  echo "$me: (tools/install-deps.sh does it) or set DATABASE_URL to use an existing server" >&2
  exit 2
}

choose_server_user || { echo "$me: running as root but there is no postgres user" >&2; exit 2; }

# Short and private: the socket path (dir + /.s.PGSQL.NNNNN) must stay under 107 bytes.
dir=$(mktemp -d /tmp/pgdsl-pg.XXXXXX)
data=$dir/data
log=$dir/server.log
started=0
child=
cleanup() {
  trap - EXIT INT TERM
  if [ "$started" = 1 ]; then
    as_server_user "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
on_signal() {
  local status=$1
  echo "$me: interrupted: stopping the command and the cluster" >&2
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  cleanup
  exit "$status"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

[ "$user" = postgres ] && chown postgres: "$dir"
if ! as_server_user "$bindir/initdb" -D "$data" -A trust -N -U "$user" -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1; then
  echo "$me: initdb failed:" >&2
  tail -n 20 "$dir/initdb.log" >&2
  exit 2
fi

# Speed over durability: the cluster lives for one command.
settings() {
  cat <<CONF
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 200
timezone = 'UTC'
log_timezone = 'UTC'
CONF
}
echo "include 'pgdsl.conf'" >>"$data/postgresql.conf"

for attempt in 1 2 3 4 5 6 7 8 9 10; do
  port=$(( (RANDOM * 32768 + RANDOM) % 30000 + 20000 ))
  port_in_use "$port" && continue
  settings "$port" | as_server_user tee "$data/pgdsl.conf" >/dev/null
  if as_server_user "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1; then
    started=1
    break
  fi
  # Someone may have taken the port between the probe and the start: try another one.
  grep -q 'could not bind\|could not create any TCP/IP sockets' "$log" 2>/dev/null || break
done
if [ "$started" != 1 ]; then
  echo "$me: the PostgreSQL server did not start; the end of its log:" >&2
  tail -n 30 "$log" >&2 2>/dev/null || true
  as_server_user "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 && true
  exit 2
fi

if ! as_server_user "$bindir/createdb" -h "$dir" -p "$port" -U "$user" pgdsl >"$dir/createdb.log" 2>&1; then
  echo "$me: createdb pgdsl failed:" >&2
  cat "$dir/createdb.log" >&2
  exit 2
fi

# For fault tests: pg_ctl on this cluster, as the user that owns it.
cat >"$dir/pg_ctl" <<SCRIPT
#!/bin/sh
# pg_ctl for the throwaway cluster in $data, e.g. "\$0" restart -m fast
exec $as_server_prefix$(printf '%q' "$bindir/pg_ctl") -D $(printf '%q' "$data") -l $(printf '%q' "$log") -w "\$@"
SCRIPT
chmod 755 "$dir/pg_ctl"

export PGHOST=$dir PGPORT=$port PGDATABASE=pgdsl PGUSER=$user
export DATABASE_URL="postgresql://$user@127.0.0.1:$port/pgdsl"
export PGDSL_PGDATA=$data PGDSL_PG_CTL=$dir/pg_ctl
echo "$me: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') ready at $DATABASE_URL (socket in $dir)" >&2

# In the background so that INT/TERM traps run at once instead of after the command; the explicit
# <&0 keeps stdin (a background job would otherwise read /dev/null).
"$@" <&0 &
child=$!
status=0
wait "$child" || status=$?
child=
exit "$status"
