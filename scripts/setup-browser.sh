#!/usr/bin/env bash
# Installs what the end-to-end tests need: Debian's Chromium (plus a font with
# Romanian diacritics) and the e2e/ npm packages. Idempotent: does nothing
# that is already done.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM="${VEGHE_CHROMIUM:-/usr/bin/chromium}"

need_apt=()
if [ ! -x "$CHROMIUM" ]; then
  need_apt+=(chromium)
fi
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  need_apt+=(fonts-dejavu-core)
fi

if [ "${#need_apt[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO="sudo"
    else
      echo "setup-browser: need root to install ${need_apt[*]}" >&2
      exit 1
    fi
  fi
  echo "setup-browser: installing ${need_apt[*]}"
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${need_apt[@]}" fonts-dejavu-core
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "setup-browser: $CHROMIUM is still missing after install" >&2
  exit 1
fi

if [ ! -d "$ROOT/e2e/node_modules" ]; then
  echo "setup-browser: npm ci in e2e/"
  (cd "$ROOT/e2e" && npm ci --no-audit --no-fund)
fi

echo "setup-browser: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
