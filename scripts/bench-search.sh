#!/usr/bin/env bash
# Registry search speed: p50/p95 of the search index beside a plain LIKE scan over BENCH_DOCS
# documents (default 1,000,000) on SQLite, and on PostgreSQL when BENCH_POSTGRES_URL is set
# (a server URL; the database veghe_bench_search is made afresh there).
# BENCH_SKIP_SQLITE=1 measures PostgreSQL alone. Prints one Markdown row per engine, for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BENCH_DOCS="${BENCH_DOCS:-1000000}"
run() { cargo test --release --locked -p veghe --test search_bench -- --ignored --nocapture --test-threads 1 2>&1 | grep -E '^\| |documents'; }
echo "| engine | documents | queries | index p50 | index p95 | index max | LIKE p50 | LIKE p95 | LIKE max | mean hits index / LIKE |"
echo "|---|---|---|---|---|---|---|---|---|---|"
unset BENCH_DB_URL
[ "${BENCH_SKIP_SQLITE:-0}" = 1 ] || run
if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
  psql "$BENCH_POSTGRES_URL" -qc 'DROP DATABASE IF EXISTS veghe_bench_search' -c 'CREATE DATABASE veghe_bench_search'
  BENCH_DB_URL="${BENCH_POSTGRES_URL%/*}/veghe_bench_search" run
fi
