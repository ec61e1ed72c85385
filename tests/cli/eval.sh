#!/usr/bin/env bash
# tests/cli/eval.sh -- `sitrep eval --errors` (eval.h: eval_error_kind) on
# gold and system lines written here (invented names, no article text):
# every kind of miss on both sides, a gold quote that runs over the end of
# the system's sentence, the symmetric types compared both ways, and the
# same figures in --json.  Without --errors the report has no such table.
# --differences lists the matched pairs whose modality, date or place differ.
set -u
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
S1='Alpha met Beta in Gamma on Monday and signed a deal.'
S2='Delta accused Epsilon of lying, and Zeta urged calm.'
S3='Eta sanctioned Theta.'
S4='Iota protested near Kappa.'
S6='Nu sent aid to Xi.'
S7='Omicron aid arrived.'
S8='Pi will send more aid.'
S9='In Cairo the police arrested Sigma.'
S10='Tau drilled with Upsilon.'
g() {  # doc type source target modality date evidence
  local t=null; [ "$4" = null ] || t="\"$4\""
  local d=null; [ "$6" = null ] || d="\"$6\""
  printf '{"doc":"%s","type":"%s","source":"%s","target":%s,"modality":"%s","date":%s,"evidence":"%s"}\n' \
    "$1" "$2" "$3" "$t" "$5" "$d" "$7"
}
s() {  # doc type source target modality date evidence
  local t=null; [ "$4" = null ] || t="{\"key\":\"$4\"}"
  local d=null; [ "$6" = null ] || d="\"$6\",\"date_precision\":\"day\""
  printf '{"doc":"%s","type":"%s","source":{"key":"%s"},"target":%s,"modality":"%s","date":%s,"evidence":"%s"}\n' \
    "$1" "$2" "$3" "$t" "$5" "$d" "$7"
}
{
  g x CONSULT USA RUS asserted null "Alpha met Beta"                      # matched
  g x CONSULT USA RUS planned 2022-03-14 "met Beta in Gamma on Monday"    # split
  g x AGREE USA RUS asserted null "signed a deal"                         # other type
  g x ACCUSE FRA DEU asserted null "Delta accused Epsilon of lying"       # wrong target
  g x REQUEST ESP null asserted null "Zeta urged calm"                    # wrong source
  g x SANCTION GBR IRN asserted null "$S3"                                # wrong source and target
  g x PROTEST GRC null asserted null "Iota protested"                     # other type and keys
  g x ASSAULT ISR LBN asserted null "Lambda shelled Mu."                  # no event
  g x AID USA UKR asserted null "$S7"                                     # matched
  g x COERCE EGY EGY asserted null "the police arrested Sigma. Later"     # wrong target (overlap)
  g x COOPERATE USA GBR asserted null "$S10"                              # wrong target (swapped)
  g y RETREAT RUS UKR asserted null "Phi withdrew."                        # no event (no system line)
} > "$tmp/gold.jsonl"
{
  s x CONSULT USA RUS asserted null "$S1"     # matched
  s x SUPPORT USA RUS asserted null "$S1"     # other type
  s x ACCUSE FRA ITA asserted null "$S2"      # wrong target
  s x REQUEST PRT null asserted null "$S2"    # wrong source
  s x SANCTION CHN RUS asserted null "$S3"    # wrong source and target
  s x ASSAULT TUR SYR asserted null "$S4"     # other type and keys
  s x AID JPN KOR asserted null "$S6"         # no event
  s x AID USA UKR asserted null "$S7"         # matched
  s x AID USA UKR planned null "$S8"          # split (a second line for the matched AID)
  s x COERCE EGY LBY asserted null "$S9"      # wrong target
  s x COOPERATE FRA USA asserted null "$S10"  # wrong target (swapped)
} > "$tmp/sys.jsonl"

"$SITREP" eval --errors "$tmp/gold.jsonl" "$tmp/sys.jsonl" > "$tmp/out" 2> "$tmp/err" \
  && ok || bad "eval --errors exit $?: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && bad "stderr: $(cat "$tmp/err")" || ok
grep -q '^strict    P 0.182  R 0.167  F1 0.174  (matched 2, system 11, gold 12)$' "$tmp/out" \
  && ok || bad "strict line: $(head -n 1 "$tmp/out")"
cat > "$tmp/want" <<'EOF'
errors (left over by the strict match)  gold  system
no event in the sentence                    2       1
other type, same keys                       1       1
wrong source                                1       1
wrong target                                3       3
wrong source and target                     1       1
other type and keys                         1       1
split by date/modality                      1       1
unmatched                                  10       9
EOF
sed -n '/^errors/,$p' "$tmp/out" > "$tmp/got"
diff -u "$tmp/want" "$tmp/got" > "$tmp/diff" && ok || bad "error table:
$(cat "$tmp/diff")"

"$SITREP" eval --json --errors "$tmp/gold.jsonl" "$tmp/sys.jsonl" > "$tmp/json" \
  && ok || bad "eval --json --errors exit $?"
python3 - "$tmp/json" <<'PY' && ok || bad "JSON errors object"
import json, sys
e = json.load(open(sys.argv[1]))["errors"]
want_g = {"no_event": 2, "other_type": 1, "wrong_source": 1, "wrong_target": 3,
          "wrong_actors": 1, "other_event": 1, "split": 1}
want_s = dict(want_g, no_event=1)
if e != {"gold": want_g, "system": want_s}:
    sys.exit("got %s" % e)
PY

"$SITREP" eval "$tmp/gold.jsonl" "$tmp/sys.jsonl" > "$tmp/plain" && ok || bad "plain eval exit $?"
grep -q '^errors' "$tmp/plain" && bad "an error table without --errors" || ok
"$SITREP" eval --json "$tmp/gold.jsonl" "$tmp/sys.jsonl" | grep -q '"errors"' \
  && bad "an errors object without --errors" || ok

# --differences: the matched pairs whose modality, date or place differ
{
  g d CONSULT USA RUS asserted 2022-03-14 "Alpha met Beta on Monday"
  g d AID FRA UKR planned null "Rho will send aid"
  g d ASSAULT ISR LBN asserted null "Lambda shelled Mu"
} > "$tmp/g2.jsonl"
{
  s d CONSULT USA RUS asserted 2022-03-13 "Alpha met Beta on Monday."
  s d AID FRA UKR asserted null "Rho will send aid."
  s d ASSAULT ISR LBN asserted null "Lambda shelled Mu."
} > "$tmp/s2.jsonl"
"$SITREP" eval --differences "$tmp/g2.jsonl" "$tmp/s2.jsonl" > "$tmp/diffs" && ok || bad "eval --differences exit $?"
cat > "$tmp/want" <<'EOF2'
d:1 CONSULT date 2022-03-14 -> 2022-03-13 | Alpha met Beta on Monday
d:2 AID modality planned -> asserted | Rho will send aid
EOF2
sed -n '/^differences/,$p' "$tmp/diffs" | tail -n +2 > "$tmp/got"
diff -u "$tmp/want" "$tmp/got" > "$tmp/diff" && ok || bad "differences:
$(cat "$tmp/diff")"
grep -q '^differences' "$tmp/plain" && bad "differences without --differences" || ok

echo "eval: $pass passed, $fail failed"
[ $fail -eq 0 ]
