#!/bin/sh
# Forecasts with back-tests for 500 weekly series: Veghe (veghe-analytics, release build) beside
# statsforecast on the same series, machine and run. Needs a Python with statsforecast 2.1.1:
#   PYTHON=/path/to/venv/bin/python scripts/bench-forecast.sh
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
FIX=crates/veghe-analytics/tests/fixtures/series
"$PYTHON" "$FIX/bench_statsforecast.py" "$DIR/series.csv" > "$DIR/python.jsonl"
VEGHE_BENCH_SERIES="$DIR/series.csv" cargo test --release -q -p veghe-analytics --test series_bench \
    -- --ignored --nocapture --test-threads 1 2>/dev/null | grep '^{' > "$DIR/rust.jsonl"
"$PYTHON" - "$DIR/rust.jsonl" "$DIR/python.jsonl" <<'PY'
import json, sys
rust = {r["model"]: r for r in map(json.loads, open(sys.argv[1]))}
py = {r["model"]: r for r in map(json.loads, open(sys.argv[2]))}
print("| model (500 series, forecast + 8-origin back-test) | Veghe | statsforecast | ratio |")
print("|---|---|---|---|")
for m in rust:
    r, p = rust[m]["median_s"], py[m]["median_s"]
    print(f"| {m} | {r:.3f} s | {p:.3f} s | {p / r:.1f}x |")
PY
