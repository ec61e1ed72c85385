#!/usr/bin/env bash
# tests/cli/html.sh -- saved web pages.  Main-text extraction over the pages
# of tests/html/ (each imitating one kind of news template, its text marked
# by hand in NAME.expected.txt, its metadata in NAME.meta.tsv) must reach a
# token F1 of 0.9 on average; charsets are decoded; and each bad page gives
# one clear message naming the file while the pages beside it are coded.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "html: $*"; fail=$((fail + 1)); }

# ---- extraction quality -----------------------------------------------------
"$SITREP" read -q tests/html/*.html > "$tmp/docs.jsonl"; rc=$?
[ $rc -eq 0 ] && ok || no "reading tests/html: exit $rc"
n=$(ls tests/html/*.html | wc -l)
[ "$n" -ge 20 ] && [ "$(wc -l < "$tmp/docs.jsonl")" -eq "$n" ] && ok || no "want a document for each of the $n (>= 20) pages"
if python3 tests/html/f1.py "$tmp/docs.jsonl" --meta --min 0.9 --name sitrep > "$tmp/f1.txt"; then ok; else no "F1 or metadata check failed"; cat "$tmp/f1.txt"; fi
tail -n 1 "$tmp/f1.txt"
# paragraphs keep their order and their breaks
python3 - "$tmp/docs.jsonl" <<'PY' && ok || no "paragraphs of national-daily lost their breaks or order"
import json, sys
d = {j["id"]: j for j in map(json.loads, open(sys.argv[1]))}
want = open("tests/html/national-daily.expected.txt").read().rstrip("\n").split("\n")
sys.exit(0 if d["national-daily"]["text"].split("\n") == want else 1)
PY

# a wire-style lead after the headline ("OSLO — ... met ...") is coded
"$SITREP" code tests/html/dateline-lead.html > "$tmp/lead.jsonl" 2>/dev/null
python3 - "$tmp/lead.jsonl" <<'PY' && ok || no "dateline-lead: no CONSULT event from the lead paragraph: $(head -c 300 "$tmp/lead.jsonl")"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if any(e["sentence"] == 0 and e["type"] == "CONSULT" for e in ev) else 1)
PY

# ---- charsets and bad pages -------------------------------------------------
good='{"id":"good","date":"2022-03-14","text":"Russian forces attacked Ukraine on Monday."}'
printf '%s\n' "$good" > "$tmp/good.jsonl"
check() {  # name, want exit, expected stderr pattern, files...
  local name=$1 want=$2 pat=$3; shift 3
  local rc
  "$SITREP" code "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
  local okk=1
  [ $rc -eq "$want" ] || { echo "html: $name: exit $rc, want $want"; okk=0; }
  grep -Eq "$pat" "$tmp/err" || { echo "html: $name: stderr lacks /$pat/: $(cat "$tmp/err")"; okk=0; }
  [ "$(grep -c '^sitrep: error' "$tmp/err")" -le 1 ] || { echo "html: $name: more than one error: $(cat "$tmp/err")"; okk=0; }
  grep -q '"doc":"good"' "$tmp/out" || { echo "html: $name: the good document was not coded"; okk=0; }
  if [ $okk -eq 1 ]; then ok; else fail=$((fail + 1)); fi
}
page() {  # head, body paragraphs
  printf '<html><head>%s<title>Test page</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>%s</article><footer>Footer</footer></body></html>' "$1" "$2"
}
p1='<p>Officials in Zürich said on Tuesday that the talks with the federal government would continue next week despite the objections of two cantons.</p>'

page '' '<div class="share">Share this</div>' > "$tmp/nobody.html"
check "HTML with no body text" 1 "nobody\.html: doc nobody: no article text in the page; skipped" "$tmp/nobody.html" "$tmp/good.jsonl"

page '' "$p1" | iconv -f UTF-8 -t WINDOWS-1252 > "$tmp/legacy.html"
printf '<p>The mayor called the decision \x93a mistake\x94 and said she would appeal.</p>' >> "$tmp/legacy.html"
"$SITREP" read "$tmp/legacy.html" > "$tmp/legacy.jsonl" 2> "$tmp/err"
grep -q "warning: $tmp/legacy.html: doc legacy: no charset declared and the bytes are not UTF-8; read as Windows-1252" "$tmp/err" && ok || no "undeclared legacy charset: $(cat "$tmp/err")"
grep -q 'Zürich' "$tmp/legacy.jsonl" && ok || no "undeclared legacy charset: text not converted: $(cat "$tmp/legacy.jsonl")"
check "undeclared legacy charset (kept)" 0 "legacy\.html: doc legacy: no charset declared" "$tmp/legacy.html" "$tmp/good.jsonl"

page '<meta charset="windows-1252">' "$p1<p>The mayor called the decision “a mistake” and said she would appeal to the court.</p>" | iconv -f UTF-8 -t WINDOWS-1252 > "$tmp/w1252.html"
"$SITREP" read "$tmp/w1252.html" > "$tmp/w.jsonl" 2> "$tmp/err"
[ ! -s "$tmp/err" ] && grep -q 'Zürich' "$tmp/w.jsonl" && grep -q '“a mistake”' "$tmp/w.jsonl" && ok || no "declared windows-1252: $(cat "$tmp/err" "$tmp/w.jsonl")"

page '<meta http-equiv="content-type" content="text/html; charset=ISO-8859-15">' "$p1" | iconv -f UTF-8 -t ISO-8859-15 > "$tmp/l9.html"
"$SITREP" read "$tmp/l9.html" 2>&1 | grep -q 'Zürich' && ok || no "declared ISO-8859-15 not converted"

page '<meta charset="utf-8">' "$p1<p>Entities: caf&eacute; &amp; &#x201C;quoted&#x201D; &lt;tag&gt; in the same paragraph as this sentence.</p>" > "$tmp/ent.html"
"$SITREP" read -q "$tmp/ent.html" | grep -q 'café & “quoted” <tag>' && ok || no "entities not decoded"

page '<meta charset="utf-8">' "$p1" > "$tmp/badutf8.html"; printf '<p>Broken byte \xff here in an otherwise ordinary sentence about the talks.</p>' >> "$tmp/badutf8.html"
check "invalid UTF-8 in a UTF-8 page" 1 "badutf8\.html: doc badutf8: invalid UTF-8: 1 byte sequence replaced" "$tmp/badutf8.html" "$tmp/good.jsonl"

page '<meta charset="x-no-such-charset">' "$p1" > "$tmp/unk.html"
check "unknown charset" 0 "unk\.html: doc unk: unknown charset 'x-no-such-charset'; read as UTF-8" "$tmp/unk.html" "$tmp/good.jsonl"
"$SITREP" code -q "$tmp/unk.html" "$tmp/good.jsonl" 2>&1 >/dev/null | grep -q "unknown charset" && no "-q does not silence the charset warning" || ok

python3 -c "
p = '<p>' + 'The committee met again and adjourned without reaching a decision on the matter. ' * 50 + '</p>\n'
open('$tmp/huge.html', 'w').write('<html><body><article>' + p * (20 * 1024 * 1024 // len(p) + 1) + '</article></body></html>')"
check "20 MB page" 1 "huge\.html: document too large \([0-9]+ bytes; limit 16777216\); skipped" "$tmp/huge.html" "$tmp/good.jsonl"

printf '%s' '<html><body><p>' > "$tmp/trunc.html"; printf '%s' "$p1" | head -c 60 >> "$tmp/trunc.html"
"$SITREP" read -q "$tmp/trunc.html" > /dev/null 2>&1; rc=$?
[ $rc -le 1 ] && ok || no "a cut-off page crashed the reader (exit $rc)"

echo "html: $pass passed, $fail failed"
[ $fail -eq 0 ]
