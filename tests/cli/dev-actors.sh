#!/usr/bin/env bash
# tests/cli/dev-actors.sh -- on the dev corpus (../shared, when present),
# every actor of a gold event must be recognised in its evidence sentence:
# the gold source and target keys must be among the keys `sitrep mentions`
# finds in the sentence(s) holding the evidence.  Lists every miss; fails
# when the misses exceed the ratchet in tests/floors.txt (dev-actors-misses).
set -u
SITREP=${SITREP:-./sitrep}
shared=${SHARED:-../shared}
corpus=$shared/corpus/seeds.jsonl gold=$shared/gold/seeds.gold.jsonl
if [ ! -f "$corpus" ] || [ ! -f "$gold" ]; then echo "SKIP: no dev corpus at $shared"; exit 77; fi
max=$(awk -F'\t' '$1 == "dev-actors-misses" {print $2}' tests/floors.txt)
"$SITREP" mentions -q "$corpus" | python3 -c '
import json, sys
corpus, gold, maxmiss = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = {d["id"]: d for d in map(json.loads, open(corpus))}
ments = {}
for l in sys.stdin:
    m = json.loads(l)
    ments.setdefault(m["doc"], []).append(m)
checked = misses = 0
for l in open(gold):
    g = json.loads(l)
    text = docs[g["doc"]]["text"].encode()  # spans are byte offsets
    s = text.find(g["evidence"].encode())
    if s < 0:
        continue
    e = s + len(g["evidence"].encode())
    # the sentences around the evidence: back to the previous stop or line, on to the next
    lo = max(text.rfind(b". ", 0, s), text.rfind(b"\n", 0, s), 0)
    hi = min([x for x in (text.find(b". ", e), text.find(b"\n", e), len(text)) if x >= 0])
    keys = {m["key"] for m in ments.get(g["doc"], []) if m["span"][0] >= lo and m["span"][1] <= hi + 1}
    for role in ("source", "target"):
        k = g[role]
        if not k:
            continue
        checked += 1
        if k not in keys:
            misses += 1
            print("  miss: doc %s %s %s %s (%s): %s" % (g["doc"], g["type"], role, k, g.get(role + "_name"), g["evidence"][:90]))
print("dev-actors: %d of %d gold actors recognised in their evidence sentence (%d missed; ratchet %d)" % (checked - misses, checked, misses, maxmiss))
ok = misses <= maxmiss
print("dev-actors: %d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
sys.exit(0 if ok else 1)
' "$corpus" "$gold" "${max:-0}"
