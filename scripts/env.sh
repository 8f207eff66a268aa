# Sourced by the other scripts: where tools and caches live. Everything heavy is kept outside
# the clone (in DANBAN_CACHE) so that a fresh clone builds warm.
DANBAN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DANBAN_ROOT
export DANBAN_CACHE="${DANBAN_CACHE:-$HOME/.cache/danban}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$DANBAN_CACHE/target}"
# npm binaryen (wasm-opt) and the tools dir come before ~/.cargo/bin: Debian's binaryen breaks
# hydration (TOOLCHAIN.md).
export PATH="$DANBAN_CACHE/bin:$DANBAN_ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# "rustup" (recipe A) or "debian" (recipe B: rustc-web with -Zbuild-std); written by setup.sh.
DANBAN_TOOLCHAIN="$(cat "$DANBAN_CACHE/toolchain" 2>/dev/null || echo rustup)"
export DANBAN_TOOLCHAIN
