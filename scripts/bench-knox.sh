#!/bin/sh
# Knox test (near repeat) on 10,000 events with 99 iterations: Veghe (veghe-analytics, release build)
# beside a numpy + scipy implementation of the Near Repeat Calculator's method on the same events,
# machine and run. Needs a Python with numpy and scipy:
#   PYTHON=/path/to/venv/bin/python scripts/bench-knox.sh
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
FIX=crates/veghe-analytics/tests/fixtures/knox
# The peer first checks itself against the Near Repeat Calculator's own table, then writes the events.
"$PYTHON" "$FIX/bench_knox.py" "$DIR/events.csv" --check "$FIX/chicago_be_month1.csv" > "$DIR/python.json"
VEGHE_BENCH_EVENTS="$DIR/events.csv" cargo test --release -q -p veghe-analytics --test knox_speed \
    knox_bench_file -- --ignored --nocapture --test-threads 1 2>/dev/null | grep '^{' > "$DIR/rust.jsonl"
"$PYTHON" - "$DIR/rust.jsonl" "$DIR/python.json" <<'PY'
import json, sys
rust = [json.loads(l) for l in open(sys.argv[1])]
py = json.load(open(sys.argv[2]))
for r in rust:
    assert r["observed"] == py["observed"], "the observed tables differ"
print("observed tables equal:", py["observed"])
print("| Knox, 10,000 events, 99 iterations, 3x3 bands of 100 m / 7 days | time | ratio |")
print("|---|---|---|")
print(f"| numpy + scipy peer (one core) | {py['median_s']:.3f} s | |")
for r in rust:
    cores = "one thread" if r["threads"] == 1 else "every core"
    print(f"| Veghe, {cores} | {r['median_s']:.3f} s | {py['median_s'] / r['median_s']:.1f}x |")
PY
