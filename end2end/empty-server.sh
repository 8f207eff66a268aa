#!/usr/bin/env bash
# Runs the built server binary against the SQLite file $2 with the web address on port $1 and
# no demo data: `empty-server.sh PORT DB init …` sets the database up, `… serve` serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
port="$1"
db="$2"
shift 2
export DATABASE_URL="sqlite://$db?mode=rwc"
export DANBAN_ADDR="127.0.0.1:$port"
export DANBAN_SITE_ROOT="$CARGO_TARGET_DIR/site"
export DANBAN_DEMO=0
exec "${DANBAN_SERVER_BIN:-$CARGO_TARGET_DIR/debug/server}" "$@"
