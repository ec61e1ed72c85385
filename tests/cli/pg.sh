#!/usr/bin/env bash
# tests/cli/pg.sh -- the PostgreSQL store (issue 9) on a throwaway server
# (scripts/pg-test-server): examples/ ingested into SQLite and into
# PostgreSQL give identical `events --json` (with filters), `timeline`,
# `network` and exports, and `docs` finds the same documents; with PostGIS
# the geography columns are filled from lat/lon, and a user who may not
# create the extension gets one notice and a working store; `watch` keeps
# its files in PostgreSQL; `serve` answers the same JSON on both stores
# (documents' snippets and scores aside) and sees an ingest made while it
# serves.  Then a generated corpus is queued, a worker is killed with
# SIGKILL in the middle of a batch, and a second worker finishes the queue
# with no lost and no duplicated events (against a single-process SQLite
# ingest); one worker alone stores exactly what that ingest stores, ids
# included, also when the queue brings changed documents and one twice;
# a document the database refuses is named.  Skipped (exit 77 after a "SKIP: reason" line) only when the
# PostgreSQL server binaries are missing; under CI=true scripts/run-tests
# counts that as a failure.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
N=${PG_TEST_DOCS:-300}
tmp=$(mktemp -d)
pgdir="$tmp/pg"
pids=""
cleanup() {
  for p in $pids; do kill -KILL "$p" 2>/dev/null; done
  scripts/pg-test-server stop "$pgdir" 2>/dev/null; rm -rf "$tmp"
}
trap cleanup EXIT
url=$(scripts/pg-test-server start "$pgdir"); rc=$?
if [ $rc -eq 3 ]; then
  echo "SKIP: PostgreSQL server binaries not found (apt-get install postgresql)"; exit 77
fi
[ $rc -eq 0 ] || { echo "FAIL: could not start a PostgreSQL server"; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
sql() { "$bin/psql" -XAtq "$1" -c "$2"; }
# ids differ after rolled-back batches (sequences do not go back)
noids() { sed -E 's/"world_event":[0-9]+/"world_event":_/g'; }

# 1. the same corpus in both stores gives the same output
"$SITREP" ingest -q --db "$tmp/x.db" examples/ 2>/dev/null
"$SITREP" ingest -q --db "$url" examples/ 2>/dev/null || bad "pg ingest exit $?"
for f in "" "--actor Fr" "--type CONSULT" "--modality planned" "--min-sources 2" \
         "--since 2024-01-01 --until 2025-12-31" "--limit 3"; do
  # shellcheck disable=SC2086
  "$SITREP" events --json $f --db "$tmp/x.db" > "$tmp/a.json"
  # shellcheck disable=SC2086
  "$SITREP" events --json $f --db "$url" > "$tmp/b.json" || bad "events $f exit $?"
  if [ -s "$tmp/a.json" ] || [ -z "$f" ]; then [ -s "$tmp/a.json" ] || bad "events $f: empty"; fi
  cmp -s "$tmp/a.json" "$tmp/b.json" && ok || bad "events --json $f differs between SQLite and PostgreSQL"
done
for fmt in jsonl plover; do
  cmp -s <("$SITREP" export --format $fmt --db "$tmp/x.db") <("$SITREP" export --format $fmt --db "$url") \
    && ok || bad "export --format $fmt differs"
done
"$SITREP" ingest -q --db "$url" examples/ 2>/dev/null
[ "$(sql "$url" 'select count(*) from documents')" = 8 ] && ok || bad "re-ingest is not idempotent"
for q in "LTU" "RUS --modality hypothetical" "Russia" "LTU --since 2023-08-01 --csv" "POL --type CONSULT --limit 2"; do
  # shellcheck disable=SC2086
  "$SITREP" timeline --json $q --db "$tmp/x.db" > "$tmp/a.json"
  # shellcheck disable=SC2086
  "$SITREP" timeline --json $q --db "$url" > "$tmp/b.json" || bad "timeline $q exit $?"
  [ -s "$tmp/a.json" ] && cmp -s "$tmp/a.json" "$tmp/b.json" && ok || bad "timeline $q differs (or is empty)"
done
for f in "" "--key RUS" "--modality planned" "--modality negated" "--min-sources 2" "--since 2023-08-01 --csv" \
         "--limit 4" "--actor lithuan"; do
  # shellcheck disable=SC2086
  "$SITREP" network --json $f --db "$tmp/x.db" > "$tmp/a.json"
  # shellcheck disable=SC2086
  "$SITREP" network --json $f --db "$url" > "$tmp/b.json" || bad "network $f exit $?"
  [ -s "$tmp/a.json" ] && cmp -s "$tmp/a.json" "$tmp/b.json" && ok || bad "network $f differs (or is empty)"
done
# docs: the same documents (ranking and snippets are the engines' own)
docids() { python3 -c 'import json, sys; print(" ".join(sorted(json.loads(l)["doc"] for l in sys.stdin)))'; }
for q in "border patrols" "Russia" "Russia NOT Ukraine" "Poland OR Japan" '"joint patrols"' 'ex-002 "unbalanced'; do
  a=$("$SITREP" docs --json "$q" --db "$tmp/x.db" | docids)
  b=$("$SITREP" docs --json "$q" --db "$url" | docids) || bad "docs $q exit $?"
  [ "$a" = "$b" ] && ok || bad "docs '$q': SQLite finds '$a', PostgreSQL '$b'"
done
[ "$("$SITREP" docs --json "border patrols" --db "$url" | docids)" = "ex-002 ex-003" ] && ok || bad "docs: border patrols"
"$SITREP" docs --json "border patrols" --db "$url" | head -n 1 | grep -q '\[patrols\]' && ok || bad "docs: no marked snippet"

# PostGIS: the geography columns follow lat/lon
if [ "$(sql "$url" "select count(*) from pg_available_extensions where name = 'postgis'")" = 1 ]; then
  for t in events world_events; do
    n=$(sql "$url" "select count(*) from $t where lat is not null")
    g=$(sql "$url" "select count(*) from $t where geog is not null
                      and abs(ST_Y(geog::geometry) - lat) < 1e-9 and abs(ST_X(geog::geometry) - lon) < 1e-9")
    [ "$n" -gt 0 ] && [ "$n" = "$g" ] && ok || bad "PostGIS: $t has $n located rows, $g geography points"
    [ "$(sql "$url" "select count(*) from pg_indexes where tablename = '$t' and indexdef like '%gist (geog)%'")" = 1 ] \
      && ok || bad "PostGIS: no GiST index on $t.geog"
  done
else
  echo "pg: PostGIS is not installed here: its columns are not checked (apt-get install postgresql-NN-postgis-3)"
fi
# without the right to create the extension (or without PostGIS): one notice, a working store
sql "$url" "create role plain login" >/dev/null
purl=$(scripts/pg-test-server createdb "$pgdir" plaindb) && sql "$url" "alter database plaindb owner to plain" >/dev/null
purl=${purl/sitrep@/plain@}
"$SITREP" ingest --db "$purl" examples/ 2> "$tmp/err" || bad "ingest without PostGIS: exit $?"
[ "$(grep -c 'note: PostGIS is not available' "$tmp/err")" = 1 ] && ok || bad "no PostGIS notice: $(cat "$tmp/err")"
cmp -s <("$SITREP" events --json --db "$tmp/x.db") <("$SITREP" events --json --db "$purl") && ok \
  || bad "events differ on a store without PostGIS"
[ "$(sql "$purl" "select count(*) from information_schema.columns where column_name = 'geog'")" = 0 ] && ok \
  || bad "a geography column without PostGIS"

# watch: the inbox's files are remembered in PostgreSQL
wurl=$(scripts/pg-test-server createdb "$pgdir" watched)
mkdir -p "$tmp/inbox"
printf '{"id":"w1","date":"2025-03-01","text":"Russian forces attacked Ukrainian positions near Kharkiv on Monday."}\n' > "$tmp/inbox/a.jsonl"
await() {  # pattern, log: up to 30 s
  for _ in $(seq 1 300); do grep -q "$1" "$2" && return 0; sleep 0.1; done; return 1
}
"$SITREP" watch "$tmp/inbox" --db "$wurl" 2> "$tmp/w1.log" & wpid=$!; pids="$pids $wpid"
await "ingested $tmp/inbox/a.jsonl: 1 documents, 1 stored" "$tmp/w1.log" && ok || bad "watch: first file: $(cat "$tmp/w1.log")"
printf '{"id":"w2","date":"2025-03-02","text":"The French president met the German chancellor in Paris on Tuesday."}\n' > "$tmp/b.jsonl"
cp "$tmp/b.jsonl" "$tmp/inbox/b.jsonl"
await "ingested $tmp/inbox/b.jsonl: 1 documents, 1 stored" "$tmp/w1.log" && ok || bad "watch: dropped file: $(cat "$tmp/w1.log")"
kill -INT $wpid; wait $wpid; rc=$?
[ $rc -eq 0 ] && ok || bad "watch: SIGINT exit $rc"
cp "$tmp/b.jsonl" "$tmp/inbox/b-copy.jsonl"
"$SITREP" watch "$tmp/inbox" --db "$wurl" 2> "$tmp/w2.log" & wpid=$!; pids="$pids $wpid"
await "watching" "$tmp/w2.log"; sleep 0.5
kill -INT $wpid; wait $wpid
grep -q "0 files ingested (3 skipped as already ingested)" "$tmp/w2.log" && ok || bad "watch restart: $(cat "$tmp/w2.log")"
[ "$(sql "$wurl" 'select count(*) from watch_files')" = 2 ] && ok || bad "watch: want 2 remembered files"
[ "$(sql "$wurl" 'select count(*) from documents')" = 2 ] && ok || bad "watch: want 2 documents"

# serve: the same answers from both stores
start_serve() {  # db, log; sets port
  "$SITREP" serve --db "$1" --port 0 --web web 2> "$2" & pids="$pids $!"
  port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$2" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
  done
}
start_serve "$tmp/x.db" "$tmp/s1.log"; p1=$port; spid1=$!
start_serve "$url" "$tmp/s2.log"; p2=$port; spid2=$!
if [ -z "$p1" ] || [ -z "$p2" ]; then
  bad "serve did not start: $(cat "$tmp/s1.log" "$tmp/s2.log")"
else
  python3 - "$p1" "$p2" > "$tmp/api.out" <<'PY'
import json, sys, urllib.request, urllib.error
a, b = ("http://127.0.0.1:%s/api/" % p for p in sys.argv[1:3])
def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())
paths = ["meta", "events", "events?limit=500", "events?limit=5&offset=3", "events?type=CONSULT", "events?key=LTU",
         "events?actor=lithuan", "events?actor=fr", "events?since=2023-08-01&until=2023-08-31", "events?min_sources=2",
         "events?modality=planned", "events?modality=real", "events?q=patrols", "events?q=%22unbalanced",
         "timeline", "timeline?modality=all", "timeline?type=CONSULT&modality=all", "timeline?key=RUS",
         "network", "network?limit=2", "network?key=RUS&modality=all", "places", "places?modality=all",
         "places?key=POL&modality=all", "event/999999", "events?type=consult", "nothing"]
paths += ["event/%d" % e["id"] for e in get(a, "events?limit=500")[1]["events"]]
bad = 0
for p in paths:
    x, y = get(a, p), get(b, p)
    if x != y:
        bad += 1
        print("FAIL serve: /api/%s differs between SQLite and PostgreSQL: %s | %s" % (p, str(x)[:200], str(y)[:200]))
for q in ("border%20patrols", "Russia", "tariffs"):
    x, y = get(a, "docs?q=" + q), get(b, "docs?q=" + q)
    ids = lambda r: sorted(d["doc"] for d in r[1]["docs"])
    if x[0] != 200 or y[0] != 200 or ids(x) != ids(y) or not all("\x02" in d["snippet"] for d in y[1]["docs"]):
        bad += 1
        print("FAIL serve: /api/docs?q=%s: %s | %s" % (q, str(x)[:200], str(y)[:200]))
print("compared %d answers, %d differ" % (len(paths) + 3, bad))
PY
  grep "FAIL" "$tmp/api.out" && bad "serve API" || ok
  tail -n 1 "$tmp/api.out"
  # an ingest while serving is seen (the answer cache follows the snapshot)
  docs() { curl -s "http://127.0.0.1:$p2/api/meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])'; }
  before=$(docs)
  printf '%s\n' '{"id": "live-001", "date": "2023-09-12", "title": "Estonia and Latvia sign a rail accord", "text": "TALLINN, Sept 12 (Example Wire) -- Estonia signed an agreement with Latvia on Tuesday to finish a joint rail link by 2030."}' > "$tmp/live.jsonl"
  "$SITREP" ingest -q --db "$url" "$tmp/live.jsonl"
  after=$(docs)
  [ "$before" = 8 ] && [ "$after" = 9 ] && ok || bad "serve on PostgreSQL: an ingest is not seen ($before -> $after documents)"
  for p in $spid1 $spid2; do
    kill -TERM "$p"; wait "$p"; rc=$?
    [ $rc -eq 0 ] && ok || bad "serve: exit $rc on SIGTERM"
  done
fi

# 2. workers: SIGKILL in the middle of a batch loses and duplicates nothing
python3 scripts/gen-corpus "$N" > "$tmp/corpus.jsonl"
"$SITREP" ingest -q --db "$tmp/clean.db" "$tmp/corpus.jsonl" || bad "clean ingest exit $?"
qurl=$(scripts/pg-test-server createdb "$pgdir" queue) || bad "createdb"
"$SITREP" enqueue -q --db "$qurl" "$tmp/corpus.jsonl" || bad "enqueue exit $?"
[ "$(sql "$qurl" 'select count(*) from queue')" = "$N" ] && ok || bad "queue does not hold $N documents"
"$SITREP" worker -q --batch 10 --db "$qurl" 2>/dev/null &
pid=$!
done_n=0
for _ in $(seq 1 600); do
  done_n=$(sql "$qurl" 'select count(*) from queue where done')
  [ "$done_n" -ge 30 ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
# both counts from one snapshot: the server may still be running what the
# dead worker sent before it died, a batch's rows with its done-marks and
# commit, and that batch may commit between two separate questions
IFS='|' read -r done_n docs_n <<< "$(sql "$qurl" 'select count(*) filter (where done), (select count(*) from documents) from queue')"
echo "killed the worker with $done_n of $N documents done"
[ "$done_n" -lt "$N" ] && ok || bad "the worker finished before it was killed"
[ $((done_n % 10)) -eq 0 ] && [ "$docs_n" = "$done_n" ] && ok \
  || bad "a killed batch left partial work ($done_n done, $docs_n documents)"
# two workers finish the queue together
"$SITREP" worker -q --batch 10 --db "$qurl" 2>/dev/null & p1=$!
"$SITREP" worker -q --batch 10 --db "$qurl" 2>/dev/null & p2=$!
wait $p1 || bad "worker 1 exit $?"
wait $p2 || bad "worker 2 exit $?"
[ "$(sql "$qurl" 'select count(*) from queue where not done')" = 0 ] && ok || bad "queue not finished"
[ "$(sql "$qurl" 'select count(*) from documents')" = "$N" ] && ok || bad "documents: not $N"
cmp -s <("$SITREP" export --format jsonl --db "$tmp/clean.db" | noids | sort) \
       <("$SITREP" export --format jsonl --db "$qurl" | noids | sort) \
  && ok || bad "worker events differ from the single-process ingest (lost or duplicated)"
dup=$(sql "$qurl" 'select count(*) - count(distinct (doc, ord)) from events')
[ "$dup" = 0 ] && ok || bad "$dup duplicated events"

# 3. one worker stores what one SQLite ingest stores, ids included: the
# batches (store_add_docs) merge as the documents one at a time would; then
# the queue brings changed documents (replacements: one at a time) and one
# twice, in batches of 7
python3 - "$tmp/corpus.jsonl" > "$tmp/changed.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
for i, d in enumerate(docs[:60]):
    if i % 4 == 0:
        d["text"] = d["text"] + " Later, Russia and Ukraine signed an agreement on grain exports."
    print(json.dumps(d, ensure_ascii=False))
print(json.dumps(docs[5], ensure_ascii=False))
PY
ourl=$(scripts/pg-test-server createdb "$pgdir" one) || bad "createdb"
"$SITREP" enqueue -q --db "$ourl" "$tmp/corpus.jsonl" && "$SITREP" worker -q --db "$ourl" || bad "one worker exit $?"
cmp -s <("$SITREP" export --format jsonl --db "$tmp/clean.db") <("$SITREP" export --format jsonl --db "$ourl") \
  && ok || bad "one worker's export differs from the single-process SQLite ingest (ids included)"
"$SITREP" ingest -q --db "$tmp/clean.db" "$tmp/changed.jsonl"
"$SITREP" enqueue -q --db "$ourl" "$tmp/changed.jsonl" && "$SITREP" worker -q --batch 7 --db "$ourl" \
  || bad "worker on changed documents exit $?"
cmp -s <("$SITREP" export --format jsonl --db "$tmp/clean.db") <("$SITREP" export --format jsonl --db "$ourl") \
  && ok || bad "after changed documents, the worker's export differs from SQLite ingest's"
# a document the database refuses (an id too long for its index) is named
python3 - "$tmp/corpus.jsonl" > "$tmp/refused.jsonl" <<'PY'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()][:12]
import random
r = random.Random(7)
docs[4]["id"] = "refused-" + "".join(r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(9000))
for d in docs:
    print(json.dumps(d))
PY
rurl=$(scripts/pg-test-server createdb "$pgdir" refused) || bad "createdb"
"$SITREP" enqueue -q --db "$rurl" "$tmp/refused.jsonl"
"$SITREP" worker -q --db "$rurl" 2> "$tmp/refused.err"; rc=$?
[ $rc -eq 2 ] && grep -q ": doc refused-[0-9a-z]*: ERROR: .*index row" "$tmp/refused.err" && ok \
  || bad "a refused document is not named (exit $rc): $(head -c 300 "$tmp/refused.err")"
echo "pg: $pass passed, $fail failed"
[ $fail -eq 0 ]
