#!/usr/bin/env python3
"""gen-corpus.py -- builds the benchmark corpus for bench/run.

In:  examples/articles.jsonl and examples/*.txt (articles written for
     sitrep), a seed and a target size in MB.
Out: one JSON Lines file (contract §1) of at least the target size:
     unique ids, sentences shuffled across articles into new paragraphs,
     publication dates spread over 2015-2025 (about 3% left without one),
     varied sources and titles.  Same inputs + seed -> same bytes.

usage: gen-corpus.py OUT.jsonl SIZE_MB SEED [EXAMPLES_DIR]
"""
import glob
import json
import os
import random
import re
import sys

SOURCES = ["example-wire.test", "daily-example.test", "example-times.test",
           "example-herald.test", "example-post.test", "example-observer.test",
           "example-gazette.test", "example-monitor.test", "example-ledger.test",
           "example-dispatch.test"]

# A sentence ends at . ! or ? (optionally followed by a closing quote)
# before a space and an upper-case letter or an opening quote; a few
# abbreviations are protected so "U.N. human rights chief" stays whole.
SPLIT = re.compile(r'(?<=[.!?])(?<!\bU\.N\.)(?<!\bU\.S\.)(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z]\.)'
                   r'(["\u201d]?)\s+(?=["\u201c]?[A-Z])')


def sentences_of(text):
    """Lines of text, each split into sentences; furniture lines stay whole."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        parts = SPLIT.split(line)
        # SPLIT has one group: parts = [s0, q0, s1, q1, ...]; glue quotes back
        cur = []
        for i in range(0, len(parts), 2):
            s = parts[i] + (parts[i + 1] if i + 1 < len(parts) else "")
            if s.strip():
                cur.append(s.strip())
        out.extend(cur)
    return out


def load_pool(exdir):
    sents, titles = [], []
    with open(os.path.join(exdir, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                titles.append(d["title"])
                sents.extend(sentences_of(d["text"]))
    for path in sorted(glob.glob(os.path.join(exdir, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n", 1)
        titles.append(lines[0].strip())
        sents.extend(sentences_of(lines[1] if len(lines) > 1 else ""))
    return sents, titles


def main():
    if len(sys.argv) < 4:
        sys.stderr.write("usage: gen-corpus.py OUT.jsonl SIZE_MB SEED [EXAMPLES_DIR]\n")
        return 2
    out, size_mb, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    exdir = sys.argv[4] if len(sys.argv) > 4 else "examples"
    sents, titles = load_pool(exdir)
    rng = random.Random(seed)
    target = size_mb * 1000 * 1000
    first_day = 16436          # 2015-01-01 as days since 1970-01-01
    ndays = 4018               # through 2025-12-31
    total = 0
    n = 0
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        while total < target:
            n += 1
            paras = []
            for _ in range(rng.randint(3, 12)):
                paras.append(" ".join(rng.choice(sents) for _ in range(rng.randint(1, 3))))
            day = first_day + rng.randrange(ndays)
            y, m, d = ymd(day)
            src = rng.choice(SOURCES)
            doc = {"id": "bench-%07d" % n}
            if rng.random() >= 0.03:
                doc["date"] = "%04d-%02d-%02d" % (y, m, d)
            doc["source"] = src
            doc["url"] = "https://%s/%04d/%02d/%02d/story-%d" % (src, y, m, d, n)
            doc["title"] = rng.choice(titles)
            doc["text"] = "\n".join(paras)
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            f.write(line)
            total += len(line.encode("utf-8"))
    os.replace(tmp, out)
    sys.stderr.write("gen-corpus: %d documents, %d bytes, %d pool sentences\n"
                     % (n, total, len(sents)))
    return 0


def ymd(day):
    """Civil date from days since 1970-01-01 (H. Hinnant's algorithm)."""
    z = day + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


if __name__ == "__main__":
    sys.exit(main())
