#!/usr/bin/env bash
# tests/cli/export.sh -- the store's queries and exports on examples/:
# GDELT 2.0 Events (61 columns) and Mentions (16 columns) with valid CAMEO
# codes on every line and consistent ids and counts; PLOVER and contract
# JSON Lines; events/timeline/network/docs in JSON Lines and RFC 4180 CSV;
# bad options exit 2.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db=$tmp/ex.db
fail=0
"$SITREP" ingest -q --db "$db" examples/articles.jsonl examples/ex-007.txt examples/ex-008.txt || { echo "ingest failed"; fail=1; }
"$SITREP" export -q --db "$db" --format gdelt --out "$tmp/g" || { echo "gdelt export failed"; fail=1; }
"$SITREP" export --db "$db" --format plover > "$tmp/plover.jsonl" || { echo "plover export failed"; fail=1; }
"$SITREP" export --db "$db" --format jsonl > "$tmp/events.jsonl" || { echo "jsonl export failed"; fail=1; }
"$SITREP" events --db "$db" --json > "$tmp/worlds.jsonl" || fail=1
"$SITREP" events --db "$db" --csv > "$tmp/worlds.csv" || fail=1
"$SITREP" timeline --db "$db" --csv POL > "$tmp/timeline.csv" || fail=1
"$SITREP" network --db "$db" > "$tmp/network.jsonl" || fail=1
"$SITREP" docs --db "$db" --json "border patrols" > "$tmp/docs.jsonl" || fail=1
"$SITREP" docs --db "$db" --json 'ex-002 "unbalanced' > "$tmp/docs2.jsonl" || { echo "docs: a query FTS5 rejects must still work"; fail=1; }
"$SITREP" events --db "$db" --json --type CONSULT --min-sources 1 --since 2023-01-01 --until 2024-12-31 --text border > "$tmp/filtered.jsonl" || fail=1
"$SITREP" events --db "$db" --json --actor "lithuan" > "$tmp/actor.jsonl" || fail=1
"$SITREP" events --db "$db" --since 2023-13-01 2>/dev/null; [ $? -eq 2 ] || { echo "bad --since: want exit 2"; fail=1; }
"$SITREP" export --db "$db" --format nope 2>/dev/null; [ $? -eq 2 ] || { echo "bad --format: want exit 2"; fail=1; }
"$SITREP" events --db "$tmp/missing.db" 2>/dev/null; [ $? -eq 2 ] || { echo "missing db: want exit 2"; fail=1; }
python3 - "$tmp" <<'PY' || fail=1
import csv, json, re, sys, collections
t = sys.argv[1]; errs = []
ev = [l.rstrip("\n").split("\t") for l in open(t + "/g/gdelt.export.CSV", encoding="utf-8")]
mn = [l.rstrip("\n").split("\t") for l in open(t + "/g/gdelt.mentions.CSV", encoding="utf-8")]
if not ev: errs.append("no GDELT events")
ids = {}
for i, r in enumerate(ev, 1):
    if len(r) != 61: errs.append("events line %d: %d columns" % (i, len(r))); continue
    code, base, root, quad = r[26], r[27], r[28], r[29]
    if not re.fullmatch(r"\d{3,4}", code): errs.append("events line %d: EventCode %r" % (i, code))
    if base != code[:3] or root != code[:2]: errs.append("events line %d: base/root %r %r" % (i, base, root))
    if quad not in "1234" or not quad: errs.append("events line %d: QuadClass %r" % (i, quad))
    if r[1] and not re.fullmatch(r"\d{8}", r[1]): errs.append("events line %d: Day %r" % (i, r[1]))
    if r[1] and (r[2] != r[1][:6] or r[3] != r[1][:4]): errs.append("events line %d: MonthYear/Year" % i)
    float(r[30]); int(r[31]); int(r[32]); int(r[33]); float(r[34])
    if r[51] not in ("0", "1", "2", "3", "4", "5"): errs.append("events line %d: ActionGeo_Type %r" % (i, r[51]))
    if r[59] and not re.fullmatch(r"\d{14}", r[59]): errs.append("events line %d: DATEADDED %r" % (i, r[59]))
    ids[r[0]] = int(r[31])
per = collections.Counter()
for i, r in enumerate(mn, 1):
    if len(r) != 16: errs.append("mentions line %d: %d columns" % (i, len(r))); continue
    if r[0] not in ids: errs.append("mentions line %d: unknown event %s" % (i, r[0]))
    if r[3] not in ("1", "2"): errs.append("mentions line %d: MentionType %r" % (i, r[3]))
    int(r[6]); int(r[9]); int(r[11]); int(r[12])
    per[r[0]] += 1
for k, n in ids.items():
    if per[k] != n: errs.append("event %s: NumMentions %d, %d mention rows" % (k, n, per[k]))
recs = [json.loads(l) for l in open(t + "/events.jsonl")]
if not recs or any("world_event" not in r or "evidence" not in r for r in recs): errs.append("jsonl records")
if len(recs) != len(mn): errs.append("jsonl %d records, %d mentions" % (len(recs), len(mn)))
pl = [json.loads(l) for l in open(t + "/plover.jsonl")]
if len(pl) != len(ev): errs.append("plover %d records, %d events" % (len(pl), len(ev)))
for p in pl:
    for f in ("id", "date", "event", "source", "recipient", "mode", "event_loc", "quad_code", "event_scale"):
        if f not in p: errs.append("plover record lacks %s" % f); break
ws = [json.loads(l) for l in open(t + "/worlds.jsonl")]
if len(ws) != len(ev): errs.append("events --json: %d world events, export %d" % (len(ws), len(ev)))
if not any(w["num_articles"] >= 2 and w["num_sources"] >= 2 for w in ws): errs.append("no world event from two outlets (ex-002/ex-003)")
for w in ws:
    if w["num_mentions"] != len(w["reports"]) or any(r["world_event"] != w["world_event"] for r in w["reports"]):
        errs.append("world event %s: reports" % w["world_event"])
rows = list(csv.reader(open(t + "/worlds.csv", newline="")))
if len(rows) != len(ws) + 1 or any(len(r) != len(rows[0]) for r in rows): errs.append("events --csv shape")
tl = list(csv.reader(open(t + "/timeline.csv", newline="")))
if not tl or tl[0][:2] != ["date", "events"] or len(tl) < 2: errs.append("timeline POL: %r" % tl[:2])
net = [json.loads(l) for l in open(t + "/network.jsonl")]
if not net or not all({"source", "target", "events", "mentions", "mean_goldstein"} <= set(n) for n in net): errs.append("network")
docs = [json.loads(l) for l in open(t + "/docs.jsonl")]
if not docs or "[" not in docs[0]["snippet"]: errs.append("docs: %r" % docs[:1])
fl = [json.loads(l) for l in open(t + "/filtered.jsonl")]
if any(w["type"] != "CONSULT" for w in fl): errs.append("--type filter")
ac = [json.loads(l) for l in open(t + "/actor.jsonl")]
if not ac: errs.append("--actor lithuan found nothing")
for e in errs[:20]: print(e)
print("export: %d GDELT events, %d mentions, %d world events; %s" % (len(ev), len(mn), len(ws), "ok" if not errs else "%d problems" % len(errs)))
sys.exit(1 if errs else 0)
PY
exit $fail
