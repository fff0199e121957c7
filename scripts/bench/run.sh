#!/usr/bin/env bash
# `make bench`: every figure of BENCHMARKS.md, measured on this machine, written there with the
# machine and the command. Not a test: it times things, so `make test` never runs it.
#
#   1. the clock (the phone's sync: Start/Stop) and confirm server functions under open-loop
#      load (server/examples/load.rs): 100 and 1,000 requests/s and the highest sustained
#      rate, on SQLite, PostgreSQL, and two app servers on one PostgreSQL
#   2. TimeTagger's record PUT under the same load generator, the same run
#   3. bytes a phone downloads (end2end/measure.mjs, Chromium)
#   4. Lighthouse 12.2.3, mobile, median of 3 (scripts/bench/lighthouse.mjs)
#   5. the municipal report and the allowance export on 10,000 workers, 1.5 million prestaties
#   6. server memory idle and under load; cold start to /readyz
#
# BENCH_SECONDS (default 30) sets each fixed-rate run's length.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=wijkwerk LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_ENV=PROD
SECONDS_PER_RUN=${BENCH_SECONDS:-30}
report_over=
ORGANISATIONS=${BENCH_ORGANISATIONS:-30}
PG=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
SERVER=target/release/server
OUT=target/bench
mkdir -p "$OUT"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "Building the load generator and the report bench"
cargo build --release -p server --example load --example report_bench 2>&1 | tail -1 >&2
LOAD=target/release/examples/load

pids=()
stop_servers() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap 'stop_servers; scripts/bench/timetagger.sh stop >/dev/null 2>&1 || true' EXIT

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# start_server URL PORT ORIGIN-PORT: serve in the background, wait for /readyz; the
# milliseconds it took go to $OUT/start_ms. (Not in a subshell: `pids` must keep the process.)
start_server() {
  local began now
  began=$(date +%s%N)
  DATABASE_URL="$1" LEPTOS_SITE_ADDR="127.0.0.1:$2" WIJKWERK_DEV_HTTP=1 \
    WIJKWERK_PUBLIC_ORIGIN="http://127.0.0.1:$3" RUST_LOG=warn \
    "$SERVER" serve >>"$OUT/server.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$2/readyz" >/dev/null; do sleep 0.01; done
  now=$(date +%s%N)
  echo $(((now - began) / 1000000)) >"$OUT/start_ms"
}

# Highest RSS of the servers while a command runs.
peak_rss() {
  local peak=0 r
  "$@" &
  local job=$!
  while kill -0 "$job" 2>/dev/null; do
    for pid in "${pids[@]}"; do
      r=$(rss_kib "$pid" 2>/dev/null || echo 0)
      [ "$r" -gt "$peak" ] && peak=$r
    done
    sleep 0.2
  done
  wait "$job"
  echo "$peak" >"$OUT/peak_rss"
}

pg_schema_url() {
  psql "$PG" -q -c "DROP SCHEMA IF EXISTS $1 CASCADE" -c "CREATE SCHEMA $1" >/dev/null
  echo "$PG?options=-c%20search_path%3D$1"
}

header='| run | rate asked (/s) | throughput (/s) | p50 (ms) | p99 (ms) | max (ms) | shed (503) | errors | lost | doubled |
|---|---|---|---|---|---|---|---|---|---|'
load_md=""
memory_md=""
coldstart_ms=""
for config in sqlite postgres postgres-2; do
  say "Load on $config"
  case $config in
    sqlite)
      rm -f "$OUT"/load.db*
      url="sqlite://$OUT/load.db"
      ;;
    *) url=$(pg_schema_url wijkwerk_load) ;;
  esac
  "$LOAD" setup "$url" "$ORGANISATIONS" "$OUT/lanes.json" >&2
  p1=3801; p2=3802
  start_server "$url" $p1 $p1
  bases="http://127.0.0.1:$p1"
  if [ "$config" = postgres-2 ]; then
    start_server "$url" $p2 $p1
    bases="$bases http://127.0.0.1:$p2"
  fi
  if [ "$config" = sqlite ]; then
    coldstart_ms=$(cat "$OUT/start_ms")
    sleep 2
    idle_rss=$(rss_kib "${pids[0]}")
  fi
  # shellcheck disable=SC2086
  peak_rss "$LOAD" wijkwerk clock 100,1000,5000,max "$SECONDS_PER_RUN" "$OUT/lanes.json" $bases >"$OUT/clock.md"
  clock_rss=$(cat "$OUT/peak_rss")
  # shellcheck disable=SC2086
  peak_rss "$LOAD" wijkwerk confirm 100,1000,max "$SECONDS_PER_RUN" "$OUT/lanes.json" $bases >"$OUT/confirm.md"
  load_md+=$'\n'"#### $config"$'\n\n'"Clock (one sync: a Start and its Stop):"$'\n\n'"$header"$'\n'"$(cat "$OUT/clock.md")"$'\n\n'"Confirm (confirm_entry):"$'\n\n'"$header"$'\n'"$(cat "$OUT/confirm.md")"$'\n'
  memory_md+="| $config | ${idle_rss:-} | $clock_rss |"$'\n'
  echo "${idle_rss:-}" >"$OUT/rss-$config-idle"
  echo "$clock_rss" >"$OUT/rss-$config-peak"
  cp "$OUT/clock.md" "$OUT/clock-$config.md"
  cp "$OUT/confirm.md" "$OUT/confirm-$config.md"
  idle_rss=""
  stop_servers
done

say "TimeTagger, the same load generator"
eval "$(scripts/bench/timetagger.sh start 3811)"
"$LOAD" timetagger 100,1000,max "$SECONDS_PER_RUN" "$TIMETAGGER_URL" "$TIMETAGGER_TOKEN" >"$OUT/timetagger.md"
timetagger_version=$(target/bench/timetagger-venv/bin/pip show timetagger 2>/dev/null | awk '/^Version/ { print $2 }')
scripts/bench/timetagger.sh stop >/dev/null
ours=$(awk -F'|' '/highest sustained/ { gsub(/ /, "", $4); print $4 }' "$OUT/clock-sqlite.md")
theirs=$(awk -F'|' '/highest sustained/ { gsub(/ /, "", $4); print $4 }' "$OUT/timetagger.md")
ratio=$(awk -v a="${ours:-0}" -v b="${theirs:-0}" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }')

say "Bytes a phone downloads (Chromium)"
WIJKWERK_SERVER="$PWD/$SERVER" node end2end/measure.mjs >"$OUT/bytes.txt"

say "Lighthouse 12.2.3, mobile, median of 3"
npm ci --prefix scripts/bench --no-audit --no-fund --loglevel=error >&2
rm -f "$OUT"/lighthouse.db*
DATABASE_URL="sqlite://$OUT/lighthouse.db" WIJKWERK_DEMO_DATA=1 LEPTOS_SITE_ADDR=127.0.0.1:3821 \
  WIJKWERK_DEV_HTTP=1 RUST_LOG=warn "$SERVER" serve >>"$OUT/server.log" 2>&1 &
pids+=($!)
until curl -sf http://127.0.0.1:3821/readyz >/dev/null; do sleep 0.1; done
node scripts/bench/lighthouse.mjs http://127.0.0.1:3821 >"$OUT/lighthouse.json"
stop_servers
lighthouse_md=$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const [page, m] of Object.entries(r.pages ?? r)) {
    const med = m.median ?? m;
    console.log(`| ${page} | ${med.performance} | ${med.accessibility} | ${Math.round(med.lcp)} | ${Math.round(med.tbt)} | ${med.cls} |`);
  }' "$OUT/lighthouse.json")

say "Report and allowance export on 10,000 workers and 1.5 million prestaties"
# It exits 1 when a report takes a second or more: the figure is written down all the same.
target/release/examples/report_bench >"$OUT/report.txt" || report_over=1

say "Against the targets"
node scripts/bench/targets.mjs "$OUT" | tee "$OUT/targets.txt" >&2

say "Writing BENCHMARKS.md"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
cat >BENCHMARKS.md <<EOF
# Wijkwerk benchmarks

Measured by \`make bench\` (\`scripts/bench/run.sh\`) on $(date -u '+%Y-%m-%d %H:%M UTC'), commit
\`$(git rev-parse --short HEAD)\`$(git diff --quiet || echo ' (with uncommitted changes)').
Machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM,
$(uname -sr), $(rustc --version), PostgreSQL $(psql "$PG" -tAc 'SHOW server_version' 2>/dev/null || echo '?'),
everything on one machine over loopback (the load generator shares the 2 cores with the
servers and the database).

## 1. Clock and confirm under open-loop load

\`target/release/examples/load wijkwerk clock|confirm 100,1000,max $SECONDS_PER_RUN target/bench/lanes.json <servers>\`
after \`load setup <database> $ORGANISATIONS\` ($((ORGANISATIONS * 3)) wijk-werkers and gebruikers, logged in).
Open loop: each request is due at its time whatever the answers before it; latency counts
from that due time; what is unanswered 10 s after the last request was due counts as an error.
Each fixed run lasts $SECONDS_PER_RUN s; "highest sustained" is the highest rate (searched in 10 s
steps from 250/s, doubling, then halving the gap) with at most 0.1 % errors and p99 ≤ 100 ms,
then measured for $SECONDS_PER_RUN s. Throughput is answers that succeeded per second. A clock
request is one sync (the phone's path) carrying a Start and its Stop — two taps, one prestatie,
as a phone sends what it kept offline; an error is a refused tap or any answer but 200.
$load_md
## 2. Side by side: TimeTagger $timetagger_version

\`target/release/examples/load timetagger 100,1000,max $SECONDS_PER_RUN <url> <token>\`: one record
PUT to \`/api/v2/records\` per request (TimeTagger's own API), same generator, same run.

$header
$(cat "$OUT/timetagger.md")

Wijkwerk's highest sustained clock rate on SQLite against TimeTagger's: **$ratio ×**.

## 3. What a phone downloads

\`WIJKWERK_SERVER=target/release/server node end2end/measure.mjs\` (Chromium, 390×844, bytes as
transferred: compressed, headers included):

\`\`\`
$(cat "$OUT/bytes.txt")
\`\`\`

## 4. Lighthouse 12.2.3, mobile profile, median of 3

\`node scripts/bench/lighthouse.mjs <base>\` against the release build with demo data.

| page | performance | accessibility | LCP (ms) | TBT (ms) | CLS |
|---|---|---|---|---|---|
$lighthouse_md

## 5. Report and allowance export on the large set

\`target/release/examples/report_bench\` (\`server generate 10000\`'s data set: 10,000
wijk-werkers, 5,000 gebruikers, 1.5 million prestaties over three years; median of 5):

\`\`\`
$(grep -v 'INSERT\|^  VACUUM\|^  ANALYZE' "$OUT/report.txt")
\`\`\`

${report_over:+(At least one report took a second or more: see the lines above.)}

## 6. Memory and start

| server | RSS idle (KiB) | RSS peak under the clock load (KiB) |
|---|---|---|
$memory_md
Cold start of \`server serve\` to \`/readyz\` answering 200 (SQLite, migrations already run): $coldstart_ms ms.

## Against the targets (issue 26), from this run

\`node scripts/bench/targets.mjs target/bench\` (computed from the figures above, not typed in):

$(cat "$OUT/targets.txt")

$(cat scripts/bench/targets.md)
EOF
say "BENCHMARKS.md written"
