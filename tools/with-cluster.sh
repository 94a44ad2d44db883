#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# with-cluster.sh: run a command against a throwaway primary, two streaming replicas and PgBouncer.
#
#   tools/with-cluster.sh CMD [ARGS...]
#
# In a fresh directory under /tmp (PGDSL_CLUSTER_DIR), all on 127.0.0.1 at free ports: a primary
# with the database `pgdsl` (wal_level replica), two hot standbys made with `pg_basebackup -R`,
# each streaming through a physical replication slot of its own (replica1, replica2), and
# PgBouncer in transaction mode in front of the primary (trust auth, the user in a generated
# userlist). CMD runs once both standbys stream, with
#   DATABASE_URL and PGDSL_PRIMARY_URL, PGDSL_REPLICA1_URL, PGDSL_REPLICA2_URL, PGDSL_BOUNCER_URL
#     (postgresql://USER@127.0.0.1:PORT/pgdsl), PGDSL_BOUNCER_ADMIN_URL (its `pgbouncer` console),
#   PGDSL_CLUSTER_HOSTS  postgresql://USER@127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3/pgdsl
#                        (primary, replica1, replica2 in that order),
#   PGDSL_PRIMARY_CTL, PGDSL_REPLICA1_CTL, PGDSL_REPLICA2_CTL: scripts running pg_ctl on that node
#     as the right user (`"$PGDSL_REPLICA1_CTL" promote`, `stop -m fast`, `start`, `restart`),
#   PGDSL_PG_CTL, PGDSL_PGDATA, PGHOST, PGPORT, PGDATABASE, PGUSER: the primary, as with-postgres.sh.
# Everything is stopped and removed on every exit path (success, failure, Ctrl-C, TERM); the exit
# status is CMD's. As root, the servers and PgBouncer run as the `postgres` user.
set -euo pipefail
me=with-cluster.sh

if [ $# -eq 0 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
  sed -n '3,21s/^# \{0,1\}//p' "$0"
  [ $# -eq 0 ] && exit 2 || exit 0
fi

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  return 1
}
bindir=$(find_bindir) || {
  echo "$me: no PostgreSQL server found (initdb): install the Debian package postgresql" >&2
  echo "$me: (tools/install-deps.sh does it)" >&2
  exit 2
}
bouncer=$(command -v pgbouncer 2>/dev/null || echo /usr/sbin/pgbouncer)
[ -x "$bouncer" ] || {
  echo "$me: no pgbouncer found: install the Debian package pgbouncer (tools/install-deps.sh does it)" >&2
  exit 2
}

if [ "$(id -u)" = 0 ]; then
  user=postgres
  id -u postgres >/dev/null 2>&1 || { echo "$me: running as root but there is no postgres user" >&2; exit 2; }
  as_server_user() { runuser -u postgres -- "$@"; }
  as_server_prefix='runuser -u postgres -- '
else
  user=$(id -un)
  as_server_user() { "$@"; }
  as_server_prefix=
fi

# Short and private: the socket paths (dir + /.s.PGSQL.NNNNN) must stay under 107 bytes. Every
# node and PgBouncer put their sockets here (the ports differ) and their logs as NODE.log.
dir=$(mktemp -d /tmp/pgdsl-cl.XXXXXX)
nodes=(primary replica1 replica2)
child=
cleanup() {
  trap - EXIT INT TERM
  local node pid
  if [ -f "$dir/bouncer/pgbouncer.pid" ]; then
    pid=$(cat "$dir/bouncer/pgbouncer.pid" 2>/dev/null || true)
    # Only our own PgBouncer: the pid file may outlive it and its number be reused.
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pgbouncer ]; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  # Whatever the command did to them (stopped, promoted, restarted), stop every node still up.
  for node in "${nodes[@]}"; do
    [ -f "$dir/$node/postmaster.pid" ] &&
      as_server_user "$bindir/pg_ctl" -D "$dir/$node" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
}
on_signal() {
  local status=$1
  echo "$me: interrupted: stopping the command and the cluster" >&2
  if [ -n "$child" ]; then
    # The whole process group: a shell command's own children (a `sleep`, a test binary) too.
    kill -TERM -- "-$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  cleanup
  exit "$status"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

fail() {
  local log=$1; shift
  echo "$me: $*; the end of $(basename "$log"):" >&2
  tail -n 30 "$log" >&2 2>/dev/null || true
  exit 2
}

[ "$user" = postgres ] && chown postgres: "$dir"
if ! as_server_user "$bindir/initdb" -D "$dir/primary" -A trust -N -U "$user" -E UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
  fail "$dir/initdb.log" "initdb failed"
fi
# initdb's pg_hba.conf already trusts replication connections from 127.0.0.1.

# Speed over durability: the cluster lives for one command. The standbys copy postgresql.conf
# (which includes pgdsl.conf) from the primary and get a pgdsl.conf of their own.
settings() {
  cat <<CONF
listen_addresses = '127.0.0.1'
port = $1
cluster_name = '$2'
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
synchronous_commit = off
shared_buffers = 16MB
max_connections = 200
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
wal_receiver_status_interval = 1s
timezone = 'UTC'
log_timezone = 'UTC'
CONF
}
echo "include 'pgdsl.conf'" >>"$dir/primary/postgresql.conf"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
taken=" "
free_port() {
  local port
  while :; do
    port=$(( (RANDOM * 32768 + RANDOM) % 30000 + 20000 ))
    case $taken in *" $port "*) continue ;; esac
    port_in_use "$port" && continue
    echo "$port"
    return
  done
}

# start_node NAME: pick a free port, write NAME's pgdsl.conf, start it; sets port_NAME.
start_node() {
  local node=$1 port attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(free_port)
    taken="$taken$port "
    settings "$port" "$node" | as_server_user tee "$dir/$node/pgdsl.conf" >/dev/null
    if as_server_user "$bindir/pg_ctl" -D "$dir/$node" -l "$dir/$node.log" -w -t 60 start \
        >/dev/null 2>&1; then
      printf -v "port_$node" %s "$port"
      return 0
    fi
    # Someone may have taken the port between the probe and the start: try another one.
    grep -q 'could not bind\|could not create any TCP/IP sockets' "$dir/$node.log" 2>/dev/null || break
  done
  as_server_user "$bindir/pg_ctl" -D "$dir/$node" -m immediate stop >/dev/null 2>&1 || true
  fail "$dir/$node.log" "the $node server did not start"
}

psql_at() {  # psql_at PORT SQL: one value, unaligned
  as_server_user "$bindir/psql" -X -A -t -q -h "$dir" -p "$1" -U "$user" -d "${3:-pgdsl}" -c "$2"
}

start_node primary
if ! as_server_user "$bindir/createdb" -h "$dir" -p "$port_primary" -U "$user" pgdsl \
    >"$dir/createdb.log" 2>&1; then
  fail "$dir/createdb.log" "createdb pgdsl failed"
fi

# The standbys: a base backup each, with its own slot (-C -S) and standby.signal plus
# primary_conninfo/primary_slot_name (-R); -c fast: no wait for a spread checkpoint.
for node in replica1 replica2; do
  if ! as_server_user "$bindir/pg_basebackup" -h 127.0.0.1 -p "$port_primary" -U "$user" \
      -D "$dir/$node" -R -C -S "$node" -X stream -c fast -N >"$dir/$node.basebackup.log" 2>&1; then
    fail "$dir/$node.basebackup.log" "pg_basebackup for $node failed"
  fi
  start_node "$node"
done

# Wait until both standbys stream (cluster_name is their application_name on the primary).
streaming=0
for _ in $(seq 300); do
  streaming=$(psql_at "$port_primary" \
    "select count(*) from pg_stat_replication where state = 'streaming' and application_name in ('replica1', 'replica2')" \
    2>/dev/null || echo 0)
  [ "$streaming" = 2 ] && break
  sleep 0.1
done
[ "$streaming" = 2 ] || fail "$dir/replica1.log" "the standbys did not start streaming within 30 s"

# PgBouncer in transaction mode in front of the primary. auth_type trust still needs the user in
# auth_file; the user is also an admin of the `pgbouncer` console (SHOW POOLS, SHOW SERVERS...).
mkdir "$dir/bouncer"
port_bouncer=$(free_port)
printf '"%s" ""\n' "$user" >"$dir/bouncer/userlist.txt"
cat >"$dir/bouncer/pgbouncer.ini" <<INI
[databases]
pgdsl = host=127.0.0.1 port=$port_primary dbname=pgdsl

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port_bouncer
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/bouncer/userlist.txt
admin_users = $user
pool_mode = transaction
max_client_conn = 500
default_pool_size = 20
logfile = $dir/bouncer.log
pidfile = $dir/bouncer/pgbouncer.pid
INI
[ "$user" = postgres ] && chown -R postgres: "$dir/bouncer"
if ! as_server_user "$bouncer" -d "$dir/bouncer/pgbouncer.ini" >"$dir/bouncer.start.log" 2>&1; then
  cat "$dir/bouncer.start.log" >&2
  fail "$dir/bouncer.log" "pgbouncer did not start"
fi
ready=
for _ in $(seq 100); do
  ready=$(psql_at "$port_bouncer" "select 1" 2>/dev/null || true)
  [ "$ready" = 1 ] && break
  sleep 0.1
done
[ "$ready" = 1 ] || fail "$dir/bouncer.log" "pgbouncer does not answer on port $port_bouncer"

# For fault tests: pg_ctl on each node, as the user that owns it.
for node in "${nodes[@]}"; do
  cat >"$dir/$node.ctl" <<SCRIPT
#!/bin/sh
# pg_ctl for the throwaway $node in $dir/$node, e.g. "\$0" promote, "\$0" stop -m fast
exec $as_server_prefix$(printf '%q' "$bindir/pg_ctl") -D $(printf '%q' "$dir/$node") -l $(printf '%q' "$dir/$node.log") -w "\$@"
SCRIPT
  chmod 755 "$dir/$node.ctl"
done

url() { echo "postgresql://$user@127.0.0.1:$1/${2:-pgdsl}"; }
export PGDSL_CLUSTER_DIR=$dir
export PGDSL_PRIMARY_URL=$(url "$port_primary") DATABASE_URL=$(url "$port_primary")
export PGDSL_REPLICA1_URL=$(url "$port_replica1") PGDSL_REPLICA2_URL=$(url "$port_replica2")
export PGDSL_BOUNCER_URL=$(url "$port_bouncer") PGDSL_BOUNCER_ADMIN_URL=$(url "$port_bouncer" pgbouncer)
export PGDSL_CLUSTER_HOSTS="postgresql://$user@127.0.0.1:$port_primary,127.0.0.1:$port_replica1,127.0.0.1:$port_replica2/pgdsl"
export PGDSL_PRIMARY_CTL=$dir/primary.ctl PGDSL_REPLICA1_CTL=$dir/replica1.ctl PGDSL_REPLICA2_CTL=$dir/replica2.ctl
export PGHOST=$dir PGPORT=$port_primary PGDATABASE=pgdsl PGUSER=$user
export PGDSL_PGDATA=$dir/primary PGDSL_PG_CTL=$dir/primary.ctl
echo "$me: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') primary :$port_primary," \
  "replicas :$port_replica1 :$port_replica2 (streaming), PgBouncer $("$bouncer" --version | awk 'NR==1{print $2}')" \
  "(transaction mode) :$port_bouncer, in $dir" >&2

# In the background so that INT/TERM traps run at once instead of after the command, and in a
# process group of its own (set -m) so that a signal stops all of it; the explicit <&0 keeps stdin
# (a background job would otherwise read /dev/null).
set -m
"$@" <&0 &
set +m
child=$!
status=0
wait "$child" || status=$?
child=
exit "$status"
