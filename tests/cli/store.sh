#!/usr/bin/env bash
# tests/cli/store.sh -- the store survives SIGKILL: an ingest of a generated
# corpus (scripts/gen-corpus) is killed after some batches are committed;
# the database must pass integrity checks, every committed document must
# have all its events (as in a clean run) linked to world events, and a
# re-run must give exactly the clean run's documents, events and world
# events, without duplicates.  Then: idempotence (a third run adds
# nothing) and re-coding (a changed document replaces its contribution).
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
N=${STORE_TEST_DOCS:-3000}
case $SITREP in *san*) N=${STORE_TEST_DOCS:-1200} ;; esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
python3 scripts/gen-corpus "$N" > "$tmp/corpus.jsonl"

"$SITREP" ingest -q --db "$tmp/clean.db" "$tmp/corpus.jsonl" || bad "clean ingest exit $?"

"$SITREP" ingest -q --batch 50 --db "$tmp/kill.db" "$tmp/corpus.jsonl" &
pid=$!
committed=0
for _ in $(seq 1 600); do
  committed=$(python3 -c "
import sqlite3,sys
try:
    c=sqlite3.connect('file:$tmp/kill.db?mode=ro',uri=True,timeout=1); print(c.execute('select count(*) from documents').fetchone()[0])
except Exception: print(0)" 2>/dev/null)
  [ "${committed:-0}" -ge $((N / 5)) ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
if kill -KILL $pid 2>/dev/null; then ok; else bad "ingest ended before it could be killed"; fi
wait $pid 2>/dev/null

python3 - "$tmp/kill.db" "$tmp/clean.db" "$N" <<'PY' && ok || bad "state after SIGKILL"
import sqlite3, sys
k = sqlite3.connect(sys.argv[1]); c = sqlite3.connect(sys.argv[2]); n = int(sys.argv[3])
errs = []
if k.execute("pragma integrity_check").fetchone()[0] != "ok": errs.append("integrity_check")
k.execute("insert into docs_fts(docs_fts) values('integrity-check')")
docs = k.execute("select count(*) from documents").fetchone()[0]
if not 0 < docs < n: errs.append("%d documents committed (want between 0 and %d)" % (docs, n))
q = ("select d.doc_id, e.ord, e.type, e.modality, e.src_key, e.tgt_key, e.day, e.evidence"
     " from events e join documents d on d.id = e.doc where d.doc_id in (%s) order by 1, 2")
ids = [r[0] for r in k.execute("select doc_id from documents")]
ph = ",".join("?" * len(ids))
if k.execute(q % ph, ids).fetchall() != c.execute(q % ph, ids).fetchall():
    errs.append("committed documents lack events of the clean run")
if k.execute("select count(*) from documents d where nevents != (select count(*) from events where doc = d.id)").fetchone()[0]:
    errs.append("event counts differ")
if k.execute("select count(*) from events e left join event_world w on w.event = e.id left join world_events x on x.id = w.world where x.id is null").fetchone()[0]:
    errs.append("events without a world event")
print("after SIGKILL: %d documents committed; %s" % (docs, "; ".join(errs) or "intact"))
sys.exit(1 if errs else 0)
PY

"$SITREP" ingest -q --db "$tmp/kill.db" "$tmp/corpus.jsonl" || bad "re-run exit $?"
dump() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for q in ["select doc_id, hash, source, url, date, day, title, length(text), nsentences, nevents from documents order by doc_id",
          "select d.doc_id, e.ord, e.sentence, e.start, e.end, e.type, e.mode, e.cameo, e.modality, e.src_key, e.src_name,"
          " e.tgt_key, e.tgt_name, e.loc_name, e.day, e.prec, e.confidence, e.evidence, w.world"
          " from events e join documents d on d.id = e.doc join event_world w on w.event = e.id order by d.doc_id, e.ord",
          "select d.doc_id, m.sentence, m.start, m.end, m.key, m.code from mentions m join documents d on d.id = m.doc order by 1, 2, 3",
          "select * from world_events order by id",
          "select * from world_votes order by world, kind, value"]:
    for row in c.execute(q): print(row)
PY
}
dump "$tmp/clean.db" > "$tmp/clean.txt"
dump "$tmp/kill.db" > "$tmp/kill.txt"
if cmp -s "$tmp/clean.txt" "$tmp/kill.txt"; then ok; else bad "killed + re-run differs from a clean run"; diff "$tmp/clean.txt" "$tmp/kill.txt" | head -5; fi
dups=$(python3 -c "
import sqlite3; c=sqlite3.connect('$tmp/kill.db')
print(c.execute('select count(*) - count(distinct doc_id) from documents').fetchone()[0] + c.execute('select count(*) - count(distinct doc || \"/\" || ord) from events').fetchone()[0])")
[ "$dups" = 0 ] && ok || bad "$dups duplicate rows"

# idempotence: the same corpus again adds nothing
"$SITREP" ingest --db "$tmp/kill.db" "$tmp/corpus.jsonl" 2> "$tmp/err" || bad "third run exit $?"
grep -q " 0 stored, $N unchanged" "$tmp/err" && ok || bad "third run stored something: $(cat "$tmp/err")"
dump "$tmp/kill.db" > "$tmp/again.txt"
cmp -s "$tmp/clean.txt" "$tmp/again.txt" && ok || bad "third run changed the database"

# re-coding: the same id with other content replaces its contribution
python3 - "$tmp/corpus.jsonl" > "$tmp/changed.jsonl" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).readline())
d["text"] = "Poland and Lithuania signed a border agreement on Monday. " + d["text"].split("\n")[-1]
print(json.dumps(d))
PY
"$SITREP" ingest -q --db "$tmp/kill.db" "$tmp/changed.jsonl" || bad "re-coding exit $?"
python3 - "$tmp/kill.db" "$N" <<'PY' && ok || bad "re-coding"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2])
errs = []
if c.execute("select count(*) from documents").fetchone()[0] != n: errs.append("document count changed")
first = c.execute("select id, nevents from documents where doc_id = 'gen-0-ex-001'").fetchone()
if c.execute("select count(*) from events where doc = ?", (first[0],)).fetchone()[0] != first[1]: errs.append("old events kept")
if c.execute("select count(*) from events where doc = ? and evidence like 'Poland and Lithuania signed%'", (first[0],)).fetchone()[0] == 0:
    errs.append("new text not coded")
if c.execute("select count(*) from world_events w where not exists (select 1 from event_world x where x.world = w.id)").fetchone()[0]:
    errs.append("empty world events left")
if c.execute("select count(*) from world_events w where num_mentions != (select count(*) from event_world x where x.world = w.id)").fetchone()[0]:
    errs.append("stale mention counts")
if c.execute("pragma integrity_check").fetchone()[0] != "ok": errs.append("integrity")
print("re-coding: " + ("; ".join(errs) or "ok"))
sys.exit(1 if errs else 0)
PY
echo "store: $pass passed, $fail failed"
[ $fail -eq 0 ]
