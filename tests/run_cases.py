#!/usr/bin/env python3
"""run_cases.py -- runs the example cases of tests/code and tests/actors.

The file format is described in tests/FORMAT.md.  Event cases are coded with
`$SITREP code -q FILE` (one JSON Lines document per example, all examples of
a file in one run); actor cases with `$SITREP actors --date D TEXT`.
A code example passes when the events, deduplicated on (type, source key,
target key, modality), are exactly the expected set and every optional field
given matches (a date coarser than a day counts as null).  For actor files
the score is the fraction of expected mentions found, in order, with the
right key (and code and name when given).  Files named core-* (and
tests/regression.txt) must pass completely; the others are held to the
per-file floors in tests/floors.txt, and a file without one fails.
Usage: run_cases.py [FILE.txt ...] (default: all).
Env: SITREP (binary, default ./sitrep), SITREP_DATA (passed through),
QUIET_CASES=1 (print failure details only for core-* files).
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OPTIONAL = ("mode", "date", "location", "location_country", "cameo")
REQUIRED = ("type", "source", "target", "modality")
TIMEOUT = 120


class CaseError(Exception):
    pass


def parse_file(path):
    """Returns a list of examples: dict(name, line, date, strict, text, expect)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cases = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        if not ln.strip() or ln.startswith("#"):
            i += 1
            continue
        if not ln.startswith("example:"):
            raise CaseError("%s:%d: expected 'example:', got %r" % (path, i + 1, ln[:60]))
        case = {"name": ln[len("example:"):].strip(), "line": i + 1, "date": None,
                "title": None, "strict": False, "text": "", "expect": []}
        i += 1
        while i < n and lines[i].split(":", 1)[0] in ("date", "strict", "title"):
            key, _, val = lines[i].partition(":")
            if key == "date":
                case["date"] = val.strip()
            elif key == "title":
                case["title"] = val.strip()
            else:
                case["strict"] = val.strip().lower() in ("yes", "true", "1")
            i += 1
        body = []
        while i < n and lines[i] != ".":
            if not lines[i].strip():
                raise CaseError("%s:%d: blank line inside the passage of '%s' (missing '.')"
                                % (path, i + 1, case["name"]))
            body.append(lines[i])
            i += 1
        if i >= n:
            raise CaseError("%s:%d: example '%s' has no '.' line" % (path, case["line"], case["name"]))
        i += 1
        case["text"] = "\n".join(body)
        while i < n and lines[i].strip() and not lines[i].startswith("example:"):
            try:
                obj = json.loads(lines[i])
            except ValueError as e:
                raise CaseError("%s:%d: bad JSON: %s" % (path, i + 1, e))
            if not isinstance(obj, dict):
                raise CaseError("%s:%d: expected a JSON object" % (path, i + 1))
            case["expect"].append(obj)
            i += 1
        if not case["text"]:
            raise CaseError("%s:%d: example '%s' has no passage" % (path, case["line"], case["name"]))
        cases.append(case)
    return cases


def check_code_expect(path, case):
    for e in case["expect"]:
        for k in REQUIRED:
            if k not in e:
                raise CaseError("%s:%d: example '%s': expected line lacks %r"
                                % (path, case["line"], case["name"], k))
        for k in e:
            if k not in REQUIRED and k not in OPTIONAL:
                raise CaseError("%s:%d: example '%s': unknown field %r"
                                % (path, case["line"], case["name"], k))


def run(argv, stdin_data=None):
    try:
        p = subprocess.run(argv, input=stdin_data, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=TIMEOUT)
    except FileNotFoundError:
        return None, "cannot run %s: no such file" % argv[0]
    except PermissionError:
        return None, "cannot run %s: not executable" % argv[0]
    except subprocess.TimeoutExpired:
        return None, "%s timed out after %ds" % (" ".join(argv[:2]), TIMEOUT)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace").strip()
    if p.returncode not in (0, 1):
        return None, "%s exited with status %d%s" % (" ".join(argv[:2]), p.returncode,
                                                      (": " + err[-400:]) if err else "")
    return out, err


def parse_jsonl(out):
    recs = []
    for ln in out.splitlines():
        ln = ln.strip()
        if not ln:
            continue
        try:
            recs.append(json.loads(ln))
        except ValueError:
            raise CaseError("unparsable output line: %r" % ln[:200])
    return recs


# --- event cases ---------------------------------------------------------------

def key_of(actor):
    if actor is None:
        return None
    if isinstance(actor, dict):
        return actor.get("key")
    return actor


def flatten_event(ev):
    """The fields of an emitted event record that the cases compare."""
    loc = ev.get("location")
    date = ev.get("date")
    if date is not None and ev.get("date_precision") not in (None, "day"):
        date = None  # coarser than a day counts as no day, as in gold
    return {
        "type": ev.get("type"),
        "source": key_of(ev.get("source")),
        "target": key_of(ev.get("target")),
        "modality": ev.get("modality"),
        "mode": ev.get("mode"),
        "cameo": ev.get("cameo"),
        "date": date,
        "location": loc if loc is None else (loc.get("name"), loc.get("text")),
        "location_country": None if not isinstance(loc, dict) else loc.get("country"),
        "trigger": ev.get("trigger"),
    }


def fold(s):
    return " ".join(str(s).lower().split())


def fold_mention(s):
    """Mention text for comparison: case and spacing folded, a leading "the"
    dropped (expected texts are written without it)."""
    s = fold(s)
    return s[4:] if s.startswith("the ") else s


def field_ok(exp, got, k):
    want = exp[k]
    have = got[k]
    if k == "location":
        if want is None or have is None:
            return want is None and have is None
        return fold(want) in [fold(x) for x in have if x is not None]
    return want == have


def quad(e):
    return (e["type"], e["source"], e["target"], e["modality"])


def assign(exps, gots):
    """Bipartite matching of expected lines to events of one 4-key group; returns
    the list of unmatched expected lines."""
    ok = [[all(field_ok(x, g, k) for k in OPTIONAL if k in x) for g in gots] for x in exps]
    match = [-1] * len(gots)

    def aug(i, seen):
        for j in range(len(gots)):
            if ok[i][j] and not seen[j]:
                seen[j] = True
                if match[j] < 0 or aug(match[j], seen):
                    match[j] = i
                    return True
        return False

    return [x for i, x in enumerate(exps) if not aug(i, [False] * len(gots))]


def judge_code(case, events):
    got = [flatten_event(e) for e in events]
    exp_keys = {}
    for x in case["expect"]:
        exp_keys.setdefault(quad(x), []).append(x)
    got_keys = {}
    for g in got:
        got_keys.setdefault(quad(g), []).append(g)
    problems = []
    missing = [k for k in exp_keys if k not in got_keys]
    extra = [k for k in got_keys if k not in exp_keys]
    for k in missing:
        problems.append(("missing", k))
    for k in extra:
        problems.append(("extra", k))
    for k, xs in exp_keys.items():
        if k not in got_keys:
            continue
        for x in assign(xs, got_keys[k]):
            bad = [f for f in OPTIONAL if f in x
                   and not any(field_ok(x, g, f) for g in got_keys[k])]
            problems.append(("field", k, bad or ["combination"]))
    return problems, got


def fmt_quad(k):
    return "%s %s->%s %s" % (k[0], k[1] or "null", k[2] or "null", k[3])


def fmt_got(g):
    s = "%s %s->%s %s" % (g["type"], g["source"] or "null", g["target"] or "null", g["modality"])
    extra = []
    if g["mode"]:
        extra.append("mode=" + g["mode"])
    if g["date"]:
        extra.append("date=" + g["date"])
    if g["location"]:
        extra.append("loc=" + str(g["location"][0]))
    if g["trigger"]:
        extra.append("trigger=%r" % g["trigger"])
    return s + (" [" + ", ".join(extra) + "]" if extra else "")


def run_code_file(sitrep, path, cases):
    """Returns (passed, total, failures) where failures are (case, problems, got)."""
    for c in cases:
        check_code_expect(path, c)
    by_id = {}
    tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    try:
        for n, c in enumerate(cases):
            doc = {"id": "case-%d" % (n + 1), "text": c["text"]}
            if c["date"]:
                doc["date"] = c["date"]
            if c["title"]:
                doc["title"] = c["title"]
            tmp.write(json.dumps(doc, ensure_ascii=False) + "\n")
        tmp.close()
        out, err = run([sitrep, "code", "-q", tmp.name])
        if out is None:
            # A crash in one example must not hide the others: run them singly.
            sys.stderr.write("%s: batch run failed (%s); running examples one by one\n" % (path, err))
            for n, c in enumerate(cases):
                doc = {"id": "case-%d" % (n + 1), "text": c["text"]}
                if c["date"]:
                    doc["date"] = c["date"]
                if c["title"]:
                    doc["title"] = c["title"]
                with open(tmp.name, "w", encoding="utf-8") as f:
                    f.write(json.dumps(doc, ensure_ascii=False) + "\n")
                o, e = run([sitrep, "code", "-q", tmp.name])
                if o is None:
                    by_id[doc["id"]] = CaseError(e)
                else:
                    try:
                        by_id[doc["id"]] = parse_jsonl(o)
                    except CaseError as ce:
                        by_id[doc["id"]] = ce
        else:
            for rec in parse_jsonl(out):
                by_id.setdefault(rec.get("doc"), []).append(rec)
    finally:
        os.unlink(tmp.name)
    passed = 0
    failures = []
    for n, c in enumerate(cases):
        res = by_id.get("case-%d" % (n + 1), [])
        if isinstance(res, CaseError):
            failures.append((c, [("error", str(res))], []))
            continue
        problems, got = judge_code(c, res)
        if problems:
            failures.append((c, problems, got))
        else:
            passed += 1
    return passed, len(cases), failures


def print_code_failure(path, c, problems, got):
    print("  FAIL %s:%d: %s" % (path, c["line"], c["name"]))
    print("       text: %s" % c["text"].replace("\n", " ")[:300])
    for p in problems:
        if p[0] == "error":
            print("       error: %s" % p[1])
        elif p[0] == "missing":
            print("       missing: %s" % fmt_quad(p[1]))
        elif p[0] == "extra":
            print("       extra:   %s" % fmt_quad(p[1]))
        else:
            print("       wrong %s: %s" % ("/".join(p[2]), fmt_quad(p[1])))
    for x in c["expect"]:
        print("       want: %s" % json.dumps(x, ensure_ascii=False))
    if not c["expect"]:
        print("       want: (no event)")
    for g in got:
        print("       got:  %s" % fmt_got(g))


# --- actor cases ---------------------------------------------------------------

def judge_actors(case, mentions):
    """Returns (found, problems): expected mentions are looked for in order."""
    found = 0
    problems = []
    pos = 0
    used = set()
    for x in case["expect"]:
        if "text" not in x or "key" not in x:
            problems.append("expected line lacks text or key: %s" % json.dumps(x))
            continue
        j = next((j for j in range(pos, len(mentions))
                  if mentions[j].get("text") == x["text"]), None)
        if j is None:
            j = next((j for j in range(pos, len(mentions))
                      if fold_mention(mentions[j].get("text", "")) == fold_mention(x["text"])),
                     None)
        if j is None:
            problems.append("not found: %r (want %s)" % (x["text"], x["key"]))
            continue
        m = mentions[j]
        pos = j + 1
        used.add(j)
        bad = [k for k in ("key", "code", "name") if k in x and m.get(k) != x[k]]
        if bad:
            problems.append("%r: %s" % (x["text"], ", ".join(
                "%s %r, want %r" % (k, m.get(k), x[k]) for k in bad)))
        else:
            found += 1
    if case["strict"]:
        for j, m in enumerate(mentions):
            if j not in used:
                problems.append("unexpected mention %r (%s %s)" % (m.get("text"), m.get("key"),
                                                                   m.get("code")))
    return found, problems


def run_actor_file(sitrep, path, cases):
    """Returns (found, total mentions, examples passed, examples, failures)."""
    found = total = passed = 0
    failures = []
    for c in cases:
        argv = [sitrep, "actors"]
        if c["date"]:
            argv += ["--date", c["date"]]
        argv.append(c["text"].replace("\n", " "))
        out, err = run(argv)
        total += len(c["expect"])
        if out is None:
            failures.append((c, ["error: " + err], []))
            continue
        try:
            mentions = parse_jsonl(out)
        except CaseError as e:
            failures.append((c, ["error: %s" % e], []))
            continue
        f, problems = judge_actors(c, mentions)
        found += f
        if problems:
            failures.append((c, problems, mentions))
        else:
            passed += 1
    return found, total, passed, len(cases), failures


def print_actor_failure(path, c, problems, mentions):
    print("  FAIL %s:%d: %s" % (path, c["line"], c["name"]))
    print("       text: %s" % c["text"].replace("\n", " ")[:300])
    for p in problems:
        print("       %s" % p)
    for m in mentions:
        print("       got:  %r %s %s (%s)" % (m.get("text"), m.get("key"), m.get("code"),
                                             m.get("name")))


# --- driver --------------------------------------------------------------------

def read_floors(path):
    floors = {}
    if not os.path.exists(path):
        return floors
    with open(path, encoding="utf-8") as f:
        for n, ln in enumerate(f, 1):
            ln = ln.rstrip("\n")
            if not ln.strip() or ln.lstrip().startswith("#"):
                continue
            parts = ln.split("\t")
            try:
                floors[parts[0].strip()] = float(parts[1])
            except (IndexError, ValueError):
                raise CaseError("%s:%d: want 'path<TAB>fraction'" % (path, n))
    return floors


def main(argv):
    cwd = os.getcwd()
    sitrep = os.environ.get("SITREP", "")
    if sitrep and os.sep in sitrep and os.path.exists(os.path.join(cwd, sitrep)):
        sitrep = os.path.abspath(os.path.join(cwd, sitrep))
    os.chdir(ROOT)
    sitrep = sitrep or "./sitrep"
    quiet = os.environ.get("QUIET_CASES", "") == "1"
    if argv:
        files = [os.path.relpath(os.path.abspath(os.path.join(cwd, a)), ROOT) for a in argv]
    else:
        files = []
        for d in ("tests/code", "tests/actors"):
            if os.path.isdir(d):
                files += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))
    if not files:
        print("cases: no example files found")
        print("cases: 0 passed, 0 failed")
        return 0
    if not (os.path.isfile(sitrep) and os.access(sitrep, os.X_OK)):
        print("cases: binary %s not found or not executable (build it with `make`, or set SITREP)"
              % sitrep)
        print("cases: 0 passed, %d failed" % len(files))
        return 1
    smoke = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    smoke.write('{"id":"smoke","date":"2022-03-10","text":"Russia attacked Ukraine."}\n')
    smoke.close()
    out, err = run([sitrep, "code", "-q", smoke.name])
    os.unlink(smoke.name)
    if out is None:
        print("cases: %s cannot code a one-line document: %s" % (sitrep, err))
        print("cases: 0 passed, %d failed" % len(files))
        return 1
    try:
        floors = read_floors("tests/floors.txt")
    except CaseError as e:
        print("cases: %s" % e)
        print("cases: 0 passed, 1 failed")
        return 1
    npass = nfail = 0
    for path in files:
        # tests/regression.txt lists fixed bugs: every example must pass
        core = os.path.basename(path).startswith("core-") or path.replace(os.sep, "/") == "tests/regression.txt"
        show = core or not quiet
        try:
            cases = parse_file(path)
        except (CaseError, OSError) as e:
            print("%s: cannot read: %s" % (path, e))
            nfail += 1
            continue
        try:
            if path.replace(os.sep, "/").startswith("tests/actors/") or "/actors/" in path:
                found, total, ep, en, failures = run_actor_file(sitrep, path, cases)
                frac = found / total if total else 1.0
                print("%s: %d/%d mentions found (%.1f%%), %d/%d examples pass"
                      % (path, found, total, 100.0 * frac, ep, en))
                if show:
                    for c, probs, ms in failures:
                        print_actor_failure(path, c, probs, ms)
                good, bad = ep, en - ep
            else:
                good, total, failures = run_code_file(sitrep, path, cases)
                frac = good / total if total else 1.0
                print("%s: %d/%d examples pass (%.1f%%)" % (path, good, total, 100.0 * frac))
                if show:
                    for c, probs, got in failures:
                        print_code_failure(path, c, probs, got)
                bad = total - good
        except CaseError as e:
            print("%s: %s" % (path, e))
            nfail += 1
            continue
        if core:
            npass += good
            nfail += bad
        else:
            floor = floors.get(path.replace(os.sep, "/"))
            if floor is None:
                # a file without a floor would pass whatever its score
                print("%s: no floor in tests/floors.txt (score %.3f); add a line 'path<TAB>%.2f' "
                      "or name the file core-*" % (path, frac, int(frac * 100) / 100.0))
                nfail += 1
            elif frac + 1e-9 < floor:
                print("%s: below its floor %.3f (score %.3f)" % (path, floor, frac))
                nfail += 1
            else:
                npass += 1
    print("cases: %d passed, %d failed" % (npass, nfail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
