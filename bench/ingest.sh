#!/usr/bin/env bash
# bench/ingest.sh -- ingest throughput into SQLite next to `sitrep code`
# throughput on the same corpus, real text (bench/gen-corpus.py over
# ../shared/corpus; examples/ when it is missing), and their ratio
# (issue 18: ingest at least 0.6 of code).  Prints figures; asserts
# nothing.  Usage: bench/ingest.sh [NDOCS]   (default 3000)
set -u
cd "$(dirname "$0")/.."
SITREP=${SITREP:-./sitrep}
SHARED=${SHARED:-../shared}
n=${1:-3000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -f "$SHARED/corpus/seeds.jsonl" ] && [ -f "$SHARED/corpus/dev.jsonl" ]; then
  python3 bench/gen-corpus.py "$tmp/corpus.jsonl" "${n}d" 7 "$SHARED/corpus/seeds.jsonl" "$SHARED/corpus/dev.jsonl" 2>/dev/null
else
  python3 bench/gen-corpus.py "$tmp/corpus.jsonl" "${n}d" 7 --examples examples 2>/dev/null
fi
bytes=$(wc -c < "$tmp/corpus.jsonl")
# wall-clock seconds and CPU (user+sys) seconds of a command
secs() { /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" > /dev/null 2>&1; awk '{print $1, $2 + $3}' "$tmp/time"; }
read -r tc cc <<< "$(secs "$SITREP" code -q "$tmp/corpus.jsonl")"
read -r ti ci <<< "$(secs "$SITREP" ingest -q --db "$tmp/bench.db" "$tmp/corpus.jsonl")"
read -r tr cr <<< "$(secs "$SITREP" ingest -q --db "$tmp/bench.db" "$tmp/corpus.jsonl")"
dbsize=$(du -cb "$tmp"/bench.db* | tail -1 | cut -f1)
awk -v n="$n" -v b="$bytes" -v tc="$tc" -v ti="$ti" -v tr="$tr" -v cc="$cc" -v ci="$ci" -v db="$dbsize" -v np="$(nproc)" 'BEGIN {
  mb = b / 1e6
  printf "corpus: %d documents, %.1f MB; %d cores\n", n, mb, np
  printf "code:            %6.2f s  %8.0f docs/s  %6.2f MB/s\n", tc, n / tc, mb / tc
  printf "ingest (SQLite): %6.2f s  %8.0f docs/s  %6.2f MB/s  (database %.1f MB)\n", ti, n / ti, mb / ti, db / 1e6
  printf "ingest again:    %6.2f s  %8.0f docs/s  (every document unchanged)\n", tr, n / tr
  printf "ingest/code throughput ratio: %.2f wall clock, %.2f CPU time (target >= 0.6)\n", tc / ti, cc / ci
}'
