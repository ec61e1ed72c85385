#!/usr/bin/env bash
# bench/compare.sh -- per-stage figures of a base revision and of the working
# tree, measured in the same run (issue 18: a speed change shows its figures
# next to a baseline of the same machine and moment).
#
#   bench/compare.sh [BASE]        BASE: a git revision (default HEAD~1)
#
# Builds BASE in a temporary `git worktree add --detach` directory, builds
# bench/micro.c of each side against that side's build/*.o, makes the real-
# text corpus of bench/run (bench/gen-corpus.py, BENCH_MB MB, default 20),
# then runs base and working tree in turns (ABBA), ROUNDS times (default 2):
# `micro DATA CORPUS SAMPLE_MB` (SAMPLE_MB default 8: knowledge load, then
# read, clean, segment, actors_find, time_find, gazetteer, pipeline_run) and
# `sitrep code -q` over the corpus (MB/s, best of the rounds; peak RSS of
# the last; the two outputs compared), and the start-up time (median of 10 runs of `sitrep code` on one document).
# Prints each side's micro output and a summary.  Never fails on figures;
# tests never run it.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BASE=${1:-HEAD~1}
MB=${BENCH_MB:-20}
SAMPLE=${SAMPLE_MB:-8}
ROUNDS=${ROUNDS:-2}
SHARED=${SHARED:-../shared}
OUT=bench/out
mkdir -p "$OUT"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-compare.XXXXXX") || exit 2
trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1; rm -rf "$tmp"' EXIT

git worktree add -q --detach "$tmp/base" "$BASE" || exit 2
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
# build SIDE DIR: sitrep and micro of the tree in DIR
build() {
    (cd "$2" && make -s -j2 sitrep >/dev/null) || { echo "compare: build of $1 failed" >&2; exit 1; }
    # shellcheck disable=SC2046,SC2086
    cc -std=c11 -O2 -g -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -iquote "$2/src" \
       $(pkg-config --cflags $PKGS) "$2/bench/micro.c" $(ls "$2"/build/*.o | grep -v '/main\.o$') \
       $(pkg-config --libs $PKGS) -lm -pthread -o "$tmp/micro-$1" ||
        { echo "compare: cannot build micro of $1" >&2; exit 1; }
}
build base "$tmp/base"
build head .

corpus=$OUT/compare-corpus.jsonl
if [ ! -s "$corpus" ]; then
    ins=("$SHARED"/corpus/seeds.jsonl "$SHARED"/corpus/dev.jsonl)
    python3 bench/gen-corpus.py "$corpus" "$MB" 20261123 "${ins[@]}" || exit 1
fi
head -n 1 "$corpus" > "$tmp/one.jsonl"
bytes=$(wc -c < "$corpus")

echo "== bench/compare.sh: $(git rev-parse --short "$BASE") (base) vs the working tree of $(git rev-parse --short HEAD)"
echo "   $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg), corpus $((bytes / 1000000)) MB of real text"
declare -A code_best
for r in $(seq "$ROUNDS"); do
    order="base head"
    [ $((r % 2)) = 0 ] && order="head base"   # ABBA: neither side always first
    for side in $order; do
        dir=$([ $side = base ] && echo "$tmp/base" || echo .)
        echo "-- round $r: $side: micro"
        "$tmp/micro-$side" "$dir/data" "$corpus" "$SAMPLE" | tee "$tmp/micro-$side-$r.txt"
        t0=$(date +%s%N)
        /usr/bin/time -f %M -o "$tmp/rss-$side" "$dir/sitrep" code -q "$corpus" > "$tmp/code-$side.jsonl"
        t1=$(date +%s%N)
        mbps=$(awk -v b="$bytes" -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", b / 1e6 / (ns / 1e9) }')
        echo "   sitrep code: $mbps MB/s, peak RSS $(cat "$tmp/rss-$side") kB"
        best=${code_best[$side]:-0}
        code_best[$side]=$(awk -v a="$mbps" -v b="$best" 'BEGIN { print (a > b ? a : b) }')
    done
done
cmp -s "$tmp/code-base.jsonl" "$tmp/code-head.jsonl" && same="the same" || same="DIFFERENT"
# start-up: the two sides in turns, 10 runs each, the median of each
for i in 1 2 3 4 5 6 7 8 9 10; do
    for side in base head; do
        dir=$([ $side = base ] && echo "$tmp/base" || echo .)
        t0=$(date +%s%N); "$dir/sitrep" code -q "$tmp/one.jsonl" > /dev/null; t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000)) >> "$tmp/starts-$side"
    done
done
for side in base head; do
    sort -n "$tmp/starts-$side" | awk 'NR == 5 || NR == 6 { s += $1 } END { printf "%.1f\n", s / 2 / 1000 }' > "$tmp/start-$side"
done
echo "== summary (best of $ROUNDS rounds; outputs of the two $same)"
printf '  %-28s %12s %12s %8s\n' "" base head ratio
printf '  %-28s %12s %12s %8s\n' "sitrep code MB/s" "${code_best[base]}" "${code_best[head]}" \
    "$(awk -v a="${code_best[head]}" -v b="${code_best[base]}" 'BEGIN { printf "%.2f", a / b }')"
printf '  %-28s %12s %12s %8s\n' "peak RSS kB (sitrep code)" "$(cat "$tmp/rss-base")" "$(cat "$tmp/rss-head")" \
    "$(awk -v a="$(cat "$tmp/rss-head")" -v b="$(cat "$tmp/rss-base")" 'BEGIN { printf "%.2f", a / b }')"
printf '  %-28s %12s %12s %8s\n' "start-up ms (median of 10)" "$(cat "$tmp/start-base")" "$(cat "$tmp/start-head")" \
    "$(awk -v a="$(cat "$tmp/start-head")" -v b="$(cat "$tmp/start-base")" 'BEGIN { printf "%.2f", a / b }')"
# each stage's MB/s: the best of the rounds, from micro's "NAME ... MB/s" lines
for stage in "read" clean segment actors_find time_find gazetteer_match pipeline_run; do
    b=$(cat "$tmp"/micro-base-*.txt | awk -v s="$stage" '$1 == s { for (i = 2; i <= NF; i++) if ($(i + 1) == "MB/s" && $i > m) m = $i } END { print m + 0 }')
    h=$(cat "$tmp"/micro-head-*.txt | awk -v s="$stage" '$1 == s { for (i = 2; i <= NF; i++) if ($(i + 1) == "MB/s" && $i > m) m = $i } END { print m + 0 }')
    printf '  %-28s %12s %12s %8s\n' "$stage MB/s" "$b" "$h" "$(awk -v a="$h" -v b="$b" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), (b > 0 ? a / b : 0) }')"
done
