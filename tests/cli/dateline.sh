#!/usr/bin/env bash
# tests/cli/dateline.sh -- a document without a date takes --date, else a
# dateline with a year, else a dateline whose year its own full dates settle;
# otherwise its relative dates stay unresolved.  Each case says so on stderr.
set -u
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {  # name, file, extra args, want date of the first event, want stderr pattern
  local name=$1 file=$2 args=$3 want=$4 pat=$5 out err
  out=$("$SITREP" code $args "$file" 2>"$tmp/err" | head -n 1)
  err=$(cat "$tmp/err")
  local got
  got=$(printf '%s' "$out" | python3 -c 'import json,sys; l=sys.stdin.read().strip(); print(json.loads(l)["date"] if l else "NO-EVENT")')
  local errok=0
  if [ "$pat" = "NONE" ]; then [ -z "$err" ] && errok=1; else printf '%s' "$err" | grep -Eq "$pat" && errok=1; fi
  if [ "$got" = "$want" ] && [ $errok -eq 1 ]; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "$name: date $got (want $want); stderr: $err"; fi
}
printf 'Talks in Geneva\nGENEVA, March 3, 2022 (Example Wire) -- Russia and Ukraine held talks in Geneva on Tuesday.\n' > "$tmp/a.txt"
check "dateline with a year" "$tmp/a.txt" "" "2022-03-01" "taken from its dateline"
printf 'Blinken to travel\nJan. 18 (Example Wire) -- Antony Blinken will meet Dmytro Kuleba on Wednesday. Reservists trained near Kyiv on December 18, 2021.\n' > "$tmp/b.txt"
check "dateline settled by a full date" "$tmp/b.txt" "" "2022-01-19" "inferred from its dateline \\(01-18\\)"
printf 'Blinken to travel\nJan. 18 (Example Wire) -- Antony Blinken will meet Dmytro Kuleba on Wednesday.\n' > "$tmp/c.txt"
check "dateline without a year" "$tmp/c.txt" "" "None" "has no year; relative dates left unresolved"
check "--date wins" "$tmp/c.txt" "--date 2022-01-18" "2022-01-19" "NONE"
printf 'No dateline here\nAntony Blinken will meet Dmytro Kuleba on Wednesday.\n' > "$tmp/d.txt"
check "no date at all" "$tmp/d.txt" "" "None" "no date in the document and no dateline"
echo "dateline: $pass passed, $fail failed"
[ $fail -eq 0 ]
