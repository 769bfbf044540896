#!/usr/bin/env bash
# Runs every test of Veghe: formatting, lints, unit and integration tests (SQLite, and PostgreSQL
# when VEGHE_TEST_POSTGRES_URL is set or a local server answers), then the browser tests.
# Usage: scripts/test.sh            everything
#        scripts/test.sh --no-e2e   without the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

run_e2e=1
[ "${1:-}" = "--no-e2e" ] && run_e2e=0

command -v cargo >/dev/null || { echo "error: Rust (cargo) is needed: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "error: Node.js and npm are needed (for the browser libraries and tests)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "error: Python 3 is needed (for the EIDO and CAP conformance validators)" >&2; exit 1; }

# PostgreSQL: use the given URL, else a local server with trust auth if one answers.
if [ -z "${VEGHE_TEST_POSTGRES_URL:-}" ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  export VEGHE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
fi
if [ -n "${VEGHE_TEST_POSTGRES_URL:-}" ]; then
  echo "== integration tests run on SQLite and PostgreSQL (${VEGHE_TEST_POSTGRES_URL})"
else
  echo "== integration tests run on SQLite only (no PostgreSQL found; set VEGHE_TEST_POSTGRES_URL)"
fi

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== conformance validators (EIDO, CAP) in .venv-conformance"
scripts/setup-conformance.sh

echo "== unit and integration tests"
cargo test --workspace --locked

if [ "$run_e2e" = 1 ]; then
  echo "== browser tests"
  scripts/e2e.sh
fi
