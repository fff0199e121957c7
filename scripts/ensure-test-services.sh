#!/usr/bin/env bash
# What `make test` needs beyond the build tools: PostgreSQL running, Debian's Chromium, and the
# browser-test packages. Each step does nothing when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  say "Starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432
fi

if [ ! -x /usr/bin/chromium ]; then
  say "Installing Debian's chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# xmllint validates the payment run's bank file against the ISO 20022 schema (payments.rs).
if ! command -v xmllint >/dev/null 2>&1; then
  say "Installing Debian's libxml2-utils (xmllint)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq libxml2-utils >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq libxml2-utils >/dev/null; }
fi

if [ ! -d end2end/node_modules/playwright-core ] || [ ! -d end2end/node_modules/axe-core ] || [ ! -d end2end/node_modules/pdfjs-dist ]; then
  say "Installing browser-test packages (playwright-core, axe-core, pdfjs-dist)"
  npm ci --prefix end2end --no-audit --no-fund --loglevel=error
fi
