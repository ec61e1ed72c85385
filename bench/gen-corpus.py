#!/usr/bin/env python3
"""gen-corpus.py -- builds the benchmark corpora for bench/run (issue 18).

In:  real articles (JSON Lines, contract §1: ../shared/corpus/seeds.jsonl
     and dev.jsonl), or the articles written for sitrep in examples/; a
     seed and a target size.
Out: one JSON Lines file (contract §1) of at least the target size.
     Real text (the default): the articles whole, in a shuffled order per
     round, each copy with a fresh id (bench-0000001), a publication date
     spread over 2015-2025 (about 3% left without one) and a fresh url; the
     text, title and source are the article's own.  The corpus is built at
     bench time and never committed: the articles are not ours.
     --examples DIR: the old corpus, the 131 sentences of examples/
     shuffled into new paragraphs (3-12 paragraphs of 1-3 sentences), ten
     .test sources, titles from the examples.
Same inputs + seed -> same bytes.

usage: gen-corpus.py OUT.jsonl SIZE SEED FILE.jsonl...     (real text)
       gen-corpus.py OUT.jsonl SIZE SEED --examples [DIR]  (examples/)
SIZE is in MB (10^6 bytes), or a number of documents with a 'd' suffix
("3000d").
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

FIRST_DAY = 16436          # 2015-01-01 as days since 1970-01-01
NDAYS = 4018               # through 2025-12-31

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
        for i in range(0, len(parts), 2):
            s = parts[i] + (parts[i + 1] if i + 1 < len(parts) else "")
            if s.strip():
                out.append(s.strip())
    return out


def load_examples(exdir):
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


def load_articles(paths):
    docs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    docs.append(json.loads(line))
    return docs


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


def dated(rng, n, source, doc):
    """Gives doc (a dict holding only "id") a date, source and url."""
    y, m, d = ymd(FIRST_DAY + rng.randrange(NDAYS))
    if rng.random() >= 0.03:
        doc["date"] = "%04d-%02d-%02d" % (y, m, d)
    host = source or "no-source.test"
    if source:
        doc["source"] = source
    doc["url"] = "https://%s/%04d/%02d/%02d/bench-%d" % (host, y, m, d, n)
    return doc


def real_docs(rng, articles):
    """Copies of the articles, whole, each round in a new order."""
    n = 0
    while True:
        order = list(range(len(articles)))
        rng.shuffle(order)
        for k in order:
            a = articles[k]
            n += 1
            doc = dated(rng, n, a.get("source"), {"id": "bench-%07d" % n})
            if a.get("title"):
                doc["title"] = a["title"]
            doc["text"] = a["text"]
            yield doc


def example_docs(rng, sents, titles):
    """Documents of example sentences shuffled into new paragraphs."""
    n = 0
    while True:
        n += 1
        paras = []
        for _ in range(rng.randint(3, 12)):
            paras.append(" ".join(rng.choice(sents) for _ in range(rng.randint(1, 3))))
        # the draws of the first generator, in its order: same bytes for a seed
        y, m, d = ymd(FIRST_DAY + rng.randrange(NDAYS))
        src = rng.choice(SOURCES)
        doc = {"id": "bench-%07d" % n}
        if rng.random() >= 0.03:
            doc["date"] = "%04d-%02d-%02d" % (y, m, d)
        doc["source"] = src
        doc["url"] = "https://%s/%04d/%02d/%02d/story-%d" % (src, y, m, d, n)
        doc["title"] = rng.choice(titles)
        doc["text"] = "\n".join(paras)
        yield doc


def main(argv):
    if len(argv) < 5:
        sys.stderr.write("usage: gen-corpus.py OUT.jsonl SIZE SEED FILE.jsonl... | --examples [DIR]\n")
        return 2
    out, size, seed = argv[1], argv[2], int(argv[3])
    rng = random.Random(seed)
    if argv[4] == "--examples":
        sents, titles = load_examples(argv[5] if len(argv) > 5 else "examples")
        docs = example_docs(rng, sents, titles)
        what = "%d example sentences" % len(sents)
    else:
        articles = load_articles(argv[4:])
        if not articles:
            sys.stderr.write("gen-corpus: no articles in %s\n" % " ".join(argv[4:]))
            return 1
        docs = real_docs(rng, articles)
        what = "%d real articles" % len(articles)
    if size.endswith("d"):
        max_docs, target = int(size[:-1]), None
    else:
        max_docs, target = None, int(size) * 1000 * 1000
    total = n = 0
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            if (target is not None and total >= target) or (max_docs is not None and n >= max_docs):
                break
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            f.write(line)
            total += len(line.encode("utf-8"))
            n += 1
    os.replace(tmp, out)
    sys.stderr.write("gen-corpus: %d documents, %d bytes, from %s\n" % (n, total, what))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
