#!/usr/bin/env bash
# tests/cli/fuzz-regressions.sh -- hostile inputs found by the fuzzers (issue 8)
# never crash the real binary.  Each file of tests/fuzz-corpus/regressions/
# (a minimised libFuzzer reproducer, see fuzz/README.md) is coded on its own
# as a .jsonl and as a .txt document (with --date); the seed corpora of every target are
# coded in one batch each way; each example of tests/regression.txt is coded
# as a .txt document.  Pass: exit 0 or 1, no sanitizer report; and the
# records of each example of tests/regression.txt are those it expects
# (tests/run_cases.py).
# Env: SITREP (binary, default ./sitrep).  Prints "fuzz-regressions: N passed,
# M failed" and exits 1 when anything failed.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
run() {  # name, files... (.txt files get --date, .jsonl files use their own)
  local name=$1; shift
  local rc
  timeout 120 "$SITREP" code -q "$@" >/dev/null 2>"$tmp/err"; rc=$?
  if [ $rc -le 1 ] && ! grep -Eq 'Sanitizer|runtime error:|Assertion|Segmentation' "$tmp/err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit $rc"
    grep -E -m 5 'Sanitizer|runtime error|SUMMARY|Assertion|#[0-3] ' "$tmp/err" | sed 's/^/    /'
  fi
}
n=0
# examples of tests/regression.txt: passage -> case-N.txt, date -> case-N.date
if [ -f tests/regression.txt ]; then
  mkdir -p "$tmp/cases"
  awk -v dir="$tmp/cases" '
    /^example:/ { n++; inex = 1; file = dir "/case-" n ".txt"; printf "" > file; next }
    inex && /^date:/ { d = $2; print d > (dir "/case-" n ".date"); next }
    inex && /^\.$/ { inex = 0; next }
    inex { print >> file }' tests/regression.txt
  for f in "$tmp"/cases/case-*.txt; do
    [ -f "$f" ] || continue
    d=${f%.txt}.date
    if [ -f "$d" ]; then run "regression.txt $(basename "$f")" --date "$(cat "$d")" "$f"
    else run "regression.txt $(basename "$f")" "$f"; fi
  done
fi
for f in tests/fuzz-corpus/regressions/*; do
  [ -f "$f" ] || continue
  b=$(basename "$f")
  cp "$f" "$tmp/$b.jsonl"; run "$b as .jsonl" "$tmp/$b.jsonl"
  cp "$f" "$tmp/$b.txt";   run "$b as .txt" --date 2022-03-14 "$tmp/$b.txt"
  rm -f "$tmp/$b.jsonl" "$tmp/$b.txt"
done
for d in tests/fuzz-corpus/*/; do
  t=$(basename "$d")
  [ "$t" = regressions ] && continue
  mkdir -p "$tmp/seeds-$t"
  for f in "$d"*; do
    [ -f "$f" ] || continue
    b=$(basename "$f"); n=$((n + 1))
    cp "$f" "$tmp/seeds-$t/$b.jsonl"; cp "$f" "$tmp/seeds-$t/$b.txt"
  done
  run "seeds of $t" "$tmp/seeds-$t"
  run "seeds of $t with --date" --date 2022-03-14 "$tmp/seeds-$t"
done
# the records tests/regression.txt expects after each example's `.` line:
# every example must give exactly them (tests/run_cases.py, as core-* files)
if [ -f tests/regression.txt ]; then
  if python3 tests/run_cases.py tests/regression.txt > "$tmp/regression.out" 2>&1; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL tests/regression.txt: expected records differ"; sed 's/^/    /' "$tmp/regression.out"
  fi
fi
echo "fuzz-regressions: $pass passed, $fail failed"
[ $fail -eq 0 ]
