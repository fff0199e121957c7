#!/usr/bin/env bash
# TimeTagger (https://timetagger.app, PyPI `timetagger`) as a peer for `make bench`: an
# open-source time tracker whose record PUT is the nearest thing to our clock-in write.
#
#   scripts/bench/timetagger.sh start <port>   # prints TIMETAGGER_URL=… and TIMETAGGER_TOKEN=…
#   scripts/bench/timetagger.sh stop
#
# One "write", as a load generator must send it (checked against 26.1.3's source,
# timetagger/server/_apiserver.py, put_records/_push_items):
#
#   PUT $TIMETAGGER_URL/api/v2/records
#   authtoken: $TIMETAGGER_TOKEN                    (a JWT; no "Bearer", no cookie)
#   content-type: application/json
#
#   [{"key":"<unique, 1..255 chars>","mt":<unix s>,"t1":<unix s>,"t2":<unix s>,"ds":"bench"}]
#
#   -> 200 {"accepted":["<key>"],"failed":[],"errors":[]}
#   A rejected record still answers 200, with its key in "failed": check "accepted".
#   key, mt, t1, t2 are required (ints for the times), ds is optional; other fields (such as
#   "st") are ignored: the server sets st itself. TIMETAGGER_URL already holds the
#   /timetagger path prefix that TimeTagger serves under.
#
# How it serves, so the comparison is read fairly: one uvicorn process (asgineer.run passes no
# --workers, so uvicorn's default of 1), a single asyncio loop with the pure-Python h11 parser
# (no uvloop/httptools installed). Every authenticated request opens the user's SQLite file
# anew (itemdb.AsyncItemDB starts a thread with its own connection per request) and a write
# is one "BEGIN IMMEDIATE" transaction in the default rollback-journal mode, synchronous=FULL.
# The token is an API token (GET /api/v2/apitoken: valid until the year 3000), so a long run
# never meets the web token's two-week expiry; both are checked the same way per request.
set -euo pipefail

VERSION=26.1.3 # the newest on PyPI when this was written; installs on Python 3.11
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/target/bench
VENV=$BENCH/timetagger-venv
DATA=$BENCH/timetagger-data
PIDFILE=$BENCH/timetagger.pid
USER_NAME=bench
PASSWORD=bench

stop() {
  if [[ -f $PIDFILE ]]; then
    local pid
    pid=$(cat "$PIDFILE")
    kill "$pid" 2>/dev/null || true
    # Wait for it to go, so that a following start finds the port free.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$PIDFILE"
  fi
}

start() {
  local port=${1:?usage: timetagger.sh start <port>}
  mkdir -p "$BENCH"
  if [[ ! -x $VENV/bin/python ]]; then
    # Debian's python3 lacks ensurepip unless python3-venv is installed.
    python3 -m venv "$VENV" 2>/dev/null || {
      rm -rf "$VENV"
      apt-get update -qq && apt-get install -y -q python3-venv >&2
      python3 -m venv "$VENV"
    }
  fi
  if ! "$VENV/bin/python" -c "import timetagger, sys; sys.exit(timetagger.__version__ != '$VERSION')" 2>/dev/null; then
    "$VENV/bin/pip" install -q "timetagger==$VERSION" >&2
  fi
  stop
  # Fresh data each start: a peer that has accumulated earlier runs' records is not the same peer.
  rm -rf "$DATA"
  mkdir -p "$DATA"

  # TIMETAGGER_CREDENTIALS is "user:bcrypt-hash"; the default __main__ checks it for the
  # "usernamepassword" bootstrap method.
  local hash
  hash=$("$VENV/bin/python" -c "import bcrypt; print(bcrypt.hashpw(b'$PASSWORD', bcrypt.gensalt()).decode())")
  TIMETAGGER_BIND=127.0.0.1:$port TIMETAGGER_DATADIR=$DATA TIMETAGGER_LOG_LEVEL=warning \
    TIMETAGGER_CREDENTIALS="$USER_NAME:$hash" \
    nohup "$VENV/bin/python" -m timetagger >"$BENCH/timetagger.log" 2>&1 &
  echo $! >"$PIDFILE"

  local url=http://127.0.0.1:$port/timetagger
  for _ in $(seq 100); do
    curl -sf "$url/status" >/dev/null && break
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { cat "$BENCH/timetagger.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -sf "$url/status" >/dev/null || { echo "TimeTagger did not answer on $url" >&2; exit 1; }

  # The login page's flow: the body is base64 of a JSON object naming the method. It gives a
  # web token, which is then traded for a long-lived API token.
  local body webtoken token
  body=$(printf '{"method":"usernamepassword","username":"%s","password":"%s"}' "$USER_NAME" "$PASSWORD" | base64 -w0)
  webtoken=$(curl -sf -X POST --data "$body" "$url/api/v2/bootstrap_authentication" | json_token)
  token=$(curl -sf -H "authtoken: $webtoken" "$url/api/v2/apitoken" | json_token)
  echo "TIMETAGGER_URL=$url"
  echo "TIMETAGGER_TOKEN=$token"
}

json_token() { "$VENV/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["token"])'; }

case ${1:-} in
  start) start "${2:-}" ;;
  stop) stop ;;
  *) echo "usage: $0 start <port> | stop" >&2; exit 2 ;;
esac
