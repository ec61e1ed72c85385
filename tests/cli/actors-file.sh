#!/usr/bin/env bash
# tests/cli/actors-file.sh -- users add or override actors without
# recompiling: --actors FILE in any data/actors format, and --data DIR.
set -u
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "$1"; }
text="Governor Alma Testerova met Dmytro Kuleba in Kyiv."
# unknown before
out=$("$SITREP" actors --date 2022-03-10 "$text")
printf '%s' "$out" | grep -q '"name":"Alma Testerova"' && ko "Testerova known without the file" || ok
# a people file (8 columns) adds her, with a term
printf '# format: people\nAlma Testerova\tMDA\tGOV\tforeign minister\t2021-08-06\t\tf\tTesterova|A. Testerova\n' > "$tmp/people.tsv"
out=$("$SITREP" actors --actors "$tmp/people.tsv" --date 2022-03-10 "$text")
printf '%s' "$out" | grep -q '"name":"Alma Testerova","key":"MDA","code":"MDAGOV"' && ok || ko "people file not used: $out"
# out of office before her term: elite code
out=$("$SITREP" actors --actors "$tmp/people.tsv" --date 2020-03-10 "Testerova spoke.")
printf '%s' "$out" | grep -q '"code":"MDAELI"' && ok || ko "term dates not applied: $out"
# an organisation file
printf '# format: orgs\nTESTORG\tIGOTST\tTest Cooperation Organisation\tTCO|the Test Organisation\n' > "$tmp/orgs.tsv"
out=$("$SITREP" actors --actors "$tmp/orgs.tsv" "The TCO condemned the attack.")
printf '%s' "$out" | grep -q '"key":"TESTORG","code":"IGOTST"' && ok || ko "orgs file not used: $out"
# a broken file is reported with file and line, exit 3
printf '# format: people\nNobody\tXXX\tGOV\tpresident\tnot-a-date\t\tm\t-\n' > "$tmp/bad.tsv"
err=$("$SITREP" actors --actors "$tmp/bad.tsv" "x" 2>&1 >/dev/null); rc=$?
[ $rc -eq 3 ] && printf '%s' "$err" | grep -q 'bad.tsv:2: bad date' && ok || ko "bad file: rc=$rc $err"
# a key longer than a record keeps is an error, not a silent cut
printf '# format: orgs\nA_VERY_LONG_GROUP_KEY\tIGOX\tLong Key Group\t-\n' > "$tmp/long.tsv"
err=$("$SITREP" actors --actors "$tmp/long.tsv" "x" 2>&1 >/dev/null); rc=$?
[ $rc -eq 3 ] && printf '%s' "$err" | grep -q "long.tsv:2: key 'A_VERY_LONG_GROUP_KEY'" && ok || ko "long key: rc=$rc $err"
# a coalition file: an event of the coalition is one per member, never a member with itself
printf '# format: orgs\nTEST_PAIR\tTEST_PAIR\tTestland pair\tthe Pair\tPRT ESP\n' > "$tmp/pair.tsv"
printf '{"id":"c1","date":"2023-05-02","text":"The Pair condemned Morocco. Spain met the Pair in Madrid."}\n' > "$tmp/pair.jsonl"
out=$("$SITREP" code -q --actors "$tmp/pair.tsv" "$tmp/pair.jsonl" | python3 -c '
import json, sys
print(" ".join(sorted("%s:%s>%s" % (e["type"], e["source"]["key"], (e["target"] or {}).get("key")) for e in map(json.loads, sys.stdin))))')
[ "$out" = "ACCUSE:ESP>MAR ACCUSE:PRT>MAR CONSULT:ESP>PRT" ] && ok || ko "coalition not expanded: $out"
# --data points at a copy of the knowledge directory
cp -r data "$tmp/data"
printf 'Alma Testerova\tMDA\tGOV\tforeign minister\t2021-08-06\t\tf\tTesterova\n' >> "$tmp/data/actors/people.tsv"
out=$("$SITREP" actors --data "$tmp/data" --date 2022-03-10 "Testerova arrived.")
printf '%s' "$out" | grep -q '"key":"MDA"' && ok || ko "--data copy not used: $out"
# a treaty added to patterns/treaties.tsv gives its other side to a withdrawal
printf 'PER\tCHL\tPacific Testing Accord\n' >> "$tmp/data/patterns/treaties.tsv"
printf '{"id":"t","date":"2024-01-03","text":"Peru withdrew from the Pacific Testing Accord."}\n' > "$tmp/t.jsonl"
out=$("$SITREP" code -q --data "$tmp/data" "$tmp/t.jsonl")
printf '%s' "$out" | grep -q '"type":"REJECT".*"target":{[^}]*"key":"CHL"' && ok || ko "treaty line not used: $out"
# bad_line DATA FILE LINE INPUT MESSAGE: appends LINE to DATA/FILE; coding
# INPUT must fail with FILE:n: and MESSAGE, n the number of that line
bad_line() {
    local n=$(($(wc -l < "$1/$2") + 1)) err rc
    printf '%s\n' "$3" >> "$1/$2"
    err=$("$SITREP" code -q --data "$1" "$4" 2>&1 >/dev/null); rc=$?
    [ $rc -ne 0 ] && printf '%s' "$err" | grep -q "$(basename "$2"):$n: $5" && ok ||
        ko "bad line of $2 not reported with its line: rc=$rc $err"
}
# a malformed line is an error naming the file and the line
bad_line "$tmp/data" patterns/treaties.tsv 'PER' "$tmp/t.jsonl" ""
# a word class added to patterns/classes.tsv serves the patterns that name it
cp -r data "$tmp/data2"
printf 'testgear\tzorbles|quibbets\n' >> "$tmp/data2/patterns/classes.tsv"
printf '072\tAID\tmilitary\tsend .. &testgear to $T\n' >> "$tmp/data2/patterns/aid.txt"
printf '{"id":"w","date":"2024-01-03","text":"Chile sent zorbles to Peru."}\n' > "$tmp/w.jsonl"
out=$("$SITREP" code -q --data "$tmp/data2" "$tmp/w.jsonl")
printf '%s' "$out" | grep -q '"type":"AID".*"target":{[^}]*"key":"PER"' && ok || ko "word class not used: $out"
# a pattern naming an unknown class is an error naming the file and the line
bad_line "$tmp/data2" patterns/aid.txt "$(printf '072\tAID\tmilitary\tsend .. &nosuchclass to $T')" "$tmp/w.jsonl" \
    "unknown word class '&nosuchclass'"
echo "actors-file: $pass passed, $fail failed"
[ $fail -eq 0 ]
