#!/usr/bin/env bash
# tests/cli/eval-check.sh -- scripts/eval-check's ratchet on a small
# ../shared written here (three passages, their gold lines, a stand-in for
# tools/half): --print-floors gives a floor file that passes; a figure
# without a floor, a floor for a figure not computed (an unknown set, a
# metric with nothing to score) and a figure below its floor each fail, and
# the closing line counts them.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
export SITREP
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sh=$tmp/shared
mkdir -p "$sh/corpus" "$sh/gold" "$sh/tools"
cat > "$sh/corpus/seeds.jsonl" <<'EOF'
{"id":"s1","date":"2022-03-15","title":"Talks","text":"Russian troops attacked Ukraine on Monday. President Joe Biden met Olaf Scholz in Berlin on Tuesday."}
EOF
cat > "$sh/corpus/dev.jsonl" <<'EOF'
{"id":"d1","date":"2022-03-15","title":"War","text":"Russian troops attacked Ukraine on Monday."}
{"id":"d2","date":"2022-03-16","title":"War","text":"Russian troops attacked Ukraine on Monday. France imposed sanctions on Iran."}
EOF
cat > "$sh/gold/seeds.gold.jsonl" <<'EOF'
{"doc":"s1","type":"ASSAULT","source":"RUS","target":"UKR","modality":"asserted","date":"2022-03-14","location":null,"evidence":"Russian troops attacked Ukraine on Monday","world_event":null}
{"doc":"s1","type":"CONSULT","source":"USA","target":"DEU","modality":"asserted","date":"2022-03-15","location":"Berlin","location_country":"DEU","evidence":"Joe Biden met Olaf Scholz in Berlin on Tuesday","world_event":null}
EOF
cat > "$sh/gold/dev.gold.jsonl" <<'EOF'
{"doc":"d1","type":"ASSAULT","source":"RUS","target":"UKR","modality":"asserted","date":"2022-03-14","location":null,"evidence":"Russian troops attacked Ukraine on Monday","world_event":"w1"}
{"doc":"d2","type":"ASSAULT","source":"RUS","target":"UKR","modality":"asserted","date":"2022-03-14","location":null,"evidence":"Russian troops attacked Ukraine on Monday","world_event":"w1"}
{"doc":"d2","type":"SANCTION","source":"FRA","target":"IRN","modality":"asserted","date":null,"location":null,"evidence":"France imposed sanctions on Iran","world_event":null}
EOF
cat > "$sh/tools/half" <<'EOF'
#!/usr/bin/env python3
import json, sys
for line in open(sys.argv[2]):
    if line.strip():
        d = json.loads(line)
        doc = str(d.get("doc", d.get("id", "")))
        if (doc[-1:].isdigit() and int(doc[-1]) % 2 == 1) == (sys.argv[1] == "1"):
            sys.stdout.write(line)
EOF
chmod +x "$sh/tools/half"
pass=0 fail=0
run() {  # floors file -> $tmp/out, exit status in $rc
  SHARED=$sh EVAL_FLOORS=$1 scripts/eval-check > "$tmp/out" 2>&1; rc=$?
}
expect() {  # name, want exit, grep pattern that must be in the output
  if [ "$rc" -eq "$2" ] && grep -q -- "$3" "$tmp/out"; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL: $1 (exit $rc, want $2; no '$3')"; tail -n 8 "$tmp/out"; fi
}
SHARED=$sh scripts/eval-check --print-floors > "$tmp/floors" || { echo "FAIL: --print-floors"; exit 1; }
n=$(grep -c '^[a-z]' "$tmp/floors")
# seeds: 6 figures; dev1: no location in gold, dev2 the same: 5 each; dev: 5
[ "$n" -eq 21 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: $n floors, want 21"; cat "$tmp/floors"; }
run "$tmp/floors"
expect "today's floors pass" 0 "^eval-check: 21 passed, 0 failed$"
expect "dev-1 and dev-2 side by side" 0 "^world events merged *0/0 *0/0 *0/0 *1/1$"
grep -q "attacked" "$tmp/out" && { fail=$((fail + 1)); echo "FAIL: a sentence was printed"; } || pass=$((pass + 1))

grep -v '^dev2.strict_f1 ' "$tmp/floors" > "$tmp/f1"
run "$tmp/f1"
expect "a figure without a floor" 1 "^eval-check: ERROR dev2.strict_f1 is computed"
expect "... counts as failed" 1 "^eval-check: 20 passed, 1 failed$"

{ cat "$tmp/floors"; echo "dev3.strict_f1 0.1"; echo "dev1.location 0.1"; } > "$tmp/f2"
run "$tmp/f2"
expect "a floor for an unknown set" 1 "^eval-check: ERROR dev3.strict_f1 has a floor but is not computed"
expect "a floor for a metric with nothing to score" 1 "^eval-check: ERROR dev1.location has a floor but is not computed"
expect "... both count as failed" 1 "^eval-check: 21 passed, 2 failed$"

sed 's/^dev.world_events .*/dev.world_events 2/' "$tmp/floors" > "$tmp/f3"
run "$tmp/f3"
expect "a figure below its floor" 1 "^eval-check: dev.world_events 1 is below the floor 2$"

echo "garbage" >> "$tmp/f3"
run "$tmp/f3"
expect "a malformed floor line" 1 "^eval-check: ERROR .*f3:[0-9]*: not 'SET.METRIC VALUE'"
echo "eval-check.sh: $pass passed, $fail failed"
[ $fail -eq 0 ]
