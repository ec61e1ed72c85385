#!/usr/bin/env bash
# tests/cli/jobs.sh -- `sitrep code -j N` gives the same output, in the same
# order, as one thread; bad input is still reported once.
set -u
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for i in $(seq 1 12); do sed "s/\"id\": *\"ex-0\([0-9]*\)\"/\"id\":\"r$i-\1\"/" examples/articles.jsonl; done > "$tmp/many.jsonl"
echo '{"id":"broken"' >> "$tmp/many.jsonl"
"$SITREP" code -q "$tmp/many.jsonl" > "$tmp/one.jsonl" 2> "$tmp/one.err"; rc1=$?
"$SITREP" code -q -j 3 "$tmp/many.jsonl" > "$tmp/three.jsonl" 2> "$tmp/three.err"; rc3=$?
if cmp -s "$tmp/one.jsonl" "$tmp/three.jsonl" && [ -s "$tmp/one.jsonl" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "-j 3 output differs from -j 1"; fi
if [ $rc1 -eq 1 ] && [ $rc3 -eq 1 ] && cmp -s "$tmp/one.err" "$tmp/three.err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "errors differ: $rc1/$rc3"; fi
if "$SITREP" code -j 0 "$tmp/many.jsonl" >/dev/null 2>&1; then fail=$((fail + 1)); echo "-j 0 accepted"; else pass=$((pass + 1)); fi
echo "jobs: $pass passed, $fail failed"
[ $fail -eq 0 ]
