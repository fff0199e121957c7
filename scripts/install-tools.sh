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

# 0.3.10: its wasm splitter (`--split`, one file per screen) knows wasm-bindgen 0.2.128 and
# later; 0.3.11 needs rustc 1.96.
if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos 0.3.10" ]; then
  say "Installing cargo-leptos 0.3.10 (a few minutes, once)"
  cargo install cargo-leptos --version 0.3.10 --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate that Cargo.lock pins.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  say "Installing wasm-bindgen-cli $bindgen_version (a few minutes, once)"
  # Not --locked: its lock file pins a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# wasm-opt from npm's binaryen (Debian's is too old: its output fails at hydration).
if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  say "Installing wasm-opt (npm binaryen)"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi
