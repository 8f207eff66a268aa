#!/usr/bin/env bash
# Builds the site (wasm, JS glue, CSS, public files) into $CARGO_TARGET_DIR/site and the server.
#   scripts/build.sh            release wasm + release server (what `run` uses)
#   scripts/build.sh --test     release wasm + debug server (shares the test build)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

server_profile=release
[ "${1:-}" = "--test" ] && server_profile=dev

site="$CARGO_TARGET_DIR/site"
pkg="$site/pkg"
mkdir -p "$pkg"

# Two bundles of the same crate: the whole app, and the collector's phone screens alone
# (without the `desk` feature, so the desk's code never reaches a phone on 3G).
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/app.wasm"
# Debian's rustc-web (1.96) can rebuild the standard library for the phone's bundle with the
# size flags stable Rust lacks: panics abort at once with no message formatting, no file/line
# strings, no Debug text. That takes about 27 KB brotli (9%) off what a collector downloads on
# 3G. setup.sh installs it; without it the phone's bundle is built like the desk's.
debian_std() {
  [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] || return 1
  case "$(/usr/bin/rustc -vV 2>/dev/null)" in *"release: 1.9"[6-9]*) return 0 ;; *) return 1 ;; esac
}
build_bundle() {
  local name="$1" features="$2" small="${3:-}"
  local args=(-p app --lib --target wasm32-unknown-unknown --no-default-features --features "$features" --profile wasm-release)
  if [ -n "$small" ] && debian_std; then
    # RUSTFLAGS replaces .cargo/config.toml's build.rustflags: keep erase_components, which the
    # server's markup must match for hydration.
    PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 \
      RUSTFLAGS="--cfg erase_components -Zlocation-detail=none -Zfmt-debug=none" \
      cargo build "${args[@]}" -Zbuild-std=std,panic_abort -Zpanic-immediate-abort \
      --config 'profile.wasm-release.panic="immediate-abort"'
  elif [ "$DANBAN_TOOLCHAIN" = debian ]; then
    PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 cargo build "${args[@]}" -Zbuild-std=std,panic_abort
  else
    [ -n "$small" ] && echo "[build] no Debian rustc-web with std sources: the phone's bundle is built without the size flags" >&2
    cargo build "${args[@]}"
  fi
  wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name "$name" "$wasm"
  # leptos looks for <name>.wasm when LEPTOS_OUTPUT_NAME is set at compile time
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$pkg/${name}_bg.wasm" -o "$pkg/$name.wasm"
  rm -f "$pkg/${name}_bg.wasm"
}
build_bundle danban hydrate,desk
build_bundle thu hydrate small
cp style/main.css "$pkg/danban.css"
cp -r public/. "$site/"
# Precompress once at the highest levels (brotli 11, gzip 9): phones on 3G fetch ~23% less
# than with on-the-fly compression.
node -e '
const z = require("zlib"), fs = require("fs");
for (const f of process.argv.slice(1)) {
  const b = fs.readFileSync(f);
  fs.writeFileSync(f + ".br", z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }));
  fs.writeFileSync(f + ".gz", z.gzipSync(b, { level: 9 }));
}' "$pkg"/danban.{wasm,js} "$pkg"/thu.{wasm,js} "$pkg/danban.css"
# Stamp the service worker with the bundles' hash (a new release gets a new shell cache) and
# the collector's files, which it keeps for offline use.
build_hash=$(cat "$pkg"/danban.{js,wasm} "$pkg"/thu.{js,wasm} "$pkg/danban.css" | sha256sum | cut -c1-16)
sed -i -e "s/__BUILD__/$build_hash/" \
  -e "s|/\* __ASSETS__ \*/|'/pkg/thu.js', '/pkg/thu.wasm', '/pkg/danban.css',|" "$site/sw.js"

if [ "$server_profile" = release ]; then
  cargo build -p server --release
else
  cargo build -p server
fi
printf '[build] site in %s (wasm: whole app %s bytes, %s brotli; collector %s bytes, %s brotli)\n' "$site" \
  "$(stat -c %s "$pkg/danban.wasm")" "$(stat -c %s "$pkg/danban.wasm.br")" \
  "$(stat -c %s "$pkg/thu.wasm")" "$(stat -c %s "$pkg/thu.wasm.br")"
