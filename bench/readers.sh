#!/usr/bin/env bash
# bench/readers.sh -- the readers of issue 11, no assertions:
#  1. main-text extraction: token F1 of sitrep and of @mozilla/readability
#     (peer/readability, jsdom) on the hand-marked pages of tests/html/,
#     side by side in one run (readability is skipped when npm cannot
#     install it);
#  1b. the same readers on the 91 real pages of the article-extraction
#     benchmark in ../shared (issue 17): F1, precision, recall and empty
#     pages of sitrep, of Readability.js run here and of the peers'
#     published outputs, by the benchmark's score.py (bench/extraction-table.py);
#  2. WARC reading before event coding (`sitrep read`, one core): MB/s of
#     compressed input and peak RSS, on archives of two sizes built by
#     tests/warc/build.py bench (news-crawl-shaped records and pages, see
#     tests/warc/realistic.py), so RSS can be compared with the file size;
#     next to it, measured in the same run by bench/warc-ceiling.c: zlib
#     and libdeflate inflating alone, and libxml2's HTML parser with no
#     handlers over the inflated pages (the ceiling for a reader that parses
#     every page with libxml2).  Archives are rebuilt when the generator or
#     the pages change (bench/out/*.meta).
#   BENCH_WARC_MB=100 (the larger archive; the smaller is a tenth of it)
#   bench/readers.sh --no-warc   stops before the WARC figures
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

# ---- the article-extraction benchmark (issue 17) --------------------------
# 91 real pages in ../shared with hand-checked bodies: sitrep, Readability.js
# run here (peer/readability, when npm could install it) and the peers'
# published outputs, all scored by the benchmark's own score.py.  The pages
# are inflated into a temporary directory outside the repository.
AE=${SHARED:-../shared}/bench/article-extraction
if [ -f "$AE/score.py" ]; then
  echo "== main-text extraction on the article-extraction benchmark ($(ls "$AE"/html/*.html.gz | wc -l) pages; 4-token shingles, score.py)"
  aetmp=$(mktemp -d); trap 'rm -rf "$aetmp"' EXIT
  mkdir -p "$aetmp/html"
  for f in "$AE"/html/*.html.gz; do
    b=${f##*/}; gzip -dc "$f" > "$aetmp/html/${b%.gz}"
  done
  to_pred='import json, sys
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    out[d["id"]] = {"articleBody": d.get("text") or ""}
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))'
  ./sitrep read -q "$aetmp"/html/*.html > "$aetmp/sitrep.jsonl" 2> "$aetmp/sitrep.err"
  python3 -c "$to_pred" "$aetmp/sitrep.jsonl" "$OUT/ae-sitrep.json"
  live="readability-live=-"
  if [ -n "$rd" ] && node peer/readability/extract.js "$aetmp/html" --utf8 > "$aetmp/readability.jsonl" 2>/dev/null; then
    python3 -c "$to_pred" "$aetmp/readability.jsonl" "$OUT/ae-readability.json"
    live="Readability.js $(node -p 'require("./peer/readability/node_modules/@mozilla/readability/package.json").version') (live)=$OUT/ae-readability.json"
  fi
  peers=()
  for p in "$AE"/peers/*.json; do n=${p##*/}; peers+=("${n%.json} (published)=$p"); done
  cp "$aetmp/sitrep.jsonl" "$OUT/ae-sitrep.jsonl"
  python3 bench/extraction-table.py "$AE" --meta "$OUT/ae-sitrep.jsonl" "sitrep=$OUT/ae-sitrep.json" "$live" "${peers[@]}"
  [ -n "$rd" ] || echo "  (Readability.js live: skipped, node/npm or the npm packages are not available)"
  rm -rf "$aetmp"; trap - EXIT
else
  echo "== article-extraction benchmark: skipped ($AE not found)"
fi

[ "${1:-}" = "--no-warc" ] && exit 0
echo "== WARC reading (sitrep read, before event coding), one core"
# baselines in the same run, from bench/warc-ceiling.c: zlib and libdeflate
# inflating the archive alone, and libdeflate + libxml2's HTML parser with
# no handlers (no tree, no extraction) over every HTML payload
cc -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 bench/warc-ceiling.c \
   $(pkg-config --cflags --libs libdeflate libxml-2.0 zlib) -o "$OUT/warc-ceiling" ||
  { echo "readers: cannot build bench/warc-ceiling.c" >&2; exit 1; }
rss_run() {  # file -> "seconds maxrss_kb docs": the fastest of 3 runs and
  # the largest peak RSS, by /usr/bin/time (a python parent's own pages would
  # be counted in its child's peak)
  local best="" peak=0 t m
  for _ in 1 2 3; do
    /usr/bin/time -o "$OUT/warc-time.txt" -f "%e %M" ./sitrep read -q "$1" > "$OUT/warc-docs.jsonl" 2>/dev/null
    read -r t m < "$OUT/warc-time.txt"
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    [ "$m" -gt "$peak" ] && peak=$m
  done
  echo "$best $peak $(wc -l < "$OUT/warc-docs.jsonl")"
}
gen_hash=$(cat tests/warc/build.py tests/warc/realistic.py tests/html/*.html | cksum | cut -d' ' -f1)
for size in $(python3 -c "print(max(1, $MB // 10), $MB)"); do
  f=$OUT/bench-$size.warc.gz
  if [ ! -f "$f" ] || [ "$(cat "$f.meta" 2>/dev/null)" != "$gen_hash" ]; then
    python3 tests/warc/build.py bench "$f" "$size" && echo "$gen_hash" > "$f.meta"
  fi
  bytes=$(stat -c %s "$f")
  read -r _ _ raw _ zsecs < <("$OUT/warc-ceiling" zlib "$f")
  read -r _ _ _ _ dsecs < <("$OUT/warc-ceiling" inflate "$f")
  read -r _ _ _ pages psecs < <("$OUT/warc-ceiling" parse "$f")
  read -r secs rss docs < <(rss_run "$f")
  python3 -c "
b, r, s, k, d = $bytes, $raw, $secs, $rss, $docs
z, i, p, n = $zsecs, $dsecs, $psecs, $pages
print('  archive %.1f MB compressed, %.1f MB inflated (%.2fx), %d HTML payloads' % (b/1e6, r/1e6, r/b, n))
print('    zlib inflate alone             %7.1f MB/s compressed' % (b/1e6/z))
print('    libdeflate inflate alone       %7.1f MB/s compressed' % (b/1e6/i))
print('    libdeflate + libxml2 parse     %7.1f MB/s compressed (no handlers: the ceiling)' % (b/1e6/p))
print('    sitrep read                    %7.1f MB/s compressed, %.1f MB/s inflated, %d documents, %.0f docs/s, %.2f s, peak RSS %.1f MB' % (b/1e6/s, r/1e6/s, d, d/s, s, k/1024))
print('    sitrep read / ceiling          %7.2f' % (p/s))"
done
echo "  (target: >= 100 MB/s of compressed input; peak RSS should not grow with the file)"
