#!/usr/bin/env bash
# tests/cli/merge-dev.sh -- cross-document merging on the dev corpus: every
# gold world_event reported by several documents must come out as one world
# event, and no world event may hold reports of two gold world events.
# System events are matched to gold lines per document (same type, source
# and target key, either order for CONSULT/AGREE/COOPERATE; preferring the
# event whose sentence holds the gold evidence, then the same modality, then
# the same date).  Gold events the coder did not find (or coded as
# hypothetical, which never merges) are reported as "not coded"; a gold
# world event of several documents left with fewer than two coded reports
# fails, as it cannot be merged.  Skipped (exit 77) without ../shared.
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
SHARED=${SHARED:-../shared}
corpus=$SHARED/corpus/seeds.jsonl gold=$SHARED/gold/seeds.gold.jsonl
if [ ! -f "$corpus" ] || [ ! -f "$gold" ]; then
  echo "SKIP: no dev corpus ($SHARED not found)"; exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$SITREP" ingest -q --db "$tmp/dev.db" "$corpus" || { echo "merge-dev: ingest failed"; exit 1; }
"$SITREP" export --db "$tmp/dev.db" --format jsonl > "$tmp/events.jsonl" || { echo "merge-dev: export failed"; exit 1; }
python3 - "$gold" "$tmp/events.jsonl" <<'PY'
import json, sys, collections
gold = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys_ev = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
SYM = {"CONSULT", "AGREE", "COOPERATE"}
def key(a): return (a or {}).get("key") if isinstance(a, dict) else a
def norm(s): return " ".join((s or "").split()).lower()
by_doc = collections.defaultdict(list)
for e in sys_ev: by_doc[e["doc"]].append(e)
pairs = []
for gi, g in enumerate(gold):
    for si, e in enumerate(by_doc.get(g["doc"], [])):
        if e["type"] != g["type"]: continue
        s, t = key(e["source"]), key(e["target"])
        if not ((s, t) == (g["source"], g["target"]) or (g["type"] in SYM and (t, s) == (g["source"], g["target"]))):
            continue
        ge, se = norm(g.get("evidence")), norm(e.get("evidence"))
        ev = 1 if ge and se and (ge in se or se in ge) else 0
        pairs.append(((ev, e["modality"] == g["modality"], e.get("date") == g.get("date"), -gi, -si), gi, si))
pairs.sort(reverse=True)   # best-agreeing pairs first (evidence, modality, date, text order)
used_g, used_s, match = set(), set(), {}
for rank, gi, si in pairs:
    d = gold[gi]["doc"]
    if gi in used_g or (d, si) in used_s: continue
    used_g.add(gi); used_s.add((d, si)); match[gi] = by_doc[d][si]
passed = failed = 0
worlds = collections.defaultdict(list)
for gi, g in enumerate(gold):
    if g.get("world_event"): worlds[g["world_event"]].append(gi)
covered = collections.defaultdict(set)
for w, lines in sorted(worlds.items()):
    ids, docs, notes = set(), set(), []
    for gi in lines:
        e = match.get(gi)
        if e is None: notes.append("%s not coded" % gold[gi]["doc"]); continue
        if e["modality"] == "hypothetical":
            notes.append("%s coded as hypothetical" % gold[gi]["doc"]); continue
        ids.add(e["world_event"]); docs.add(gold[gi]["doc"]); covered[e["world_event"]].add(w)
    note = (" (" + "; ".join(notes) + ")") if notes else ""
    gold_docs = {gold[gi]["doc"] for gi in lines}
    if len(gold_docs) < 2:
        continue  # one report: nothing to merge
    if len(docs) < 2:
        # the gold says several documents report it: a merge that cannot
        # happen because the coder missed reports is a failure, not a skip
        failed += 1
        print("  FAIL  %s: %d gold documents, only %d coded%s" % (w, len(gold_docs), len(docs), note)); continue
    if len(ids) == 1:
        passed += 1; print("  ok    %s: one world event (%s) for %d documents%s" % (w, ids.pop(), len(docs), note))
    else:
        failed += 1; print("  FAIL  %s: split over world events %s%s" % (w, sorted(ids), note))
for wid, gws in sorted(covered.items()):
    if len(gws) > 1:
        failed += 1; print("  FAIL  world event %s merges distinct gold events %s" % (wid, sorted(gws)))
    else:
        passed += 1
print("merge-dev: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
