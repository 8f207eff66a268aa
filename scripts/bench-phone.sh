#!/usr/bin/env bash
# Benchmark of a collector's phone: what it downloads and how soon the form is usable, on
# Lighthouse's mobile throttling preset in headless Chromium (end2end/bench/phone.js). Builds
# nothing: uses the site and server already built in $CARGO_TARGET_DIR (scripts/build.sh).
# Starts that server on a free loopback port with a fresh SQLite database and the demo data, as
# end2end/start-server.sh does, and always stops it.
#
#   bash scripts/bench-phone.sh
#   BENCH_RUNS=5 BENCH_OUT=/tmp/phone.json bash scripts/bench-phone.sh
#   DANBAN_SERVER_BIN="$HOME/.cache/danban/target/release/server" bash scripts/bench-phone.sh
#
# BENCH_PORTS (default 3300-3399) is the range of loopback ports to pick from. Slow numbers never
# fail the run; it exits non-zero only when a scenario cannot complete.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

site="$CARGO_TARGET_DIR/site"
server="${DANBAN_SERVER_BIN:-$CARGO_TARGET_DIR/debug/server}"
ports="${BENCH_PORTS:-3300-3399}"

fail() { echo "[bench] $*" >&2; exit 1; }
[ -x "$server" ] || fail "no server binary at $server: build first (scripts/build.sh --test), or set DANBAN_SERVER_BIN"
compgen -G "$site/pkg/*.wasm" >/dev/null || fail "no site in $site (no pkg/*.wasm): build first (scripts/build.sh)"
[ -d end2end/node_modules/@playwright/test ] || fail "no Playwright in end2end/node_modules: run scripts/setup.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/danban-bench.XXXXXX")"
server_pid=""
bench_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  if [ -n "$bench_pid" ]; then # interrupted: the benchmark closes its browsers on SIGTERM
    kill "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nobody listens on (a connect attempt is refused).
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts the server on port $1 with a brand-new database; fails if it dies or never answers.
start_server() {
  local port="$1" db="$work/bench.db"
  rm -f "$db" "$db-wal" "$db-shm"
  DATABASE_URL="sqlite://$db?mode=rwc" \
    DANBAN_ADDR="127.0.0.1:$port" \
    DANBAN_SITE_ROOT="$site" \
    DANBAN_DEMO=1 \
    "$server" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  local i
  for i in $(seq 1 1200); do # up to 120 s: a new database is migrated and seeded first
    if ! kill -0 "$server_pid" 2>/dev/null; then
      wait "$server_pid" 2>/dev/null || true
      server_pid=""
      return 1
    fi
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null; then
      # Still ours? (another process might have taken the port in between)
      sleep 0.2
      kill -0 "$server_pid" 2>/dev/null && return 0
      server_pid=""
      return 1
    fi
    sleep 0.1
  done
  stop_server
  return 1
}

port=""
for candidate in $(shuf -i "$ports"); do
  port_free "$candidate" || continue
  if start_server "$candidate"; then
    port="$candidate"
    break
  fi
  echo "[bench] the server did not start on port $candidate; server log:" >&2
  tail -n 20 "$work/server.log" >&2 || true
  attempts=$(( ${attempts:-0} + 1 ))
  [ "$attempts" -lt 3 ] || fail "the server would not start (3 attempts)"
done
[ -n "$port" ] || fail "no free loopback port in $ports"
echo "[bench] server $(basename "$server") on http://127.0.0.1:$port (site $site)" >&2

# In the background so that a signal reaches the traps at once, not after the benchmark.
BENCH_BASE_URL="http://127.0.0.1:$port" BENCH_SITE="$site" node end2end/bench/phone.js &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=""
if [ "$status" -ne 0 ]; then
  echo "[bench] failed (exit $status); last lines of the server log:" >&2
  tail -n 20 "$work/server.log" >&2 || true
fi
exit "$status"
