#!/usr/bin/env bash
# tests/cli/warc.sh -- WARC archives (tests/warc/build.py writes them):
# response records with HTML payloads become the documents of
# tests/warc/expected.jsonl (chunked and gzip-coded payloads, a declared
# Latin-1 page, WARC-Date as a reported fallback), every other record is
# skipped and counted in one note, and each bad archive gives one clear
# error naming the file and record while the rest is still read.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "warc: $*"; fail=$((fail + 1)); }
B=tests/warc/build.py

python3 $B test "$tmp/news.warc.gz"
"$SITREP" read "$tmp/news.warc.gz" > "$tmp/docs.jsonl" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || no "test archive: exit $rc, want 1 (the truncated record)"
if python3 tests/warc/compare.py "$tmp/docs.jsonl" tests/warc/expected.jsonl; then ok; else no "documents differ from tests/warc/expected.jsonl"; fi
grep -q "news.warc.gz: WARC: 10 records, 3 documents; skipped 7: 1 warcinfo, 1 request, 1 metadata, 1 revisit, 1 non-HTML response, 1 non-2xx response, 1 with errors" "$tmp/err" && ok || no "no summary note: $(cat "$tmp/err")"
grep -q "news.warc.gz:10: doc urn:uuid:51570000-0000-4000-8000-00000000000a: truncated: the gzip stream ends inside the record" "$tmp/err" && ok || no "truncated last record not reported"
grep -q "news.warc.gz:5: doc urn:uuid:51570000-0000-4000-8000-000000000005: no date in the page; using the crawl date (WARC-Date 2025-06-01)" "$tmp/err" && ok || no "WARC-Date fallback not reported"
[ "$(grep -c "sitrep: error" "$tmp/err")" -eq 1 ] && ok || no "want exactly one error: $(cat "$tmp/err")"
# -q keeps errors, drops notes and warnings
"$SITREP" read -q "$tmp/news.warc.gz" 2> "$tmp/err" > /dev/null
[ "$(wc -l < "$tmp/err")" -eq 1 ] && ok || no "-q: $(cat "$tmp/err")"

# the same records uncompressed read the same
python3 - "$tmp/news.warc.gz" "$tmp/plain.warc" <<'PY'
import gzip, sys, zlib
data = open(sys.argv[1], 'rb').read()
out, d = b'', zlib.decompressobj(31)
while data:
    try: out += d.decompress(data)
    except zlib.error: break
    data = d.unused_data; d = zlib.decompressobj(31)
open(sys.argv[2], 'wb').write(out)
PY
"$SITREP" read -q "$tmp/plain.warc" > "$tmp/plain.jsonl" 2>/dev/null
cmp -s "$tmp/plain.jsonl" "$tmp/docs.jsonl" && ok || no "plain .warc reads differently from .warc.gz"
# ... and so do they as one gzip member for the whole file (several
# records in one inflated member)
gzip -c "$tmp/plain.warc" > "$tmp/one.warc.gz"
"$SITREP" read -q "$tmp/one.warc.gz" > "$tmp/one.jsonl" 2>/dev/null
cmp -s "$tmp/one.jsonl" "$tmp/docs.jsonl" && ok || no "one-member .warc.gz reads differently from per-record members"

check() {  # name, file, expected stderr pattern, expected document count
  local name=$1 f=$2 pat=$3 want=$4 n rc
  n=$("$SITREP" read -q "$f" 2> "$tmp/err" | wc -l); rc=$?
  if [ "$n" -eq "$want" ] && grep -Eq "$pat" "$tmp/err" && [ "$(grep -c "sitrep: error" "$tmp/err")" -eq 1 ]; then ok
  else no "$name: $n documents (want $want), stderr: $(cat "$tmp/err")"; fi
}
python3 $B lie "$tmp/lie.warc.gz"
check "Content-Length too long" "$tmp/lie.warc.gz" "lie\.warc\.gz:1: doc urn:uuid:[0-9a-f-]+: Content-Length lies" 1
python3 $B short "$tmp/short.warc"
check "Content-Length too short" "$tmp/short.warc" "short\.warc:1: doc urn:uuid:[0-9a-f-]+: Content-Length lies" 1
python3 $B truncgz "$tmp/trunc.warc.gz"
check "truncated gzip" "$tmp/trunc.warc.gz" "trunc\.warc\.gz:3: doc urn:uuid:[0-9a-f-]+: truncated: the gzip stream ends" 2
python3 $B big "$tmp/big.warc.gz"
check "20 MB page" "$tmp/big.warc.gz" "big\.warc\.gz:2: doc urn:uuid:[0-9a-f-]+: record too large" 2
printf 'WARC/1.1\r\nWARC-Type: response\r\n' > "$tmp/cut.warc"
check "header cut short" "$tmp/cut.warc" "cut\.warc:1: record header cut short" 0
head -c 3000 /dev/urandom | gzip > "$tmp/noise.warc.gz"
check "not a WARC" "$tmp/noise.warc.gz" "noise\.warc\.gz:1: not a WARC record" 0

# code and ingest take archives mixed with pages and JSON Lines in directories
mkdir -p "$tmp/mix/sub"
cp "$tmp/news.warc.gz" "$tmp/mix/"; cp tests/html/amp.html "$tmp/mix/sub/"
echo '{"id":"j1","date":"2025-05-01","text":"Russian forces attacked Ukrainian positions near the border on Monday."}' > "$tmp/mix/sub/a.jsonl"
n=$("$SITREP" read -q "$tmp/mix" 2>/dev/null | wc -l)
[ "$n" -eq 5 ] && ok || no "mixed directory: $n documents, want 5"
"$SITREP" code -q "$tmp/mix" > "$tmp/ev.jsonl" 2>/dev/null
grep -q '"doc":"j1"' "$tmp/ev.jsonl" && grep -q '"doc":"urn:uuid:51570000-0000-4000-8000-000000000003"' "$tmp/ev.jsonl" && ok || no "code on a mixed directory: $(head -c 300 "$tmp/ev.jsonl")"
"$SITREP" ingest -q --db "$tmp/s.db" "$tmp/mix" 2>/dev/null
"$SITREP" ingest --db "$tmp/s.db" "$tmp/mix" 2> "$tmp/err"
grep -q "5 documents read, 0 stored, 5 unchanged" "$tmp/err" && ok || no "ingest twice: $(cat "$tmp/err")"

echo "warc: $pass passed, $fail failed"
[ $fail -eq 0 ]
