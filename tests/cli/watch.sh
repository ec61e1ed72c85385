#!/usr/bin/env bash
# tests/cli/watch.sh -- `sitrep watch DIR --db PATH`: the files already in
# DIR are ingested at start; a file dropped in (written in place, or written
# under a dot name and renamed) is picked up (the delay is printed, not asserted); a file is
# never ingested twice, across restarts and under another name; SIGINT
# stops the watcher with the store consistent (PRAGMA integrity_check), and
# a file cut short by the signal is finished on the next start.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT; [ -n "${KEEP:-}" ] && trap "echo kept $tmp" EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "watch: $*"; fail=$((fail + 1)); }
db=$tmp/s.db
inbox=$tmp/inbox
mkdir -p "$inbox"
sql() { python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2]).fetchone()[0])" "$db" "$1"; }
doc() { printf '{"id":"%s","date":"2025-03-0%s","text":"%s"}\n' "$1" "$2" "$3"; }

start() {  # log file
  "$SITREP" watch "$inbox" --db "$db" 2> "$1" &
  pid=$!
}
stop() {
  kill -INT "$pid"; wait "$pid"; local rc=$?; pid=; return $rc
}
# waits until $2 seconds after time $4 (default: now) for pattern $1 in log
# $3; prints the seconds taken since $4
now() { python3 -c 'import time; print(time.time())'; }
await() {
  python3 - "$1" "$2" "$3" "${4:-}" <<'PY'
import re, sys, time
pat, limit, log = sys.argv[1], float(sys.argv[2]), sys.argv[3]
t0 = float(sys.argv[4]) if sys.argv[4] else time.time()
while time.time() - t0 < limit:
    if re.search(pat, open(log, errors="replace").read()):
        print("%.3f" % (time.time() - t0)); sys.exit(0)
    time.sleep(0.01)
sys.exit(1)
PY
}

doc a 1 "Russian forces attacked Ukrainian positions near Kharkiv on Monday." > "$inbox/a.jsonl"
start "$tmp/log1"
await "ingested $inbox/a.jsonl: 1 documents, 1 stored" 30 "$tmp/log1" > /dev/null && ok || no "file already in DIR not ingested: $(cat "$tmp/log1")"

# dropped in place (IN_CLOSE_WRITE): picked up while watch runs.  The
# delay is printed, never asserted (tests never assert timings; the 30 s
# limit only stops a hung test)
doc b 2 "The French president met the German chancellor in Paris on Tuesday." > "$tmp/b.jsonl"
t0=$(now); cp "$tmp/b.jsonl" "$inbox/b.jsonl"
if t=$(await "ingested $inbox/b.jsonl: 1 documents, 1 stored" 30 "$tmp/log1" "$t0"); then ok; echo "watch: copied file picked up in ${t}s"
else no "copied file not picked up: $(cat "$tmp/log1")"; fi
# written under a dot name, then renamed (IN_MOVED_TO)
cp tests/html/wire-service.html "$inbox/.c.html.part"
t0=$(now); mv "$inbox/.c.html.part" "$inbox/c.html"
if t=$(await "ingested $inbox/c.html: 1 documents, 1 stored" 30 "$tmp/log1" "$t0"); then ok; echo "watch: renamed file picked up in ${t}s"
else no "renamed file not picked up: $(cat "$tmp/log1")"; fi
grep -q "\.c\.html\.part" "$tmp/log1" && no "the hidden partial file was read" || ok
stop; rc=$?
[ $rc -eq 0 ] && ok || no "SIGINT: exit $rc, want 0: $(cat "$tmp/log1")"
[ "$(sql 'PRAGMA integrity_check')" = ok ] && ok || no "integrity_check after SIGINT"
[ "$(sql 'SELECT count(*) FROM documents')" -eq 3 ] && ok || no "want 3 documents, have $(sql 'SELECT count(*) FROM documents')"

# restart: nothing new; the same bytes under a new name and a rewrite of an
# old file are not ingested again
start "$tmp/log2"
await "watching" 30 "$tmp/log2" > /dev/null
cp "$inbox/b.jsonl" "$inbox/b-copy.jsonl"
cat "$tmp/b.jsonl" > "$inbox/b.jsonl"
doc d 3 "Chinese officials visited Brazil on Wednesday." > "$inbox/d.jsonl"
await "ingested $inbox/d.jsonl" 5 "$tmp/log2" > /dev/null && ok || no "new file after restart not ingested: $(cat "$tmp/log2")"
stop
grep -q "ingested $inbox/\(a\|b\|b-copy\|c\)\." "$tmp/log2" && no "a file was ingested twice: $(cat "$tmp/log2")" || ok
grep -q "1 files ingested (5 skipped as already ingested)" "$tmp/log2" && ok || no "skips not counted: $(cat "$tmp/log2")"
[ "$(sql 'SELECT count(*) FROM documents')" -eq 4 ] && ok || no "want 4 documents after restart"
[ "$(sql 'SELECT count(*) FROM watch_files')" -eq 4 ] && ok || no "want 4 remembered files"

# SIGINT in the middle of a large file: the batch commits, the store stays
# consistent, and the next start finishes the file without duplicates
python3 -c "
import json
for i in range(30000):
    print(json.dumps({'id': 'big%d' % i, 'date': '2025-04-01', 'text': 'Officials in Kenya accused Uganda of moving troops to the border on Friday. Talks were called off.'}))" > "$tmp/big.jsonl"
start "$tmp/log3"
await "watching" 30 "$tmp/log3" > /dev/null
cp "$tmp/big.jsonl" "$inbox/big.jsonl"
sleep 0.3
stop; rc=$?
[ $rc -eq 0 ] && ok || no "SIGINT during a file: exit $rc"
[ "$(sql 'PRAGMA integrity_check')" = ok ] && ok || no "integrity_check after SIGINT during a file"
n1=$(sql "SELECT count(*) FROM documents WHERE doc_id LIKE 'big%'")
start "$tmp/log4"
await "ingested $inbox/big.jsonl" 120 "$tmp/log4" > /dev/null
stop
n2=$(sql "SELECT count(*) FROM documents WHERE doc_id LIKE 'big%'")
[ "$n2" -eq 30000 ] && ok || no "after restart: $n2 of 30000 documents (had $n1 at SIGINT)"
grep -q "interrupted in $inbox/big.jsonl" "$tmp/log3" && ok || no "the interrupted file is not reported as such: $(cat "$tmp/log3")"
[ "$(sql 'PRAGMA integrity_check')" = ok ] && ok || no "integrity_check at the end"

"$SITREP" watch "$tmp/nowhere" --db "$db" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "nowhere" "$tmp/err" && ok || no "missing DIR: exit $rc: $(cat "$tmp/err")"

echo "watch: $pass passed, $fail failed"
[ $fail -eq 0 ]
