#!/usr/bin/env python3
"""tests/html/f1.py -- token-level F1 of extracted main text against the
hand-marked sidecars NAME.expected.txt in this directory.

Usage: f1.py DOCS.jsonl [--meta] [--min F] [--name LABEL]
DOCS.jsonl holds one object per page with "id" (the page's file name without
.html) and "text" (as `sitrep read` prints them; the readability peer prints
the same shape).  Tokens are lower-cased \\w+ runs; F1 is over token
multisets.  Prints one line per page and the average; with --meta also
checks title/date/source/url against NAME.meta.tsv.  Exits 1 when the
average is below --min or a metadata field differs."""
import collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def tokens(s):
    return re.findall(r"\w+", s.lower())

def f1(got, want):
    g, w = collections.Counter(tokens(got)), collections.Counter(tokens(want))
    common = sum((g & w).values())
    if not g or not w or not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(g.values()), common / sum(w.values())
    return p, r, 2 * p * r / (p + r)

def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    path, meta, minf, label = args[0], "--meta" in args, None, "f1"
    if "--min" in args:
        minf = float(args[args.index("--min") + 1])
    if "--name" in args:
        label = args[args.index("--name") + 1]
    docs = {}
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            if line.strip():
                d = json.loads(line)
                docs[d["id"]] = d
    pages = sorted(n[:-5] for n in os.listdir(HERE) if n.endswith(".html"))
    total, bad_meta = 0.0, 0
    for name in pages:
        with open(os.path.join(HERE, name + ".expected.txt"), encoding="utf-8") as fp:
            want = fp.read()
        d = docs.get(name, {})
        p, r, f = f1(d.get("text", ""), want)
        total += f
        print(f"  {label} {name:22s} P={p:.3f} R={r:.3f} F1={f:.3f}")
        mpath = os.path.join(HERE, name + ".meta.tsv")
        if meta and os.path.exists(mpath):
            with open(mpath, encoding="utf-8") as fp:
                for line in fp:
                    k, v = line.rstrip("\n").split("\t", 1)
                    if d.get(k) != v:
                        bad_meta += 1
                        print(f"  {label} {name}: {k} is {d.get(k)!r}, want {v!r}")
    avg = total / len(pages) if pages else 0.0
    print(f"{label}: average token F1 over {len(pages)} pages = {avg:.3f}")
    if (minf is not None and avg < minf) or bad_meta:
        sys.exit(1)

if __name__ == "__main__":
    main()
