#!/usr/bin/env bash
# tests/cli/merge-rules.sh -- cross-document merging rules of merge.h on
# passages written here (no dev corpus needed):
#  1. a document gives a world event at most one report, and its asserted
#     reports choose first: an article that says the vice president "arrives
#     in Bucharest" (asserted) and "will meet Iohannis on Friday" (planned)
#     joins the visit another article reports with its asserted line; the
#     planned meeting stays a world event of its own;
#  2. a date known only to the year merges with an undated report only when
#     the two were published close together: an invasion planned "next
#     year" (December) is not the invasion reported undated in March;
#  3. undated asserted reports of one attack in two articles a week apart
#     are one world event with two articles;
#  4. an article's dated account of an event joins it before the same
#     article's undated mention does: another paper's undated report and
#     this article's "on Wednesday" are one world event, even where the
#     undated mention comes first in the text.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/a.jsonl" <<'EOF'
{"id":"m-1","date":"2022-03-15","source":"Daily A","title":"Vice president's tour","text":"Vice President Kamala Harris visited Romania last week."}
{"id":"m-2","date":"2022-03-11","source":"Wire B","title":"Harris in Bucharest","text":"Harris arrives in Bucharest after two days of talks in Poland.\nOn Friday morning Harris will meet with President Klaus Iohannis of Romania at the Cotroceni Palace."}
{"id":"m-3","date":"2021-12-06","source":"Wire B","title":"Intelligence report","text":"American intelligence officers said Russia has drawn up plans to launch an invasion of Ukraine early next year."}
{"id":"m-4","date":"2022-03-15","source":"Daily A","title":"War","text":"Russia's invasion of Ukraine has driven three million people from their homes."}
{"id":"m-5","date":"2022-03-20","source":"Paper C","title":"War","text":"The world watched the Russian invasion of Ukraine with horror."}
{"id":"m-6","date":"2023-07-20","source":"Paper C","title":"Grain deal","text":"Russia's missile strikes on Ukraine have pushed wheat prices up."}
{"id":"m-7","date":"2023-07-21","source":"Wire B","title":"Ports","text":"Russia's strikes on Ukraine's ports have not stopped.\nRussian missiles struck Ukraine's port of Odesa on Wednesday, officials said."}
EOF
pass=0 fail=0
"$SITREP" ingest -q --db "$tmp/m.db" "$tmp/a.jsonl" || { echo "FAIL: ingest exit $?"; exit 1; }
"$SITREP" export --db "$tmp/m.db" --format jsonl > "$tmp/ev.jsonl" || { echo "FAIL: export"; exit 1; }
"$SITREP" events --db "$tmp/m.db" --json > "$tmp/w.jsonl" || { echo "FAIL: events"; exit 1; }
out=$(python3 - "$tmp/ev.jsonl" "$tmp/w.jsonl" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
worlds = {w["world_event"]: w for w in map(json.loads, open(sys.argv[2]))}
def one(doc, typ, tgt, mod):
    hits = [e for e in ev if e["doc"] == doc and e["type"] == typ and e["modality"] == mod
            and (e["target"] or {}).get("key") == tgt]
    return hits[0] if len(hits) == 1 else None
res = []
def check(name, ok):
    res.append(("ok    " if ok else "FAIL: ") + name)
v1 = one("m-1", "CONSULT", "ROU", "asserted")
v2 = one("m-2", "CONSULT", "ROU", "asserted")
p2 = one("m-2", "CONSULT", "ROU", "planned")
check("the visit and its planned meeting are both coded", bool(v1 and v2 and p2))
if v1 and v2 and p2:
    check("asserted reports of the visit in two articles are one world event",
          v1["world_event"] == v2["world_event"])
    check("the same article's planned meeting is another world event",
          p2["world_event"] != v2["world_event"])
    w = worlds.get(v1["world_event"])
    check("the visit counts two articles", bool(w) and w["num_articles"] == 2)
plan = one("m-3", "ASSAULT", "UKR", "planned")
inv4 = one("m-4", "ASSAULT", "UKR", "asserted")
inv5 = one("m-5", "ASSAULT", "UKR", "asserted")
check("the planned and the reported invasions are coded", bool(plan and inv4 and inv5))
if plan and inv4 and inv5:
    check("a plan dated only 'next year' in December is not the invasion reported in March",
          plan["world_event"] != inv4["world_event"])
    check("undated reports of the invasion five days apart are one world event",
          inv4["world_event"] == inv5["world_event"])
s6 = one("m-6", "ASSAULT", "UKR", "asserted")
s7 = [e for e in ev if e["doc"] == "m-7" and e["type"] == "ASSAULT" and (e["target"] or {}).get("key") == "UKR"]
d7 = [e for e in s7 if e.get("date") == "2023-07-19"]
u7 = [e for e in s7 if not e.get("date")]
check("the undated report and the article's undated and dated lines are coded",
      bool(s6) and len(d7) == 1 and len(u7) == 1)
if s6 and len(d7) == 1 and len(u7) == 1:
    check("another article's undated report joins the dated account, not the passing mention",
          s6["world_event"] == d7[0]["world_event"] and u7[0]["world_event"] != d7[0]["world_event"])
print("\n".join(res))
PY
)
printf '%s\n' "$out"
pass=$(printf '%s\n' "$out" | grep -c '^ok')
fail=$(printf '%s\n' "$out" | grep -c '^FAIL')
[ "$pass" -gt 0 ] || fail=$((fail + 1))
echo "merge-rules: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
