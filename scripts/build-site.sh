#!/usr/bin/env bash
# `make build`: the server (target/release/server) and what the browser loads (target/site/).
#
# What cargo-leptos 0.3.10's `build --release --split` did, in plain steps with small tools
# (compiling cargo-leptos itself took 14 of the 27 minutes of a first `make run`):
#   1. the server, and the browser's WASM, built side by side (two target directories: their
#      flags differ; the WASM keeps its relocations for the splitter, .cargo/config.toml);
#   2. the WASM split into a main module and a file per lazy island or `#[lazy]` function,
#      with a manifest of the files per split (tools/wasm-split);
#   3. wasm-bindgen (its JS loader), wasm-opt -Oz on every WASM file (npm binaryen);
#   4. the loader and the stylesheet minified (npm esbuild), the files of public/ copied.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=${LEPTOS_OUTPUT_NAME:-wijkwerk}
export LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-target/site}
export LEPTOS_SITE_PKG_DIR=${LEPTOS_SITE_PKG_DIR:-pkg}
name=$LEPTOS_OUTPUT_NAME
site=$LEPTOS_SITE_ROOT
pkg=$site/$LEPTOS_SITE_PKG_DIR
front=target/front
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The browser's side: compile, split, wasm-bindgen, wasm-opt; in the background, beside the
# server's compile (the longer of the two), as cargo-leptos did.
front() {
  cargo build --profile wasm-release -p frontend --lib --target wasm32-unknown-unknown \
    --target-dir "$front"
  say "Splitting the WASM per screen, wasm-bindgen, wasm-opt"
  local wasm=$front/wasm32-unknown-unknown/wasm-release/frontend.wasm
  local main_wasm=$front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm
  rm -rf "$pkg"
  mkdir -p "$pkg"
  local splits
  mapfile -t splits < <(wijkwerk-wasm-split "$wasm" "$pkg" "$main_wasm" "$name")
  wasm-bindgen --target=web --keep-lld-exports --no-demangle --out-name="$name" \
    --out-dir="$pkg" "$main_wasm"
  # Leptos' hydration script asks for `<name>.wasm`.
  mv "$pkg/${name}_bg.wasm" "$pkg/$name.wasm"
  rm -f "$pkg"/*.d.ts
  # -Oz with the features every browser the app supports has; two at a time (two cores).
  # (It warns about a name subsection it does not know: the splitter's, harmless.)
  printf '%s\0' "$pkg/$name.wasm" "${splits[@]}" |
    xargs -0 -P 2 -I{} wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      {} -o {} 2> >(grep -v 'unknown name subsection' >&2)
  echo "    browser side done after $(($(date +%s) - began)) s"
}

say "Building the server and the browser's WASM"
began=$(date +%s)
front &
front_job=$!
cargo build --release -p server --bin server
echo "    server compiled after $(($(date +%s) - began)) s"
wait "$front_job"

say "Minifying the loader and the stylesheet, copying public/"
esbuild "$pkg/$name.js" --minify --log-level=warning --allow-overwrite --outfile="$pkg/$name.js"
esbuild style/main.css --minify --log-level=warning --outfile="$pkg/$name.css"
cp -R public/. "$site/"
echo "    $(ls "$pkg" | wc -l) files in $pkg, built in $(($(date +%s) - began)) s"
