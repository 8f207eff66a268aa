#!/usr/bin/env bash
# Starts the built server for the browser tests on port $1 with a brand-new database.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
db="${DANBAN_E2E_DB:-$(mktemp -d)/e2e.db}"
rm -f "$db" "$db-wal" "$db-shm"
export DATABASE_URL="sqlite://$db?mode=rwc"
export DANBAN_ADDR="127.0.0.1:${1:-3100}"
export DANBAN_SITE_ROOT="$CARGO_TARGET_DIR/site"
export DANBAN_DEMO=1
exec "${DANBAN_SERVER_BIN:-$CARGO_TARGET_DIR/debug/server}" serve
