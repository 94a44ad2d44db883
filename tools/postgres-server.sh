# SPDX-License-Identifier: BSL-1.0
# postgres-server.sh: sourced by with-postgres.sh and with-cluster.sh (not run on its own): where
# the PostgreSQL server programs are, which user runs them, and whether a loopback port is taken.

# The directory of initdb, pg_ctl, postgres...: pg_config's, else the newest Debian one.
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

# Sets `user` (who owns and runs the servers), `as_server_user CMD...` and `as_server_prefix`
# (the same as text, for generated scripts). As root that is `postgres` (initdb refuses root);
# fails when there is no such user.
choose_server_user() {
  if [ "$(id -u)" = 0 ]; then
    user=postgres
    id -u postgres >/dev/null 2>&1 || return 1
    as_server_user() { runuser -u postgres -- "$@"; }
    as_server_prefix='runuser -u postgres -- '
  else
    user=$(id -un)
    as_server_user() { "$@"; }
    as_server_prefix=
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
