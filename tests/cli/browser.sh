#!/usr/bin/env bash
# tests/cli/browser.sh -- the end-to-end browser tests of the web UI
# (tests/web/ui.test.js: headless Debian chromium driven by playwright-core).
# Skipped (exit 77 after a "SKIP: reason" line; scripts/run-tests lists it,
# and fails it under CI=true) when chromium, node or tests/web/node_modules
# is missing: `make deps` (scripts/deps, as root) installs them.
# Screenshots: test-artifacts/web/*.png.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIP: no $CHROMIUM (as root: apt-get install chromium, or make deps)"; exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: no node (as root: apt-get install nodejs npm, or make deps)"; exit 77
fi
if [ ! -d tests/web/node_modules/playwright-core ]; then
  echo "SKIP: no tests/web/node_modules (run: npm ci --prefix tests/web, or make deps)"; exit 77
fi
SITREP=$SITREP CHROMIUM=$CHROMIUM timeout 240 node tests/web/ui.test.js
