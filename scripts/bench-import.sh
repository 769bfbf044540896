#!/usr/bin/env bash
# Import benchmark (issue 6): a 1,000,000-row CSV of sanction records into SQLite with
# `veghe import sanctions` (full validation: dates, amounts, CNP check digits, legal bases against
# the catalogue in force, fine ranges) beside the sqlite3 command line's `.import` of the same file
# into a plain table. Rows/s and peak memory (GNU time's maximum resident set). Then an XLSX of
# XLSX_ROWS rows (written by `examples/sanctions_xlsx.rs`) and a tenth of it, streamed.
# Usage: scripts/bench-import.sh [ROWS] [XLSX_ROWS]   (default 1000000 and 200000)
set -euo pipefail
ROWS="${1:-1000000}"
XLSX_ROWS="${2:-200000}"
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
command -v sqlite3 >/dev/null || apt-get install -y sqlite3 >/dev/null
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
cargo build --release -p veghe --bin veghe --example sanctions_xlsx >/dev/null
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 - "$ROWS" "$WORK/sanctions.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(6)
key = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]
points = [("1", 200, 1000), ("4", 100, 500), ("13", 500, 1500), ("16", 200, 1000), ("23", 100, 500),
          ("24", 200, 1000), ("25", 200, 1000), ("31", 500, 1500), ("36", 3000, 6000)]
def cnp(n):
    body = "1%02d%02d%02d35%03d" % (n % 90 + 10, n % 12 + 1, n % 28 + 1, n % 1000)
    c = sum(int(d) * k for d, k in zip(body, key)) % 11
    return body + str(1 if c == 10 else c)
with open(path, "w", encoding="utf-8") as f:
    f.write("Serie;Număr;Data;Ora;Adresa;Latitudine;Longitudine;Compartiment;Agenți;Contravenient;CNP/CUI;Temei legal;Agravant;Sancțiune;Amendă (lei);Achitat (lei);Data plății\n")
    for n in range(1, rows + 1):
        pt, lo, hi = points[n % len(points)]
        day, month, year = n % 28 + 1, n % 12 + 1, 2024 + n % 3
        warn = n % 5 == 0
        amount = "" if warn else "{:,}".format(random.randint(lo, hi)).replace(",", ".") + ",00"
        f.write(f"TM;{n:08d};{day:02d}.{month:02d}.{year};{n % 24:02d}:{n % 60:02d};Str. Florilor {n % 90 + 1};"
                f"45,{7400 + n % 300};21,{2000 + n % 500};Ordine publică;Ag. Pop;Ion Popescu;{cnp(n)};"
                f"Legea 61/1991 art. 2 pct. {pt};nu;{'avertisment' if warn else 'amendă'};{amount};;\n")
PY
SIZE=$(du -m "$WORK/sanctions.csv" | cut -f1)
echo "file: $ROWS rows, ${SIZE} MiB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # label, command...
  local label="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$WORK/rss" "$@" >/dev/null
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'{sys.argv[4]}: {s:.2f} s, {int(sys.argv[3])/s:,.0f} rows/s, peak RSS {int(open(sys.argv[5]).read())/1024:.0f} MiB')" "$start" "$end" "$ROWS" "$label" "$WORK/rss"
}
VEGHE_DATABASE_URL="sqlite:$WORK/veghe.db" "$TARGET/release/veghe" migrate >/dev/null
run "veghe import sanctions (full validation, one transaction)" \
  env VEGHE_DATABASE_URL="sqlite:$WORK/veghe.db" "$TARGET/release/veghe" import sanctions "$WORK/sanctions.csv" --report "$WORK/problems.csv"
sqlite3 "$WORK/veghe.db" "SELECT 'rows in activity_sanctions: ' || COUNT(*) FROM activity_sanctions"
run "veghe import --mode check (validation alone, nothing written)" \
  env VEGHE_DATABASE_URL="sqlite:$WORK/veghe.db" "$TARGET/release/veghe" import sanctions "$WORK/sanctions.csv" --mode check --report "$WORK/problems.csv"
run "veghe import, again (every row already recorded)" \
  env VEGHE_DATABASE_URL="sqlite:$WORK/veghe.db" "$TARGET/release/veghe" import sanctions "$WORK/sanctions.csv" --report "$WORK/problems.csv"
run "sqlite3 .import into a plain table" \
  sqlite3 "$WORK/plain.db" -cmd ".mode csv" -cmd ".separator ;" ".import $WORK/sanctions.csv plain"
sqlite3 "$WORK/plain.db" "SELECT 'rows in plain: ' || COUNT(*) FROM plain"
# Memory flat in file size: the same import of a tenth of the file.
head -n $((ROWS / 10 + 1)) "$WORK/sanctions.csv" > "$WORK/small.csv"
VEGHE_DATABASE_URL="sqlite:$WORK/small.db" "$TARGET/release/veghe" migrate >/dev/null
ROWS=$((ROWS / 10)) run "veghe import of the first tenth (memory check)" \
  env VEGHE_DATABASE_URL="sqlite:$WORK/small.db" "$TARGET/release/veghe" import sanctions "$WORK/small.csv" --report "$WORK/p2.csv"
# XLSX, streamed: the sheet of XLSX_ROWS rows and its first tenth, into fresh databases.
"$TARGET/release/examples/sanctions_xlsx" "$XLSX_ROWS" "$WORK/big.xlsx"
"$TARGET/release/examples/sanctions_xlsx" $((XLSX_ROWS / 10)) "$WORK/small.xlsx"
echo "xlsx: $XLSX_ROWS rows, $(du -m "$WORK/big.xlsx" | cut -f1) MiB; a tenth: $(du -k "$WORK/small.xlsx" | cut -f1) KiB"
for f in big small; do
  VEGHE_DATABASE_URL="sqlite:$WORK/x$f.db" "$TARGET/release/veghe" migrate >/dev/null
done
ROWS=$XLSX_ROWS run "veghe import of the XLSX" \
  env VEGHE_DATABASE_URL="sqlite:$WORK/xbig.db" "$TARGET/release/veghe" import sanctions "$WORK/big.xlsx" --report "$WORK/p3.csv"
sqlite3 "$WORK/xbig.db" "SELECT 'rows in activity_sanctions: ' || COUNT(*) FROM activity_sanctions"
ROWS=$((XLSX_ROWS / 10)) run "veghe import of the XLSX's first tenth" \
  env VEGHE_DATABASE_URL="sqlite:$WORK/xsmall.db" "$TARGET/release/veghe" import sanctions "$WORK/small.xlsx" --report "$WORK/p4.csv"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
