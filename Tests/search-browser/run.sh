#!/usr/bin/env bash
# Browser test of the search client: builds a site from the real fixture rows (a Swift test
# writes it), serves it on 127.0.0.1 and drives headless Chromium through the checks.
# Prints "N passed, N failed" last; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "installing chromium and chromium-driver" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
SITE="$(mktemp -d)"
trap 'rm -rf "$SITE"' EXIT
if ! BEIAN_SEARCH_SITE="$SITE" swift test --filter 'SiteWriterTests' >"$SITE.log" 2>&1; then
  cat "$SITE.log" >&2; rm -f "$SITE.log"
  echo "0 passed, 1 failed"
  exit 1
fi
rm -f "$SITE.log"
python3 Tests/search-browser/test_search.py "$SITE"
