#!/usr/bin/env bash
# Throwaway local PostgreSQL for CI and tests.
#
#   eval "$(bash .ci/postgres.sh)"        # start; exports DATABASE_URL and VE_LENS_PG_DIR
#   bash .ci/postgres.sh stop             # stop the cluster named by VE_LENS_PG_DIR and delete it
#
# Installs PostgreSQL from Debian packages when no server binaries are found, creates a cluster
# with initdb in a fresh temporary directory, and starts it with pg_ctl on 127.0.0.1 and a free
# port (unix socket inside the cluster directory, trust authentication for loopback only). The
# server never runs as root: when this script runs as root it runs initdb and pg_ctl as the
# `postgres` user. Only `export ...` lines go to stdout, everything else to stderr.
set -euo pipefail

log() { echo "[postgres.sh] $*" >&2; }

# Runs a command as the cluster owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

# Directory with initdb/pg_ctl/postgres: newest /usr/lib/postgresql/<v>/bin, else PATH.
find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

stop_cluster() {
  local dir="${1:-${VE_LENS_PG_DIR:-}}"
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    log "nothing to stop (VE_LENS_PG_DIR is unset or not a cluster)"
    return 0
  fi
  local bindir
  bindir="$(find_bindir)"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  log "stopped and removed $dir"
}

if [ "${1:-}" = "stop" ]; then
  stop_cluster "${2:-}"
  exit 0
fi

if ! bindir="$(find_bindir)"; then
  if [ "$(id -u)" != "0" ]; then
    log "PostgreSQL is not installed and this is not root: install the postgresql package first"
    exit 1
  fi
  log "installing PostgreSQL from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bindir="$(find_bindir)"
fi
if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
  log "creating the postgres system user"
  useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/ve-lens-pg.XXXXXX")"
chmod 0755 "$dir"
if [ "$(id -u)" = "0" ]; then chown postgres: "$dir"; fi

log "initdb in $dir/data ($bindir)"
as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null 2>"$dir/initdb.err" ||
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >/dev/null 2>"$dir/initdb.err" || {
    cat "$dir/initdb.err" >&2
    exit 1
  }

# A free loopback port, chosen by the kernel (node is always there in this project).
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

started=""
for attempt in 1 2 3; do
  port="$(free_port)"
  if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2; then
    started=1
    break
  fi
  log "start on port $port failed (attempt $attempt)"
  tail -n 20 "$dir/server.log" >&2 || true
done
if [ -z "$started" ]; then
  log "could not start PostgreSQL"
  exit 1
fi

log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
echo "export VE_LENS_PG_DIR=$dir"
