#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, kept under <repo>/.pg/ (gitignored).
#
#   eng/postgres.sh start   start it (initdb on first use); prints the connection string on stdout
#   eng/postgres.sh env     start it if needed; prints `export CONNCTD_TEST_POSTGRES=...` for eval
#   eng/postgres.sh status  exit 0 and print the connection string if it runs, exit 1 otherwise
#   eng/postgres.sh stop    stop it and delete the cluster
#
# The cluster listens on 127.0.0.1 only, with trust authentication (no password): never use it for
# anything but tests. Port 55432 when it is free, otherwise the next free one. The binaries come from
# Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin), installed with apt-get when missing
# and running as root; set PG_BIN to use others. As root, the server runs as the `postgres` user
# (initdb refuses root). Everything but the connection string goes to stderr. Idempotent.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGROOT="$REPO/.pg"
CS_FILE="$PGROOT/connection-string"
DATADIR_FILE="$PGROOT/data-dir"
DATABASE="connctd_test"
SUPERUSER="postgres"
PREFERRED_PORT=55432

log() { echo "postgres.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

find_binaries() {
  if [[ -n "${PG_BIN:-}" ]]; then
    [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || die "PG_BIN=$PG_BIN holds no initdb/pg_ctl"
    BIN="$PG_BIN"
    return
  fi
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$candidate" || ! -x "$candidate/initdb" ]]; then
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      log "PostgreSQL is not installed; installing Debian's postgresql package"
      DEBIAN_FRONTEND=noninteractive apt-get update >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
      candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    fi
  fi
  if [[ -n "$candidate" && -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
    BIN="$candidate"
  elif command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    BIN="$(dirname "$(command -v pg_ctl)")"
  else
    die "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them (Debian/Ubuntu: sudo apt-get install -y postgresql), set PG_BIN to their directory, or point CONNCTD_TEST_POSTGRES at a server."
  fi
}

# Runs a PostgreSQL binary; as root, as the postgres system user (initdb and postgres refuse root).
as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u "$SUPERUSER" -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local port
  for port in "$PREFERRED_PORT" $(seq $((PREFERRED_PORT + 1)) $((PREFERRED_PORT + 200))); do
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
  done
  die "no free port between $PREFERRED_PORT and $((PREFERRED_PORT + 200))"
}

# The data directory: <repo>/.pg/data, unless the postgres user (when running as root) cannot reach it,
# for example because the repository lies under /root; then a private directory under /tmp.
choose_data_dir() {
  if [[ -f "$DATADIR_FILE" ]]; then
    DATA="$(cat "$DATADIR_FILE")"
    return
  fi
  DATA="$PGROOT/data"
  if [[ "$(id -u)" -eq 0 ]] && ! runuser -u "$SUPERUSER" -- test -x "$PGROOT"; then
    DATA="$(mktemp -d "${TMPDIR:-/tmp}/connctd-pg.XXXXXX")"
    log "the $SUPERUSER user cannot reach $PGROOT; the cluster lives in $DATA"
  fi
  echo "$DATA" >"$DATADIR_FILE"
}

is_running() {
  [[ -n "${DATA:-}" && -f "$DATA/PG_VERSION" ]] && as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

configured_port() { sed -n "s/^port = \([0-9]*\).*/\1/p" "$DATA/postgresql.conf" | tail -n 1; }

connection_string() { echo "Host=127.0.0.1;Port=$1;Database=$DATABASE;Username=$SUPERUSER"; }

init_cluster() {
  log "creating a throwaway cluster in $DATA"
  mkdir -p "$DATA"
  if [[ "$(id -u)" -eq 0 ]]; then
    id "$SUPERUSER" >/dev/null 2>&1 || die "running as root needs the '$SUPERUSER' system user (it comes with Debian's postgresql package)"
    chown "$SUPERUSER:" "$DATA"
  fi
  chmod 700 "$DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U "$SUPERUSER" --auth=trust --encoding=UTF8 --locale=C --no-sync --no-instructions >&2

  # Unix sockets only inside the data directory (never /var/run/postgresql), and none when its path is
  # too long for a socket name; the tests connect over TCP.
  local socket_dir="$DATA"
  if (( ${#DATA} > 80 )); then socket_dir=""; fi
  as_pg tee -a "$DATA/postgresql.conf" >/dev/null <<EOF

# --- throwaway test cluster (eng/postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
max_connections = 300
# Throwaway data: no need to survive an OS crash, so skip the flushes.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

start() {
  find_binaries
  mkdir -p "$PGROOT"
  exec 9>"$PGROOT/.lock"
  flock 9
  choose_data_dir

  if is_running; then
    local port
    port="$(configured_port)"
    connection_string "$port" >"$CS_FILE"
    cat "$CS_FILE"
    return
  fi

  [[ -f "$DATA/PG_VERSION" ]] || init_cluster

  local port attempt
  for attempt in 1 2 3; do
    port="$(configured_port)"
    if [[ -z "$port" ]] || port_in_use "$port"; then
      port="$(pick_port)"
      echo "port = $port" | as_pg tee -a "$DATA/postgresql.conf" >/dev/null
    fi
    log "starting PostgreSQL ($BIN) on 127.0.0.1:$port"
    # 9>&-: the server must not inherit the lock, or it would hold it for its whole life.
    if as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 120 start >&2 9>&-; then
      break
    fi
    # Another process may have taken the port between the check and the start: try another one.
    tail -n 20 "$DATA/server.log" >&2 || true
    [[ "$attempt" -lt 3 ]] || die "PostgreSQL did not start; see $DATA/server.log"
    echo "port = $(pick_port)" | as_pg tee -a "$DATA/postgresql.conf" >/dev/null
  done

  if [[ "$(as_pg "$BIN/psql" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]]; then
    as_pg "$BIN/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DATABASE"
  fi

  connection_string "$port" >"$CS_FILE"
  cat "$CS_FILE"
}

stop() {
  find_binaries
  mkdir -p "$PGROOT"
  exec 9>"$PGROOT/.lock"
  flock 9
  if [[ -f "$DATADIR_FILE" ]]; then
    DATA="$(cat "$DATADIR_FILE")"
    if is_running; then
      log "stopping PostgreSQL in $DATA"
      as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 120 stop >&2
    fi
    rm -rf "$DATA"
  fi
  rm -rf "$PGROOT/data" "$CS_FILE" "$DATADIR_FILE"
  log "stopped and deleted"
}

status() {
  find_binaries
  if [[ -f "$DATADIR_FILE" ]]; then
    DATA="$(cat "$DATADIR_FILE")"
    if is_running; then
      connection_string "$(configured_port)"
      return 0
    fi
  fi
  log "not running"
  return 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env)
    cs="$(start)"
    printf "export CONNCTD_TEST_POSTGRES='%s'\n" "$cs"
    ;;
  *)
    echo "usage: $0 start|stop|status|env" >&2
    exit 2
    ;;
esac
