#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests of the PostgreSQL backend.
#
#   scripts/pg.sh start DIR [--watch PID]
#       Creates DIR if needed, initialises a cluster in DIR/data (trust authentication, superuser
#       "postgres", UTF8 with the C locale: byte-order sorting and ASCII-only lower(), as in
#       SQLite) and starts it on a free loopback port with durability switched off (no fsync, no
#       full-page writes, asynchronous commit): a crash loses the data, which a test does not
#       mind. Prints exactly one line on stdout, the server's URL:
#           postgres://postgres@127.0.0.1:PORT/postgres
#       Everything else goes to stderr or to DIR/log (the server) and DIR/initdb.log.
#       With --watch PID it also leaves a detached watchdog that stops the cluster and removes
#       DIR once process PID is gone, so a test process that panics, is killed or simply exits
#       never leaves a server behind.
#   scripts/pg.sh stop DIR
#       Stops the cluster (immediate mode: nothing to keep) if it runs and removes DIR.
#       Idempotent; refuses to remove a DIR holding files it did not make.
#
# As root the server runs as user "postgres" (PostgreSQL refuses to run as root), so DIR and its
# parents must be reachable by that user; /tmp is. Otherwise everything runs as the current user.
# PG_BIN overrides where the binaries are (default: the newest /usr/lib/postgresql/*/bin, else
# pg_ctl on PATH).
set -euo pipefail

SELF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

die() { echo "pg.sh: $*" >&2; exit 1; }
usage() { die "usage: pg.sh start DIR [--watch PID] | pg.sh stop DIR"; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Runs a PostgreSQL binary as the cluster's owner, from DIR: a cwd that user cannot read (root's
# home, the repository) makes initdb and pg_ctl complain.
as_owner() {
  local dir=$1; shift
  if is_root; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
  elif compgen -G '/usr/lib/postgresql/*/bin' >/dev/null; then
    ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  else
    die "no PostgreSQL binaries (run scripts/setup.sh, or set PG_BIN)"
  fi
}

# A port the kernel just handed out on 127.0.0.1; another process may take it before the server
# binds it, hence the retries in start.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Whether process PID still runs (a zombie counts as gone: it will never touch the cluster).
alive() {
  local pid=$1 state
  [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

start() {
  local dir=$1 watch=${2:-}
  case "$dir" in *[\'\"\$\`\\]*) die "DIR must not contain quotes, \$, \` or \\: $dir" ;; esac
  if [ -n "$watch" ]; then
    [[ "$watch" =~ ^[0-9]+$ ]] || die "--watch needs a process id, got '$watch'"
    alive "$watch" || die "process $watch to watch does not exist"
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if is_root; then
    chown postgres: "$dir"
    runuser -u postgres -- test -w "$dir" \
      || die "user postgres cannot write $dir (a parent directory is closed to it?)"
  fi
  local bin; bin="$(pg_bin)"
  if [ -f "$dir/data/postmaster.pid" ] \
      && as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    die "a server already runs in $dir"
  fi

  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$dir" "$bin/initdb" -A trust -N -U postgres -E UTF8 --no-locale -D "$dir/data" \
      >>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; stop "$dir"; die "initdb failed"; }
  fi

  # The Unix socket path is limited to 107 bytes; with a long DIR go without a socket (the tests
  # connect over TCP, and pg_ctl -w reads readiness from postmaster.pid, not through a socket).
  local sockets="$dir"
  [ ${#dir} -gt 90 ] && sockets=""

  local port="" attempt
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    # pg_ctl hands -o to /bin/sh, hence the single quotes around the socket directory.
    if as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
        -o "-p $port -k '$sockets' -F -c listen_addresses=127.0.0.1 -c max_connections=200 \
            -c shared_buffers=64MB -c synchronous_commit=off -c full_page_writes=off" \
        start >&2; then
      break
    fi
    if [ "$attempt" -lt 5 ] && grep -qs 'could not bind\|Address already in use' "$dir/log"; then
      echo "pg.sh: port $port was taken meanwhile, trying another" >&2
      continue
    fi
    # Nobody else would remove DIR (no watchdog yet), so the log goes to stderr and DIR away.
    tail -n 20 "$dir/log" >&2 || true
    stop "$dir"
    die "the server did not start"
  done

  if [ -n "$watch" ]; then
    # setsid: its own session, so the terminal's Ctrl-C that kills the tests does not kill the
    # watchdog; stdio closed, so whoever reads our stdout sees EOF after the URL line.
    setsid nohup bash "$SELF" _watch "$dir" "$watch" </dev/null >/dev/null 2>&1 &
    # Written here too (setsid and nohup exec, so $! is the watchdog's bash): a stop right after
    # this start finds it even before the watchdog has run a line.
    echo $! >"$dir/watchdog.pid"
  fi
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

# The watchdog (internal): polls every second; stops the cluster once PID is gone. Gives up
# quietly when someone else removed DIR (a manual stop), which also kills it by its pid file.
watch() {
  local dir=$1 pid=$2
  echo $$ >"$dir/watchdog.pid"
  while alive "$pid" && [ -d "$dir" ]; do sleep 1; done
  stop "$dir"
}

stop() {
  local dir=$1
  [ -e "$dir" ] || return 0
  dir="$(cd "$dir" && pwd)"
  # Everything start makes; anything else means DIR is not ours to delete.
  local entry
  for entry in "$dir"/* "$dir"/.[!.]*; do
    [ -e "$entry" ] || [ -L "$entry" ] || continue
    case "${entry##*/}" in
      data | log | initdb.log | watchdog.pid | .s.PGSQL.*) ;;
      *) die "$dir holds ${entry##*/}, which pg.sh did not make: not removing it" ;;
    esac
  done

  if [ -f "$dir/watchdog.pid" ]; then
    local watchdog; watchdog="$(cat "$dir/watchdog.pid" 2>/dev/null || true)"
    if [ -n "$watchdog" ] && [ "$watchdog" != $$ ]; then kill "$watchdog" 2>/dev/null || true; fi
  fi

  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$dir" "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
    # pg_ctl failed and the postmaster still runs (checked by name: the pid file may be stale
    # and its number reused by an unrelated process).
    local postmaster; postmaster="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
    if [ -n "$postmaster" ] && [ "$(cat "/proc/$postmaster/comm" 2>/dev/null)" = postgres ]; then
      kill -QUIT "$postmaster" 2>/dev/null || true
      sleep 1
      kill -KILL "$postmaster" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

[ $# -ge 2 ] || usage
command=$1 dir=$2
shift 2
case "$command" in
  start)
    watch_pid=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --watch) [ $# -ge 2 ] || usage; watch_pid=$2; shift 2 ;;
        *) usage ;;
      esac
    done
    start "$dir" "$watch_pid"
    ;;
  stop) [ $# -eq 0 ] || usage; stop "$dir" ;;
  _watch) [ $# -eq 1 ] || usage; watch "$dir" "$1" ;;
  *) usage ;;
esac
