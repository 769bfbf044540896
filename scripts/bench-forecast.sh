#!/bin/sh
# Forecasts with back-tests for 500 weekly series: Veghe (veghe-analytics, release build) beside
# statsforecast on the same series, machine and run, on one core and on two (statsforecast n_jobs=2,
# Veghe's series spread over both cores). Needs a Python with statsforecast 2.1.1:
#   PYTHON=/path/to/venv/bin/python scripts/bench-forecast.sh
# RUNS (default 3) sets the runs per model and side; the median is reported. Then Veghe's 13-week
# forecasts and 80%/95% intervals are compared with statsforecast's of the same run (largest
# difference relative to each series' mean, and the number of series past 1e-6).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
FIX=crates/veghe-analytics/tests/fixtures/series
echo "load average before: $(cat /proc/loadavg)"
N_JOBS=1 "$PYTHON" "$FIX/bench_statsforecast.py" "$DIR/series.csv" "$DIR" > "$DIR/python.jsonl"
N_JOBS=2 "$PYTHON" "$FIX/bench_statsforecast.py" "$DIR/series2.csv" >> "$DIR/python.jsonl"
cmp -s "$DIR/series.csv" "$DIR/series2.csv"
echo "load average after statsforecast: $(cat /proc/loadavg)"
VEGHE_BENCH_SERIES="$DIR/series.csv" cargo test --release -q -p veghe-analytics --test series_bench \
    forecast_500_series -- --ignored --nocapture --test-threads 1 2>/dev/null | grep '^{' > "$DIR/rust.jsonl"
echo "load average after Veghe: $(cat /proc/loadavg)"
"$PYTHON" - "$DIR/rust.jsonl" "$DIR/python.jsonl" <<'PY'
import json, sys
rust = {(r["model"], r["threads"]): r for r in map(json.loads, open(sys.argv[1]))}
py = {(r["model"], r["n_jobs"]): r for r in map(json.loads, open(sys.argv[2]))}
print("| model (500 series, forecast + 8-origin back-test) | cores | Veghe | statsforecast | ratio |")
print("|---|---|---|---|---|")
for (m, t), r in rust.items():
    p = py[(m, t)]["median_s"]
    print(f"| {m} | {t} | {r['median_s']:.3f} s | {p:.3f} s | {p / r['median_s']:.1f}x |")
PY
echo "Veghe's forecasts against statsforecast's (same series, same run):"
VEGHE_BENCH_SERIES="$DIR/series.csv" VEGHE_BENCH_REFERENCE="$DIR" cargo test --release -q -p veghe-analytics \
    --test series_bench forecasts_equal_statsforecast -- --ignored --nocapture 2>/dev/null | grep '^{'
