#!/usr/bin/env python3
"""bench/extraction-table.py -- the side-by-side table of bench/readers.sh
on the article-extraction benchmark (../shared/bench/article-extraction):
every extractor scored by the benchmark's own score.py (imported from the
benchmark folder, not copied), then the pages each leaves empty.

usage: extraction-table.py BENCH_DIR NAME=PREDICTION.json ...
A prediction maps page id -> {"articleBody": text} (score.py's shape);
NAME=- reads nothing and marks the row as not run.  Prints the table to
stdout; exit 0 unless an argument is unusable."""
import importlib.util
import os
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    bench = sys.argv[1]
    spec = importlib.util.spec_from_file_location("score", os.path.join(bench, "score.py"))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gt = score.load(os.path.join(bench, "ground-truth.json"))
    rows, empties = [], []
    for arg in sys.argv[2:]:
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


if __name__ == "__main__":
    main()
