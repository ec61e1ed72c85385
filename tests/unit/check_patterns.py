#!/usr/bin/env python3
"""Validate the event pattern dictionary: data/patterns/*.txt and cameo.tsv.

Checks the line format, PLOVER types and modes, CAMEO codes against
cameo.tsv (QuadClass and Goldstein range), the pattern syntax documented
in data/README.md ("Event patterns"), duplicates and minimum coverage.
Usage: python3 tests/unit/check_patterns.py [DATA_DIR]
Prints "N passed, M failed" and exits non-zero when anything failed.
"""
import os
import re
import sys

TYPES = ("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE "
         "REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT").split()

# PLOVER modes (PLOVER manual tables, CAMEO2PLOVER crosswalk, spec/EVENTS.md),
# and those the gold conventions add (../shared/gold/README.md): COERCE
# cyber (hacking, election interference), REQUEST summon (an envoy summoned),
# CONSULT mediate (the dev gold README: talks a third party hosts or chairs
# are CONSULT from it to each side, mode mediate);
# CONCEDE resign (the dev gold codes a leader's resignation as CONCEDE,
# CAMEO 0831 "accede to demands for change in leadership").
MODES = {
    "CONSULT": "visit host third-party phone multilateral mediate",
    "AGREE": "",
    "SUPPORT": "",
    "CONCEDE": "resign",
    "COOPERATE": "military economic legal intelligence",
    "AID": "military economic humanitarian asylum",
    "RETREAT": "withdraw release return disarm ceasefire access resign ease",
    "REQUEST": "assist change yield meet summon",
    "ACCUSE": "investigate",
    "REJECT": "assist change yield meet",
    "THREATEN": "restrict ban arrest relations expel territory violence",
    "PROTEST": "demo riot strike-gen strike-lim strike-hun boycott obstruct",
    "SANCTION": "economic convict cancel expel withdraw sever",
    "MOBILIZE": "troops weapons police",
    "COERCE": ("confiscate restrict ban censor curfew martial-law arrest "
               "deport withhold repress cyber"),
    "ASSAULT": ("abduct beat torture execute sexual assassinate destroy "
                "primitive firearms explosives suicide-attack heavy-weapons "
                "occupy"),
}

# CAMEO roots each type may use (crosswalk plus the spec's "Which type" table).
ROOTS = {
    "AGREE": {"03", "05"}, "CONSULT": {"04"}, "SUPPORT": {"05"},
    "CONCEDE": {"08"}, "COOPERATE": {"06"}, "AID": {"07"},
    "RETREAT": {"08"}, "REQUEST": {"02", "10"}, "ACCUSE": {"09", "11"},
    "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "SANCTION": {"16", "11"}, "MOBILIZE": {"15"}, "COERCE": {"17", "19"},
    "ASSAULT": {"17", "18", "19", "20"}, "-": {"01"},
}

MIN_TOTAL = 800
MIN_PER_TYPE = 20
STATEMENT_FILE = "statement.txt"
# Generated files that hold patterns of several types (every other check
# applies to them): petrarch.txt, from scripts/build-petrarch-patterns.
MIXED_FILES = {"petrarch.txt"}

WORD = r"[a-z0-9']+(-[a-z0-9']+)*"   # tokens keep internal hyphens: "short-range"
RE_HEAD = re.compile(r"^@?[a-z]+(-[a-z]+)?$")   # one hyphen: "test-fire"
RE_LIT = re.compile(r"^%s(\|%s)*$" % (WORD, WORD))
RE_OPT = re.compile(r"^\(%s(\|%s)*\)$" % (WORD, WORD))


def quad_of(code):
    root = int(code[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return 0


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, where, msg):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"{where}: {msg}")
        return ok


def header_ok(lines):
    """The file opens with # lines naming format, sources, licence, date."""
    head = []
    for ln in lines:
        if not ln.startswith("#"):
            break
        head.append(ln.lower())
    text = "\n".join(head)
    return bool(head) and all(k in text for k in
                              ("format", "source", "licen", "date"))


def tsv_rows(path, rep, ncols, want):
    """The rows of a data file with its header checked: (where, columns)
    for each line that is no comment and has ncols columns (want names them
    in the message of a line that has not)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    rep.check(header_ok(lines), path, "missing header (format/source/licence/date)")
    for n, ln in enumerate(lines, 1):
        if not ln or ln.startswith("#"):
            continue
        where = f"{path}:{n}"
        cols = ln.split("\t")
        if rep.check(len(cols) == ncols, where, f"expected {want}, got {len(cols)} columns"):
            yield where, cols


def load_cameo(path, rep):
    table = {}
    prev = ""
    for where, cols in tsv_rows(path, rep, 4, "4 columns"):
        code, quad, gold, name = cols
        ok = re.fullmatch(r"\d{2,4}", code) is not None and 1 <= int(code[:2]) <= 20
        ok = rep.check(ok, where, f"bad CAMEO code {code!r}") and ok
        if not ok:
            continue
        rep.check(code not in table, where, f"duplicate code {code}")
        rep.check(code > prev, where, f"not sorted: {code} after {prev}")
        prev = code
        rep.check(quad == str(quad_of(code)), where,
                  f"quad {quad} does not match root {code[:2]} (expected {quad_of(code)})")
        try:
            g = float(gold)
            rep.check(-10.0 <= g <= 10.0, where, f"goldstein {g} outside [-10, 10]")
        except ValueError:
            rep.check(False, where, f"goldstein {gold!r} is not a number")
        rep.check(name.strip() != "", where, "empty name")
        table[code] = cols
    for code in table:
        if len(code) > 2:
            rep.check(code[:2] in table, path, f"{code}: root {code[:2]} missing")
        if len(code) == 4:
            rep.check(code[:3] in table, path, f"{code}: parent {code[:3]} missing")
    rep.check(len(table) >= 290, path, f"only {len(table)} CAMEO codes (expected ~310)")
    return table


RE_CLASS = re.compile(r"^[a-z-]+$")


def load_classes(path, rep):
    """Word classes (classes.tsv): name -> "a|b|c".  Optional file."""
    classes = {}
    if not os.path.exists(path):
        return classes
    for where, cols in tsv_rows(path, rep, 2, "NAME<TAB>words"):
        name, words = cols
        errs = []
        if not RE_CLASS.match(name):
            errs.append(f"bad class name {name!r}")
        if name in classes:
            errs.append(f"class {name!r} defined twice")
        if not RE_LIT.match(words):
            errs.append("words are single lowercase words separated by '|'")
        elif len(set(words.split("|"))) != len(words.split("|")):
            errs.append("repeated word")
        rep.check(not errs, where, "; ".join(errs))
        classes[name] = words
    return classes


def expand_classes(pat, classes):
    """The pattern with each &NAME or (&NAME) written out; KeyError names an
    unknown class."""
    out = []
    for t in pat.split(" "):
        opt = t.startswith("(&") and t.endswith(")")
        if t.startswith("&") or opt:
            name = t[2:-1] if opt else t[1:]
            w = classes[name]
            t = "(%s)" % w if opt else w
        out.append(t)
    return " ".join(out)


def pattern_errors(pat):
    """Return a list of syntax problems of one pattern (empty when fine)."""
    errs = []
    if pat != pat.strip() or "  " in pat or "\t" in pat or not pat:
        return ["pattern has stray whitespace or is empty"]
    toks = pat.split(" ")
    head = toks[0]
    noun = head.startswith("@")
    if not RE_HEAD.match(head):
        errs.append(f"bad head {head!r} (a lowercase word or @word, one hyphen at most)")
    nt = ns = 0
    prev = head
    for i, t in enumerate(toks[1:], 1):
        if t == "..":
            if prev == "..":
                errs.append("two `..` in a row")
            if i == len(toks) - 1:
                errs.append("pattern ends with `..`")
        elif t == "$T":
            nt += 1
        elif t == "$S":
            ns += 1
        elif t.startswith("@"):
            errs.append(f"@ only on the head: {t!r}")
        elif t.startswith("("):
            if not RE_OPT.match(t):
                errs.append(f"bad optional element {t!r}")
        elif not RE_LIT.match(t):
            errs.append(f"bad literal {t!r}")
        else:
            alts = t.split("|")
            if len(set(alts)) != len(alts):
                errs.append(f"repeated alternative in {t!r}")
            # alternatives are single words: "illegal|a violation" reads as
            # "illegal|a" then "violation" (write ".. violation")
            dets = {"a", "an", "the"} & set(alts)
            if dets and any(len(a) > 3 for a in alts if a not in dets):
                errs.append(f"a determiner among content words in {t!r}: alternatives are single words")
        prev = t
    if nt > 1:
        errs.append("more than one $T")
    if ns > 1:
        errs.append("more than one $S")
    # noun heads: $S and $T both name the sides ("@talks between $S and $T");
    # verb heads: $S is the giver and the clause subject the target
    # ("Ukraine received aid from $S"), so a verb pattern has no $T then
    if ns and noun and not nt:
        errs.append("$S without $T in a noun pattern")
    if ns and not noun and nt:
        errs.append("$S with $T in a verb pattern")
    return errs


def check_patterns(pdir, cameo, rep, classes=None):
    files = sorted(f for f in os.listdir(pdir) if f.endswith(".txt"))
    expected = [t.lower() + ".txt" for t in TYPES] + [STATEMENT_FILE]
    for e in expected:
        rep.check(e in files, pdir, f"missing pattern file {e}")
    per_type = {t: 0 for t in TYPES}
    total = 0
    seen = {}  # pattern text -> (where, type)
    for fn in files:
        path = os.path.join(pdir, fn)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        rep.check(header_ok(lines), path, "missing header (format/source/licence/date)")
        is_stmt = fn == STATEMENT_FILE
        for n, ln in enumerate(lines, 1):
            if not ln or ln.startswith("#"):
                continue
            where = f"{path}:{n}"
            cols = ln.split("\t")
            if not rep.check(len(cols) == 4, where,
                             f"expected 4 TAB columns, got {len(cols)}"):
                continue
            code, typ, mode, pat = cols
            total += 1
            errs = []
            if is_stmt:
                if typ != "-":
                    errs.append(f"statement.txt needs TYPE '-', got {typ!r}")
                if mode != "-":
                    errs.append(f"statement.txt needs MODE '-', got {mode!r}")
            elif typ not in TYPES:
                errs.append(f"unknown PLOVER type {typ!r}")
            else:
                per_type[typ] += 1
                if fn != typ.lower() + ".txt" and fn not in MIXED_FILES:
                    errs.append(f"type {typ} in {fn}")
                if mode != "-" and mode not in MODES[typ].split():
                    errs.append(f"mode {mode!r} is not a {typ} mode")
            if code not in cameo:
                errs.append(f"CAMEO code {code!r} not in cameo.tsv")
            elif typ in ROOTS and code[:2] not in ROOTS[typ]:
                errs.append(f"CAMEO root {code[:2]} unexpected for {typ}")
            try:
                errs.extend(pattern_errors(expand_classes(pat, classes or {})))
            except KeyError as k:
                errs.append(f"unknown word class &{k.args[0]} (classes.tsv)")
            if pat in seen:
                w0, t0 = seen[pat]
                errs.append(f"duplicate pattern (also {w0}, type {t0})")
            else:
                seen[pat] = (where, typ)
            rep.check(not errs, where, "; ".join(errs) + f"  [{pat}]")
    rep.check(total >= MIN_TOTAL, pdir, f"{total} patterns, need >= {MIN_TOTAL}")
    for t in TYPES:
        rep.check(per_type[t] >= MIN_PER_TYPE, pdir,
                  f"{t}: {per_type[t]} patterns, need >= {MIN_PER_TYPE}")
    return total, per_type


def self_test(rep):
    """The syntax checker itself rejects what data/README.md does not allow."""
    good = ["meet with $T", "@talk between $S and $T", "impose .. sanctions on $T",
            "hold (a|the) call", "@call", "send .. weapons|arms to $T"]
    bad = ["Meet $T", "meet .. .. $T", "meet $T $T", "meet $S and $T",
           "@talk $S", "meet with @them", "meet with ..", "a|b $T", "meet (x",
           "meet with  $T", "meet [x]"]
    for p in good:
        rep.check(not pattern_errors(p), "self-test", f"rejected valid {p!r}")
    for p in bad:
        rep.check(bool(pattern_errors(p)), "self-test", f"accepted invalid {p!r}")
    cls = {"arms": "tanks|jets"}
    rep.check(expand_classes("send .. &arms to $T", cls) == "send .. tanks|jets to $T" and
              expand_classes("send (&arms)", cls) == "send (tanks|jets)", "self-test", "word classes not expanded")
    try:
        expand_classes("send .. &guns to $T", cls)
        rep.check(False, "self-test", "unknown word class accepted")
    except KeyError:
        pass


def check_conflicts(data, rep):
    """conflicts.tsv: two known actor keys, dates in order, a name."""
    import datetime
    keys = set()
    for f, col in (("countries.tsv", 0), ("countries-extra.tsv", 0), ("orgs.tsv", 0)):
        path = os.path.join(data, "actors", f)
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                if line.strip() and not line.startswith("#"):
                    keys.add(line.split("\t")[col])
    path = os.path.join(data, "patterns", "conflicts.tsv")
    if not os.path.exists(path):
        return
    n = 0
    for no, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        where = f"conflicts.tsv:{no}"
        cols = line.split("\t")
        if not rep.check(len(cols) == 5, where, "want SIDE_A, SIDE_B, FROM, TO, name"):
            continue
        a, b, frm, to, name = cols
        rep.check(a in keys and b in keys and a != b, where, f"unknown or equal keys {a!r} {b!r}")
        try:
            d0 = datetime.date.fromisoformat(frm)
            d1 = datetime.date.max if to == "-" else datetime.date.fromisoformat(to)
            rep.check(d0 <= d1, where, "FROM after TO")
        except ValueError:
            rep.check(False, where, "dates are YYYY-MM-DD (TO may be -)")
        rep.check(bool(name.strip()), where, "no name")
        n += 1
    rep.check(n > 0, "conflicts.tsv", "no wars listed")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "data")
    data = os.path.normpath(data)
    pdir = os.path.join(data, "patterns")
    rep = Report()
    self_test(rep)
    cameo = load_cameo(os.path.join(pdir, "cameo.tsv"), rep)
    classes = load_classes(os.path.join(pdir, "classes.tsv"), rep)
    total, per_type = check_patterns(pdir, cameo, rep, classes)
    check_conflicts(data, rep)
    print("patterns: %d (%s)" % (total, ", ".join(f"{t} {n}" for t, n in per_type.items())))
    print(f"{rep.passed} passed, {rep.failed} failed")
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
