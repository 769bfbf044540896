#!/usr/bin/env bash
# End-to-end browser tests: builds the server (unless VEGHE_BIN is given),
# starts `veghe demo` on a free loopback port with a throw-away SQLite
# database, runs `node --test` on e2e/tests/ against it with Debian's
# Chromium, stops the server and exits with the tests' status.
# Its last line is "N passed, N failed" (", N skipped" when some were).
#
# Environment:
#   VEGHE_BIN          server binary to run (default: build it with cargo)
#   CARGO_TARGET_DIR   where cargo builds (default: target)
#   VEGHE_E2E_KEEP=1   keep the temporary directory (database, logs)
#   VEGHE_E2E_TESTS    test files to run (default: e2e/tests/)
#   VEGHE_BIN          a built server binary to test (default: build the release one)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash "$ROOT/scripts/setup-browser.sh"

if [ -z "${VEGHE_BIN:-}" ]; then
  echo "e2e: cargo build --release -p veghe"
  cargo build --release -p veghe
  target="${CARGO_TARGET_DIR:-target}"
  case "$target" in /*) ;; *) target="$ROOT/$target" ;; esac
  VEGHE_BIN="$target/release/veghe"
fi
if [ ! -x "$VEGHE_BIN" ]; then
  echo "e2e: server binary $VEGHE_BIN not found" >&2
  exit 1
fi
# Tests that start a server of their own (a new installation) run this binary.
export VEGHE_BIN

TMP="$(mktemp -d "${TMPDIR:-/tmp}/veghe-e2e.XXXXXX")"
LOG="$TMP/server.log"
ARTIFACTS="$ROOT/e2e/artifacts"
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png "$ARTIFACTS"/server.log
SERVER_PID=""

cleanup() {
  local status=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -f "$LOG" ] && cp "$LOG" "$ARTIFACTS/server.log" 2>/dev/null || true
  if [ "${VEGHE_E2E_KEEP:-0}" = "1" ]; then
    echo "e2e: kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});')"
BASE_URL="http://127.0.0.1:$PORT"

echo "e2e: starting $VEGHE_BIN demo on $BASE_URL (log: e2e/artifacts/server.log)"
"$VEGHE_BIN" demo --no-simulation --listen "127.0.0.1:$PORT" --database-url "sqlite:$TMP/e2e.db" >"$LOG" 2>&1 &
SERVER_PID=$!

ready=0
deadline=$((SECONDS + 120))
while [ "$SECONDS" -lt "$deadline" ]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "e2e: the server exited before it was ready; its log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/readyz" || true)"
  if [ "$code" = "200" ]; then
    ready=1
    break
  fi
  sleep 0.25
done
if [ "$ready" != "1" ]; then
  echo "e2e: $BASE_URL/readyz did not answer 200 within 120 s; the server's log:" >&2
  cat "$LOG" >&2
  exit 1
fi
echo "e2e: server ready"

# The spec reporter for people, TAP to a file for the counts.
TAP="$TMP/results.tap"
set +e
VEGHE_E2E_BASE_URL="$BASE_URL" node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$TAP" \
  ${VEGHE_E2E_TESTS:-e2e/tests/}
status=$?
set -e

count() { # the last "# <name> N" line of the TAP summary
  local n
  n="$(grep -E "^# $1 [0-9]+\$" "$TAP" 2>/dev/null | tail -n 1 | awk '{print $3}')"
  echo "${n:-0}"
}
passed="$(count pass)"
failed=$(( $(count fail) + $(count cancelled) ))
skipped=$(( $(count skipped) + $(count todo) ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the runner itself failed (e.g. a file did not load)
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
