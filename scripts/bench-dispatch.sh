#!/bin/sh
# Dispatch benchmarks (issue 3), each beside its floor, on this machine in one run:
#   1. OsmAnd ingestion on the trackers' port, loaded by wrk (devices rotating over 1000 trackers),
#      beside a bare axum handler parsing the same requests, and the raw insert rate of the rows
#      (TRACKERS, default 1000, sets how many of the registered trackers report);
#   2. incident created → event received by 200 SSE clients, SQLite and PostgreSQL, beside a bare
#      tokio broadcast of the same events to the same clients;
#   3. the board with 500 open incidents and 100 crews, beside its two queries alone;
#   4. (`route`, not in the default set) one crew's route over an 8-hour shift on a day of 24 crews
#      reporting every 5 s, with Veghe's index by time then crew, beside an index by crew then time.
# Needs wrk (installed with apt-get when missing) and, for PostgreSQL, psql and BENCH_POSTGRES_URL naming
# a database to connect to (e.g. postgres://postgres@127.0.0.1:5432/postgres): the script creates and
# drops a scratch database of its own beside it for each run.
#   scripts/bench-dispatch.sh [ingest|sse|board|route]...   (the first three by default)
set -eu
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
cargo build --release -q -p veghe --example dispatch_bench
BIN="${CARGO_TARGET_DIR:-target}/release/examples/dispatch_bench"
DIR="$(mktemp -d)"
PIDS=""
PGDBS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null || true; done
    for d in $PGDBS; do psql "$BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" || true; done
    rm -rf "$DIR"
}
trap cleanup EXIT
# A scratch PostgreSQL database; prints its URL.
pgdb() {
    name="veghe_bench_$$_$1"
    psql "$BENCH_POSTGRES_URL" -qc "CREATE DATABASE $name" >&2
    echo "${BENCH_POSTGRES_URL%/*}/$name"
}
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Trackers reporting (of the 1000 the bench registers): TRACKERS=24 is the service's own fleet.
TRACKERS="${TRACKERS:-1000}"
cat > "$DIR/fix.lua" <<LUA
local n = 0
local base = 1790000000000
request = function()
  n = n + 1
  return wrk.format("GET", "/?id=trk-" .. (n % $TRACKERS) .. "&lat=45.7537&lon=21.2257&timestamp="
    .. (base + n) .. "&speed=10&bearing=90&altitude=90&accuracy=5&batt=80")
end
LUA

ingest() {
    for kind in bare veghe; do
        "$BIN" tracker "$kind" 127.0.0.1:18191 "sqlite:$DIR/ingest-$kind.db" > /dev/null &
        PIDS="$PIDS $!"
        sleep 2
        wrk -t2 -c4 -d2s -s "$DIR/fix.lua" http://127.0.0.1:18191/ > /dev/null
        echo "== OsmAnd ingestion, $kind, $CONNECTIONS connections, $TRACKERS trackers, $DURATION"
        wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$DIR/fix.lua" http://127.0.0.1:18191/ \
            | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|Socket errors'
        kill "$!" 2>/dev/null || true
        wait 2>/dev/null || true
        if [ "$kind" = veghe ]; then
            echo "positions stored: $(sqlite3 "$DIR/ingest-veghe.db" 'SELECT COUNT(*) FROM positions' 2>/dev/null || echo '(sqlite3 not installed)')"
        fi
    done
    echo "== raw inserts of the same rows"
    "$BIN" raw "sqlite:$DIR/raw.db" 200000
}

sse() {
    for kind in bare veghe; do
        "$BIN" sse "$kind" "sqlite:$DIR/sse-$kind.db" 200 20 10
    done
    if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
        url="$(pgdb sse)"
        PGDBS="$PGDBS veghe_bench_$$_sse"
        "$BIN" sse veghe "$url" 200 20 10
    fi
}

board() {
    "$BIN" board "sqlite:$DIR/board.db"
    if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
        url="$(pgdb board)"
        PGDBS="$PGDBS veghe_bench_$$_board"
        "$BIN" board "$url"
    fi
}

route() {
    command -v sqlite3 >/dev/null || apt-get install -y sqlite3 >/dev/null
    cargo build --release -q -p veghe --bin veghe
    db="$DIR/route.db"
    VEGHE_DATABASE_URL="sqlite:$db" "${CARGO_TARGET_DIR:-target}/release/veghe" migrate >/dev/null
    # 24 crews, a fix every 5 s for a day: 414,720 fixes.
    sqlite3 "$db" "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 24)
        INSERT INTO units (call_sign, kind, department, status, created_at) SELECT 'B' || k, 'patrol', 'OP', 'available', 0 FROM n;
        WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 414719)
        INSERT INTO positions (unit_id, at, lat, lon, received_at)
        SELECT k % 24 + (SELECT MIN(id) FROM units), 1790000000000 + k / 24 * 5000, 45.75, 21.22, 0 FROM n;"
    query="SELECT COUNT(*) FROM (SELECT at, lat, lon, speed_mps FROM positions WHERE unit_id = (SELECT MIN(id) FROM units)
        AND at >= 1790000000000 + 3600000 AND at < 1790000000000 + 9 * 3600000 ORDER BY at, id LIMIT 50000);"
    echo "== one crew's 8-hour route, 24 crews, 414,720 fixes (three runs each)"
    echo "index by time then crew (Veghe):"
    printf '.timer on\n%s\n%s\n%s\n' "$query" "$query" "$query" | sqlite3 "$db" | grep 'Run Time'
    sqlite3 "$db" "DROP INDEX positions_at_unit; CREATE INDEX positions_unit_at ON positions(unit_id, at);"
    echo "index by crew then time:"
    printf '.timer on\n%s\n%s\n%s\n' "$query" "$query" "$query" | sqlite3 "$db" | grep 'Run Time'
}

for part in ${*:-ingest sse board}; do "$part"; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
