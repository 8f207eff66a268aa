#!/usr/bin/env bash
# Builds (release) and starts Dân Bàn on http://127.0.0.1:3000 with the embedded SQLite
# database in data/ (created, migrated and loaded with the demo communes on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build.sh
export DANBAN_SITE_ROOT="${DANBAN_SITE_ROOT:-$CARGO_TARGET_DIR/site}"
# A newcomer gets the demo communes (loopback only; a real ward starts with `server init`).
export DANBAN_DEMO="${DANBAN_DEMO:-1}"
exec "$CARGO_TARGET_DIR/release/server" serve
