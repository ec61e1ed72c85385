#!/usr/bin/env bash
# bench/pg-workers.sh -- documents/s of `sitrep worker` with 1, 2 and 4
# workers against one throwaway PostgreSQL server on this machine
# (scripts/pg-test-server), next to `sitrep code` (the ceiling: coding
# alone, one process) and `sitrep ingest` into SQLite and into PostgreSQL,
# on the same corpus: real text (bench/gen-corpus.py over
# ../shared/corpus/seeds.jsonl and dev.jsonl; examples/ when they are
# missing).  Each worker run queues the corpus into a fresh database and
# times the workers until the queue is empty; it prints documents/s in all
# and per worker, the speed-up over one worker, and the CPU time the
# workers and the server (every process of it, background ones included)
# spent.  Asserts nothing.
#   bench/pg-workers.sh [NDOCS]        (default 1000)
#   ROUNDS=3 bench/pg-workers.sh       each worker figure the median of 3 runs
#   BASE=/tmp/old-sitrep bench/pg-workers.sh
#                                      also an older binary, run in turns with
#                                      this one (same data/), side by side
set -u
cd "$(dirname "$0")/.." || exit 2
SITREP=${SITREP:-./sitrep}
SHARED=${SHARED:-../shared}
ROUNDS=${ROUNDS:-1}
BASE=${BASE:-}
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
echo "pg-workers: $n documents ($what, $(awk -v b="$(wc -c < "$tmp/corpus.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }') MB), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS round(s)"
now() { date +%s.%N; }
rate() { awk -v n="$n" -v a="$1" -v b="$2" 'BEGIN { printf "%8.1f docs/s  (%.2f s)", n / (b - a), b - a }'; }
# CPU seconds of the server so far: the postmaster, the children it has
# reaped and those alive (fields 14-17 of /proc/PID/stat)
srvcpu() {
  local pm tot=0 f
  pm=$(head -n 1 "$tmp/pg/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  for p in "$pm" $(cat /proc/"$pm"/task/*/children 2>/dev/null); do
    f=$(cut -d' ' -f14-17 /proc/"$p"/stat 2>/dev/null) || continue
    for v in $f; do tot=$((tot + v)); done
  done
  awk -v t="$tot" -v k="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / k }'
}
t0=$(now); "$SITREP" code -q "$tmp/corpus.jsonl" > /dev/null; t1=$(now)
printf 'code alone (no store)    %s\n' "$(rate "$t0" "$t1")"
t0=$(now); "$SITREP" ingest -q --db "$tmp/x.db" "$tmp/corpus.jsonl"; t1=$(now)
printf 'sqlite ingest            %s\n' "$(rate "$t0" "$t1")"
t0=$(now); "$SITREP" ingest -q --db "$url" "$tmp/corpus.jsonl"; t1=$(now)
printf 'postgresql ingest        %s\n' "$(rate "$t0" "$t1")"

# run BIN W: W workers of BIN on a fresh queue; prints "seconds workers-cpu server-cpu"
k=0
run() {
  local bin=$1 w=$2 q pids="" s0 s1 t0 t1
  k=$((k + 1))
  q=$(scripts/pg-test-server createdb "$tmp/pg" "w$k")
  "$bin" enqueue -q --db "$q" "$tmp/corpus.jsonl"
  s0=$(srvcpu); t0=$(now)
  for i in $(seq 1 "$w"); do
    /usr/bin/env time -f "%U %S" -o "$tmp/cpu.$i" "$bin" worker -q --db "$q" & pids="$pids $!"
  done
  # shellcheck disable=SC2086
  wait $pids
  t1=$(now); sleep 0.2; s1=$(srvcpu)
  awk -v a="$t0" -v b="$t1" -v s0="$s0" -v s1="$s1" -v c="$(cat "$tmp"/cpu.* | awk '{ u += $1 + $2 } END { print u }')" \
    'BEGIN { printf "%.3f %.2f %.2f\n", b - a, c, s1 - s0 }'
  rm -f "$tmp"/cpu.*
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# figures W FILE: the median run of FILE (by time) as a line
figures() {
  local w=$1 f=$2 secs
  secs=$(cut -d' ' -f1 "$f" | median)
  grep "^$secs " "$f" | head -n 1 | awk -v n="$n" -v w="$w" -v one="${3:-0}" '{
    printf "%8.1f docs/s, %6.1f per worker, %4.2fx one worker; CPU: workers %.2f s, server %.2f s",
      n / $1, n / $1 / w, (one > 0 ? one / $1 : 1), $2, $3 }'
}
for w in 1 2 4; do
  : > "$tmp/new.$w"; : > "$tmp/base.$w"
  for _ in $(seq 1 "$ROUNDS"); do
    [ -n "$BASE" ] && run "$BASE" "$w" >> "$tmp/base.$w"
    run "$SITREP" "$w" >> "$tmp/new.$w"
  done
  [ "$w" = 1 ] && one=$(cut -d' ' -f1 "$tmp/new.1" | median) && bone=$(cut -d' ' -f1 "$tmp/base.1" | median)
  [ -n "$BASE" ] && printf 'postgresql %d worker(s), base  %s\n' "$w" "$(figures "$w" "$tmp/base.$w" "$bone")"
  printf 'postgresql %d worker(s)        %s\n' "$w" "$(figures "$w" "$tmp/new.$w" "$one")"
done
echo "(on $(nproc) cores: more workers than cores cannot scale; the server shares the cores)"
