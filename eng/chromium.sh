#!/usr/bin/env bash
# Headless Chromium for the Developer Center's browser tests (tests/Connctd.Connector.Sdk.DeveloperCenter.Tests).
#
#   eng/chromium.sh          make sure it is installed; prints the browser's path on stdout
#
# The browser is Debian's `chromium` package (/usr/bin/chromium), installed with apt-get when it is missing and this
# runs as root; Playwright is pointed at it and never downloads a browser of its own. Set CONNCTD_CHROMIUM to use
# another executable. Everything but the path goes to stderr. Idempotent.
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

BROWSER="${CONNCTD_CHROMIUM:-/usr/bin/chromium}"

if [[ ! -x "$BROWSER" ]]; then
  if [[ -z "${CONNCTD_CHROMIUM:-}" && "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "Chromium is not installed; installing Debian's chromium package"
    DEBIAN_FRONTEND=noninteractive apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
  fi
fi

[[ -x "$BROWSER" ]] || die "no browser at $BROWSER. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CONNCTD_CHROMIUM to a Chromium executable."
echo "$BROWSER"
