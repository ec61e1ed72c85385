#!/usr/bin/env bash
# tests/cli/bad-input.sh -- every kind of bad input gives one clear error
# naming the file (and line or document), the good documents beside it are
# still coded, and the exit status is 1 (EXIT_INPUT).
set -u
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0 fail=0
good='{"id":"good","date":"2022-03-14","text":"Russian forces attacked Ukraine on Monday."}'
check() {  # name, expected stderr pattern, input files...
  local name=$1 pat=$2; shift 2
  local out err rc
  out=$("$SITREP" code -q "$@" 2>"$tmp/err"); rc=$?
  err=$(cat "$tmp/err")
  local ok=1
  [ $rc -eq 1 ] || { echo "$name: exit status $rc, want 1"; ok=0; }
  printf '%s\n' "$err" | grep -Eq "$pat" || { echo "$name: stderr lacks /$pat/: $err"; ok=0; }
  printf '%s\n' "$out" | grep -q '"doc":"good"' || { echo "$name: the good document was not coded"; ok=0; }
  if [ $ok -eq 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}
printf '%s\n' "$good" > "$tmp/good.jsonl"

: > "$tmp/empty.jsonl"
check "empty file" "empty\.jsonl: empty file" "$tmp/empty.jsonl" "$tmp/good.jsonl"

# a fixed binary blob (an ELF-like header with NULs and control bytes, no newline early on)
python3 -c "import sys; sys.stdout.buffer.write(bytes([0x7f,0x45,0x4c,0x46,2,1,1,0] + [i % 256 for i in range(4096)]))" > "$tmp/blob.jsonl"
check "binary file" "blob\.jsonl:1: binary file" "$tmp/blob.jsonl" "$tmp/good.jsonl"

python3 -c "
import json
print(json.dumps({'id':'huge','date':'2022-03-14','text':'Russia attacked Ukraine. '*(52*1024*1024//24)}))
print(json.dumps({'id':'good','date':'2022-03-14','text':'Russian forces attacked Ukraine on Monday.'}))" > "$tmp/huge.jsonl"
check "50 MB document" "huge\.jsonl:1: document too large" "$tmp/huge.jsonl"

{ echo '{"id":"notext","date":"2022-03-14","title":"No body"}'; echo "$good"; } > "$tmp/notext.jsonl"
check "JSON line without text" 'notext\.jsonl:1: doc notext: missing "text"' "$tmp/notext.jsonl"

{ echo '{"id":"broken","text":"unterminated'; echo "$good"; } > "$tmp/broken.jsonl"
check "malformed JSON" "broken\.jsonl:1: malformed JSON at column [0-9]+" "$tmp/broken.jsonl"

{ printf '{"id":"latin1","date":"2022-03-14","text":"Gr\xfc\xdfe aus M\xfcnchen. Russia attacked Ukraine."}\n'; echo "$good"; } > "$tmp/badutf8.jsonl"
check "invalid UTF-8" "badutf8\.jsonl:1: doc latin1: invalid UTF-8" "$tmp/badutf8.jsonl"

printf '%%PDF-1.4\n' > "$tmp/report.pdf"
check "unknown file type" "report\.pdf: unknown file type" "$tmp/report.pdf" "$tmp/good.jsonl"

mkdir -p "$tmp/dir"; cp "$tmp/good.jsonl" "$tmp/dir/a.jsonl"
ln -s "$tmp/does-not-exist.jsonl" "$tmp/dir/b.jsonl"
printf '%s\n' "$good" > "$tmp/dir/c.jsonl"; chmod 000 "$tmp/dir/c.jsonl"
if [ "$(id -u)" = 0 ]; then pat="dir/b\.jsonl: cannot open"; else pat="dir/b\.jsonl: cannot open.*|dir/c\.jsonl: cannot open"; fi
check "directory with unreadable files" "$pat" "$tmp/dir"

# no text body at all in a .txt file
printf '\n\n   \n' > "$tmp/blank.txt"
check "blank text file" "blank\.txt: empty document" "$tmp/blank.txt" "$tmp/good.jsonl"

# a document without a date is coded, and the missing date is reported
printf '%s\n' '{"id":"nodate","text":"Russian forces attacked Ukraine on Monday."}' > "$tmp/nodate.jsonl"
err=$("$SITREP" code "$tmp/nodate.jsonl" 2>&1 >/dev/null)
if printf '%s' "$err" | grep -q "nodate.jsonl:1: doc nodate: no date in the document"; then pass=$((pass+1)); else echo "missing date: not reported: $err"; fail=$((fail+1)); fi

echo "bad-input: $pass passed, $fail failed"
[ $fail -eq 0 ]
