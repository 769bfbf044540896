#!/bin/sh
# Kernel density of 1,000,000 events on a 1000x1000 grid (Gaussian, h = 300 m): Veghe
# (veghe-analytics, release build) beside scikit-learn's KernelDensity on the same events, machine
# and run; the densities of 2,000 random cells are compared. Needs a Python with scikit-learn:
#   PYTHON=/path/to/venv/bin/python scripts/bench-kde.sh
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
VEGHE_BENCH_DIR="$DIR" cargo test --release -q -p veghe-analytics --test kde_bench kde_bench_file \
    -- --ignored --nocapture --test-threads 1 2>/dev/null | grep '^{' > "$DIR/rust.jsonl"
"$PYTHON" crates/veghe-analytics/tests/fixtures/kde/bench_sklearn.py "$DIR" > "$DIR/python.json"
"$PYTHON" - "$DIR/rust.jsonl" "$DIR/python.json" <<'PY'
import json, sys
rust = [json.loads(l) for l in open(sys.argv[1])]
py = json.load(open(sys.argv[2]))
assert py["max_relative_difference"] < 1e-3, py
print(f"densities of {py['sample_cells']} cells: largest relative difference {py['max_relative_difference']:.1e}")
print("| KDE, 1,000,000 events, 1000x1000 grid, Gaussian h = 300 m | time | ratio |")
print("|---|---|---|")
print(f"| scikit-learn KernelDensity (fit {py['fit_s']:.1f} s + {py['sample_cells']} cells in {py['sample_s']:.1f} s, "
      f"extrapolated to the grid) | {py['grid_s_extrapolated']:.0f} s | |")
for r in rust:
    cores = "one thread" if r["threads"] == 1 else "every core"
    print(f"| Veghe, {cores} | {r['median_s']:.2f} s | {py['grid_s_extrapolated'] / r['median_s']:.0f}x |")
PY
