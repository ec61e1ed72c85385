#!/usr/bin/env bash
# bench/readers.sh -- the readers of issue 11, no assertions:
#  1. main-text extraction: token F1 of sitrep and of @mozilla/readability
#     (peer/readability, jsdom) on the hand-marked pages of tests/html/,
#     side by side in one run (readability is skipped when npm cannot
#     install it);
#  2. WARC reading before event coding (`sitrep read`, one core): MB/s of
#     compressed input and peak RSS, on archives of two sizes built by
#     tests/warc/build.py, so RSS can be compared with the file size.
#   BENCH_WARC_MB=100 (the larger archive; the smaller is a tenth of it)
set -u
cd "$(dirname "$0")/.." || exit 2
MB=${BENCH_WARC_MB:-100}
OUT=bench/out
mkdir -p "$OUT"
make -s sitrep || { echo "readers: build failed" >&2; exit 1; }
export LC_ALL=C

echo "== main-text extraction, token F1 on tests/html ($(ls tests/html/*.html | wc -l) pages)"
./sitrep read -q tests/html/*.html > "$OUT/html-sitrep.jsonl"
python3 tests/html/f1.py "$OUT/html-sitrep.jsonl" --name sitrep > "$OUT/f1-sitrep.txt"
rd=""
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ -d peer/readability/node_modules/@mozilla/readability ] ||
     (cd peer/readability && npm ci --no-audit --no-fund --silent >/dev/null 2>&1); then
    if node peer/readability/extract.js tests/html > "$OUT/html-readability.jsonl" 2>/dev/null; then
      python3 tests/html/f1.py "$OUT/html-readability.jsonl" --name readability > "$OUT/f1-readability.txt"
      rd=1
    fi
  fi
fi
if [ -n "$rd" ]; then
  paste <(grep -E '^  sitrep' "$OUT/f1-sitrep.txt" | awk '{print $2, $5}') \
        <(grep -E '^  readability' "$OUT/f1-readability.txt" | awk '{print $5}') |
    awk '{printf "  %-22s sitrep %s   readability %s\n", $1, $2, $3}'
  tail -n 1 "$OUT/f1-sitrep.txt"
  tail -n 1 "$OUT/f1-readability.txt"
else
  tail -n 1 "$OUT/f1-sitrep.txt"
  echo "readability: skipped (node/npm or the npm packages are not available)"
fi

echo "== WARC reading (sitrep read, before event coding)"
rss_run() {  # file -> "seconds maxrss_kb docs"
  python3 - "$1" <<'PY'
import resource, subprocess, sys, time
t0 = time.monotonic()
p = subprocess.run(["./sitrep", "read", "-q", sys.argv[1]], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
dt = time.monotonic() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%.3f %d %d" % (dt, rss, p.stdout.count(b"\n")))
PY
}
for size in $(python3 -c "print(max(1, $MB // 10), $MB)"); do
  f=$OUT/bench-$size.warc.gz
  [ -f "$f" ] || python3 tests/warc/build.py bench "$f" "$size"
  bytes=$(stat -c %s "$f")
  raw=$(zcat "$f" | wc -c)
  read -r secs rss docs < <(rss_run "$f")
  python3 -c "
b, r, s, k, d = $bytes, $raw, $secs, $rss, $docs
print('  %6.1f MB compressed (%6.1f MB raw): %6d documents, %6.2f s, %6.1f MB/s compressed, %6.1f MB/s raw, %5.0f docs/s, peak RSS %.1f MB' % (b/1e6, r/1e6, d, s, b/1e6/s, r/1e6/s, d/s, k/1024))"
done
echo "  (target: >= 100 MB/s of compressed input; peak RSS should not grow with the file)"
