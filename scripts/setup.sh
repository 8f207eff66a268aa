#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Idempotent: a second run only
# checks. Works with rustup (wasm32 target) or, when rustup cannot add the target, with Debian's
# rustc-web + rust-web-src and -Zbuild-std (TOOLCHAIN.md, recipe B).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mkdir -p "$DANBAN_CACHE/bin"

WASM_BINDGEN_VERSION=0.2.130
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y "${missing[@]}" || { $sudo apt-get update && $sudo apt-get install -y "${missing[@]}"; }
}

# 1. Rust with a wasm32 standard library.
if command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  echo rustup > "$DANBAN_CACHE/toolchain"
elif command -v rustup >/dev/null 2>&1 && timeout 300 rustup target add wasm32-unknown-unknown; then
  echo rustup > "$DANBAN_CACHE/toolchain"
else
  log "rustup cannot add wasm32: falling back to Debian rustc-web with -Zbuild-std"
  apt_install rustc-web cargo-web rust-web-src lld-22
  echo debian > "$DANBAN_CACHE/toolchain"
fi
command -v cargo >/dev/null 2>&1 || apt_install cargo-web rustc-web
# Debian's Rust 1.96 with its standard library's sources, for the collector's bundle alone: it
# rebuilds std with the size flags stable Rust lacks (scripts/build.sh). Where the package
# cannot be had, the bundle is built without them, 27 KB larger.
apt_install rustc-web cargo-web rust-web-src lld-22 || true
case "$(/usr/bin/rustc -vV 2>/dev/null)" in
  *"release: 1.9"[6-9]*) ;;
  *) # stale package lists offer an older rustc-web
     ${sudo_cmd:-} apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive ${sudo_cmd:-} apt-get install -y rustc-web cargo-web rust-web-src lld-22 \
       || log "rustc-web 1.96 unavailable: the phone's bundle will be built without the size flags" ;;
esac
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt 2>/dev/null || true

# 2. wasm-bindgen CLI at exactly the crate's version.
if ! [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$DANBAN_CACHE"
fi

# 3. Node packages in end2end/: Playwright (test runner only, no browser download) and
#    binaryen's wasm-opt. The lockfile pins them.
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -d end2end/node_modules/@playwright/test ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  log "npm ci in end2end/ (Playwright, binaryen)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi

# 4. Chromium for the browser tests.
command -v chromium >/dev/null 2>&1 || apt_install chromium

# 5. PostgreSQL server binaries for the PostgreSQL backend's tests: scripts/pg.sh starts a
#    throwaway cluster with them (Debian's package also starts a system cluster; the tests do not
#    use it).
apt_install postgresql

log "ready: toolchain=$(cat "$DANBAN_CACHE/toolchain"), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1), postgres $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres" --version | awk '{print $3}')"
