#!/usr/bin/env bash
# bench/pg-workers.sh -- documents/s of `sitrep worker` with 1, 2 and 4
# workers against one throwaway PostgreSQL server on this machine
# (scripts/pg-test-server), next to `sitrep ingest` into PostgreSQL and
# into SQLite, on the same generated corpus (scripts/gen-corpus).
# Prints figures; asserts nothing.  Usage: bench/pg-workers.sh [NDOCS]
# (default 1000)
set -u
cd "$(dirname "$0")/.."
SITREP=${SITREP:-./sitrep}
n=${1:-1000}
tmp=$(mktemp -d)
trap 'scripts/pg-test-server stop "$tmp/pg" 2>/dev/null; rm -rf "$tmp"' EXIT
url=$(scripts/pg-test-server start "$tmp/pg") || { echo "bench: no PostgreSQL server"; exit 0; }
python3 scripts/gen-corpus "$n" > "$tmp/corpus.jsonl"
now() { date +%s.%N; }
rate() { awk -v n="$n" -v a="$1" -v b="$2" 'BEGIN { printf "%8.1f docs/s  (%.2f s)\n", n / (b - a), b - a }'; }
t0=$(now); "$SITREP" ingest -q --db "$tmp/x.db" "$tmp/corpus.jsonl"; t1=$(now)
printf 'sqlite ingest            '; rate "$t0" "$t1"
t0=$(now); "$SITREP" ingest -q --db "$url" "$tmp/corpus.jsonl"; t1=$(now)
printf 'postgresql ingest        '; rate "$t0" "$t1"
for w in 1 2 4; do
  q=$(scripts/pg-test-server createdb "$tmp/pg" "w$w")
  "$SITREP" enqueue -q --db "$q" "$tmp/corpus.jsonl"
  t0=$(now)
  pids=""
  for _ in $(seq 1 "$w"); do "$SITREP" worker -q --db "$q" & pids="$pids $!"; done
  # shellcheck disable=SC2086
  wait $pids
  t1=$(now)
  printf 'postgresql %d worker(s)   ' "$w"; rate "$t0" "$t1"
done
