#!/usr/bin/env bash
# tests/cli/no-quotes.sh -- no source file, test passage, comment or data
# file of the repository quotes a published article: none shares a run of
# eight words with the seeds or the dev corpus in ../shared (tests/FORMAT.md:
# passages are written here; names of organisations in data/actors are facts,
# not quotes).  Skipped (exit 77) without ../shared.
set -u
cd "$(dirname "$0")/../.."
shared=${SHARED:-../shared}
if [ ! -f "$shared/corpus/seeds.jsonl" ] || [ ! -f "$shared/corpus/dev.jsonl" ]; then
  echo "no-quotes: SKIP: no corpus at $shared"; exit 77
fi
python3 - "$shared/corpus/seeds.jsonl" "$shared/corpus/dev.jsonl" <<'PY'
import glob, json, re, sys
N = 8
def words(s):
    return re.findall(r"[a-z0-9']+", s.lower())
grams = set()
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        w = words((d.get("title") or "") + " " + d["text"])
        grams.update(tuple(w[i:i + N]) for i in range(len(w) - N + 1))
files = sorted(set(glob.glob("src/*.[ch]") + glob.glob("tests/**/*.txt", recursive=True) +
                   glob.glob("tests/**/*.[ch]", recursive=True) + glob.glob("tests/**/*.sh", recursive=True) +
                   glob.glob("tests/**/*.py", recursive=True) + glob.glob("data/patterns/*") +
                   glob.glob("data/clean/*") + glob.glob("data/*.md") +
                   glob.glob("data/model/*.md") + glob.glob("examples/*") + ["README.md"]))
found = 0
for f in files:
    for n, line in enumerate(open(f, encoding="utf-8", errors="replace"), 1):
        w = words(line)
        for i in range(len(w) - N + 1):
            if tuple(w[i:i + N]) in grams:
                found += 1
                print("no-quotes: %s:%d shares eight words with an article: %s" % (f, n, " ".join(w[i:i + N])))
                break
print("no-quotes: %d files read, %d lines share eight words with the corpus" % (len(files), found))
print("no-quotes: %d passed, %d failed" % (0 if found else 1, 1 if found else 0))
sys.exit(1 if found else 0)
PY
