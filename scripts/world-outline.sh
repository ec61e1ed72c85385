#!/bin/sh
# scripts/world-outline.sh -- regenerates web/world.json (the map's world
# outline) from the npm package world-atlas 2.0.2 (Natural Earth 1:110m,
# public domain; package ISC).  Needs node and npm; run once, commit the output.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz)
node scripts/world-outline.js "$tmp/package/countries-110m.json" > web/world.json
echo "wrote web/world.json ($(wc -c < web/world.json) bytes)"
