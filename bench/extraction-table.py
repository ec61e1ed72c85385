#!/usr/bin/env python3
"""bench/extraction-table.py -- the side-by-side table of bench/readers.sh
on the article-extraction benchmark (../shared/bench/article-extraction):
every extractor scored by the benchmark's own score.py (imported from the
benchmark folder, not copied), then the pages each leaves empty.

usage: extraction-table.py BENCH_DIR [--meta DOCS.jsonl] NAME=PREDICTION.json ...
A prediction maps page id -> {"articleBody": text} (score.py's shape);
NAME=- reads nothing and marks the row as not run.  --meta: sitrep's
documents (`sitrep read`), whose title, date, source and url are checked
against what the ground truth knows (its url, and the date that url holds).
Prints the table to stdout; exit 0 unless an argument is unusable."""
import datetime
import importlib.util
import json
import os
import re
import sys


def norm_url(u):
    u = (u or "").split("://")[-1].split("?")[0].split("#")[0].rstrip("/")
    return u[4:] if u.startswith("www.") else u


def meta_report(gt, path):
    docs = {}
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        docs[d["id"]] = d
    n = len(gt)
    have = {k: sum(1 for i in gt if (docs.get(i) or {}).get(k)) for k in ("title", "date", "source", "url")}
    same_url = sum(1 for i in gt if norm_url((docs.get(i) or {}).get("url")) == norm_url(gt[i].get("url")))
    dated = agree = 0
    for i in gt:
        m = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/", gt[i].get("url", ""))
        got = (docs.get(i) or {}).get("date")
        if not m or not got:
            continue
        dated += 1
        want = datetime.date(*map(int, m.groups()))
        agree += abs((datetime.date.fromisoformat(got) - want).days) <= 1
    print("  sitrep metadata: title %d/%d, date %d/%d, source %d/%d, url %d/%d (the ground truth's own: %d)"
          % (have["title"], n, have["date"], n, have["source"], n, have["url"], n, same_url))
    print("    dates agreeing (within a day) with the date in the ground truth's url: %d of %d" % (agree, dated))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bench = sys.argv[1]
    spec = importlib.util.spec_from_file_location("score", os.path.join(bench, "score.py"))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gt = score.load(os.path.join(bench, "ground-truth.json"))
    rows, empties = [], []
    args = sys.argv[2:]
    meta = None
    if args[:1] == ["--meta"] and len(args) >= 2:
        meta, args = args[1], args[2:]
    for arg in args:
        name, _, path = arg.partition("=")
        if not path:
            sys.exit("extraction-table: want NAME=FILE, got %r" % arg)
        if path == "-":
            rows.append("  %-28s %s" % (name, "not run"))
            continue
        pred = score.load(path)
        m, _ = score.score(gt, pred)
        rows.append("  %-28s F1 %.3f   precision %.3f   recall %.3f   empty %2d of %d"
                    % (name, m["f1"], m["precision"], m["recall"], m["empty"], m["pages"]))
        empty = sorted(k for k in gt if not ((pred.get(k) or {}).get("articleBody") or "").strip())
        if empty:
            empties.append("  %s:" % name)
            for k in empty:
                empties.append("    %s  %s" % (k[:16], gt[k].get("url", "")))
    print("\n".join(rows))
    print("  pages left empty:" if empties else "  pages left empty: none")
    if empties:
        print("\n".join(empties))
    if meta:
        meta_report(gt, meta)


if __name__ == "__main__":
    main()
