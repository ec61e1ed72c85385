#!/usr/bin/env python3
"""tests/warc/compare.py GOT.jsonl EXPECTED.jsonl -- the documents read from
a WARC against the expected ones (fields exact; "text_file" names a sidecar
holding the text, relative to EXPECTED).  Prints differences; exit 1 on any."""
import json, os, sys

got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
exp_path = sys.argv[2]
exp = [json.loads(l) for l in open(exp_path, encoding="utf-8") if l.strip()]
bad = 0
if len(got) != len(exp):
    print(f"{len(got)} documents, want {len(exp)}")
    bad += 1
for g, e in zip(got, exp):
    if "text_file" in e:
        with open(os.path.join(os.path.dirname(exp_path), e.pop("text_file")), encoding="utf-8") as fp:
            e["text"] = fp.read().rstrip("\n")
    for k, v in e.items():
        if g.get(k) != v:
            print(f"doc {e.get('id')}: {k} is {g.get(k)!r:.200}, want {v!r:.200}")
            bad += 1
sys.exit(1 if bad else 0)
