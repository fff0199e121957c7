#!/usr/bin/env bash
# Installs what building Wijkwerk needs and is missing; quiet and quick when all is there.
# Nothing is downloaded from outside the package registries (crates.io, npm).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The WASM splitter (tools/wasm-split: the library cargo-leptos 0.3.10 splits with, in a
# small program with its own lock; about a minute to compile).
splitter_version=$(awk -F'"' '/^version = / { print $2; exit }' tools/wasm-split/Cargo.toml)
if [ "$(wijkwerk-wasm-split --version 2>/dev/null || true)" != "wijkwerk-wasm-split $splitter_version" ]; then
  say "Installing the WASM splitter (tools/wasm-split, about a minute, once)"
  cargo install --locked --path tools/wasm-split --root "$HOME/.cargo"
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate that Cargo.lock pins.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  say "Installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  # Not --locked: its lock file pins a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# wasm-opt from npm's binaryen (Debian's is too old: its output fails at hydration), esbuild
# to minify the JS loader and the stylesheet.
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -x tools/node_modules/.bin/esbuild ]; then
  say "Installing wasm-opt (npm binaryen) and esbuild"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi
