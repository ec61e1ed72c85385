#!/usr/bin/env bash
# bench/pg-workers.sh -- documents/s of `sitrep worker` with 1, 2 and 4
# workers against one throwaway PostgreSQL server on this machine
# (scripts/pg-test-server), next to `sitrep code` (the ceiling: coding
# alone, one process) and `sitrep ingest` into SQLite and into PostgreSQL,
# on the same corpus: real text (bench/gen-corpus.py over
# ../shared/corpus/seeds.jsonl and dev.jsonl; examples/ when they are
# missing).  Prints figures and the speed-up over one worker; asserts
# nothing.  Usage: bench/pg-workers.sh [NDOCS]   (default 1000)
set -u
cd "$(dirname "$0")/.."
SITREP=${SITREP:-./sitrep}
SHARED=${SHARED:-../shared}
n=${1:-1000}
tmp=$(mktemp -d)
trap 'scripts/pg-test-server stop "$tmp/pg" 2>/dev/null; rm -rf "$tmp"' EXIT
url=$(scripts/pg-test-server start "$tmp/pg") || { echo "bench: no PostgreSQL server"; exit 0; }
if [ -f "$SHARED/corpus/seeds.jsonl" ] && [ -f "$SHARED/corpus/dev.jsonl" ]; then
  python3 bench/gen-corpus.py "$tmp/corpus.jsonl" "${n}d" 7 "$SHARED/corpus/seeds.jsonl" "$SHARED/corpus/dev.jsonl" 2>/dev/null
  what="real text"
else
  python3 bench/gen-corpus.py "$tmp/corpus.jsonl" "${n}d" 7 --examples examples 2>/dev/null
  what="examples/ reshuffled"
fi
echo "pg-workers: $n documents ($what, $(awk -v b="$(wc -c < "$tmp/corpus.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }') MB), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
now() { date +%s.%N; }
rate() { awk -v n="$n" -v a="$1" -v b="$2" 'BEGIN { printf "%8.1f docs/s  (%.2f s)", n / (b - a), b - a }'; }
t0=$(now); "$SITREP" code -q "$tmp/corpus.jsonl" > /dev/null; t1=$(now)
printf 'code alone (no store)    %s\n' "$(rate "$t0" "$t1")"
t0=$(now); "$SITREP" ingest -q --db "$tmp/x.db" "$tmp/corpus.jsonl"; t1=$(now)
printf 'sqlite ingest            %s\n' "$(rate "$t0" "$t1")"
t0=$(now); "$SITREP" ingest -q --db "$url" "$tmp/corpus.jsonl"; t1=$(now)
printf 'postgresql ingest        %s\n' "$(rate "$t0" "$t1")"
one=0
for w in 1 2 4; do
  q=$(scripts/pg-test-server createdb "$tmp/pg" "w$w")
  "$SITREP" enqueue -q --db "$q" "$tmp/corpus.jsonl"
  t0=$(now)
  pids=""
  for _ in $(seq 1 "$w"); do "$SITREP" worker -q --db "$q" & pids="$pids $!"; done
  # shellcheck disable=SC2086
  wait $pids
  t1=$(now)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
  [ "$w" = 1 ] && one=$secs
  printf 'postgresql %d worker(s)   %s  %s per worker, %sx one worker\n' "$w" "$(rate "$t0" "$t1")" \
    "$(awk -v n="$n" -v s="$secs" -v w="$w" 'BEGIN { printf "%.1f docs/s", n / s / w }')" \
    "$(awk -v a="$one" -v b="$secs" 'BEGIN { printf "%.2f", a / b }')"
done
echo "(on $(nproc) cores: more workers than cores cannot scale; the server shares the cores)"
