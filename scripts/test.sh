#!/usr/bin/env bash
# Every check and test: formatting, clippy for the server and the wasm target, unit and
# integration tests, the browser journeys in headless Chromium against the real server, then the
# phone benchmark (numbers only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; SECONDS_AT_STEP=$SECONDS; }
done_step() { printf '[test] done in %ss\n' "$((SECONDS - SECONDS_AT_STEP))"; }

step "cargo fmt --check"
cargo fmt --all -- --check
done_step

step "clippy: server and app (ssr)"
cargo clippy -p server --all-targets -- -D warnings
cargo clippy -p app --features ssr --all-targets -- -D warnings
done_step

step "clippy: app (hydrate, wasm32): the collector's bundle and the whole app"
for features in hydrate hydrate,desk; do
  if [ "$DANBAN_TOOLCHAIN" = debian ]; then
    PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 cargo clippy -p app --lib --target wasm32-unknown-unknown \
      --features "$features" -Zbuild-std=std,panic_abort -- -D warnings
  else
    cargo clippy -p app --lib --target wasm32-unknown-unknown --features "$features" -- -D warnings
  fi
done
done_step

step "unit and integration tests (the server's on SQLite and on a throwaway PostgreSQL)"
# One cluster for every test binary (each would otherwise start its own); removed on exit,
# and by its watchdog if this script is killed.
pg_dir="$(mktemp -d /tmp/danban-pg.XXXXXX)"
trap 'bash scripts/pg.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
DANBAN_TEST_POSTGRES="$(bash scripts/pg.sh start "$pg_dir" --watch $$)"
export DANBAN_TEST_POSTGRES
cargo test -p app --features ssr
cargo test -p server
done_step

step "build the site (release wasm) and the server"
bash scripts/build.sh --test
done_step

step "browser journeys (Playwright, Chromium)"
(cd end2end && npx playwright test)
done_step

step "benchmark: a collector's phone on 3G (prints bytes and timings; never fails on slow numbers)"
bash scripts/bench-phone.sh
done_step

printf '\n[test] all passed in %ss\n' "$SECONDS"
